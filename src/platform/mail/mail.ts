import { and, asc, count, desc, eq, lte, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db, DbOrTx } from "../db/client.ts";
import { mailOutbox } from "../schema.ts";

export interface MailMessage {
  to: string;
  subject: string;
  body: string;
  /** The same as accessible HTML, for a mail read in a mail program that shows it (a newsletter); the text stays the first part. */
  html?: string | null;
  /** An iCalendar text (RFC 5545) sent along as an invitation that calendar programs offer to add. */
  calendar?: string | null;
  /** An address that stops this kind of mail at once when posted to, without signing in (RFC 8058). */
  unsubscribeUrl?: string | null;
}

/** Puts a message in the outbox, inside the caller's transaction: no change without its mail, no mail without its change. */
export async function queueMail(tx: DbOrTx, message: MailMessage): Promise<void> {
  await queueMails(tx, [message]);
}

/** Puts many messages in the outbox in one statement, inside the caller's transaction. */
export async function queueMails(tx: DbOrTx, messages: readonly MailMessage[]): Promise<void> {
  if (messages.length) await tx.insert(mailOutbox).values([...messages]);
}

export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
    /** nodemailer's calendar part: a text/calendar alternative and an .ics attachment. */
    icalEvent?: { method: string; filename: string; content: string };
    /** nodemailer's List-* headers (RFC 2369). */
    list?: { unsubscribe: { url: string } };
    headers?: Record<string, string>;
  }): Promise<unknown>;
}

export function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport(url);
}

const MAX_ATTEMPTS = 6;
const BATCH = 20;

/**
 * Sends what is due in the outbox over SMTP. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * app processes on one PostgreSQL server never send the same mail twice. A failed attempt is retried
 * with a growing delay (1, 2, 4 … minutes) and marked failed after the last one.
 */
export class MailDelivery {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: Db,
    private readonly transport: MailTransport | null,
    private readonly from: string,
    private readonly log: { error(o: object, m: string): void },
  ) {}

  get enabled(): boolean {
    return this.transport !== null;
  }

  /** Sends every due message; answers how many were sent. Calls while one runs wait for it. */
  deliverDue(): Promise<number> {
    if (!this.transport) return Promise.resolve(0);
    this.running ??= this.deliverBatches().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async deliverBatches(): Promise<number> {
    let sent = 0;
    for (;;) {
      const n = await this.deliverBatch();
      sent += n.sent;
      if (n.claimed < BATCH) return sent;
    }
  }

  private async deliverBatch(): Promise<{ claimed: number; sent: number }> {
    const transport = this.transport!;
    return this.db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, new Date())))
        .orderBy(asc(mailOutbox.id))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      let sent = 0;
      for (const mail of due) {
        try {
          await transport.sendMail({
            from: this.from,
            to: mail.to,
            subject: mail.subject,
            text: mail.body,
            ...(mail.html ? { html: mail.html } : {}),
            ...(mail.calendar ? { icalEvent: { method: "PUBLISH", filename: "invitation.ics", content: mail.calendar } } : {}),
            // One click in the mail program stops it: List-Unsubscribe with its POST (RFC 8058).
            ...(mail.unsubscribeUrl
              ? {
                  list: { unsubscribe: { url: mail.unsubscribeUrl } },
                  headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
                }
              : {}),
          });
          await tx
            .update(mailOutbox)
            .set({ status: "sent", sentAt: new Date(), attempts: mail.attempts + 1, lastError: null })
            .where(eq(mailOutbox.id, mail.id));
          sent++;
        } catch (error) {
          const attempts = mail.attempts + 1;
          const message = error instanceof Error ? error.message : String(error);
          this.log.error({ mailId: mail.id, attempts, err: message }, "mail delivery failed");
          await tx
            .update(mailOutbox)
            .set({
              attempts,
              lastError: message.slice(0, 1000),
              status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
              nextAttemptAt: new Date(Date.now() + 60_000 * 2 ** (attempts - 1)),
            })
            .where(eq(mailOutbox.id, mail.id));
        }
      }
      return { claimed: due.length, sent };
    });
  }

  start(intervalMs = 5_000): void {
    if (!this.transport || this.timer) return;
    this.timer = setInterval(() => {
      this.deliverDue().catch((err) => this.log.error({ err }, "mail delivery loop failed"));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

/** The outbox as the administrator reads it. */
export class Outbox {
  constructor(private readonly db: Db) {}

  async list(limit: number, offset: number) {
    const items = await this.db
      .select({
        id: mailOutbox.id,
        to: mailOutbox.to,
        subject: mailOutbox.subject,
        status: mailOutbox.status,
        attempts: mailOutbox.attempts,
        createdAt: mailOutbox.createdAt,
        sentAt: mailOutbox.sentAt,
      })
      .from(mailOutbox)
      .orderBy(desc(mailOutbox.id))
      .limit(limit)
      .offset(offset);
    const [total] = await this.db.select({ n: count() }).from(mailOutbox);
    return { items, total: total?.n ?? 0 };
  }

  async byId(id: number) {
    const [row] = await this.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    return row;
  }

  /** Test and CLI helper: the newest messages to one address. */
  async to(address: string) {
    return this.db
      .select()
      .from(mailOutbox)
      .where(eq(sql`lower(${mailOutbox.to})`, address.toLowerCase()))
      .orderBy(desc(mailOutbox.id));
  }
}
