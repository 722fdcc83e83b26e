import { type SQLWrapper, sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { Visibility } from "../../platform/access/visibility.ts";
import type { RecordRef } from "../../platform/activity/followables.ts";
import { belongsTo, createdAtNow, demoFlag, serialId, updatedAtNow } from "../../platform/db/columns.ts";
import type { Locale } from "../../platform/i18n/i18n.ts";
import { files, users } from "../../platform/schema.ts";
import { searchIndex } from "../../platform/search/match.ts";
import { networks } from "../networks/schema.ts";
import { subjectNetworks } from "../subjects/schema.ts";

/** A news item is written as a draft and published when the secretariat says so. */
export const NEWS_STATES = ["draft", "published"] as const;
export type NewsState = (typeof NEWS_STATES)[number];

/** A news item's searched text (decision 0034): its title, its introduction and its body. */
export const newsSearchFields = (t: { title: SQLWrapper; intro: SQLWrapper; body: SQLWrapper }) => ({
  title: t.title,
  summary: t.intro,
  body: [t.body],
});

/**
 * News (nyhet) of a network or of a subject network: a title, an introduction, a body in a safe
 * Markdown subset (markdown.ts), pictures with their alternative text (`newsPictures`), and the
 * records it is about. Public unless kept to the owner's people: a network's by the access kernel's
 * rule, a subject network's members by its own (`insideWhere`). A draft until its writers publish it.
 */
export const newsItems = pgTable(
  "news_items",
  {
    id: serialId(),
    /** Whose news it is: a network's (its secretariat writes) or a subject network's (its coordinators write). */
    networkId: integer("network_id").references(() => networks.id, { onDelete: "cascade" }),
    subjectNetworkId: integer("subject_network_id").references(() => subjectNetworks.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    intro: text("intro").notNull().default(""),
    body: text("body").notNull().default(""),
    visibility: text("visibility").$type<Exclude<Visibility, "body">>().notNull().default("public"),
    state: text("state").$type<NewsState>().notNull().default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** The records it is about, by kind and id; each is shown only to a reader who may see it. */
    related: jsonb("related").$type<RecordRef[]>().notNull().default([]),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    authorLabel: text("author_label").notNull(),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [
    index("news_items_network_idx").on(t.networkId, t.publishedAt),
    index("news_items_subject_idx").on(t.subjectNetworkId, t.publishedAt),
    check("news_items_one_owner", sql`(${t.networkId} is null) <> (${t.subjectNetworkId} is null)`),
    searchIndex("news_items_search_text_idx", newsSearchFields(t)),
  ],
);

/** The most pictures one news item carries. */
export const MOST_PICTURES = 10;

/**
 * A news item's pictures, in order, each with what it shows for those who cannot see it (required),
 * served only to those who may read the item.
 */
export const newsPictures = pgTable(
  "news_pictures",
  {
    id: serialId(),
    newsItemId: belongsTo("news_item_id", () => newsItems.id),
    fileId: integer("file_id")
      .notNull()
      .references(() => files.id, { onDelete: "cascade" }),
    alt: text("alt").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [index("news_pictures_item_idx").on(t.newsItemId, t.position)],
);

/** A newsletter: published news items sent together by mail to the network's subscribers, once. */
export const newsletters = pgTable(
  "newsletters",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    subject: text("subject").notNull(),
    intro: text("intro").notNull().default(""),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    sentByLabel: text("sent_by_label").notNull(),
    /** How many confirmed subscribers it was queued for. */
    recipients: integer("recipients").notNull(),
    isDemo: demoFlag(),
  },
  (t) => [index("newsletters_network_idx").on(t.networkId, t.sentAt)],
);

export const newsletterItems = pgTable(
  "newsletter_items",
  {
    newsletterId: belongsTo("newsletter_id", () => newsletters.id),
    newsItemId: belongsTo("news_item_id", () => newsItems.id),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.newsletterId, t.newsItemId] })],
);

/**
 * Who gets a network's newsletter: an address, confirmed by the link mailed to it (double opt-in), or
 * a signed-in person's own (confirmed at once). The key in every newsletter's stop link stands in for
 * the address; the confirmation's secret is kept as a hash only.
 */
export const newsletterSubscribers = pgTable(
  "newsletter_subscribers",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    email: text("email").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    locale: text("locale").$type<Locale>().notNull().default("nb"),
    confirmHash: text("confirm_hash"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    unsubscribeKey: text("unsubscribe_key").notNull(),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
  },
  (t) => [
    uniqueIndex("newsletter_subscribers_address_uq").on(t.networkId, sql`lower(${t.email})`),
    uniqueIndex("newsletter_subscribers_key_uq").on(t.unsubscribeKey),
    uniqueIndex("newsletter_subscribers_confirm_uq").on(t.confirmHash),
  ],
);
