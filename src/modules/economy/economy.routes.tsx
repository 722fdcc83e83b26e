import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { authorized } from "../../platform/access/page-access.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { formRoute } from "../../platform/http/form-route.ts";
import { sendTable } from "../../platform/http/table-file.ts";
import { dbId, parseOrBadRequest, wholeNumber } from "../../platform/http/validation.ts";
import type { I18n } from "../../platform/i18n/i18n.ts";
import { labelFor, osloToday } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState } from "../../platform/ui/components.tsx";
import { savedNotice } from "../../platform/ui/saved-notice.tsx";
import { slugParam } from "../networks/index.ts";
import type { Budget } from "./economy.repo.ts";
import { type FeeStatement, isIncome, releasedAmount, settingsFormValues, YEAR_MAX, YEAR_MIN } from "./economy.service.ts";
import {
  BudgetPage,
  base,
  howText,
  LinePage,
  ReleasedPage,
  SettingsPage,
  StatementPage,
  sourceText,
  YearsPage,
} from "./economy.views.tsx";

const yearParams = slugParam.extend({ year: wholeNumber(YEAR_MIN, YEAR_MAX) });
const lineParams = yearParams.extend({ lineId: dbId });
const releasedParams = yearParams.extend({ releasedId: dbId });
const statementParams = yearParams.extend({ organisationId: dbId });

type NetworkRef = { id: number; slug: string; name: string };

/** The fee statements as rows of a file: the same columns in CSV and xlsx, in the reader's language. */
export function statementFile(i18n: I18n, budget: Budget, statements: readonly FeeStatement[]) {
  const { t, number, date } = i18n;
  const header = [
    t("economy.member"),
    t("economy.level"),
    t("economy.population"),
    t("economy.populationSource"),
    t("economy.how"),
    { header: t("economy.fee"), kind: "kroner" as const },
    t("economy.releasedHours"),
    { header: t("economy.releasedBack"), kind: "kroner" as const },
    { header: t("economy.net"), kind: "kroner" as const },
  ];
  const rows = statements.map((s) => [
    s.name,
    s.level ? labelFor(t, "membership.level", s.level as never) : "",
    s.pays ? s.population : null,
    s.pays ? sourceText(t, date, s.source, budget.populationOn) : "",
    howText(t, number, budget, s),
    s.fee,
    s.releasedHours,
    s.releasedAmount,
    s.net,
  ]);
  return { header, rows };
}

/** The network's economy: its years, a year's budget with fees and released time, the statements. */
export function economyRoutes(app: FastifyInstance, { services }: AppContext) {
  const { economy, networks } = services;
  const networkInPath = async (req: FastifyRequest) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    return { networkId: network.id, network: network as NetworkRef };
  };
  /**
   * The budget of :year for the secretariat's routes. A missing one is a 404 only after the policy, so
   * nobody outside the network learns from the answer which years it has budgets for.
   */
  const budgetInPath = async (req: FastifyRequest) => {
    const { slug, year } = parseOrBadRequest(yearParams, req.params);
    const network = await networks.get(slug);
    return { networkId: network.id, network: network as NetworkRef, found: await economy.repo.budget(network.id, year) };
  };
  type BudgetInPath = Awaited<ReturnType<typeof budgetInPath>>;
  const budgetOf = (r: BudgetInPath): Budget => {
    if (!r.found) throw new NotFoundError();
    return r.found;
  };
  const crumbs = (network: NetworkRef, t: I18n["t"], year?: number, last?: string) => [
    { href: `/n/${network.slug}`, label: network.name },
    ...(year
      ? [
          { href: base(network), label: t("economy.nav") },
          ...(last ? [{ href: base(network, year), label: String(year) }, { label: last }] : [{ label: String(year) }]),
        ]
      : [{ label: t("economy.nav") }]),
  ];

  const yearsPage = async (req: FastifyRequest, reply: FastifyReply, network: NetworkRef, form?: FormState) => {
    const { t } = req.i18n;
    const manage = can(req.actor, "economy.manage", { networkId: network.id });
    const years = await economy.years(network.id, req.actor);
    const next = (years[0]?.budget.year ?? Number(osloToday().slice(0, 4)) - 1) + 1;
    const shown = manage
      ? (form ?? emptyForm({ year: next, visibility: "network", copyPrevious: years.length ? ["1"] : [] }))
      : null;
    const title = t("economy.title", { name: network.name });
    return reply.page(
      <YearsPage ctx={req.pageContext()} network={network} years={years} form={shown} saved={savedNotice(req)} />,
      { title, network, crumbs: crumbs(network, t), forms: shown ? [shown] : [] },
    );
  };

  app.get("/n/:slug/economy", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    return yearsPage(req, reply, network);
  });

  formRoute(app, {
    path: "/n/:slug/economy",
    policy: "economy.manage",
    resource: networkInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, r) => yearsPage(req, reply, r.network, form),
    submit: (actor, r, body) => economy.create(actor, r.networkId, body),
    done: (b, r) => `${base(r.network, b.year)}?saved=1`,
  });

  const budgetPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    network: NetworkRef,
    year: number,
    forms: { line?: FormState; released?: FormState } = {},
  ) => {
    const { t } = req.i18n;
    const view = await economy.view(network.id, year, req.actor);
    const manage = can(req.actor, "economy.manage", { networkId: network.id });
    const lineForm = forms.line ?? { ...emptyForm({ category: "other_cost" }), idPrefix: "line-" };
    const releasedForm = forms.released ?? { ...emptyForm(), idPrefix: "released-" };
    const choices = manage ? await economy.releasedChoices(network.id) : null;
    const title = t("economy.budgetTitle", { year, name: network.name });
    return reply.page(
      <BudgetPage
        ctx={req.pageContext()}
        network={network}
        view={view}
        manage={manage}
        lineForm={lineForm}
        releasedForm={releasedForm}
        choices={choices}
        saved={savedNotice(req)}
      />,
      { title, network, crumbs: crumbs(network, t, year), forms: manage ? [lineForm, releasedForm] : [] },
    );
  };

  app.get("/n/:slug/economy/:year", { config: { policy: "public" } }, async (req, reply) => {
    const { slug, year } = parseOrBadRequest(yearParams, req.params);
    return budgetPage(req, reply, await networks.get(slug), year);
  });

  // The secretariat's forms.

  const settingsPage = (req: FastifyRequest, reply: FastifyReply, form: FormState, r: BudgetInPath) => {
    const { t } = req.i18n;
    const budget = budgetOf(r);
    const title = t("economy.settingsTitle", { year: budget.year });
    return reply.page(
      <SettingsPage
        ctx={req.pageContext()}
        form={form}
        action={`${base(r.network, budget.year)}/settings`}
        title={title}
        cancelHref={base(r.network, budget.year)}
      />,
      { title, network: r.network, crumbs: crumbs(r.network, t, budget.year, title), forms: [form] },
    );
  };

  formRoute(app, {
    path: "/n/:slug/economy/:year/settings",
    policy: "economy.manage",
    resource: budgetInPath,
    initial: (r) => emptyForm(settingsFormValues(budgetOf(r))),
    show: settingsPage,
    submit: (actor, r, body) => economy.updateSettings(actor, budgetOf(r), body),
    done: (b, r) => `${base(r.network, b.year)}?saved=1#fees-heading`,
  });

  app.post(
    "/n/:slug/economy/:year/delete",
    { config: { policy: "economy.manage", resource: budgetInPath } },
    async (req, reply) => {
      const { actor, resource } = authorized(req, budgetInPath);
      await economy.remove(actor, budgetOf(resource));
      return reply.redirect(`${base(resource.network)}?saved=1`, 303);
    },
  );

  formRoute(app, {
    path: "/n/:slug/economy/:year/lines",
    policy: "economy.manage",
    resource: budgetInPath,
    initial: false,
    show: (req, reply, form, r) => budgetPage(req, reply, r.network, budgetOf(r).year, { line: { ...form, idPrefix: "line-" } }),
    submit: (actor, r, body) => economy.addLine(actor, budgetOf(r), body),
    done: (line, r) =>
      `${base(r.network, budgetOf(r).year)}?saved=1#${isIncome(line.category) ? "income-heading" : "cost-heading"}`,
  });

  const linePage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, r: BudgetInPath) => {
    const { t } = req.i18n;
    const budget = budgetOf(r);
    const line = await economy.getLine(budget, parseOrBadRequest(lineParams, req.params).lineId);
    const title = t("economy.editLine", { label: line.label });
    const url = `${base(r.network, budget.year)}/lines/${line.id}`;
    return reply.page(
      <LinePage
        ctx={req.pageContext()}
        form={form}
        action={url}
        title={title}
        cancelHref={base(r.network, budget.year)}
        deleteAction={`${url}/delete`}
      />,
      { title, network: r.network, crumbs: crumbs(r.network, t, budget.year, title), forms: [form] },
    );
  };

  formRoute(app, {
    path: "/n/:slug/economy/:year/lines/:lineId",
    policy: "economy.manage",
    resource: budgetInPath,
    initial: async (r, req) => {
      const line = await economy.getLine(budgetOf(r), parseOrBadRequest(lineParams, req.params).lineId);
      return emptyForm({ ...line, actual: line.actual ?? "" });
    },
    show: linePage,
    submit: (actor, r, body, req) =>
      economy.updateLine(actor, budgetOf(r), parseOrBadRequest(lineParams, req.params).lineId, body),
    done: (_, r) => `${base(r.network, budgetOf(r).year)}?saved=1`,
  });

  app.post(
    "/n/:slug/economy/:year/lines/:lineId/delete",
    { config: { policy: "economy.manage", resource: budgetInPath } },
    async (req, reply) => {
      const { actor, resource } = authorized(req, budgetInPath);
      const budget = budgetOf(resource);
      await economy.removeLine(actor, budget, parseOrBadRequest(lineParams, req.params).lineId);
      return reply.redirect(`${base(resource.network, budget.year)}?saved=1`, 303);
    },
  );

  formRoute(app, {
    path: "/n/:slug/economy/:year/released",
    policy: "economy.manage",
    resource: budgetInPath,
    initial: false,
    show: (req, reply, form, r) =>
      budgetPage(req, reply, r.network, budgetOf(r).year, { released: { ...form, idPrefix: "released-" } }),
    submit: (actor, r, body) => economy.addReleased(actor, budgetOf(r), body),
    done: (_, r) => `${base(r.network, budgetOf(r).year)}?saved=1#released-heading`,
  });

  const releasedPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, r: BudgetInPath) => {
    const { t } = req.i18n;
    const budget = budgetOf(r);
    const row = await economy.getReleased(budget, parseOrBadRequest(releasedParams, req.params).releasedId);
    const title = t("economy.editReleased", { name: row.personName });
    const url = `${base(r.network, budget.year)}/released/${row.id}`;
    return reply.page(
      <ReleasedPage
        ctx={req.pageContext()}
        form={form}
        action={url}
        title={title}
        cancelHref={`${base(r.network, budget.year)}#released-heading`}
        deleteAction={`${url}/delete`}
        choices={await economy.releasedChoices(r.networkId)}
      />,
      { title, network: r.network, crumbs: crumbs(r.network, t, budget.year, title), forms: [form] },
    );
  };

  formRoute(app, {
    path: "/n/:slug/economy/:year/released/:releasedId",
    policy: "economy.manage",
    resource: budgetInPath,
    initial: async (r, req) => {
      const row = await economy.getReleased(budgetOf(r), parseOrBadRequest(releasedParams, req.params).releasedId);
      return emptyForm({
        ...row,
        personId: row.personId ?? "",
        personName: row.personId ? "" : row.personName,
        bodyId: row.bodyId ?? "",
        hours: String(row.hours).replace(".", req.i18n.locale === "en" ? "." : ","),
      });
    },
    show: releasedPage,
    submit: (actor, r, body, req) =>
      economy.updateReleased(actor, budgetOf(r), parseOrBadRequest(releasedParams, req.params).releasedId, body),
    done: (_, r) => `${base(r.network, budgetOf(r).year)}?saved=1#released-heading`,
  });

  app.post(
    "/n/:slug/economy/:year/released/:releasedId/delete",
    { config: { policy: "economy.manage", resource: budgetInPath } },
    async (req, reply) => {
      const { actor, resource } = authorized(req, budgetInPath);
      const budget = budgetOf(resource);
      await economy.removeReleased(actor, budget, parseOrBadRequest(releasedParams, req.params).releasedId);
      return reply.redirect(`${base(resource.network, budget.year)}?saved=1#released-heading`, 303);
    },
  );

  // Fee statements: every member's as a file, one member's as a page to print and as a file; readers by the budget's visibility.

  for (const format of ["csv", "xlsx"] as const)
    app.get(`/n/:slug/economy/:year/fees.${format}`, { config: { policy: "public" } }, async (req, reply) => {
      const { slug, year } = parseOrBadRequest(yearParams, req.params);
      const network = await networks.get(slug);
      const view = await economy.view(network.id, year, req.actor);
      const { header, rows } = statementFile(req.i18n, view.budget, view.statements);
      const name = `${network.slug}-fees-${year}`;
      if (view.budget.visibility !== "public") reply.header("cache-control", "no-store");
      return sendTable(reply, format, { name, sheet: req.i18n.t("economy.fees"), columns: header, rows });
    });

  app.get("/n/:slug/economy/:year/fees/:organisationId", { config: { policy: "public" } }, async (req, reply) => {
    const { slug, year, organisationId } = parseOrBadRequest(statementParams, req.params);
    const network = await networks.get(slug);
    const { view, statement, released } = await economy.statement(network.id, year, organisationId, req.actor);
    const title = req.i18n.t("economy.statementTitle", { name: statement.name, year });
    return reply.page(
      <StatementPage
        ctx={req.pageContext()}
        network={network}
        budget={view.budget}
        statement={statement}
        released={released}
        releasedDetail={view.releasedDetail}
      />,
      { title, network, crumbs: crumbs(network, req.i18n.t, year, statement.name) },
    );
  });

  for (const format of ["csv", "xlsx"] as const)
    app.get(
      `/n/:slug/economy/:year/fees/:organisationId/statement.${format}`,
      { config: { policy: "public" } },
      async (req, reply) => {
        const { slug, year, organisationId } = parseOrBadRequest(statementParams, req.params);
        const network = await networks.get(slug);
        const { view, statement, released } = await economy.statement(network.id, year, organisationId, req.actor);
        const { t } = req.i18n;
        const file = statementFile(req.i18n, view.budget, [statement]);
        // The statement's line, then (for the network's people only) the released time it pays back, row by row.
        const rows: unknown[][] = view.releasedDetail
          ? [
              ...file.rows,
              [],
              [
                t("economy.who"),
                t("economy.body"),
                t("economy.hours"),
                t("economy.rate"),
                t("economy.amount"),
                t("economy.note"),
              ],
              ...released.map((r) => [r.personName, r.bodyName ?? "", r.hours, r.rate, releasedAmount(r), r.note]),
            ]
          : file.rows;
        const name = `${network.slug}-fee-${year}-${organisationId}`;
        if (view.budget.visibility !== "public") reply.header("cache-control", "no-store");
        return sendTable(reply, format, { name, sheet: t("economy.fees"), columns: file.header, rows });
      },
    );
}
