import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { TableFile } from "../../../platform/http/table-file.ts";
import { dbId, parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { tableDownloads } from "../downloads.ts";
import { milestoneName, taskKindLabel } from "../labels.ts";
import { periodLabel } from "../precision.ts";
import { MunicipalityRoadmapPage } from "./plan.views.tsx";

const organisationParams = z.object({ id: dbId });

/** A municipality's own roadmap, computed from the roadmap, its size and its adoption: a page, a CSV and an xlsx. */
export function planRoutes(app: FastifyInstance, { services }: AppContext) {
  const { adoption } = services;
  const planFor = (req: FastifyRequest) => adoption.plan(parseOrBadRequest(organisationParams, req.params).id);

  app.get("/organisations/:id/roadmap", { config: { policy: "public" } }, async (req, reply) => {
    const { organisation, plan } = await planFor(req);
    const title = req.i18n.t("plan.title", { name: organisation.name });
    return reply.page(<MunicipalityRoadmapPage ctx={req.pageContext()} organisation={organisation} plan={plan} />, {
      title,
      crumbs: [{ href: `/organisations/${organisation.id}`, label: organisation.name }, { label: title }],
    });
  });

  /** The plan as one list, for the CSV and the Excel download alike. */
  tableDownloads(app, "/organisations/:id/roadmap", async (req): Promise<TableFile> => {
    const { organisation, plan } = await planFor(req);
    const { t } = req.i18n;
    const header = [
      t("plan.part"),
      t("roadmap.name"),
      t("roadmap.when"),
      t("plan.what"),
      { header: t("roadmap.oneOff"), kind: "kroner" as const },
      { header: t("roadmap.yearly"), kind: "kroner" as const },
    ];
    const rows = [
      ...plan.coming.map((m) => [
        t("plan.coming"),
        m.solution,
        periodLabel(req.i18n, m.date, m.precision),
        milestoneName(t, m),
        null,
        null,
      ]),
      ...plan.startNow.map((task) => [
        t("plan.startNow"),
        task.solution,
        task.startBy,
        `${taskKindLabel(t, task.kind)}${task.description ? `: ${task.description}` : ""}`,
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
    return {
      name: `roadmap-${organisation.code ?? organisation.id}`,
      sheet: t("plan.title", { name: organisation.name }),
      columns: header,
      rows,
    };
  });
}
