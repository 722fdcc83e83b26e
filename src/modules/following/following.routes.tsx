import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorized } from "../../platform/access/page-access.ts";
import type { SeenEvent } from "../../platform/activity/activity.ts";
import { followablesOf } from "../../platform/activity/followables.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { ActivityPage, FollowingPage } from "./following.views.tsx";

const recordParams = z.object({ kind: z.string().max(40), id: z.coerce.number().int().positive().max(2_147_483_647) });
const backField = z.object({ back: z.string().max(1000).optional() }).passthrough();

/** A path on this site to come back to, else the record's page: never another site. */
const backTo = (back: string | undefined, fallback: string) => (back && /^\/(?![/\\])/.test(back) ? back : fallback);

/** Following a record, the list of what one follows, and what happened to it (decision 0035). */
export function followingRoutes(app: FastifyInstance, { services, modules }: AppContext) {
  const { activity } = services;
  const followables = followablesOf(modules);

  for (const [path, act] of [
    ["/follow/:kind/:id", "follow"],
    ["/follow/:kind/:id/stop", "stop"],
  ] as const) {
    app.post(path, { config: { policy: "account.own" } }, async (req, reply) => {
      const { actor } = authorized(req);
      const ref = parseOrBadRequest(recordParams, req.params);
      // Only a record the reader may see can be followed: another one is not there for them.
      const record = activity.knows(ref.kind) ? await activity.record(actor, ref) : undefined;
      if (!record) throw new NotFoundError();
      await (act === "follow" ? activity.follow(actor.userId!, ref) : activity.stop(actor.userId!, ref));
      return reply.redirect(backTo(parseOrBadRequest(backField, req.body ?? {}).back, record.href), 303);
    });
  }

  app.get("/following", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const followed = await activity.following({ ...actor, userId: actor.userId! });
    const { t } = req.i18n;
    return reply.page(<FollowingPage ctx={req.pageContext()} followed={followed} followables={followables} />, {
      title: t("following.title"),
      crumbs: [{ href: "/activity", label: t("activity.title") }, { label: t("following.title") }],
    });
  });

  app.get("/activity", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const events = await activity.recent({ ...actor, userId: actor.userId! });
    const { t } = req.i18n;
    const describe = (e: SeenEvent) =>
      followables.find((f) => f.kind === e.record.kind)?.events?.[e.type]?.(t, e.data) ?? t("activity.changed");
    // Seen once shown: the next look marks only what came after (the events already know what was new).
    if (events[0]) await activity.markSeen(actor.userId!, events[0].id);
    return reply.page(<ActivityPage ctx={req.pageContext()} events={events} describe={describe} />, {
      title: t("activity.title"),
    });
  });
}
