import { z } from "zod";
import type { ApiRouter } from "../../platform/http/api.ts";
import { BadRequestError } from "../../platform/http/errors.ts";
import type { AppContext } from "../../platform/module.ts";
import { filterChoices, MAX_QUERY, runSearch } from "./search.ts";

const marks = z
  .array(z.tuple([z.number(), z.number()]))
  .describe("Where the query's words are in the text: [start, end) offsets");
const hit = z.object({
  kind: z.string(),
  id: z.number(),
  title: z.string(),
  titleMarks: marks,
  href: z.string().describe("The record's page"),
  network: z.object({ slug: z.string(), name: z.string() }).nullable(),
  date: z.string().nullable(),
  excerpt: z.string(),
  excerptMarks: marks,
});

/** The site search in the JSON API: the same parameters, the same records, the same visibility as /search. */
export function searchApi(api: ApiRouter, ctx: AppContext) {
  api.route({
    policy: "public",
    method: "GET",
    path: "/search",
    operationId: "search",
    summary:
      "Search every kind of record the caller may see, in nynorsk or bokmål, with inflections, compounds and spelling neighbours; grouped by kind with counts",
    tag: "search",
    query: z.object({
      q: z
        .string()
        .max(MAX_QUERY * 5)
        .optional()
        .describe(`The query; words after the first ${MAX_QUERY} characters are not read`),
      kind: z.string().max(40).optional().describe("One kind only (project, need, meeting …): its hits are paged by `page`"),
      network: z.string().max(100).optional().describe("A network's slug"),
      organisation: z.string().max(20).optional().describe("An organisation's id"),
      county: z.string().max(4).optional().describe("A county's two-digit number"),
      from: z.string().max(10).optional().describe("The period's first day, yyyy-mm-dd"),
      to: z.string().max(10).optional().describe("The period's last day, yyyy-mm-dd"),
      page: z.string().max(20).optional().describe("The page of the chosen kind, from 1"),
    }),
    response: z.object({
      query: z.string(),
      total: z.number(),
      atLeast: z.boolean().describe("Whether some kind's total is a lower bound: more matched than one search reads"),
      didYouMean: z.string().nullable(),
      groups: z.array(
        z.object({
          kind: z.string(),
          total: z.number(),
          atLeast: z.boolean().describe("Whether the total is a lower bound"),
          hits: z.array(hit),
        }),
      ),
    }),
    handler: async ({ req, actor }) => {
      const outcome = await runSearch(ctx, await filterChoices(ctx), actor ?? null, req.query);
      if (!outcome.ok) throw new BadRequestError(outcome.errors);
      const result = outcome.result;
      return {
        query: outcome.params.q,
        total: result?.total ?? 0,
        atLeast: result?.atLeast ?? false,
        didYouMean: result?.didYouMean ?? null,
        groups: (result?.groups ?? []).map((g) => ({
          kind: g.kind,
          total: g.total,
          atLeast: g.atLeast,
          hits: g.hits.map((h) => ({
            kind: h.kind,
            id: h.id,
            title: h.title,
            titleMarks: h.titleMarked.marks,
            href: h.href,
            network: h.network,
            date: h.date,
            excerpt: h.excerpt.text,
            excerptMarks: h.excerpt.marks,
          })),
        })),
      };
    },
  });
}
