import type { Actor } from "../../../platform/access/actor.ts";
import { canSee } from "../../../platform/access/visibility.ts";
import { audited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import { type ErrorLog, every } from "../../../platform/every.ts";
import { ForbiddenError } from "../../../platform/http/errors.ts";
import { i18nFor, isLocale, type Locale } from "../../../platform/i18n/i18n.ts";
import { type MailDelivery, queueMail } from "../../../platform/mail/mail.ts";
import type { AccessService } from "../../networks/index.ts";
import { stateLabel } from "../labels.ts";
import type { NeedRepo } from "../needs.repo.ts";

/** How many people one digest run writes to before it yields. */
const DIGEST_BATCH = 100;

/**
 * The daily e-mail to the people who registered or support a need: the changes others made to it.
 * Each person turns it off or on for themselves.
 */
export class NeedDigests {
  constructor(
    private readonly db: Db,
    private readonly repo: NeedRepo,
    private readonly access: AccessService,
    private readonly mail: { baseUrl: string; delivery: MailDelivery },
  ) {}

  /** The digest setting shown to its owner. */
  async setting(userId: number) {
    return (await this.repo.digestSetting(userId)) ?? { optedOut: false };
  }

  async setOptOut(actor: Actor, optedOut: boolean, locale: Locale) {
    if (!actor.userId) throw new ForbiddenError();
    const userId = actor.userId;
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).setOptOut(userId, optedOut, locale);
      await audit({ action: "update", entity: "need_digest", entityId: userId, after: { optedOut } });
    });
  }

  /**
   * Writes one e-mail a day at most to each person with news: the state changes others made to the
   * needs they registered or support since their last digest. Mail goes through the outbox in the
   * same transaction that moves their place, so nobody is told twice or skipped. Answers how many
   * digests were written.
   */
  async send(now = new Date()): Promise<number> {
    let written = 0;
    for (;;) {
      const claimed = await this.db.transaction(async (tx) => {
        const repo = this.repo.with(tx);
        const upTo = await repo.maxEventId();
        const due = await repo.claimDigests(now, DIGEST_BATCH);
        for (const person of due) {
          // Mail is a read path like any page: only needs the person may see today.
          const reader: Actor = {
            userId: person.userId,
            label: person.email,
            isAdmin: false,
            networks: await this.access.grantsIn(tx, person.userId),
          };
          const events = (await repo.digestEvents(person.userId, person.lastEventId)).filter(
            (e) => e.event.id <= upTo && canSee(reader, e),
          );
          if (events.length === 0) {
            await repo.markDigested(person.userId, upTo, null);
            continue;
          }
          const { t } = i18nFor(isLocale(person.locale) ? person.locale : "nb");
          const lines = events.map((e) =>
            t("mail.needDigest.line", {
              title: e.title,
              state: stateLabel(t, e.event.toState),
              note: e.event.note ? ` – ${e.event.note}` : "",
              link: `${this.mail.baseUrl}/needs/${e.needId}`,
            }),
          );
          await queueMail(tx, {
            to: person.email,
            subject: t("mail.needDigest.subject", { count: events.length }),
            body: t("mail.needDigest.body", { lines: lines.join("\n\n"), settings: `${this.mail.baseUrl}/needs/digest` }),
          });
          await repo.markDigested(person.userId, upTo, now);
          written++;
        }
        return due.length;
      });
      if (claimed < DIGEST_BATCH) break;
    }
    if (written) void this.mail.delivery.deliverDue().catch(() => undefined);
    return written;
  }

  /** Runs the digests every `minutes` while the app runs; answers a stop function. */
  schedule(minutes: number, log: ErrorLog): () => void {
    return every(minutes, () => this.send(), log, "need digests failed");
  }
}
