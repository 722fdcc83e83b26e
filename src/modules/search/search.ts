import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import type { FieldError } from "../../platform/http/errors.ts";
import { optionalDate, pageParam, toFieldErrors } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { type SearchFilters, type SiteSearchResult, siteSearch, sourcesOf } from "../../platform/search/engine.ts";
import { neighboursIfNothing } from "../../platform/search/terms.ts";
import { networkInCounty } from "../networks/index.ts";

/** The longest query read; a longer one is cut, not refused (a pasted sentence still searches). */
export const MAX_QUERY = 200;

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** The search's parameters, the same in the page's URL and the API's. */
export const searchParams = z
  .object({
    q: z.preprocess((v) => (typeof v === "string" ? cutAtWord(v, MAX_QUERY) : v), z.string().trim().default("")),
    kind: z.preprocess(emptyToUndefined, z.string().max(40).optional()),
    network: z.preprocess(emptyToUndefined, z.string().max(100).optional()),
    organisation: z.preprocess(
      emptyToUndefined,
      z.coerce.number("errors.choice").int("errors.choice").positive("errors.choice").optional(),
    ),
    county: z.preprocess(emptyToUndefined, z.string().max(4).optional()),
    from: optionalDate,
    to: optionalDate,
    page: pageParam,
  })
  // Only two dates that are dates are compared: a mistyped one has its own error.
  .refine((p) => !isDate(p.from) || !isDate(p.to) || p.from! <= p.to!, { path: ["to"], message: "errors.dateOrder" });

const isDate = (value: string | null | undefined) =>
  !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/** A text cut to at most `max` characters, at a space where there is one: a word cut in two would be searched for as a word. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return space > 0 ? cut.slice(0, space) : cut;
}

export type SearchParams = z.infer<typeof searchParams>;

/** The choices the filters offer: every kind, network, organisation and county a reader may filter by. */
export async function filterChoices({ services, modules }: Pick<AppContext, "services" | "modules">) {
  const [{ items: networks }, organisations] = await Promise.all([
    services.networks.list(),
    services.directory.organisations.options(),
  ]);
  return {
    // Several sources may find one kind (every module's documents): each kind is offered once.
    kinds: [...new Map(sourcesOf(modules).map((s) => [s.kind, { kind: s.kind, label: s.label }])).values()],
    networks: networks.map((n) => ({ slug: n.slug, name: n.name, id: n.id })),
    organisations: organisations.filter((o) => o.kind !== "county"),
    counties: organisations.filter((o) => o.kind === "county" && o.code),
  };
}
export type FilterChoices = Awaited<ReturnType<typeof filterChoices>>;

export type SearchOutcome =
  | { ok: true; params: SearchParams; filters: SearchFilters; result: SiteSearchResult | null }
  | { ok: false; errors: FieldError[] };

/**
 * Reads the parameters, checks each filter against what exists (an unknown network is a field's
 * problem, not an empty result), and searches every module's records as the viewer may see them.
 */
export async function runSearch(
  ctx: AppContext,
  choices: FilterChoices,
  viewer: Actor | null,
  raw: unknown,
): Promise<SearchOutcome> {
  const parsed = searchParams.safeParse(raw);
  // Every problem at once: a mistyped date and an unknown network are both named.
  const errors: FieldError[] = parsed.success ? [] : toFieldErrors(parsed.error);
  const sent = (raw ?? {}) as Record<string, unknown>;
  const params = parsed.success ? parsed.data : undefined;
  const known = <T>(field: string, value: unknown, found: T | undefined): T | undefined => {
    const given = typeof value === "string" ? value.trim() !== "" : value !== undefined;
    if (given && found === undefined && !errors.some((e) => e.field === field)) errors.push({ field, key: "errors.choice" });
    return found;
  };
  const filters: SearchFilters = {
    kind: known("kind", sent.kind, choices.kinds.find((k) => k.kind === sent.kind)?.kind),
    network: known("network", sent.network, choices.networks.find((n) => n.slug === sent.network)?.id),
    organisation: known(
      "organisation",
      sent.organisation,
      choices.organisations.find((o) => String(o.id) === String(sent.organisation ?? "").trim())?.id,
    ),
    county: known("county", sent.county, choices.counties.find((c) => c.code === sent.county)?.code ?? undefined),
    from: params?.from ?? undefined,
    to: params?.to ?? undefined,
  };
  if (errors.length || !params) return { ok: false, errors };
  if (!params.q) return { ok: true, params, filters, result: null };
  const terms = await ctx.services.searchWords.terms(params.q);
  const result = await neighboursIfNothing(
    terms,
    (t) =>
      siteSearch(
        ctx.db,
        sourcesOf(ctx.modules),
        t,
        viewer,
        filters,
        { networkInCounty, kept: ctx.services.siteSearchRows },
        params.page,
      ),
    (r) => r.total === 0,
  );
  return { ok: true, params, filters, result };
}
