import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../access/actor.ts";
import { visibilityKey } from "../access/visibility.ts";
import type { Db, DbOrTx } from "../db/client.ts";
import { rowsOf } from "../db/rows.ts";
import { type ErrorLog, every } from "../every.ts";
import { invalid, ok, type Result } from "../http/errors.ts";
import { toFieldErrors } from "../http/validation.ts";
import { i18nFor, isLocale, type Locale } from "../i18n/i18n.ts";
import { type MailDelivery, type MailMessage, queueMails } from "../mail/mail.ts";
import { activityEvents, activityMail, activitySettings, DIGEST_FREQUENCIES, type DigestFrequency, users } from "../schema.ts";
import { followedBy, followersOfEvents } from "./activity.ts";
import {
  clip,
  describeEvent,
  type EventRecords,
  type EventRow,
  eventColumns,
  eventData,
  type Followable,
  type RecordKind,
  recordsOfEvents,
} from "./followables.ts";

/** A kind of record without a choice of its own is mailed once a day. */
export const DEFAULT_FREQUENCY: DigestFrequency = "daily";
/** The hour of the day (Norwegian time) daily and weekly mail goes out; weekly on Mondays. */
const SEND_HOUR = 7;
/** People written to in one claim; the rest wait for the next round of the same run. */
const BATCH = 200;
/** Events one mail tells of at most; the rest are named by their count. */
const MOST_EVENTS = 200;

type Sent = Exclude<DigestFrequency, "never">;
const SENT: readonly Sent[] = ["immediately", "daily", "weekly"];
/** The column of a person's mail row that holds how far each frequency has told. */
const POSITION = { immediately: "immediateEventId", daily: "dailyEventId", weekly: "weeklyEventId" } as const;
const positionOf = (person: typeof activityMail.$inferSelect, frequency: Sent) => person[POSITION[frequency]];

/** One person's mail of one frequency, due in this run: the events after `from` are theirs to hear. */
interface Telling {
  person: typeof activityMail.$inferSelect;
  frequency: Sent;
  from: number;
}

/** The last moment (as an instant) it was `SEND_HOUR` in Oslo on a day that passes `isDay`, at or before `now`. */
function lastSendingTime(now: Date, isDay: (osloDay: Date) => boolean): Date {
  for (let back = 0; back < 9; back++) {
    const day = new Date(now.getTime() - back * 24 * 3600_000);
    const [y, m, d] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" }).format(day).split("-").map(Number);
    // 07:00 in Oslo is 06:00 or 05:00 UTC; find it from the offset Oslo has that day.
    const noonUtc = new Date(Date.UTC(y!, m! - 1, d!, 12));
    const osloNoon = Number(
      new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Oslo", hour: "2-digit", hourCycle: "h23" }).format(noonUtc),
    );
    const at = new Date(Date.UTC(y!, m! - 1, d!, SEND_HOUR - (osloNoon - 12)));
    if (at <= now && isDay(new Date(Date.UTC(y!, m! - 1, d!)))) return at;
  }
  return new Date(0);
}

export const mailSettingsInput = z.record(z.string().max(40), z.enum(DIGEST_FREQUENCIES, "errors.choice"));

/**
 * One digest for everything one follows (decision 0035): per kind of record at once, daily, weekly or
 * never, in the person's language, through the outbox, each event told once per person across any
 * number of processes (a person's row is claimed FOR UPDATE SKIP LOCKED, its position moved in the
 * same transaction as the mail is queued). Only what the person may see when it is sent is told.
 */
export class ActivityDigests {
  constructor(
    private readonly db: Db,
    private readonly followables: () => readonly Followable[],
    /** Every kind an event can be about (`recordKindsOf`). */
    private readonly kinds: () => readonly RecordKind[],
    /** People's rights in the networks as they are now, by person (the access module's). */
    private readonly grantsOf: (tx: DbOrTx, userIds: readonly number[]) => Promise<Map<number, Actor["networks"]>>,
    private readonly mail: { baseUrl: string; delivery: MailDelivery },
  ) {}

  /** The person's choice for every kind one can follow, in the modules' order. */
  async settings(userId: number): Promise<{ kind: string; frequency: DigestFrequency }[]> {
    const rows = await this.db.select().from(activitySettings).where(eq(activitySettings.userId, userId));
    const chosen = new Map(rows.map((r) => [r.kind, r.frequency]));
    return this.followables().map((f) => ({ kind: f.kind, frequency: chosen.get(f.kind) ?? DEFAULT_FREQUENCY }));
  }

  /** Saves the person's choices (every kind named must be one that can be followed) and their language. */
  async save(userId: number, input: unknown, locale: Locale): Promise<Result<null>> {
    // The form's own fields (its CSRF token) are not kinds.
    const fields =
      input && typeof input === "object"
        ? Object.fromEntries(Object.entries(input).filter(([key]) => !key.startsWith("_")))
        : input;
    const parsed = mailSettingsInput.safeParse(fields);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const kinds = new Set(this.followables().map((f) => f.kind));
    const unknown = Object.keys(parsed.data).find((kind) => !kinds.has(kind));
    if (unknown) return invalid([{ field: unknown, key: "errors.choice" }]);
    await this.db.transaction(async (tx) => {
      for (const [kind, frequency] of Object.entries(parsed.data))
        await tx
          .insert(activitySettings)
          .values({ userId, kind, frequency })
          .onConflictDoUpdate({ target: [activitySettings.userId, activitySettings.kind], set: { frequency } });
      await this.ensure(tx, userId);
      await tx.update(activityMail).set({ locale }).where(eq(activityMail.userId, userId));
    });
    return ok(null);
  }

  /** The language the person's mail is written in: the one they last signed in or chose settings with. */
  async localeOf(userId: number): Promise<Locale | undefined> {
    const [row] = await this.db.select({ locale: activityMail.locale }).from(activityMail).where(eq(activityMail.userId, userId));
    return row && isLocale(row.locale) ? row.locale : undefined;
  }

  /** Keeps the language the person uses, for their mail. */
  async rememberLocale(userId: number, locale: Locale): Promise<void> {
    await this.ensure(this.db, userId);
    await this.db.update(activityMail).set({ locale }).where(eq(activityMail.userId, userId));
  }

  /** Stops every mail of what one follows, by the key in the mail's link: true when the key was known. */
  async unsubscribe(key: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ userId: activityMail.userId })
        .from(activityMail)
        .where(eq(activityMail.unsubscribeKey, key));
      if (!row) return false;
      for (const f of this.followables())
        await tx
          .insert(activitySettings)
          .values({ userId: row.userId, kind: f.kind, frequency: "never" })
          .onConflictDoUpdate({ target: [activitySettings.userId, activitySettings.kind], set: { frequency: "never" } });
      return true;
    });
  }

  /** The person's mail row, made when missing: told up to now, so a new follower gets no backlog. */
  async ensure(tx: DbOrTx, userId: number): Promise<void> {
    await this.insertRows(tx, [userId]);
  }

  /** Mail rows for people who have none, each with its own stop key, told up to the latest event. */
  private async insertRows(tx: DbOrTx, userIds: readonly number[]): Promise<void> {
    const [latest] = await tx.select({ id: sql<number>`coalesce(max(${activityEvents.id}), 0)::int` }).from(activityEvents);
    const at = latest?.id ?? 0;
    const row = (userId: number) => ({
      userId,
      unsubscribeKey: randomBytes(24).toString("base64url"),
      immediateEventId: at,
      dailyEventId: at,
      weeklyEventId: at,
    });
    await tx.insert(activityMail).values(userIds.map(row)).onConflictDoNothing();
  }

  /**
   * Writes what is due: at once for the kinds so chosen, daily after 07:00, weekly on Monday after
   * 07:00 (Norwegian time). Answers how many mails were queued. People are claimed and told in
   * batches: a batch's events, readers, rights and records are each read in one query.
   */
  async send(now = new Date()): Promise<number> {
    await this.ensureEveryone();
    const dailyMark = lastSendingTime(now, () => true);
    const weeklyMark = lastSendingTime(now, (day) => day.getUTCDay() === 1);
    const [latest] = await this.db.select({ id: sql<number>`coalesce(max(${activityEvents.id}), 0)::int` }).from(activityEvents);
    const upTo = latest?.id ?? 0;
    await this.passOverTheUnconcerned(upTo);
    let written = 0;
    for (;;) {
      const claimed = await this.db.transaction(async (tx) => {
        const due = await tx
          .select()
          .from(activityMail)
          .where(
            sql`${activityMail.immediateEventId} < ${upTo}
              or (${activityMail.dailyEventId} < ${upTo} and coalesce(${activityMail.dailySentAt}, 'epoch') < ${dailyMark})
              or (${activityMail.weeklyEventId} < ${upTo} and coalesce(${activityMail.weeklySentAt}, 'epoch') < ${weeklyMark})`,
          )
          .limit(BATCH)
          .for("update", { skipLocked: true });
        const tellings = due.flatMap((person) =>
          SENT.filter((frequency) => {
            const from = positionOf(person, frequency);
            if (from >= upTo) return false;
            if (frequency === "daily") return (person.dailySentAt ?? new Date(0)) < dailyMark;
            if (frequency === "weekly") return (person.weeklySentAt ?? new Date(0)) < weeklyMark;
            return true;
          }).map((frequency) => ({ person, frequency, from: positionOf(person, frequency) })),
        );
        // A frequency the person chose for no kind has nothing to tell: its position just moves.
        const chosen = await this.frequenciesOf(
          tx,
          due.map((p) => p.userId),
        );
        const asked = tellings.filter(
          (t) => t.frequency === DEFAULT_FREQUENCY || !!chosen.get(t.person.userId)?.has(t.frequency),
        );
        const mails = await this.mailsOf(tx, asked, upTo);
        await queueMails(tx, mails);
        written += mails.length;
        await this.move(tx, tellings, upTo, now);
        return due.length;
      });
      if (claimed < BATCH) break;
    }
    if (written) void this.mail.delivery.deliverDue().catch(() => undefined);
    return written;
  }

  /**
   * The mails of a batch of tellings: for each, the events since its position the person may see now,
   * with their rights today (mail is a read path like any page). Readers with the same rights share
   * one reading of the records.
   */
  private async mailsOf(tx: DbOrTx, tellings: readonly Telling[], upTo: number): Promise<MailMessage[]> {
    if (!tellings.length) return [];
    const userIds = [...new Set(tellings.map((t) => t.person.userId))];
    const rows = rowsOf<EventRow & { user_id: number; frequency: Sent }>(
      await tx.execute(sql`
        select * from (
          select t.user_id, t.frequency, ${eventColumns},
            row_number() over (partition by t.user_id, t.frequency order by e.id) as n
          from (values ${sql.join(
            tellings.map((t) => sql`(${t.person.userId}::int, ${t.frequency}::text, ${t.from}::int)`),
            sql`, `,
          )}) t(user_id, frequency, from_id)
            join (select distinct user_id, kind, record_id from (${followedBy(this.followables(), userIds)}) f0) f
              on f.user_id = t.user_id
            join ${activityEvents} e on e.kind = f.kind and e.record_id = f.record_id and e.id > t.from_id and e.id <= ${upTo}
          where coalesce((select s.frequency from ${activitySettings} s where s.user_id = t.user_id and s.kind = e.kind),
              ${DEFAULT_FREQUENCY}) = t.frequency
            and (e.actor_user_id is null or e.actor_user_id <> t.user_id)
        ) x where n <= ${MOST_EVENTS + 1} order by user_id, frequency, id`),
    );
    if (!rows.length) return [];
    const eventsOf = new Map<string, EventRow[]>();
    for (const r of rows) {
      const key = `${r.user_id}:${r.frequency}`;
      const list = eventsOf.get(key);
      if (list) list.push(r);
      else eventsOf.set(key, [r]);
    }
    const readerIds = [...new Set(rows.map((r) => Number(r.user_id)))];
    const accounts = await tx
      .select({ id: users.id, name: users.name, email: users.email, isAdmin: users.isAdmin })
      .from(users)
      .where(and(inArray(users.id, readerIds), isNull(users.deletedAt)));
    const grants = await this.grantsOf(tx, readerIds);
    const readers = new Map(
      accounts.map((a) => [
        a.id,
        { account: a, actor: { userId: a.id, label: a.email, isAdmin: a.isAdmin, networks: grants.get(a.id) ?? {} } as Actor },
      ]),
    );
    // The records each set of rights may see, of the events told to the readers who hold it.
    const seenBy = new Map<string, Map<number, EventRecords>>();
    const byRights = Map.groupBy([...readers.values()], (r) => visibilityKey(r.actor));
    for (const [key, group] of byRights) {
      const ids = new Set(group.map((r) => r.account.id));
      const events = [...new Map(rows.filter((r) => ids.has(Number(r.user_id))).map((r) => [Number(r.id), r])).values()];
      seenBy.set(key, await recordsOfEvents(tx, this.kinds(), events, group[0]!.actor));
    }
    return tellings.flatMap((telling) => {
      const reader = readers.get(telling.person.userId);
      const events = eventsOf.get(`${telling.person.userId}:${telling.frequency}`);
      if (!reader || !events) return [];
      const records = seenBy.get(visibilityKey(reader.actor))!;
      const shown = events.slice(0, MOST_EVENTS).filter((e) => records.has(Number(e.id)));
      if (!shown.length) return [];
      return [this.compose(telling.person, reader.account, shown, records, events.length > MOST_EVENTS)];
    });
  }

  /** One person's mail: the events grouped by network, then by record, in the order things happened. */
  private compose(
    person: typeof activityMail.$inferSelect,
    account: { name: string; email: string },
    shown: readonly EventRow[],
    records: Map<number, EventRecords>,
    more: boolean,
  ): MailMessage {
    const locale: Locale = isLocale(person.locale) ? person.locale : "nb";
    const i18n = i18nFor(locale);
    const { t, dateTime } = i18n;
    const describe = (e: EventRow) => describeEvent(this.followables(), i18n, { ...e, data: eventData(e) });
    const groups = new Map<string, Map<string, string[]>>();
    for (const e of shown) {
      const { record, about } = records.get(Number(e.id))!;
      const network = record.network?.name ?? t("activity.mail.noNetwork");
      const heading = `${record.title}\n  ${this.mail.baseUrl}${record.href}`;
      const byRecord = groups.get(network) ?? new Map<string, string[]>();
      byRecord.set(heading, [
        ...(byRecord.get(heading) ?? []),
        `  – ${describe(e)}${about ? `: ${clip(about.title)} (${this.mail.baseUrl}${about.href})` : ""} · ${dateTime(new Date(e.created_at))}`,
      ]);
      groups.set(network, byRecord);
    }
    const text = [...groups].map(([network, byRecord]) =>
      [network.toUpperCase(), ...[...byRecord].map(([heading, lines]) => `${heading}\n${lines.join("\n")}`)].join("\n\n"),
    );
    if (more) text.push(t("activity.mail.more", { url: `${this.mail.baseUrl}/following` }));
    const unsubscribeUrl = `${this.mail.baseUrl}/mail/stop/${person.unsubscribeKey}`;
    return {
      to: account.email,
      subject: t("activity.mail.subject", { count: shown.length }),
      body: t("activity.mail.body", {
        name: account.name,
        changes: text.join("\n\n"),
        settings: `${this.mail.baseUrl}/following#mail`,
        stop: unsubscribeUrl,
      }),
      unsubscribeUrl,
    };
  }

  /** Moves each telling's position to `upTo` (and marks a daily or weekly mail sent), one statement a frequency. */
  private async move(tx: DbOrTx, tellings: readonly Telling[], upTo: number, now: Date): Promise<void> {
    for (const frequency of SENT) {
      const ids = tellings.filter((t) => t.frequency === frequency).map((t) => t.person.userId);
      if (!ids.length) continue;
      const sentAt = frequency === "daily" ? { dailySentAt: now } : frequency === "weekly" ? { weeklySentAt: now } : {};
      await tx
        .update(activityMail)
        .set({ [POSITION[frequency]]: upTo, ...sentAt })
        .where(inArray(activityMail.userId, ids));
    }
  }

  /** The frequencies each person chose for some kind, by person (none: every kind is the default's). */
  private async frequenciesOf(tx: DbOrTx, userIds: readonly number[]): Promise<Map<number, Set<DigestFrequency>>> {
    const rows = userIds.length
      ? await tx
          .select({ userId: activitySettings.userId, frequency: activitySettings.frequency })
          .from(activitySettings)
          .where(inArray(activitySettings.userId, [...userIds]))
      : [];
    const chosen = new Map<number, Set<DigestFrequency>>();
    for (const r of rows) chosen.set(r.userId, (chosen.get(r.userId) ?? new Set()).add(r.frequency));
    return chosen;
  }

  /**
   * Moves everyone whom none of the events since the lowest position concern up to `upTo` in one
   * statement: of ten thousand people, only those who follow a record something happened to are
   * claimed and read one by one. A position only moves forward, whichever process moves it.
   */
  private async passOverTheUnconcerned(upTo: number): Promise<void> {
    const lowest = sql`(select coalesce(min(least(m.immediate_event_id, m.daily_event_id, m.weekly_event_id)), ${upTo}) from ${activityMail} m)`;
    const events = sql`select kind, record_id from ${activityEvents} where id > ${lowest} and id <= ${upTo}`;
    await this.db.execute(sql`
      update ${activityMail} set
        immediate_event_id = greatest(immediate_event_id, ${upTo}),
        daily_event_id = greatest(daily_event_id, ${upTo}),
        weekly_event_id = greatest(weekly_event_id, ${upTo})
      where least(immediate_event_id, daily_event_id, weekly_event_id) < ${upTo}
        and user_id not in (${followersOfEvents(this.followables(), events)})`);
  }

  /** Makes the mail row of everyone who has none yet (new accounts), told up to now, in one statement. */
  private async ensureEveryone(): Promise<void> {
    const missing = await this.db
      .select({ id: users.id })
      .from(users)
      .where(
        and(sql`${users.deletedAt} is null`, sql`not exists (select 1 from ${activityMail} m where m.user_id = ${users.id})`),
      );
    if (missing.length)
      await this.insertRows(
        this.db,
        missing.map((m) => m.id),
      );
  }

  /** Runs the digests every `minutes` while the app runs; answers a stop function. */
  schedule(minutes: number, log: ErrorLog): () => void {
    return every(minutes, () => this.send(), log, "activity digests failed");
  }
}
