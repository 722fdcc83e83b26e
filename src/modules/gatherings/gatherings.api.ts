import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { resultOf } from "../../platform/http/errors.ts";
import { dbId } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { slugParam } from "../networks/index.ts";
import { AUDIENCES, GATHERING_KINDS, LEADER_ROLES, REGISTRATION_STATUSES } from "./schema.ts";

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
const registration = z.object({
  id: z.number(),
  status: z.enum(REGISTRATION_STATUSES),
  name: z.string().nullable(),
  organisation: z.string().nullable(),
  email: z.string().nullable(),
  note: z.string(),
  answers: z.record(z.string(), z.string()),
  attended: z.boolean().nullable(),
  registeredAt: z.string(),
});

const text = (max: number) => z.string().max(max).optional();
/** A gathering as the API takes it: the form's fields, times in Norway's time. */
const gatheringIn = z.object({
  kind: z.enum(GATHERING_KINDS),
  title: z.string().max(200),
  description: text(10_000),
  audience: z.enum(AUDIENCES).optional(),
  visibility: z.enum(["public", "network"]).optional(),
  place: text(300),
  videoUrl: text(500),
  startsDate: z.string().describe("yyyy-mm-dd"),
  startsTime: z.string().describe("hh:mm, Norway's time"),
  endsDate: z.string(),
  endsTime: z.string(),
  capacity: z.union([z.number(), z.string()]).optional(),
  closesDate: text(10),
  closesTime: text(5),
  personalDataDays: z.union([z.number(), z.string()]).optional(),
  report: text(10_000),
  invitedNetworkIds: z
    .array(z.number())
    .optional()
    .describe("Other networks invited to hold it together (a public gathering only); each holds it once its secretariat accepts"),
});

export function gatheringsApi(api: ApiRouter, { services: { gatherings, networks } }: AppContext) {
  const idParams = z.object({ id: dbId });
  /** The gathering by :id (404 if there is none), as its network for gathering.manage. */
  const gatheringOf = ({ id }: { id: number }) => gatherings.resource(id);

  api.route({
    policy: "public",
    method: "GET",
    path: "/gatherings",
    operationId: "listGatherings",
    summary: "Gatherings the caller may see, coming ones first; `network` limits them to one network's",
    tag: "gatherings",
    query: z.object({ network: slugParam.shape.slug.optional(), past: z.enum(["true", "false"]).optional(), ...listQuery }),
    response: listOf(gathering),
    handler: async ({ query, actor }) => {
      const network = query.network ? await networks.get(query.network) : null;
      const { items, total } = await gatherings.page(
        actor,
        { ...(network ? { networkId: network.id } : {}), when: { at: new Date(), past: query.past === "true" } },
        query,
      );
      return { items: items.map(present), total };
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
    response: gathering.extend({
      hosts: z.array(z.string()).describe("The networks holding it together with its organiser, by slug"),
      materials: z.object({
        documents: z.array(z.object({ title: z.string(), url: z.string() })),
        links: z.array(z.object({ title: z.string(), url: z.string() })),
      }),
      waiting: z.number(),
      programme: z.array(session),
      questions: z.array(z.object({ id: z.number(), text: z.string(), required: z.boolean() })),
    }),
    handler: async ({ params, actor }) => {
      const d = await gatherings.detail(actor, params.id);
      const materials = await gatherings.materials(d.gathering.id);
      return {
        ...present({ gathering: d.gathering, networkSlug: d.networkSlug, confirmed: d.counts.confirmed }),
        hosts: d.hosts.map((h) => h.slug),
        materials: {
          documents: materials.documents.map((doc) => ({
            title: doc.title,
            url: `/gatherings/${d.gathering.id}/documents/${doc.id}`,
          })),
          links: materials.links.map(({ title, url }) => ({ title, url })),
        },
        waiting: d.counts.waiting,
        programme: d.sessions.map((s) => ({
          startsAt: s.startsAt.toISOString(),
          title: s.title,
          speakers: s.speakers,
          room: s.room,
        })),
        questions: d.questions.map(({ id, text, required }) => ({ id, text, required })),
      };
    },
  });

  api.route({
    policy: "gathering.manage",
    method: "POST",
    path: "/networks/:slug/gatherings",
    operationId: "createGathering",
    summary: "A new gathering of the network (its secretariat)",
    tag: "gatherings",
    params: slugParam,
    body: gatheringIn,
    resource: async ({ slug }) => ({ networkId: (await networks.get(slug)).id }),
    response: gathering,
    status: 201,
    handler: async ({ params, actor, req }) => {
      const network = await networks.get(params.slug);
      const g = resultOf(await gatherings.create(actor, network.id, req.body));
      return present({ gathering: g, networkSlug: network.slug, confirmed: 0 });
    },
  });

  api.route({
    policy: "public",
    method: "POST",
    path: "/gatherings/:id/registrations",
    operationId: "register",
    crowd: true,
    summary:
      "Register for a gathering: a place while there is one, else the waiting list. One registration per address; answers the status and the receipt's secret (to cancel)",
    tag: "gatherings",
    params: idParams,
    body: z.object({
      name: z.string().max(200),
      email: z.string().max(254),
      organisationId: z.number().int().positive().optional(),
      organisationName: z.string().max(200).optional(),
      note: z.string().max(1000).optional(),
      leaderRole: z
        .enum(LEADER_ROLES)
        .optional()
        .describe("For a gathering for chief executives and councillors: which the person is"),
      invitation: z.string().max(100).optional().describe("For a gathering by invitation: the secret of the invitation's link"),
      answers: z
        .record(z.string().regex(/^\d{1,9}$/), z.string().max(1000))
        .optional()
        .describe("Answers to the gathering's questions, by question id"),
    }),
    response: z.object({ status: z.enum(["confirmed", "waiting"]), receipt: z.string() }),
    status: 201,
    handler: async ({ params, actor, req }) => {
      req.personalResponse = true;
      const { answers, ...fields } = (req.body ?? {}) as Record<string, unknown> & { answers?: Record<string, string> };
      const flat = { ...fields, ...Object.fromEntries(Object.entries(answers ?? {}).map(([q, v]) => [`q${q}`, v])) };
      return resultOf(await gatherings.register(params.id, flat, { actor, locale: req.i18n.locale, now: req.receivedAt }));
    },
  });

  api.route({
    policy: "gathering.manage",
    method: "GET",
    path: "/gatherings/:id/registrations",
    operationId: "listRegistrations",
    summary: "Everyone registered, in the order they registered, with their personal data (the network's secretariat)",
    tag: "gatherings",
    params: idParams,
    resource: gatheringOf,
    response: z.object({ items: z.array(registration) }),
    handler: async ({ params, actor, reply }) => {
      await gatherings.get(actor, params.id);
      reply.header("cache-control", "no-store");
      const { rows } = await gatherings.participants(params.id);
      return {
        items: rows.map((r) => ({
          id: r.registration.id,
          status: r.registration.status,
          name: r.registration.name,
          organisation: r.organisation,
          email: r.registration.email,
          note: r.registration.note,
          answers: r.registration.answers,
          attended: r.registration.attended,
          registeredAt: r.registration.createdAt.toISOString(),
        })),
      };
    },
  });
}
