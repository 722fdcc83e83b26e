import { z } from "zod";
import type { ApiRouter } from "../../platform/http/api.ts";
import { dbId } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { slugParam } from "../networks/index.ts";
import { AUDIENCES, GATHERING_KINDS } from "./schema.ts";

const gathering = z.object({
  id: z.number(),
  network: z.string(),
  kind: z.enum(GATHERING_KINDS),
  title: z.string(),
  description: z.string(),
  audience: z.enum(AUDIENCES),
  place: z.string(),
  videoUrl: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().nullable(),
  registrationClosesAt: z.string().nullable(),
  confirmed: z.number(),
});

const session = z.object({ startsAt: z.string(), title: z.string(), speakers: z.string(), room: z.string() });

type Row = Awaited<ReturnType<AppContext["services"]["gatherings"]["list"]>>[number];
const present = (r: Pick<Row, "gathering" | "networkSlug" | "confirmed">): z.infer<typeof gathering> => ({
  id: r.gathering.id,
  network: r.networkSlug,
  kind: r.gathering.kind,
  title: r.gathering.title,
  description: r.gathering.description,
  audience: r.gathering.audience,
  place: r.gathering.place,
  videoUrl: r.gathering.videoUrl,
  startsAt: r.gathering.startsAt.toISOString(),
  endsAt: r.gathering.endsAt.toISOString(),
  capacity: r.gathering.capacity,
  registrationClosesAt: r.gathering.registrationClosesAt?.toISOString() ?? null,
  confirmed: r.confirmed,
});

/** Gatherings in the JSON API: what a reader may see, never who registered. */
export function gatheringsApi(api: ApiRouter, { services: { gatherings, networks } }: AppContext) {
  api.route({
    policy: "public",
    method: "GET",
    path: "/gatherings",
    operationId: "listGatherings",
    summary: "Gatherings the caller may see, coming ones first; `network` limits them to one network's",
    tag: "gatherings",
    query: z.object({ network: slugParam.shape.slug.optional(), past: z.enum(["true", "false"]).optional() }),
    response: z.object({ items: z.array(gathering) }),
    handler: async ({ query, actor }) => {
      const network = query.network ? await networks.get(query.network) : null;
      const rows = await gatherings.list(actor, {
        ...(network ? { networkId: network.id } : {}),
        when: { at: new Date(), past: query.past === "true" },
      });
      return { items: rows.map(present) };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/gatherings/:id",
    operationId: "getGathering",
    summary: "A gathering with its programme and how many hold a place and wait",
    tag: "gatherings",
    params: z.object({ id: dbId }),
    response: gathering.extend({ waiting: z.number(), programme: z.array(session) }),
    handler: async ({ params, actor }) => {
      const d = await gatherings.detail(actor, params.id);
      return {
        ...present({ gathering: d.gathering, networkSlug: d.networkSlug, confirmed: d.counts.confirmed }),
        waiting: d.counts.waiting,
        programme: d.sessions.map((s) => ({
          startsAt: s.startsAt.toISOString(),
          title: s.title,
          speakers: s.speakers,
          room: s.room,
        })),
      };
    },
  });
}
