import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { isUpload } from "../../../platform/files/files.ts";
import { sendCsv } from "../../../platform/http/csv.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { networkBySlug } from "../../networks/index.ts";
import { statusLabel } from "../labels.ts";
import { TEMPLATE_HEADER } from "./import.ts";
import { AdoptionImportPage, type ImportOutcome } from "./import.views.tsx";

/** Bulk update by the secretariat: a CSV file checked row by row, applied only when every row is right. */
export function adoptionImportRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { adoption, networks } = services;
  /** What the policies are checked against: the network by :slug (404 if none). */
  const networkInPath = networkBySlug(networks);

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
}
