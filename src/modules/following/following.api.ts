import { z } from "zod";
import { describeEvent, followablesOf } from "../../platform/activity/followables.ts";
import { frontPage } from "../../platform/front-page.ts";
import type { ApiRouter } from "../../platform/http/api.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { dbId } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";

const record = z.object({
  kind: z.string(),
  id: z.number(),
  title: z.string(),
  url: z.string(),
  network: z.string().nullable().describe("The network's slug; none for a record that spans networks"),
});
const present = (r: { kind: string; id: number; title: string; href: string; network: { slug: string } | null }) => ({
  kind: r.kind,
  id: r.id,
  title: r.title,
  url: r.href,
  network: r.network?.slug ?? null,
});
const frontItem = z.object({
  group: z.string().describe("The list it goes in, in the caller's language"),
  title: z.string(),
  url: z.string(),
  what: z.string(),
  date: z.string().nullable(),
  isDeadline: z.boolean(),
  network: z.string().nullable().describe("The network's name"),
});
const refParams = z.object({ kind: z.string().max(40), id: dbId });

/** Following, activity and the front page's lists in the JSON API, for the caller and under the visibility rule. */
export function followingApi(api: ApiRouter, ctx: AppContext) {
  const { activity } = ctx.services;
  const followables = followablesOf(ctx.modules);

  api.route({
    policy: "account.own",
    method: "GET",
    path: "/following",
    operationId: "listFollowing",
    summary: "What the caller follows and may see: by their own choice (`own`) or by their part in it (`automatic`)",
    tag: "following",
    response: z.object({ items: z.array(record.extend({ how: z.enum(["own", "automatic"]) })) }),
    handler: async ({ actor }) => ({
      items: (await activity.following({ ...actor, userId: actor.userId! })).map((r) => ({ ...present(r), how: r.how })),
    }),
  });

  for (const [method, act] of [
    ["PUT", "follow"],
    ["DELETE", "stop"],
  ] as const)
    api.route({
      policy: "account.own",
      method,
      path: "/following/:kind/:id",
      operationId: act === "follow" ? "follow" : "stopFollowing",
      summary:
        act === "follow"
          ? "Follows a record the caller may see (again, if they had stopped)"
          : "Stops following a record, also one followed by the caller's part in it",
      tag: "following",
      params: refParams,
      response: z.object({ state: z.enum(["following", "automatic", "stopped", "not"]) }),
      handler: async ({ actor, params }) => {
        const ref = { kind: params.kind, id: params.id };
        if (!activity.knows(ref.kind) || !(await activity.record(actor, ref))) throw new NotFoundError();
        await (act === "follow" ? activity.follow(actor.userId!, ref) : activity.stop(actor.userId!, ref));
        return { state: await activity.state(actor.userId!, ref) };
      },
    });

  api.route({
    policy: "account.own",
    method: "GET",
    path: "/activity",
    operationId: "listActivity",
    summary: "The latest events on what the caller follows and may see now, newest first; reading it does not mark them seen",
    tag: "following",
    response: z.object({
      items: z.array(
        z.object({
          id: z.number(),
          type: z.string(),
          text: z.string().describe("What happened, in the caller's language"),
          at: z.string(),
          isNew: z.boolean(),
          record,
          about: record.nullable().describe("The record it is about, where that is not the one it is told under"),
        }),
      ),
    }),
    handler: async ({ actor, req }) => ({
      items: (await activity.recent({ ...actor, userId: actor.userId! })).map((e) => ({
        id: e.id,
        type: e.type,
        text: describeEvent(followables, req.i18n, { ...e, kind: e.record.kind }),
        at: e.at.toISOString(),
        isNew: e.isNew,
        record: present(e.record),
        about: e.about ? present(e.about) : null,
      })),
    }),
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/front-page",
    operationId: "getFrontPage",
    summary: "What waits for the caller (signed in) and what is new and open, as the front page lists them (decision 0036)",
    tag: "following",
    response: z.object({ waiting: z.array(frontItem).nullable(), open: z.array(frontItem) }),
    handler: async ({ actor, req }) => {
      const lists = await frontPage(ctx, actor, req.i18n);
      const item = (i: (typeof lists.open)[number]) => ({
        group: req.i18n.t(i.group),
        title: i.title,
        url: i.href,
        what: i.what,
        date: i.due,
        isDeadline: i.deadline ?? false,
        network: i.network,
      });
      return { waiting: actor?.userId ? lists.waiting.map(item) : null, open: lists.open.map(item) };
    },
  });
}
