import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorized } from "../../platform/access/page-access.ts";
import { isUpload } from "../../platform/files/files.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { sendTable } from "../../platform/http/table-file.ts";
import { dbId, parseOrBadRequest } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../platform/ui/components.tsx";
import { slugParam } from "../networks/index.ts";
import type { ImportRun } from "./imports.repo.ts";
import { MappingPage, mappingForm, PreviewPage, ReportPage, StartPage } from "./imports.views.tsx";

const runParams = slugParam.extend({ id: dbId });
const templateParams = slugParam.extend({ kind: z.string().regex(/^[a-z-]{1,40}$/) });

type Network = { id: number; slug: string; name: string };

/**
 * A network's imports, in the steps GOV.UK's question pages take: upload (step 1), map the columns
 * (2), look over the rows (3), apply and read the report (4). Every step is a page of its own and a
 * form that works without script; the run keeps the file between them.
 */
export function importRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { imports, networks } = services;
  const networkInPath = async (req: FastifyRequest) => {
    const network = (await networks.get(parseOrBadRequest(slugParam, req.params).slug)) as Network;
    return { networkId: network.id, network };
  };
  /** The run by :id, when it is the network's: another network's run is not found, whoever asks. */
  const runInPath = async (req: FastifyRequest) => {
    const { slug, id } = parseOrBadRequest(runParams, req.params);
    const network = (await networks.get(slug)) as Network;
    return { networkId: network.id, network, found: await imports.repo.run(network.id, id) };
  };
  const runOf = (req: FastifyRequest) => {
    const { actor, resource } = authorized(req, runInPath);
    if (!resource.found) throw new NotFoundError();
    const importer = imports.importer(resource.found.kind);
    if (!importer) throw new NotFoundError();
    return { actor, network: resource.network, run: resource.found, importer };
  };
  const base = (network: Network) => `/n/${network.slug}/import`;
  const crumbs = (req: FastifyRequest, network: Network, here?: string) => [
    { href: `/n/${network.slug}`, label: network.name },
    ...(here
      ? [{ href: base(network), label: req.i18n.t("imports.link") }, { label: here }]
      : [{ label: req.i18n.t("imports.link") }]),
  ];

  const renderStart = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { resource } = authorized(req, networkInPath);
    const { network } = resource;
    const [saved, recent] = await Promise.all([imports.repo.allMappings(network.id), imports.repo.recentRuns(network.id)]);
    return reply.page(
      <StartPage
        ctx={req.pageContext()}
        network={network}
        importers={imports.importers}
        saved={saved}
        recent={recent}
        form={form}
      />,
      { title: req.i18n.t("imports.title", { network: network.name }), network, forms: [form], crumbs: crumbs(req, network) },
    );
  };

  const renderMapping = async (req: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const { network, run, importer } = runOf(req);
    const shown = form ?? emptyForm(mappingForm(run.mapping ?? {}));
    const sample = await imports.firstRow(run);
    return reply.page(
      <MappingPage ctx={req.pageContext()} network={network} run={run} importer={importer} sample={sample} form={shown} />,
      {
        title: `${req.i18n.t("imports.mapTitle")}: ${run.fileName}`,
        network,
        forms: [shown],
        crumbs: crumbs(req, network, run.fileName),
      },
    );
  };

  const renderPreview = async (
    req: FastifyRequest,
    reply: FastifyReply,
    rows?: Awaited<ReturnType<typeof imports.preview>>,
    form = emptyForm(),
  ) => {
    const { actor, network, run, importer } = runOf(req);
    const checked = rows ?? (await imports.preview(imports.scope(actor, network), run));
    return reply.page(
      <PreviewPage ctx={req.pageContext()} network={network} run={run} importer={importer} rows={checked} form={form} />,
      {
        title: `${req.i18n.t("imports.previewTitle")}: ${run.fileName}`,
        network,
        status: rows || form.errors.length ? 422 : 200,
        crumbs: crumbs(req, network, run.fileName),
      },
    );
  };

  const policy = { policy: "import.run" } as const;

  app.get("/n/:slug/import", { config: { ...policy, resource: networkInPath } }, (req, reply) =>
    renderStart(req, reply, emptyForm()),
  );

  app.post("/n/:slug/import", { config: { ...policy, resource: networkInPath, acceptsFiles: true } }, async (req, reply) => {
    const { actor, resource } = authorized(req, networkInPath);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { file, ...fields } = body;
    if (isUpload(file) && file.truncated)
      return renderStart(
        req,
        reply,
        submittedForm(fields, [{ field: "file", key: "errors.fileTooLarge", params: { mb: config.SAMVERK_UPLOAD_MAX_MB } }]),
      );
    const result = await imports.start(
      actor,
      resource.network,
      fields,
      isUpload(file) ? { name: file.filename, data: file.data } : null,
    );
    if (!result.ok) return renderStart(req, reply, submittedForm(fields, result.errors));
    return reply.redirect(`${base(resource.network)}/${result.value.id}`, 303);
  });

  /** An empty workbook with the importer's fields as headers, in the reader's language. */
  app.get("/n/:slug/import/template/:kind.xlsx", { config: { ...policy, resource: networkInPath } }, async (req, reply) => {
    authorized(req, networkInPath);
    const importer = imports.importer(parseOrBadRequest(templateParams, req.params).kind);
    if (!importer) throw new NotFoundError();
    const { t } = req.i18n;
    return sendTable(reply, "xlsx", {
      name: `import-${importer.kind}`,
      sheet: t(importer.label),
      columns: importer.fields.map((f) => t(f.label)),
      rows: [],
    });
  });

  /** The run: its mapping while it is to be applied, its report once it is. */
  app.get("/n/:slug/import/:id", { config: { ...policy, resource: runInPath } }, (req, reply) => {
    const { network, run } = runOf(req);
    if (run.state === "applied" && run.report)
      return reply.page(
        <ReportPage
          ctx={req.pageContext()}
          network={network}
          run={run as ImportRun & { report: NonNullable<ImportRun["report"]> }}
        />,
        {
          title: `${req.i18n.t("imports.reportTitle")}: ${run.fileName}`,
          network,
          crumbs: crumbs(req, network, run.fileName),
        },
      );
    return renderMapping(req, reply);
  });

  app.post("/n/:slug/import/:id/mapping", { config: { ...policy, resource: runInPath } }, async (req, reply) => {
    const { actor, network, run } = runOf(req);
    const result = await imports.saveMapping(actor, run, req.body);
    if (!result.ok) return renderMapping(req, reply, submittedForm(req.body, result.errors));
    return reply.redirect(`${base(network)}/${run.id}/preview`, 303);
  });

  app.get("/n/:slug/import/:id/preview", { config: { ...policy, resource: runInPath } }, (req, reply) => {
    const { network, run } = runOf(req);
    if (run.state === "applied") return reply.redirect(`${base(network)}/${run.id}`, 303);
    return renderPreview(req, reply);
  });

  app.post("/n/:slug/import/:id/apply", { config: { ...policy, resource: runInPath } }, async (req, reply) => {
    const { actor, network, run } = runOf(req);
    const result = await imports.apply(imports.scope(actor, network), run);
    if (result.ok || "applied" in result) return reply.redirect(`${base(network)}/${run.id}`, 303);
    if ("changedMeanwhile" in result)
      return renderPreview(req, reply, undefined, submittedForm({}, [{ field: "_", key: "errors.import.changedMeanwhile" }]));
    return renderPreview(req, reply, result.rows);
  });
}
