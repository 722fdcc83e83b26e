import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import type { ApiRouter } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import { query } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { networkSlugParams } from "../params.ts";
import { PRIORITY_TRACKS } from "../schema.ts";
import { rankingInput } from "./priorities.service.ts";

const int = z.number().int();

const rankingOut = z.object({
  id: int.nullable(),
  decidedOn: z.string().nullable(),
  note: z.string(),
  rankings: z.array(z.object({ id: int, decidedOn: z.string() })).describe("Every ranking of the network, newest first"),
  entries: z.array(
    z.object({
      track: z.enum(PRIORITY_TRACKS),
      position: int,
      needId: int.nullable(),
      projectId: int.nullable(),
      title: z.string(),
      moved: int.nullable().describe("Places moved up since the ranking before (negative: down); null if new"),
    }),
  ),
});

export function prioritiesApi(api: ApiRouter, { services }: AppContext) {
  const { priorities, networks } = services;
  const tag = "decisions";
  const network = ({ slug }: { slug: string }) => networks.get(slug);

  const rankingDetail = async (networkId: number, viewer: Actor | null, rankingId?: number) => {
    const view = await priorities.view(networkId, viewer, rankingId);
    return {
      id: view.current?.id ?? null,
      decidedOn: view.current?.decidedOn ?? null,
      note: view.current?.note ?? "",
      rankings: view.rankings.map((r) => ({ id: r.id, decidedOn: r.decidedOn })),
      entries: view.rows.map(({ track, position, needId, projectId, title, moved }) => ({
        track,
        position,
        needId,
        projectId,
        title,
        moved,
      })),
    };
  };

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/priorities",
    operationId: "getPriorities",
    summary: "The prioritised list, national and local: the newest ranking, or the one named",
    tag,
    params: networkSlugParams,
    query: query({ ranking: z.coerce.number().int().positive().max(2_147_483_647).optional() }),
    response: rankingOut,
    handler: async ({ actor, params, query: q }) => rankingDetail((await networks.get(params.slug)).id, actor, q.ranking),
  });

  api.route({
    policy: "priority.rank",
    resource: network,
    method: "POST",
    path: "/networks/:slug/priorities",
    operationId: "rankPriorities",
    summary: 'Decide a new rank order (keys "need:12" or "project:5", each rank once per track); earlier ones are kept',
    tag,
    params: networkSlugParams,
    body: rankingInput,
    response: rankingOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const networkId = (await networks.get(params.slug)).id;
      const result = await priorities.rank(actor, networkId, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return rankingDetail(networkId, actor, result.value.id);
    },
  });
}
