import { z } from "zod";
import { can } from "../../platform/access/authorize.ts";
import type { ApiRouter } from "../../platform/http/api.ts";
import { wholeNumber } from "../../platform/http/validation.ts";
import type { AnnualCell, AppContext } from "../../platform/module.ts";
import type { AnnualDocument } from "./annual.repo.ts";
import { ANNUAL_KINDS, ANNUAL_STATUSES } from "./schema.ts";
import { drawingFor } from "./tables.ts";

const summary = z.object({
  kind: z.enum(ANNUAL_KINDS),
  year: z.number().int(),
  title: z.string(),
  status: z.enum(ANNUAL_STATUSES),
  adoptedOn: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

const cell = z.union([z.string(), z.number(), z.null(), z.object({ text: z.string(), href: z.string() })]);

const present = (d: AnnualDocument): z.infer<typeof summary> => ({
  kind: d.kind,
  year: d.year,
  title: d.title,
  status: d.status,
  adoptedOn: d.adoptedOn,
  publishedAt: d.publishedAt?.toISOString() ?? null,
});

const slugParams = z.object({ slug: z.string().max(100) });

/** Annual plans and reports in the JSON API, under the same rules as the pages: a draft only for the network's people. */
export function annualApi(api: ApiRouter, ctx: AppContext) {
  const { annual, networks } = ctx.services;

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/annual-documents",
    operationId: "listAnnualDocuments",
    summary: "A network's annual plans and reports the caller may read, newest year first",
    tag: "annual plans and reports",
    params: slugParams,
    response: z.object({ items: z.array(summary) }),
    handler: async ({ params, actor }) => {
      const network = await networks.get(params.slug);
      return { items: (await annual.list(network.id, actor)).map(present) };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/annual-documents/:kind/:year",
    operationId: "getAnnualDocument",
    summary:
      "An annual plan or report with its text sections (those with text; a draft's empty ones too for its secretariat) and its tables (frozen as adopted, once adopted), labels in the request's language",
    tag: "annual plans and reports",
    params: slugParams.extend({ kind: z.enum(ANNUAL_KINDS), year: wholeNumber(2000, 2200) }),
    response: summary.extend({
      sections: z.array(z.object({ heading: z.string(), body: z.string() })),
      tables: z.array(
        z.object({ id: z.string(), title: z.string(), columns: z.array(z.string()), rows: z.array(z.array(cell)) }),
      ),
    }),
    handler: async ({ params, actor, req }) => {
      const { t } = req.i18n;
      const network = await networks.get(params.slug);
      const doc = await annual.get(network.id, params.kind, params.year, actor);
      const drawing = drawingFor(ctx, { network, year: doc.year, kind: doc.kind, surveyId: doc.surveyId });
      const tables = await annual.tables(doc, actor, drawing);
      const plain = (c: AnnualCell) => (c !== null && typeof c === "object" && "label" in c ? t(c.label) : c);
      // A section without text is no part of the document: only the secretariat writing the draft gets it.
      const drafting = doc.status === "draft" && can(actor, "annual.manage", { networkId: network.id });
      return {
        ...present(doc),
        sections: drafting ? doc.sections : doc.sections.filter((s) => s.body.trim() !== ""),
        tables: tables.map((x) => ({
          id: x.id,
          title: t(x.title),
          columns: x.columns.map((c) => t(c.label)),
          rows: x.rows.map((r) => r.map(plain)),
        })),
      };
    },
  });
}
