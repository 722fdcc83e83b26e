import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { type ActivityService, publishEvent } from "../../platform/activity/activity.ts";
import type { RecordRef } from "../../platform/activity/followables.ts";
import { changedFields } from "../../platform/audit/audit.ts";
import { audited, createAudited, deleteAudited } from "../../platform/audit/audited.ts";
import { hashToken } from "../../platform/auth/tokens.ts";
import type { Db } from "../../platform/db/client.ts";
import type { Page } from "../../platform/db/paging.ts";
import { checkUpload, deleteFile, readFile, saveFile } from "../../platform/files/files.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import type { Throttle } from "../../platform/http/throttle.ts";
import { idList, optionalText, requiredText, toFieldErrors } from "../../platform/http/validation.ts";
import { i18nFor, type Locale } from "../../platform/i18n/i18n.ts";
import { type MailDelivery, queueMail, queueMails } from "../../platform/mail/mail.ts";
import { type NewsItem, type NewsOwner, type NewsPicture, NewsRepo, ownerOf } from "./news.repo.ts";
import { newsletterHtml, newsletterText } from "./newsletter-mail.ts";
import { MOST_PICTURES } from "./schema.ts";

/** The pictures a news item may carry: those every mail program and browser shows. */
const PICTURE_TYPES = ["image/png", "image/jpeg"];

/** A record of this site by its page's address ("/projects/12", or the whole address): what a news item may be about. */
const RECORD_PAGES: [RegExp, string][] = [
  [/^\/projects\/(\d+)$/, "project"],
  [/^\/needs\/(\d+)$/, "need"],
  [/^\/meetings\/(\d+)$/, "meeting"],
  [/^\/n\/[\w-]+\/bodies\/(\d+)$/, "body"],
  [/^\/roadmap\/(\d+)$/, "national_solution"],
  [/^\/strategies\/(\d+)$/, "strategy"],
  [/^\/consultations\/(\d+)$/, "consultation"],
  [/^\/solutions\/(\d+)$/, "solution"],
  [/^\/gatherings\/(\d+)$/, "gathering"],
  [/^\/experience\/(\d+)$/, "experience"],
  [/^\/organisations\/(\d+)$/, "organisation"],
];

/** The records named by their pages' addresses, one a line; the lines that name none. */
export function relatedOf(text: string, baseUrl: string): { refs: RecordRef[]; unknown: string[] } {
  const refs: RecordRef[] = [];
  const unknown: string[] = [];
  for (const line of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const path = line.startsWith(baseUrl) ? line.slice(baseUrl.length) : line;
    const clean = path.replace(/[?#].*$/, "").replace(/\/$/, "");
    const match = RECORD_PAGES.map(([re, kind]) => [clean.match(re), kind] as const).find(([m]) => m);
    if (!match) unknown.push(line);
    else if (!refs.some((r) => r.kind === match[1] && r.id === Number(match[0]![1])))
      refs.push({ kind: match[1], id: Number(match[0]![1]) });
  }
  return { refs, unknown };
}

export const newsInput = z.object({
  title: requiredText(200),
  intro: optionalText(600),
  body: optionalText(20_000),
  visibility: z.enum(["public", "network"], "errors.choice").default("public"),
  imageAlt: optionalText(300),
  related: optionalText(4000),
});

const subscribeInput = z.object({
  email: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.email("errors.email").max(254)),
});

const newsletterInput = z.object({
  subject: requiredText(200),
  intro: optionalText(2000),
  itemIds: idList.refine((ids) => ids.length > 0, "errors.chooseNews"),
});

/**
 * A network's news and its newsletter (issue 25): the secretariat writes, publishes and sends; anyone
 * subscribes with an address they confirm, or signed in with their own; every mail has a way out.
 */
export class NewsService {
  readonly repo: NewsRepo;

  constructor(
    private readonly db: Db,
    private readonly activity: ActivityService,
    private readonly mail: { baseUrl: string; delivery: MailDelivery },
    private readonly throttle: Pick<Throttle, "attemptAll">,
  ) {
    this.repo = new NewsRepo(db);
  }

  /** A news item the viewer may read, else 404 (a draft or a kept item is not admitted to exist). */
  async visible(viewer: Actor | null, id: number): Promise<NewsItem> {
    const item = await this.repo.byId(id);
    // The list's rule, asked of one row, so a page never shows what the list would not.
    if (!item || !(await this.repo.readable(viewer, id))) throw new NotFoundError();
    return item;
  }

  page(viewer: Actor | null, owner: NewsOwner, page: Page) {
    return this.repo.page(viewer, owner, page);
  }

  latest(viewer: Actor | null, most: number, owner?: NewsOwner) {
    return this.repo.latest(viewer, most, owner);
  }

  /** The records the item is about that the viewer may see. */
  related(viewer: Actor | null, item: NewsItem) {
    return this.activity.records(viewer, item.related);
  }

  /** The pictures of items, each item's in order. */
  picturesOf(items: readonly NewsItem[]) {
    return this.repo.picturesOf(items.map((i) => i.id));
  }

  /** One of the item's pictures, for a reader who may read the item. */
  async picture(viewer: Actor | null, id: number, pictureId: number) {
    await this.visible(viewer, id);
    const fileId = await this.repo.pictureFileId(id, pictureId);
    const file = fileId ? await readFile(this.db, fileId) : undefined;
    if (!file || !PICTURE_TYPES.includes(file.mediaType)) throw new NotFoundError();
    return file;
  }

  /** How many of the item's related records the viewer may not see: kept when they edit it, but not shown to them. */
  async hiddenRelated(viewer: Actor | null, item: NewsItem): Promise<number> {
    return (await this.keptRelated(viewer, item)).length;
  }

  async create(actor: Actor, owner: NewsOwner, body: Record<string, unknown>, maxBytes: number): Promise<Result<NewsItem>> {
    const checked = await this.check(actor, body, null, [], maxBytes);
    if (!checked.ok) return checked;
    const { pictures, ...fields } = checked.value;
    return ok(
      await createAudited(this.db, actor, "news_item", async (tx) => {
        const repo = this.repo.with(tx);
        const item = await repo.insert({ ...fields, ...owner, authorId: actor.userId, authorLabel: actor.label });
        if (pictures.added)
          await repo.addPicture(item.id, (await saveFile(tx, pictures.added.file, actor.userId)).id, pictures.added.alt);
        return item;
      }),
    );
  }

  async update(actor: Actor, item: NewsItem, body: Record<string, unknown>, maxBytes: number): Promise<Result<NewsItem>> {
    const existing = await this.repo.picturesOf([item.id]);
    const checked = await this.check(actor, body, item, existing, maxBytes);
    if (!checked.ok) return checked;
    const { pictures, ...fields } = checked.value;
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const diff = changedFields(item as unknown as Record<string, unknown>, fields);
        const saved = diff.changed ? await repo.update(item.id, fields) : item;
        if (diff.changed)
          await audit({ action: "update", entity: "news_item", entityId: item.id, before: diff.before, after: diff.after });
        // A removed picture's file goes too: nothing of it is kept that no page shows.
        for (const fileId of await repo.removePictures(item.id, pictures.removed)) await deleteFile(tx, fileId);
        for (const p of pictures.described) await repo.describePicture(item.id, p.id, p.alt);
        if (pictures.added)
          await repo.addPicture(item.id, (await saveFile(tx, pictures.added.file, actor.userId)).id, pictures.added.alt);
        if (pictures.removed.length || pictures.added || pictures.described.some((p) => p.changed))
          await audit({
            action: "update",
            entity: "news_item",
            entityId: item.id,
            before: { pictures: existing.map((p) => p.alt) },
            after: {
              removed: pictures.removed,
              described: pictures.described.map((p) => p.alt),
              added: pictures.added?.alt ?? null,
            },
          });
        return saved;
      }),
    );
  }

  /**
   * Every field checked before anything is saved: a new picture's type, size and description, each
   * kept picture's description, how many there are, and the related links. Related records the writer
   * may not see (named by someone who could) are kept as they were.
   */
  private async check(
    actor: Actor,
    body: Record<string, unknown>,
    item: NewsItem | null,
    existing: readonly NewsPicture[],
    maxBytes: number,
  ) {
    const parsed = newsInput.safeParse(body);
    const errors: FieldError[] = parsed.success ? [] : toFieldErrors(parsed.error);
    const hasFile = body.image !== undefined && body.image !== null && body.image !== "";
    const upload = hasFile ? await checkUpload("image", body.image, maxBytes) : null;
    if (upload) errors.push(...upload.errors);
    if (upload?.file && !PICTURE_TYPES.includes(upload.file.mediaType))
      errors.push({ field: "image", key: "errors.pictureType" });
    const removed = existing.filter((p) => body[`removePicture-${p.id}`] === "1").map((p) => p.id);
    const described = existing
      .filter((p) => !removed.includes(p.id))
      .map((p) => {
        const typed = body[`pictureAlt-${p.id}`];
        const alt = typeof typed === "string" ? typed.trim() : p.alt;
        if (!alt) errors.push({ field: `pictureAlt-${p.id}`, key: "errors.altRequired" });
        else if (alt.length > 300) errors.push({ field: `pictureAlt-${p.id}`, key: "errors.tooLong", params: { max: 300 } });
        return { id: p.id, alt, changed: alt !== p.alt };
      });
    if (upload?.file && described.length + 1 > MOST_PICTURES)
      errors.push({ field: "image", key: "errors.tooManyPictures", params: { max: MOST_PICTURES } });
    if (!parsed.success) return invalid(errors);
    const v = parsed.data;
    if (upload?.file && !v.imageAlt) errors.push({ field: "imageAlt", key: "errors.altRequired" });
    const { refs, unknown } = relatedOf(v.related, this.mail.baseUrl);
    if (unknown.length) errors.push({ field: "related", key: "errors.relatedUnknown", params: { lines: unknown.join(", ") } });
    // Only what the writer may see can be named; what a reader may not see is left out when shown.
    const kept = item ? await this.keptRelated(actor, item) : [];
    const seen = await this.activity.records(actor, refs);
    const isIn = (list: readonly RecordRef[]) => (r: RecordRef) => list.some((s) => s.kind === r.kind && s.id === r.id);
    if (refs.some((r) => !isIn(seen)(r) && !isIn(kept)(r))) errors.push({ field: "related", key: "errors.relatedMissing" });
    if (errors.length) return invalid(errors);
    return ok({
      title: v.title,
      intro: v.intro,
      body: v.body,
      visibility: v.visibility,
      related: [...refs, ...kept.filter((r) => !isIn(refs)(r))],
      pictures: {
        removed,
        described,
        added: upload?.file && v.imageAlt ? { file: upload.file, alt: v.imageAlt } : null,
      },
    });
  }

  /** The item's related records the actor may not see: the form cannot show them, so saving keeps them. */
  private async keptRelated(actor: Actor | null, item: NewsItem): Promise<RecordRef[]> {
    const seen = await this.activity.records(actor, item.related);
    return item.related.filter((r) => !seen.some((s) => s.kind === r.kind && s.id === r.id));
  }

  /** Publishes a draft: shown to its readers from now on, and told to those who follow its network or subject network. */
  async publish(actor: Actor, item: NewsItem): Promise<NewsItem> {
    if (item.state === "published") return item;
    return audited(this.db, actor, async (tx, audit) => {
      const published = await this.repo.with(tx).update(item.id, { state: "published", publishedAt: new Date() });
      const owner = ownerOf(item);
      await publishEvent(tx, {
        ...("networkId" in owner
          ? { kind: "network", id: owner.networkId }
          : { kind: "subject_network", id: owner.subjectNetworkId }),
        type: "news_published",
        about: { kind: "news", id: item.id },
        actorUserId: actor.userId,
      });
      await audit({
        action: "update",
        entity: "news_item",
        entityId: item.id,
        before: { state: item.state },
        after: { state: "published" },
      });
      return published;
    });
  }

  async remove(actor: Actor, item: NewsItem): Promise<void> {
    await deleteAudited(this.db, actor, "news_item", item, async (tx) => {
      const repo = this.repo.with(tx);
      for (const fileId of await repo.removePictures(item.id)) await deleteFile(tx, fileId);
      return repo.delete(item.id);
    });
  }

  // The newsletter

  /**
   * Subscribes an address to a network's newsletter. A signed-in person's own address is confirmed at
   * once; any other gets a link to confirm it (double opt-in), sent again when asked again. The answer
   * is the same whether the address was known or not, so nobody learns who subscribes.
   */
  async subscribe(
    actor: Actor | null,
    ownEmail: string | null,
    network: { id: number; name: string },
    body: unknown,
    context: { locale: Locale; ipKey: string },
  ): Promise<Result<{ confirmed: boolean }>> {
    const parsed = subscribeInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { email } = parsed.data;
    const { locale } = context;
    // Each asking mails a stranger's address: a few an hour from one place, a few a day to one address.
    const limits = [
      [`newsletter-from:${context.ipKey}`, { free: 10, windowMinutes: 60, maxDelaySeconds: 3600 }],
      [`newsletter-to:${email.toLowerCase()}`, { free: 3, windowMinutes: 24 * 60, maxDelaySeconds: 24 * 3600 }],
    ] as const;
    if ((await this.throttle.attemptAll(limits)).blocked)
      return invalid([{ field: "email", key: "errors.tooManySubscriptions" }]);
    const own = ownEmail !== null && ownEmail.toLowerCase() === email.toLowerCase();
    const secret = randomBytes(24).toString("base64url");
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const existing = await repo.subscriber(network.id, email);
      if (existing?.confirmedAt) return;
      const confirmation = own ? { confirmedAt: new Date(), confirmHash: null } : { confirmHash: hashToken(secret) };
      if (existing) await repo.updateSubscriber(existing.id, { ...confirmation, locale });
      else
        await repo.insertSubscriber({
          networkId: network.id,
          email,
          userId: own ? (actor?.userId ?? null) : null,
          locale,
          unsubscribeKey: randomBytes(24).toString("base64url"),
          ...confirmation,
        });
      if (!own) await queueMail(tx, this.confirmationMail(network, email, secret, locale));
    });
    if (!own) void this.mail.delivery.deliverDue().catch(() => undefined);
    return ok({ confirmed: own });
  }

  private confirmationMail(network: { name: string }, email: string, secret: string, locale: Locale) {
    const { t } = i18nFor(locale);
    return {
      to: email,
      subject: t("newsletter.confirmMail.subject", { network: network.name }),
      body: t("newsletter.confirmMail.body", {
        network: network.name,
        link: `${this.mail.baseUrl}/newsletter/confirm/${secret}`,
      }),
    };
  }

  /** Confirms by the link's secret; answers the network's id, or undefined for a link not (or no longer) known. */
  async confirm(secret: string): Promise<number | undefined> {
    return (await this.repo.confirm(hashToken(secret), new Date()))?.networkId;
  }

  /** Stops the newsletter for the address whose key the stop link carries: true when it was known. */
  async unsubscribe(key: string): Promise<boolean> {
    const subscriber = await this.repo.subscriberByKey(key);
    if (!subscriber) return false;
    await this.repo.removeSubscriber(subscriber.id);
    return true;
  }

  /**
   * Sends published public news items together to every confirmed subscriber, each mail in plain text
   * and accessible HTML with its own stop link, queued with the newsletter's record in one transaction.
   */
  async sendNewsletter(
    actor: Actor,
    network: { id: number; slug: string; name: string },
    body: unknown,
  ): Promise<Result<{ id: number; recipients: number }>> {
    const parsed = newsletterInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const unsent = await this.repo.unsent(network.id);
    const items = parsed.data.itemIds.map((id) => unsent.find((i) => i.id === id));
    if (items.some((i) => !i)) return invalid([{ field: "itemIds", key: "errors.choice" }]);
    const chosen = items as NewsItem[];
    const sent = await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const subscribers = await repo.confirmedOf(network.id);
      const newsletter = await repo.insertNewsletter(
        {
          networkId: network.id,
          subject: parsed.data.subject,
          intro: parsed.data.intro,
          sentByLabel: actor.label,
          recipients: subscribers.length,
        },
        chosen.map((i) => i.id),
      );
      const pictures = await repo.picturesOf(chosen.map((i) => i.id));
      await queueMails(
        tx,
        subscribers.map((s) => this.newsletterMail(network, newsletter, chosen, pictures, s)),
      );
      await audit({ action: "create", entity: "newsletter", entityId: newsletter.id, after: newsletter });
      return newsletter;
    });
    void this.mail.delivery.deliverDue().catch(() => undefined);
    return ok({ id: sent.id, recipients: sent.recipients });
  }

  private newsletterMail(
    network: { slug: string; name: string },
    newsletter: { subject: string; intro: string },
    items: readonly NewsItem[],
    pictures: readonly NewsPicture[],
    subscriber: { email: string; locale: Locale; unsubscribeKey: string },
  ) {
    const i18n = i18nFor(subscriber.locale);
    const stop = `${this.mail.baseUrl}/newsletter/stop/${subscriber.unsubscribeKey}`;
    const letter = { network, newsletter, items, pictures, stop, baseUrl: this.mail.baseUrl };
    return {
      to: subscriber.email,
      subject: newsletter.subject,
      body: newsletterText(i18n, letter),
      html: newsletterHtml(i18n, letter),
      unsubscribeUrl: stop,
    };
  }

  newslettersOf(networkId: number) {
    return this.repo.newslettersOf(networkId);
  }

  unsent(networkId: number) {
    return this.repo.unsent(networkId);
  }

  subscriberCounts(networkId: number) {
    return this.repo.counts(networkId);
  }

  /** Forgets addresses not confirmed within a week (the retention run). */
  removeUnconfirmed(now = new Date()) {
    return this.repo.removeUnconfirmedBefore(new Date(now.getTime() - 7 * 24 * 3600_000));
  }
}
