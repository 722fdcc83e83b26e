import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { sendCsv } from "../../../platform/http/csv.ts";
import { isoDate, PAGE_SIZE, pageParam, parseOrBadRequest, query } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { AUDIT_ACTIONS } from "../../../platform/schema.ts";
import { AUDIT_ENTITIES, AuditPage } from "./audit.views.tsx";

/** The whole audit trail, for administrators. */
export function auditRoutes(app: FastifyInstance, { services }: AppContext) {
  const auditQuery = query({
    entity: z.enum(AUDIT_ENTITIES).optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    actor: z.string().trim().max(100).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: pageParam,
  });

  app.get("/admin/audit", { config: { policy: "audit.search" } }, async (req, reply) => {
    const filter = parseOrBadRequest(auditQuery, req.query);
    const { items, total } = await services.audit.search({ ...filter, limit: PAGE_SIZE, offset: (filter.page - 1) * PAGE_SIZE });
    const csv = new URL(req.url, "http://x");
    csv.pathname = "/admin/audit.csv";
    csv.searchParams.delete("page");
    return reply.page(
      <AuditPage
        ctx={req.pageContext()}
        filter={filter}
        items={items}
        total={total}
        page={filter.page}
        limit={PAGE_SIZE}
        csvHref={`${csv.pathname}${csv.search}`}
      />,
      { title: req.i18n.t("audit.title") },
    );
  });

  app.get("/admin/audit.csv", { config: { policy: "audit.search" } }, async (req, reply) => {
    const filter = parseOrBadRequest(auditQuery, req.query);
    const { items } = await services.audit.search({ ...filter, limit: 100_000, offset: 0 });
    const { t } = req.i18n;
    return sendCsv(
      reply,
      "audit.csv",
      [t("history.when"), t("history.who"), t("history.what"), t("audit.entity"), "id", "before", "after", "request"],
      items.map((e) => [
        e.at.toISOString(),
        e.actorDeleted ? t("audit.deletedUser") : e.actorLabel,
        e.action,
        e.entity,
        e.entityId,
        JSON.stringify(e.before),
        JSON.stringify(e.after),
        e.requestId,
      ]),
    );
  });
}
