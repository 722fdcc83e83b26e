import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can } from "../../../platform/access/authorize.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { dbId, pageParam, parseOrBadRequest, query } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, Notice } from "../../../platform/ui/components.tsx";
import { adoptionScope } from "../params.ts";
import { SOLUTION_CATEGORIES } from "../schema.ts";
import { MATRIX_PAGE_SIZE, MatrixPage, OrganisationAdoptionPage } from "./adoption.views.tsx";

const organisationParams = z.object({ id: dbId });
/** The organisation named by the path's :id (400 if it is not an id). */
const organisationId = (req: FastifyRequest) => parseOrBadRequest(organisationParams, req.params).id;
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

/** Where municipalities stand with each solution: one organisation's statuses and report, and the matrix of all. */
export function adoptionRoutes(app: FastifyInstance, { services }: AppContext) {
  const { adoption, networks, directory } = services;
  /** What reporting is checked against: the municipality by :id (404 if none). */
  const adopterInPath = async (req: FastifyRequest) => {
    const id = organisationId(req);
    await adoption.adopter(id);
    return services.access.organisationResource(id);
  };

  const renderOrganisation = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm()) => {
    const id = organisationId(req);
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
        forms: [form],
        crumbs: [{ href: `/organisations/${id}`, label: data.organisation.name }, { label: title }],
      },
    );
  };

  app.get("/organisations/:id/adoption", { config: { policy: "public" } }, async (req, reply) => renderOrganisation(req, reply));

  formRoute(app, {
    path: "/organisations/:id/adoption",
    policy: "adoption.report",
    resource: adopterInPath,
    initial: false,
    show: renderOrganisation,
    submit: (actor, _, body, req) =>
      adoption.report(actor, organisationId(req), adoptionRowsFromForm((body ?? {}) as Record<string, unknown>)),
    done: (saved, _, req) => `/organisations/${organisationId(req)}/adoption?saved=${saved}`,
  });

  app.get("/roadmap/adoption", { config: { policy: "public" } }, async (req, reply) => {
    const filter = parseOrBadRequest(matrixQuery, req.query);
    const network = filter.network ? await networks.get(filter.network) : undefined;
    const [matrix, networkList, counties] = await Promise.all([
      adoption.matrix(
        { networkId: network?.id, countyCode: filter.county, category: filter.category },
        { offset: (filter.page - 1) * MATRIX_PAGE_SIZE, limit: MATRIX_PAGE_SIZE },
      ),
      networks.switcher(),
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
