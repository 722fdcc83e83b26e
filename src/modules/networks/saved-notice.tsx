import type { FastifyRequest } from "fastify";
import { Notice } from "../../platform/ui/components.tsx";

/** The notice a page shows after a change was saved or an invitation accepted. */
export const savedNotice = (req: FastifyRequest) => {
  const query = req.query as Record<string, unknown>;
  if (query.saved === "1") return <Notice kind="success">{req.i18n.t("form.saved")}</Notice>;
  if (query.joined === "1") return <Notice kind="success">{req.i18n.t("invitations.acceptedNotice")}</Notice>;
  return null;
};
