import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorized } from "../../platform/access/page-access.ts";
import type { SeenEvent } from "../../platform/activity/activity.ts";
import { describeEvent, followablesOf } from "../../platform/activity/followables.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { formRoute } from "../../platform/http/form-route.ts";
import { linkSecret, parseOrBadRequest } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState } from "../../platform/ui/components.tsx";
import { savedNotice } from "../../platform/ui/saved-notice.tsx";
import { ActivityPage, FollowingPage, StopMailPage } from "./following.views.tsx";

const recordParams = z.object({ kind: z.string().max(40), id: z.coerce.number().int().positive().max(2_147_483_647) });
const backField = z.object({ back: z.string().max(1000).optional() }).passthrough();

/** A path on this site to come back to, else the record's page: never another site. */
const backTo = (back: string | undefined, fallback: string) => (back && /^\/(?![/\\])/.test(back) ? back : fallback);

/** Following a record, the list of what one follows, and what happened to it (decision 0035). */
export function followingRoutes(app: FastifyInstance, { services, modules }: AppContext) {
  const { activity, activityDigests } = services;
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

  const followingPage = async (req: FastifyRequest, reply: FastifyReply, mailForm: FormState) => {
    const { actor } = authorized(req);
    const [followed, mail] = await Promise.all([
      activity.following({ ...actor, userId: actor.userId! }),
      activityDigests.settings(actor.userId!),
    ]);
    const { t } = req.i18n;
    const form =
      mailForm.values && Object.keys(mailForm.values).length
        ? mailForm
        : emptyForm(Object.fromEntries(mail.map((m) => [m.kind, m.frequency])));
    return reply.page(
      <>
        {savedNotice(req)}
        <FollowingPage ctx={req.pageContext()} followed={followed} followables={followables} mailForm={form} />
      </>,
      {
        title: t("following.title"),
        crumbs: [{ href: "/activity", label: t("activity.title") }, { label: t("following.title") }],
        forms: [form],
      },
    );
  };

  formRoute(app, {
    path: "/following",
    policy: "account.own",
    show: (req, reply, form) => followingPage(req, reply, form),
    submit: (actor, _r, body, req) => activityDigests.save(actor.userId!, body, req.i18n.locale),
    done: () => "/following?saved=1#mail",
  });

  // The link in every digest: stops all of it without signing in, the key standing in for the account.
  // A mail program posts to it with one click (RFC 8058), without the page's CSRF token.
  const stopParams = z.object({ key: linkSecret });
  app.get("/mail/stop/:key", { config: { policy: "public" } }, async (req, reply) => {
    const { key } = parseOrBadRequest(stopParams, req.params);
    return reply.page(<StopMailPage ctx={req.pageContext()} action={`/mail/stop/${key}`} done={false} />, {
      title: req.i18n.t("activity.stop.title"),
    });
  });
  app.post("/mail/stop/:key", { config: { policy: "public", withoutCsrf: true } }, async (req, reply) => {
    const { key } = parseOrBadRequest(stopParams, req.params);
    if (!(await activityDigests.unsubscribe(key))) throw new NotFoundError();
    return reply.page(<StopMailPage ctx={req.pageContext()} action={`/mail/stop/${key}`} done={true} />, {
      title: req.i18n.t("activity.stop.title"),
    });
  });

  app.get("/activity", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const events = await activity.recent({ ...actor, userId: actor.userId! });
    const { t } = req.i18n;
    const describe = (e: SeenEvent) => describeEvent(followables, req.i18n, { ...e, kind: e.record.kind });
    // Seen once shown: the next look marks only what came after (the events already know what was new).
    if (events[0]) await activity.markSeen(actor.userId!, events[0].id);
    return reply.page(<ActivityPage ctx={req.pageContext()} events={events} describe={describe} />, {
      title: t("activity.title"),
    });
  });
}
