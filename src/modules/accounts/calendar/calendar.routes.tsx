import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor, PlatformRole } from "../../../platform/access/actor.ts";
import { authorized } from "../../../platform/access/page-access.ts";
import { NotFoundError } from "../../../platform/http/errors.ts";
import { sendCalendar, toICalendar } from "../../../platform/http/icalendar.ts";
import { type AppContext, calendarEntries } from "../../../platform/module.ts";
import { publicBaseUrl } from "../../../platform/services.ts";
import { CalendarFeedRepo } from "./calendar.repo.ts";
import { CalendarFeedPage } from "./calendar.views.tsx";

const feedParams = z.object({ feed: z.string().regex(/^\d{1,10}\.\d{1,10}\.[A-Za-z0-9_-]{20,100}\.ics$/) });

/**
 * A person's own calendar feed: the meetings of the bodies they sit in and the gatherings they
 * registered for, from every module, as they may see them when the calendar program asks. Calendar
 * programs cannot sign in, so the link itself is the key: the account's number, the link's version
 * and a signature made with the installation's cookie key. A new link raises the version, and the
 * old one stops working.
 */
export function calendarFeedRoutes(app: FastifyInstance, ctx: AppContext) {
  const repo = new CalendarFeedRepo(ctx.db);
  const base = publicBaseUrl(ctx.config);
  const signed = (userId: number, version: number) => `calendar:${userId}:${version}`;
  // The cookie signer's base64 signature, made safe for a path.
  const signature = (userId: number, version: number) =>
    app
      .signCookie(signed(userId, version))
      .slice(signed(userId, version).length + 1)
      .replaceAll("+", "-")
      .replaceAll("/", "_");
  const feedUrl = (userId: number, version: number) => `${base}/calendar/${userId}.${version}.${signature(userId, version)}.ics`;

  app.get("/account/calendar", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const account = await repo.account(actor.userId!);
    if (!account) throw new NotFoundError();
    // The page shows the link that opens the person's calendar: no cache keeps it.
    reply.header("cache-control", "no-store");
    return reply.page(
      <CalendarFeedPage
        ctx={req.pageContext()}
        url={feedUrl(account.id, account.version)}
        renewed={(req.query as Record<string, unknown>).renewed !== undefined}
      />,
      { title: req.i18n.t("calendarFeed.title") },
    );
  });

  app.post("/account/calendar/renew", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    await repo.renew(actor.userId!);
    return reply.redirect("/account/calendar?renewed=1", 303);
  });

  app.get("/calendar/:feed", { config: { policy: "public" } }, async (req, reply) => {
    // One person's calendar: never kept for anyone else, even under its secret address.
    req.personalResponse = true;
    const person = await personOf(req);
    const events = await calendarEntries(ctx, { person });
    return sendCalendar(reply, "samverk.ics", toICalendar(req.i18n.t("calendarFeed.name", { name: person.label }), events));
  });

  /** The account a feed's link belongs to, as an actor with its grants today; 404 for a link that is not (or no longer) one. */
  async function personOf(req: FastifyRequest): Promise<Actor> {
    const parsed = feedParams.safeParse(req.params);
    if (!parsed.success) throw new NotFoundError();
    const [userId, version, sig] = parsed.data.feed.replace(/\.ics$/, "").split(".") as [string, string, string];
    const account = await repo.account(Number(userId));
    if (!account || account.version !== Number(version)) throw new NotFoundError();
    const given = `${signed(account.id, account.version)}.${sig.replaceAll("-", "+").replaceAll("_", "/")}`;
    if (!app.unsignCookie(given).valid) throw new NotFoundError();
    return {
      userId: account.id,
      label: account.name || account.email,
      isAdmin: account.isAdmin,
      roles: account.roles as PlatformRole[],
      networks: await ctx.services.access.grantsFor(account.id),
    };
  }
}
