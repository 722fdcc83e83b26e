import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { can, secretariatNetworks } from "../../platform/access/authorize.ts";
import { authorized } from "../../platform/access/page-access.ts";
import { sendStoredFile } from "../../platform/files/send.ts";
import { NotFoundError, type Result } from "../../platform/http/errors.ts";
import { dbId, optionalId, parseOrBadRequest, query } from "../../platform/http/validation.ts";
import { sendXlsx } from "../../platform/http/xlsx.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../platform/ui/components.tsx";
import { slugParam } from "../networks/index.ts";
import type { PartKind } from "./revisions/compare.ts";
import { compareRevisions } from "./revisions/compare.ts";
import { strategyFromPath } from "./params.ts";
import { STRATEGY_STATUSES } from "./schema.ts";
import type { Strategy } from "./strategies.repo.ts";
import { isEditable, type StrategyService } from "./strategies.service.ts";
import {
  measureStatusLabel,
  NotEditablePage,
  PartEditPage,
  StrategyFormPage,
  type StrategyForms,
  StrategyListPage,
  StrategyPage,
} from "./strategies.views.tsx";

type Detail = Awaited<ReturnType<StrategyService["detail"]>>;

const strategyParams = z.object({ id: dbId });
const partParams = strategyParams.extend({ partId: dbId });
const listQuery = query({
  network: slugParam.shape.slug.optional(),
  status: z.enum(STRATEGY_STATUSES).optional(),
});
/** The owner chosen for a new strategy: an organisation ("o:12") or a network ("n:3"). */
const ownerField = z.string().regex(/^[on]:\d{1,9}$/, "errors.choice");

/** The parts of a strategy by their path segment, with the section of the page each is in. */
const PARTS = {
  goals: { part: "goal", anchor: "goals-heading" },
  "focus-areas": { part: "focusArea", anchor: "areas-heading" },
  measures: { part: "measure", anchor: "plan-heading" },
} as const;

export function strategyRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { strategies, networks, access, directory } = services;
  const strategyInPath = strategyFromPath(strategies);

  app.get("/strategies", { config: { policy: "public" } }, async (req, reply) => {
    const filter = parseOrBadRequest(listQuery, req.query);
    const network = filter.network ? await networks.get(filter.network) : undefined;
    const [items, networkList] = await Promise.all([
      strategies.repo.list({ networkId: network?.id, status: filter.status }),
      networks.repo.switcher(),
    ]);
    const { t } = req.i18n;
    return reply.page(
      <StrategyListPage
        ctx={req.pageContext()}
        items={items}
        filter={filter}
        networks={networkList.map((n) => ({ value: n.slug, label: n.name }))}
        canCreate={can(req.actor, "strategy.create")}
      />,
      { title: t("strategy.listTitle"), crumbs: [{ href: "/", label: "Samverk" }, { label: t("strategy.listTitle") }] },
    );
  });

  /** Whose strategies the actor may start: the organisations it acts for and the networks it runs. */
  const ownerOptions = async (actor: Actor) => {
    const [organisations, networkList] = await Promise.all([access.organisationsActingFor(actor), networks.repo.switcher()]);
    const run = actor.isAdmin ? networkList : networkList.filter((n) => secretariatNetworks(actor).includes(n.id));
    return [
      ...run.map((n) => ({ value: `n:${n.id}`, label: n.name })),
      ...organisations.map((o) => ({ value: `o:${o.id}`, label: o.name })),
    ];
  };

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { actor } = authorized(req);
    const { t } = req.i18n;
    const title = t("strategy.new");
    return reply.page(
      <StrategyFormPage
        ctx={req.pageContext()}
        form={form}
        title={title}
        action="/strategies"
        cancelHref="/strategies"
        owners={await ownerOptions(actor)}
        templates={(await strategies.repo.list({})).map((i) => ({
          value: String(i.strategy.id),
          label: `${i.strategy.title} (${i.ownerName}, ${i.strategy.firstYear}–${i.strategy.lastYear})`,
        }))}
      />,
      {
        title,
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: "/strategies", label: t("strategy.listTitle") }, { label: title }],
      },
    );
  };

  app.get("/strategies/new", { config: { policy: "strategy.create" } }, (req, reply) => {
    const year = Number(osloToday().slice(0, 4));
    return renderNew(req, reply, emptyForm({ firstYear: String(year), lastYear: String(year + 3), status: "draft" }));
  });

  app.post("/strategies", { config: { storedOnce: true, policy: "strategy.create" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const owner = ownerField.safeParse(body.owner);
    if (!owner.success) return renderNew(req, reply, submittedForm(body, [{ field: "owner", key: "errors.choice" }]));
    const [kind, raw] = owner.data.split(":") as ["o" | "n", string];
    const ownerRef = kind === "o" ? { organisationId: Number(raw) } : { networkId: Number(raw) };
    if (kind === "o" && !(await directory.organisations.byId(Number(raw))))
      return renderNew(req, reply, submittedForm(body, [{ field: "owner", key: "errors.choice" }]));
    if (kind === "n" && !(await networks.repo.byId(Number(raw))))
      return renderNew(req, reply, submittedForm(body, [{ field: "owner", key: "errors.choice" }]));
    const resource = await strategies.resourceOf({ organisationId: null, networkId: null, ...ownerRef });
    if (!can(actor, "strategy.edit", resource))
      return renderNew(req, reply, submittedForm(body, [{ field: "owner", key: "errors.notYourOrganisation" }]));
    const template = optionalId.safeParse(body.templateId);
    if (!template.success) return renderNew(req, reply, submittedForm(body, [{ field: "templateId", key: "errors.choice" }]));
    const result = await strategies.create(actor, ownerRef, body, template.data);
    if (!result.ok) return renderNew(req, reply, submittedForm(body, result.errors));
    return reply.redirect(`/strategies/${result.value.id}?saved=1`, 303);
  });

  const renderStrategy = async (req: FastifyRequest, reply: FastifyReply, forms: Partial<StrategyForms> = {}) => {
    const { id } = parseOrBadRequest(strategyParams, req.params);
    const detail = await strategies.detail(id);
    const { strategy } = detail;
    const resource = await strategies.resourceOf(strategy);
    const canEdit = can(req.actor, "strategy.edit", resource);
    const network = strategy.networkId ? await networks.repo.byId(strategy.networkId) : undefined;
    const organisation = strategy.organisationId ? await directory.organisations.byId(strategy.organisationId) : undefined;
    const options = canEdit ? await measureOptions(strategy) : { responsibleOptions: [], projectOptions: [], benefitOptions: [] };
    const changes = detail.previous ? compareRevisions(await strategies.detail(detail.previous.id), detail) : null;
    const { t } = req.i18n;
    const saved = (req.query as Record<string, unknown>).saved === "1";
    const failed = Object.values(forms).some((f) => (f && "errors" in f ? f.errors.length : f?.form.errors.length));
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <StrategyPage
          ctx={req.pageContext()}
          detail={detail}
          ownerName={network?.name ?? organisation?.name ?? ""}
          ownerHref={network ? `/n/${network.slug}` : `/organisations/${strategy.organisationId}`}
          canEdit={canEdit}
          forms={{
            goal: forms.goal ?? emptyForm(),
            focusArea: forms.focusArea ?? emptyForm(),
            measure: forms.measure ?? emptyForm(),
            adopt: forms.adopt ?? emptyForm(),
            document: forms.document ?? emptyForm(),
            ...(forms.report ? { report: forms.report } : {}),
            ...(forms.refusal ? { refusal: forms.refusal } : {}),
          }}
          {...options}
          maxUploadMb={config.SAMVERK_UPLOAD_MAX_MB}
          canConsult={can(req.actor, "consultation.manage", strategy)}
          consultations={(await services.consultations.repo.ofStrategy(strategy.id)).filter(
            // Review rounds are for the network's own people.
            (c) => c.audience !== "bodies" || can(req.actor, "consultation.summary", c),
          )}
          changes={changes}
        />
      </>,
      {
        title: strategy.title,
        ...(network ? { network } : {}),
        status: failed ? 422 : 200,
        crumbs: [{ href: "/strategies", label: t("strategy.listTitle") }, { label: strategy.title }],
      },
    );
  };

  app.get("/strategies/:id", { config: { policy: "public" } }, (req, reply) => renderStrategy(req, reply));

  /** The action plan as a workbook: a row a measure, with its focus area, goal, responsible, deadline and status. */
  app.get("/strategies/:id/plan.xlsx", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(strategyParams, req.params);
    const { strategy, focusAreas, measures } = await strategies.detail(id);
    const { t } = req.i18n;
    const area = new Map(focusAreas.map((a) => [a.id, a.title]));
    return sendXlsx(
      reply,
      `handlingsplan-${strategy.id}.xlsx`,
      [
        t("strategy.focusArea"),
        t("strategy.measure"),
        t("strategy.concreteGoal"),
        t("strategy.indicator"),
        t("strategy.benefits"),
        t("strategy.responsible"),
        t("strategy.deadline"),
        t("strategy.years"),
        t("strategy.statusLabel"),
        t("strategy.comment"),
        t("strategy.projects"),
      ],
      measures.map((m) => [
        m.focusAreaId ? area.get(m.focusAreaId) : "",
        m.description,
        m.goal,
        m.indicator,
        [m.expectedBenefits, ...m.benefits.map((b) => b.title)].filter(Boolean).join("; "),
        [m.responsibleName, m.responsible].filter(Boolean).join(", "),
        m.deadlineDate ?? m.deadlineYear,
        m.years.join(", "),
        measureStatusLabel(t, m.status),
        m.statusComment,
        m.projects.map((p) => p.title).join(", "),
      ]),
    );
  });

  /** What a measure of this strategy may name: the responsible organisations, and the portfolio's projects and benefits. */
  const measureOptions = async (strategy: Strategy) => {
    const networkIds = strategy.networkId ? [strategy.networkId] : (await strategies.resourceOf(strategy)).networkIds;
    const [responsible, projectOptions, benefitOptions] = await Promise.all([
      strategy.networkId
        ? strategies.repo.networkMembers(strategy.networkId)
        : directory.organisations.byId(strategy.organisationId!).then((o) => (o ? [{ id: o.id, name: o.name }] : [])),
      strategies.repo.projectOptions([...networkIds]),
      strategies.repo.benefitOptions([...networkIds]),
    ]);
    return {
      responsibleOptions: responsible.map((o) => ({ value: String(o.id), label: o.name })),
      projectOptions: projectOptions.map((p) => ({ value: String(p.id), label: p.title })),
      benefitOptions: benefitOptions.map((b) => ({ value: String(b.id), label: `${b.title} (${b.projectTitle})` })),
    };
  };

  /** A part's current values as its form shows them. */
  const partValues = (detail: Awaited<ReturnType<typeof strategies.detail>>, part: PartKind, partId: number) => {
    const strings = (ids: number[]) => ids.map(String);
    if (part === "goal") return detail.goals.find((g) => g.id === partId);
    if (part === "focusArea") {
      const a = detail.focusAreas.find((x) => x.id === partId);
      return a && { ...a, goalIds: strings(a.goalIds) };
    }
    const m = detail.measures.find((x) => x.id === partId);
    return (
      m && {
        ...m,
        focusAreaId: m.focusAreaId ? String(m.focusAreaId) : "",
        responsibleOrganisationId: m.responsibleOrganisationId ? String(m.responsibleOrganisationId) : "",
        deadlineYear: m.deadlineYear ? String(m.deadlineYear) : "",
        deadlineDate: m.deadlineDate ?? "",
        years: strings(m.years),
        projectIds: strings(m.projects.map((p) => p.id)),
        benefitIds: strings(m.benefits.map((b) => b.id)),
      }
    );
  };

  const renderPartEdit = async (req: FastifyRequest, reply: FastifyReply, part: PartKind, form?: FormState) => {
    const { id, partId } = parseOrBadRequest(partParams, req.params);
    authorized(req, strategyInPath);
    const detail = await strategies.detail(id);
    const values = partValues(detail, part, partId);
    if (!values) throw new NotFoundError();
    const { t } = req.i18n;
    const title = t(`strategy.editPart.${part}` as "strategy.editPart.goal");
    if (!isEditable(detail.strategy)) return renderNotEditable(req, reply, detail, title);
    const segment = Object.entries(PARTS).find(([, p]) => p.part === part)![0];
    const network = detail.strategy.networkId ? await networks.repo.byId(detail.strategy.networkId) : undefined;
    return reply.page(
      <PartEditPage
        ctx={req.pageContext()}
        detail={detail}
        part={part}
        action={`/strategies/${id}/${segment}/${partId}`}
        form={form ?? emptyForm(values as Record<string, unknown>)}
        {...(part === "measure"
          ? await measureOptions(detail.strategy)
          : { responsibleOptions: [], projectOptions: [], benefitOptions: [] })}
      />,
      {
        title,
        ...(network ? { network } : {}),
        status: form?.errors.length ? 422 : 200,
        crumbs: [
          { href: "/strategies", label: t("strategy.listTitle") },
          { href: `/strategies/${id}`, label: detail.strategy.title },
          { label: title },
        ],
      },
    );
  };

  /** The strategy of the path, which the kernel let the actor change (see strategyInPath). */
  const editable = (req: FastifyRequest) => {
    const { actor } = authorized(req, strategyInPath);
    return { actor, id: parseOrBadRequest(strategyParams, req.params).id };
  };

  /** Answers a command: back to the page's section when it worked, the form with its errors when not. */
  const answer = async <T,>(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    result: Result<T>,
    form: keyof Omit<StrategyForms, "report">,
    anchor: string,
  ) => {
    if (!result.ok) {
      // A frozen strategy is not a mistake in the form: it is said at the top of the page.
      const frozen = result.errors.some((e) => e.field === "_");
      return renderStrategy(req, reply, { [frozen ? "refusal" : form]: submittedForm(req.body, result.errors) });
    }
    return reply.redirect(`/strategies/${id}?saved=1#${anchor}`, 303);
  };

  /** An edit page of an adopted or replaced strategy says so up front, instead of a form saving would refuse. */
  const renderNotEditable = (req: FastifyRequest, reply: FastifyReply, detail: Detail, title: string) =>
    reply.page(<NotEditablePage ctx={req.pageContext()} detail={detail} title={title} />, {
      title,
      crumbs: [
        { href: "/strategies", label: req.i18n.t("strategy.listTitle") },
        { href: `/strategies/${detail.strategy.id}`, label: detail.strategy.title },
        { label: title },
      ],
    });

  const renderEdit = async (req: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const { id } = editable(req);
    const strategy = await strategies.get(id);
    const { t } = req.i18n;
    const title = t("strategy.edit");
    if (!isEditable(strategy)) return renderNotEditable(req, reply, await strategies.detail(id), title);
    return reply.page(
      <StrategyFormPage
        ctx={req.pageContext()}
        form={form ?? emptyForm({ ...strategy, firstYear: String(strategy.firstYear), lastYear: String(strategy.lastYear) })}
        title={title}
        action={`/strategies/${id}`}
        cancelHref={`/strategies/${id}`}
      />,
      {
        title,
        status: form?.errors.length ? 422 : 200,
        crumbs: [
          { href: "/strategies", label: t("strategy.listTitle") },
          { href: `/strategies/${id}`, label: strategy.title },
          { label: title },
        ],
      },
    );
  };

  app.get("/strategies/:id/edit", { config: { policy: "strategy.edit", resource: strategyInPath } }, (req, reply) =>
    renderEdit(req, reply),
  );

  app.post("/strategies/:id", { config: { policy: "strategy.edit", resource: strategyInPath } }, async (req, reply) => {
    const { actor, id } = editable(req);
    const result = await strategies.update(actor, id, req.body);
    if (!result.ok) {
      if (result.errors.some((e) => e.field === "_"))
        return renderStrategy(req, reply, { refusal: submittedForm(req.body, result.errors) });
      return renderEdit(req, reply, submittedForm(req.body, result.errors));
    }
    return reply.redirect(`/strategies/${id}?saved=1`, 303);
  });

  app.post(
    "/strategies/:id/goals",
    { config: { storedOnce: true, policy: "strategy.edit", resource: strategyInPath } },
    async (req, reply) => {
      const { actor, id } = editable(req);
      return answer(req, reply, id, await strategies.addGoal(actor, id, req.body), "goal", "goals-heading");
    },
  );

  app.post(
    "/strategies/:id/focus-areas",
    { config: { storedOnce: true, policy: "strategy.edit", resource: strategyInPath } },
    async (req, reply) => {
      const { actor, id } = editable(req);
      return answer(req, reply, id, await strategies.addFocusArea(actor, id, req.body), "focusArea", "areas-heading");
    },
  );

  app.post(
    "/strategies/:id/measures",
    { config: { storedOnce: true, policy: "strategy.edit", resource: strategyInPath } },
    async (req, reply) => {
      const { actor, id } = editable(req);
      return answer(req, reply, id, await strategies.addMeasure(actor, id, req.body), "measure", "plan-heading");
    },
  );

  for (const [segment, { part, anchor }] of Object.entries(PARTS)) {
    app.get(
      `/strategies/:id/${segment}/:partId/edit`,
      { config: { policy: "strategy.edit", resource: strategyInPath } },
      (req, reply) => renderPartEdit(req, reply, part),
    );
    app.post(
      `/strategies/:id/${segment}/:partId`,
      { config: { policy: "strategy.edit", resource: strategyInPath } },
      async (req, reply) => {
        const { actor, id } = editable(req);
        const { partId } = parseOrBadRequest(partParams, req.params);
        const result = await strategies.updatePart(actor, id, part, partId, req.body);
        if (!result.ok) {
          // A frozen strategy is said at the top of its page; a mistake in the form on the form.
          if (result.errors.some((e) => e.field === "_"))
            return renderStrategy(req, reply, { refusal: submittedForm(req.body, result.errors) });
          return renderPartEdit(req, reply, part, submittedForm(req.body, result.errors));
        }
        return reply.redirect(`/strategies/${id}?saved=1#${anchor}`, 303);
      },
    );
    app.post(
      `/strategies/:id/${segment}/:partId/delete`,
      { config: { policy: "strategy.edit", resource: strategyInPath } },
      async (req, reply) => {
        const { actor, id } = editable(req);
        const { partId } = parseOrBadRequest(partParams, req.params);
        // The only refusal is a frozen strategy, which answer() shows at the top of the page.
        return answer(req, reply, id, await strategies.removePart(actor, id, part, partId), "goal", anchor);
      },
    );
  }

  app.post(
    "/strategies/:id/measures/:partId/report",
    { config: { storedOnce: true, policy: "strategy.edit", resource: strategyInPath } },
    async (req, reply) => {
      const { actor, id } = editable(req);
      const { partId } = parseOrBadRequest(partParams, req.params);
      const result = await strategies.report(actor, id, partId, req.body);
      if (!result.ok) {
        if (result.errors.some((e) => e.field === "_"))
          return renderStrategy(req, reply, { refusal: submittedForm(req.body, result.errors) });
        return renderStrategy(req, reply, { report: { measureId: partId, form: submittedForm(req.body, result.errors) } });
      }
      return reply.redirect(`/strategies/${id}?saved=1#plan-heading`, 303);
    },
  );

  app.post("/strategies/:id/adopt", { config: { policy: "strategy.edit", resource: strategyInPath } }, async (req, reply) => {
    const { actor, id } = editable(req);
    return answer(req, reply, id, await strategies.adopt(actor, id, req.body), "adopt", "adopt-heading");
  });

  app.post(
    "/strategies/:id/document",
    { config: { policy: "strategy.edit", resource: strategyInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { actor, id } = editable(req);
      const result = await strategies.attachDocument(actor, id, req.body, config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024);
      // The file cannot be put back into the form; a refusal of the whole strategy is said at the top.
      if (!result.ok)
        return renderStrategy(req, reply, {
          [result.errors.some((e) => e.field === "_") ? "refusal" : "document"]: submittedForm({}, result.errors),
        });
      return reply.redirect(`/strategies/${id}?saved=1`, 303);
    },
  );

  app.get("/strategies/:id/document", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(strategyParams, req.params);
    return sendStoredFile(reply, await strategies.document(id));
  });

  app.post(
    "/strategies/:id/revisions",
    { config: { storedOnce: true, policy: "strategy.edit", resource: strategyInPath } },
    async (req, reply) => {
      const { actor, id } = editable(req);
      const result = await strategies.newRevision(actor, id);
      if (!result.ok) return renderStrategy(req, reply, { refusal: submittedForm({}, result.errors) });
      return reply.redirect(`/strategies/${result.value.id}?saved=1`, 303);
    },
  );
}
