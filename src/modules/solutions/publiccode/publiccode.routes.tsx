import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { solutionParams } from "../params.ts";
import { ImportPage } from "./publiccode.views.tsx";

/** Importing a publiccode.yml file as a new solution, and a solution's publiccode.yml for download. */
export function publiccodeRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { solutions } = services;
  const publicUrl = (config.SAMVERK_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");

  const renderImport = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { t } = req.i18n;
    const owners = await services.access.organisationsActingFor(req.actor!);
    return reply.page(
      <ImportPage ctx={req.pageContext()} form={form} owners={owners.map((o) => ({ value: o.id, label: o.name }))} />,
      {
        title: t("solution.import"),
        forms: [form],
        crumbs: [{ href: "/solutions", label: t("solution.listTitle") }, { label: t("solution.import") }],
      },
    );
  };

  app.get("/solutions/import", { config: { policy: "solution.create" } }, async (req, reply) => {
    return renderImport(req, reply, emptyForm());
  });

  // The file may be pasted or uploaded; an uploaded file wins.
  app.post(
    "/solutions/import",
    { config: { storedOnce: true, policy: "solution.create", acceptsFiles: true } },
    async (req, reply) => {
      const { actor } = authorized(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const file = body.file as { data?: Buffer; filename?: string; truncated?: boolean } | undefined;
      const uploaded = file?.filename && file.data?.length ? file.data.toString("utf8") : undefined;
      if (file?.truncated)
        return renderImport(req, reply, submittedForm({ ...body, file: undefined }, [{ field: "file", key: "errors.tooLarge" }]));
      const input = { ...body, file: undefined, publiccode: uploaded ?? body.publiccode };
      const result = await solutions.importPubliccode(actor, input);
      if (!result.ok) return renderImport(req, reply, submittedForm(input, result.errors));
      return reply.redirect(`/solutions/${result.value.id}?saved=1`, 303);
    },
  );

  app.get("/solutions/:id/publiccode.yml", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(solutionParams, req.params);
    const { yaml } = await solutions.exportPubliccode(id, `${publicUrl}/solutions/${id}`);
    return reply
      .type("application/yaml; charset=utf-8")
      .header("content-disposition", 'attachment; filename="publiccode.yml"')
      .send(yaml);
  });
}
