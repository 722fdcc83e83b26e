import type { FastifyRequest } from "fastify";
import { Notice } from "./components.tsx";

/** "Your changes have been saved", on the page a form's post redirected to with `?saved=1`. */
export const savedNotice = (req: FastifyRequest) =>
  (req.query as Record<string, unknown>).saved !== undefined ? <Notice kind="success">{req.i18n.t("form.saved")}</Notice> : null;
