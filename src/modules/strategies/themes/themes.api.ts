import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import { dbId } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { slugParam } from "../../networks/index.ts";
import { strategyApiKit, strategyOut } from "../strategy-api.ts";
import type { Theme } from "./themes.repo.ts";
import { sharedStrategyInput, themeInput, themeName } from "./themes.service.ts";

const int = z.number().int();
const strategyParams = z.object({ id: dbId });
const themeOut = z.object({
  id: int,
  key: z.string(),
  name: z.string().describe("In the request's language for the shared list; as written for a network's own"),
  keywords: z.string(),
  networkId: int.nullable().describe("Null for the shared list"),
});
const tagList = z.array(z.object({ id: int, themeIds: z.array(int) }));
const tagsOut = z.object({
  focusAreas: tagList,
  goals: tagList,
  suggestions: z.object({ focusAreas: tagList, goals: tagList }).describe("Themes the text suggests for untagged parts"),
});
const tagsIn = z.object({
  focusAreas: z
    .array(z.object({ id: dbId, themeIds: z.array(dbId).max(100) }))
    .max(1000)
    .default([]),
  goals: z
    .array(z.object({ id: dbId, themeIds: z.array(dbId).max(100) }))
    .max(1000)
    .default([]),
});

/** Groups pairs of part and theme by part. */
const grouped = (pairs: { id: number; themeId: number }[]) => {
  const by = new Map<number, number[]>();
  for (const p of pairs) by.set(p.id, [...(by.get(p.id) ?? []), p.themeId]);
  return [...by].map(([id, themeIds]) => ({ id, themeIds }));
};

/** Themes: the shared list and a network's own, the tags of a strategy, and the members' overlap. */
export function themesApi(api: ApiRouter, ctx: AppContext) {
  const { networks, themes, strategies } = ctx.services;
  const { created } = strategyApiKit(ctx);
  const tag = "strategies";

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/strategy-themes",
    operationId: "getStrategyThemes",
    summary: "The themes a network compares strategies by, and in how many of its members' current strategies each appears",
    tag,
    params: slugParam,
    response: z.object({
      themes: z.array(themeOut.extend({ members: int, perStrategy: z.array(z.object({ strategyId: int, tags: int })) })),
      strategies: z.array(z.object({ id: int, organisationId: int, title: z.string() })),
    }),
    handler: async ({ params, req }) => {
      const network = await networks.get(params.slug);
      const overlap = await themes.overlap(network.id);
      const out = (th: Theme) => ({ ...th, name: themeName(req.i18n.t, th) });
      return {
        themes: overlap.rows.map((r) => ({
          ...out(r.theme),
          members: r.members,
          perStrategy: [...r.perStrategy].map(([strategyId, tags]) => ({ strategyId, tags })),
        })),
        strategies: overlap.strategies.map((s) => ({ id: s.id, organisationId: s.organisationId!, title: s.title })),
      };
    },
  });

  api.route({
    policy: "strategy.themes",
    resource: ({ slug }) => networks.get(slug),
    method: "POST",
    path: "/networks/:slug/strategy-themes",
    operationId: "addStrategyTheme",
    summary: "Add a theme of the network's own beside the shared list (its secretariat)",
    tag,
    params: slugParam,
    body: themeInput,
    response: themeOut,
    status: 201,
    handler: async ({ actor, params, body }) => {
      const result = await themes.addTheme(actor, (await networks.get(params.slug)).id, body);
      if (!result.ok) throw new ValidationError(result.errors);
      return result.value;
    },
  });

  const tagsOf = async (id: number) => {
    const tagging = await themes.tagging(id);
    return {
      focusAreas: grouped(tagging.areaTags),
      goals: grouped(tagging.goalTags),
      suggestions: { focusAreas: grouped(tagging.areaSuggestions), goals: grouped(tagging.goalSuggestions) },
    };
  };

  api.route({
    policy: "public",
    method: "GET",
    path: "/strategies/:id/themes",
    operationId: "getStrategyTags",
    summary: "The themes of a strategy's focus areas and goals, and the themes suggested for the untagged ones",
    tag,
    params: strategyParams,
    response: tagsOut,
    handler: ({ params }) => tagsOf(params.id),
  });

  api.route({
    policy: "strategy.edit",
    resource: ({ id }) => strategies.resource(id),
    method: "PUT",
    path: "/strategies/:id/themes",
    operationId: "setStrategyTags",
    summary: "Replace the themes of a strategy's focus areas and goals; allowed on adopted revisions too",
    tag,
    params: strategyParams,
    body: tagsIn,
    response: tagsOut,
    handler: async ({ actor, params, body }) => {
      // The same command as the form, which names each part's field "a<id>" or "g<id>".
      const fields = Object.fromEntries([
        ...body.focusAreas.map((a) => [`a${a.id}`, a.themeIds]),
        ...body.goals.map((g) => [`g${g.id}`, g.themeIds]),
      ]);
      const result = await themes.saveTags(actor, params.id, fields);
      if (!result.ok) throw new ValidationError(result.errors);
      return tagsOf(params.id);
    },
  });

  api.route({
    policy: "strategy.edit",
    resource: async ({ slug }) => strategies.resourceOf({ organisationId: null, networkId: (await networks.get(slug)).id }),
    method: "POST",
    path: "/networks/:slug/shared-strategies",
    operationId: "startSharedStrategy",
    summary:
      "Start the network's shared strategy from its members' strategies: a focus area per chosen theme, linked back to theirs",
    tag,
    params: slugParam,
    body: sharedStrategyInput,
    response: strategyOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const network = await networks.get(params.slug);
      const result = await themes.startShared(actor, network.id, req.body, (theme) => themeName(req.i18n.t, theme));
      return created(result);
    },
  });
}
