import type { FastifyInstance } from "fastify";
import { NotFoundError } from "../../../platform/http/errors.ts";
import { idParam, PAGE_SIZE, pageParam, parseOrBadRequest, query } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { OutboxMessagePage, OutboxPage } from "./outbox.views.tsx";

/** The administrator's outbox. */
export function outboxRoutes(app: FastifyInstance, { services }: AppContext) {
  app.get("/admin/outbox", { config: { policy: "mail.readOutbox" } }, async (req, reply) => {
    const { page } = parseOrBadRequest(query({ page: pageParam }), req.query);
    const { items, total } = await services.mail.outbox.list(PAGE_SIZE, (page - 1) * PAGE_SIZE);
    return reply.page(
      <OutboxPage
        ctx={req.pageContext()}
        items={items}
        total={total}
        page={page}
        limit={PAGE_SIZE}
        smtp={services.mail.delivery.enabled}
      />,
      { title: req.i18n.t("outbox.title") },
    );
  });

  app.get("/admin/outbox/:id", { config: { policy: "mail.readOutbox" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParam, req.params);
    const mail = await services.mail.outbox.byId(id);
    if (!mail) throw new NotFoundError();
    return reply.page(<OutboxMessagePage ctx={req.pageContext()} mail={mail} />, {
      title: mail.subject,
      crumbs: [{ href: "/admin/outbox", label: req.i18n.t("outbox.title") }, { label: mail.subject }],
    });
  });
}
