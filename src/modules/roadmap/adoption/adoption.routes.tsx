import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can } from "../../platform/access/authorize.ts";
import { authorized } from "../../platform/access/page-access.ts";
import { isUpload } from "../../platform/files/files.ts";
import { sendCsv } from "../../platform/http/csv.ts";
import { dbId, idParam, pageParam, parseOrBadRequest, query } from "../../platform/http/validation.ts";
import { sendXlsx } from "../../platform/http/xlsx.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../platform/ui/components.tsx";
import { networkBySlug, slugParam } from "../networks/index.ts";
import { MATRIX_PAGE_SIZE, MatrixPage, OrganisationAdoptionPage, statusLabel } from "./adoption.views.tsx";
import { NetworkBudgetPage } from "./budget.views.tsx";
import { AdoptionHistoryPage } from "./history.views.tsx";
import { TEMPLATE_HEADER } from "./import.ts";
import { AdoptionImportPage, type ImportOutcome } from "./import.views.tsx";
import { adoptionScope, adoptionScopeQuery } from "./params.ts";
import { municipalityPlan } from "./plan.ts";
import { MunicipalityRoadmapPage } from "./plan.views.tsx";
import { periodLabel } from "./precision.ts";
import { milestoneKindLabel } from "./roadmap.views.tsx";
import { SOLUTION_CATEGORIES } from "./schema.ts";

const organisationParams = z.object({ id: dbId });
const matrixQuery = query({ ...adoptionScope, category: z.enum(SOLUTION_CATEGORIES).optional(), page: pageParam });

/** The form's s<solution>.<field> fields as one row per solution; rows left unreported are left out. */
export const adoptionRowsFromForm = (body: Record<string, unknown>) => {
  const rows = new Map<string, Record<string, unknown>>();
  for (const [name, value] of Object.entries(body)) {
    const m = name.match(/^s(\d{1,9})\.(solutionId|status|targetDate|sinceDate|comment)$/);
    if (!m) continue;
    const row = rows.get(m[1]!) ?? { solutionId: m[1] };
    row[m[2]!] = value;
    rows.set(m[1]!, row);
  }
  return [...rows.values()].filter((r) => typeof r.status === "string" && r.status !== "");
};

export function adoptionRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { adoption, networks, directory } = services;
  /** What the policies are checked against: the network by :slug, or the municipality by :id (404 if none). */
  const networkInPath = networkBySlug(networks);
  const adopterInPath = async (req: FastifyRequest) => {
    const { id } = parseOrBadRequest(organisationParams, req.params);
    await adoption.adopter(id);
    return services.access.organisationResource(id);
  };

  const renderOrganisation = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm()) => {
    const { id } = parseOrBadRequest(organisationParams, req.params);
    const data = await adoption.ofOrganisation(id);
    const { t } = req.i18n;
    const title = t("adoption.title", { name: data.organisation.name });
    const saved = (req.query as Record<string, unknown>).saved;
    return reply.page(
      <>
        {saved !== undefined ? <Notice kind="success">{t("adoption.saved", { n: Number(saved) || 0 })}</Notice> : null}
        <OrganisationAdoptionPage
          ctx={req.pageContext()}
          data={data}
          canReport={await adoption.reportsFor(req.actor, id)}
          form={form}
        />
      </>,
      {
        title,
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: `/organisations/${id}`, label: data.organisation.name }, { label: title }],
      },
    );
  };

  app.get("/organisations/:id/adoption", { config: { policy: "public" } }, async (req, reply) => renderOrganisation(req, reply));

  app.post(
    "/organisations/:id/adoption",
    { config: { policy: "adoption.report", resource: adopterInPath } },
    async (req, reply) => {
      const { id } = parseOrBadRequest(organisationParams, req.params);
      const { actor } = authorized(req, adopterInPath);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const result = await adoption.report(actor, id, adoptionRowsFromForm(body));
      if (!result.ok) return renderOrganisation(req, reply, submittedForm(body, result.errors));
      return reply.redirect(`/organisations/${id}/adoption?saved=${result.value}`, 303);
    },
  );

  /** A municipality's own roadmap, computed from the roadmap, its size and its adoption. */
  async function planFor(req: FastifyRequest) {
    const { id } = parseOrBadRequest(organisationParams, req.params);
    const organisation = await adoption.adopter(id);
    const { networkIds } = await services.access.organisationResource(id);
    const solutions = await services.roadmap.repo.solutionsFor(networkIds, osloToday());
    const ids = solutions.map((s) => s.id);
    const [milestones, tasks, costs, statuses] = await Promise.all([
      services.roadmap.repo.milestonesOf(ids),
      services.roadmap.repo.tasksOf(ids),
      services.roadmap.repo.costsOf(ids),
      adoption.repo.of([id]),
    ]);
    const plan = municipalityPlan({
      today: osloToday(),
      population: organisation.population,
      solutions,
      milestones,
      tasks,
      costs,
      statuses,
    });
    return { organisation, plan };
  }

  app.get("/organisations/:id/roadmap", { config: { policy: "public" } }, async (req, reply) => {
    const { organisation, plan } = await planFor(req);
    const title = req.i18n.t("plan.title", { name: organisation.name });
    return reply.page(<MunicipalityRoadmapPage ctx={req.pageContext()} organisation={organisation} plan={plan} />, {
      title,
      crumbs: [{ href: `/organisations/${organisation.id}`, label: organisation.name }, { label: title }],
    });
  });

  /** The plan as one list, for the CSV and the Excel download alike. */
  async function planTable(req: FastifyRequest) {
    const { organisation, plan } = await planFor(req);
    const { t } = req.i18n;
    const header = [
      t("plan.part"),
      t("roadmap.name"),
      t("roadmap.when"),
      t("plan.what"),
      t("roadmap.oneOff"),
      t("roadmap.yearly"),
    ];
    const rows = [
      ...plan.coming.map((m) => [
        t("plan.coming"),
        m.solution,
        periodLabel(req.i18n, m.date, m.precision),
        m.kind === "custom" ? m.label : milestoneKindLabel(t, m.kind),
        null,
        null,
      ]),
      ...plan.startNow.map((task) => [
        t("plan.startNow"),
        task.solution,
        task.startBy,
        `${t(`roadmap.task.${task.kind}` as "roadmap.task.other")}${task.description ? `: ${task.description}` : ""}`,
        null,
        null,
      ]),
      ...plan.budget.map((b) => [
        t("plan.budget", { year: plan.nextYear }),
        b.solution,
        String(plan.nextYear),
        "",
        b.oneOff,
        b.yearly,
      ]),
    ];
    return { header, rows, name: `roadmap-${organisation.code ?? organisation.id}` };
  }

  app.get("/organisations/:id/roadmap.csv", { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows, name } = await planTable(req);
    return sendCsv(reply, `${name}.csv`, header, rows);
  });

  app.get("/organisations/:id/roadmap.xlsx", { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows, name } = await planTable(req);
    return sendXlsx(reply, `${name}.xlsx`, header, rows);
  });

  app.get("/n/:slug/roadmap/budget", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const budget = await adoption.budget(network.id);
    const title = req.i18n.t("budget.title", { network: network.name });
    return reply.page(<NetworkBudgetPage ctx={req.pageContext()} network={network} budget={budget} />, {
      title,
      network,
      crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
    });
  });

  /** The budget as one list, per member and then per solution, for the CSV and the Excel download alike. */
  async function budgetTable(req: FastifyRequest) {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const budget = await adoption.budget(network.id);
    const { t } = req.i18n;
    const header = [t("plan.part"), t("roadmap.name"), ...budget.years.map(String)];
    const rows = [
      ...budget.members.map((m) => [t("budget.member"), m.member.name, ...m.perYear]),
      ...budget.solutions.map((s) => [t("roadmap.name"), s.solution.name, ...s.perYear]),
      [t("plan.total"), network.name, ...budget.totals],
    ];
    return { header, rows, name: `budget-${network.slug}` };
  }

  app.get("/n/:slug/roadmap/budget.csv", { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows, name } = await budgetTable(req);
    return sendCsv(reply, `${name}.csv`, header, rows);
  });

  app.get("/n/:slug/roadmap/budget.xlsx", { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows, name } = await budgetTable(req);
    return sendXlsx(reply, `${name}.xlsx`, header, rows);
  });

  // Bulk update by the secretariat: a CSV file checked row by row, applied only when every row is right.

  const importNetwork = (req: FastifyRequest) => {
    const { actor, resource: network } = authorized(req, networkInPath);
    return { network, actor };
  };

  const renderImport = async (req: FastifyRequest, reply: FastifyReply, form: FormState, outcome?: ImportOutcome) => {
    const { network } = importNetwork(req);
    const title = req.i18n.t("import.title", { network: network.name });
    const refused = form.errors.length > 0 || (outcome !== undefined && !outcome.applied);
    return reply.page(<AdoptionImportPage ctx={req.pageContext()} network={network} form={form} outcome={outcome} />, {
      title,
      network,
      status: refused ? 422 : 200,
      crumbs: [
        { href: `/n/${network.slug}`, label: network.name },
        { href: `/roadmap/adoption?network=${network.slug}`, label: req.i18n.t("adoption.matrixTitle") },
        { label: req.i18n.t("import.link") },
      ],
    });
  };

  app.get("/n/:slug/adoption/import", { config: { policy: "adoption.import", resource: networkInPath } }, (req, reply) =>
    renderImport(req, reply, emptyForm()),
  );

  app.post(
    "/n/:slug/adoption/import",
    { config: { policy: "adoption.import", resource: networkInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { network, actor } = importNetwork(req);
      const file = (req.body as Record<string, unknown> | undefined)?.file;
      if (!isUpload(file) || file.data.length === 0)
        return renderImport(req, reply, submittedForm({}, [{ field: "file", key: "errors.import.noFile" }]));
      if (file.truncated)
        return renderImport(
          req,
          reply,
          submittedForm({}, [{ field: "file", key: "errors.fileTooLarge", params: { mb: config.SAMVERK_UPLOAD_MAX_MB } }]),
        );
      const result = await adoption.importCsv(actor, network.id, file.data);
      if (!result.ok) return renderImport(req, reply, submittedForm({}, [{ field: "file", ...result.malformed }]));
      return renderImport(req, reply, emptyForm(), result);
    },
  );

  /** The members' statuses today, in the upload format: download, edit, upload again. */
  app.get(
    "/n/:slug/adoption/template.csv",
    { config: { policy: "adoption.import", resource: networkInPath } },
    async (req, reply) => {
      const { network } = importNetwork(req);
      const matrix = await adoption.matrix({ networkId: network.id });
      const { t } = req.i18n;
      const rows = matrix.adopters.flatMap((a) =>
        matrix.solutions.map((s) => {
          const now = matrix.statusOf(a.id, s.id);
          return [
            a.code,
            s.key,
            now ? statusLabel(t, now.status) : "",
            now?.targetDate ?? now?.sinceDate ?? "",
            now?.comment ?? "",
          ];
        }),
      );
      return sendCsv(reply, `adoption-${network.slug}.csv`, TEMPLATE_HEADER, rows);
    },
  );

  app.get("/roadmap/:id/adoption", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParam, req.params);
    const filter = parseOrBadRequest(adoptionScopeQuery, req.query);
    const solution = await services.roadmap.resource(id);
    const network = filter.network ? await networks.get(filter.network) : undefined;
    const [history, networkList, counties] = await Promise.all([
      adoption.overTime(id, { networkId: network?.id, countyCode: filter.county }),
      networks.repo.switcher(),
      directory.organisations.byKind("county"),
    ]);
    const title = req.i18n.t("overTime.title", { name: solution.name });
    return reply.page(
      <AdoptionHistoryPage
        ctx={req.pageContext()}
        solution={solution}
        {...history}
        filter={filter}
        networks={networkList.map((n) => ({ value: n.slug, label: n.name }))}
        counties={counties.map((c) => ({ value: c.code ?? "", label: c.nameNorwegian }))}
      />,
      {
        title,
        crumbs: [
          { href: "/roadmap", label: req.i18n.t("roadmap.catalogueTitle") },
          { href: `/roadmap/${id}`, label: solution.name },
          { label: req.i18n.t("overTime.link") },
        ],
      },
    );
  });

  app.get("/roadmap/adoption", { config: { policy: "public" } }, async (req, reply) => {
    const filter = parseOrBadRequest(matrixQuery, req.query);
    const network = filter.network ? await networks.get(filter.network) : undefined;
    const [matrix, networkList, counties] = await Promise.all([
      adoption.matrix(
        { networkId: network?.id, countyCode: filter.county, category: filter.category },
        { offset: (filter.page - 1) * MATRIX_PAGE_SIZE, limit: MATRIX_PAGE_SIZE },
      ),
      networks.repo.switcher(),
      directory.organisations.byKind("county"),
    ]);
    const { t } = req.i18n;
    return reply.page(
      <MatrixPage
        ctx={req.pageContext()}
        matrix={matrix}
        filter={filter}
        networks={networkList.map((n) => ({ value: n.slug, label: n.name }))}
        counties={counties.map((c) => ({ value: c.code ?? "", label: c.nameNorwegian }))}
        network={network ? { slug: network.slug, canImport: can(req.actor, "adoption.import", network) } : undefined}
      />,
      {
        title: t("adoption.matrixTitle"),
        ...(network ? { network } : {}),
        crumbs: [{ href: "/roadmap", label: t("roadmap.catalogueTitle") }, { label: t("adoption.matrixTitle") }],
      },
    );
  });
}
