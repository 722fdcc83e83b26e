import { type SQLWrapper, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { belongsTo, createdAtNow, demoFlag, serialId } from "../../platform/db/columns.ts";
import { files } from "../../platform/schema.ts";
import { searchIndex } from "../../platform/search/match.ts";
import { organisations } from "../directory/schema.ts";
import { networks } from "../networks/schema.ts";
import { strategies } from "../strategies/schema.ts";

export const AUDIENCES = ["anyone", "members"] as const;
/** Who may answer: a public consultation's audience, or for an internal review round the members of its bodies. */
export type Audience = (typeof AUDIENCES)[number] | "bodies";

/**
 * A consultation's searched text (decision 0034): its title, its introduction, and the draft's text
 * section by section (headings and bodies, in order). The sections are another table's, so no index
 * of the consultation's own holds them; there are a few consultations a network a year.
 */
export const consultationSearchFields = (t: { id: SQLWrapper; title: SQLWrapper; intro: SQLWrapper }) => ({
  title: t.title,
  summary: t.intro,
  body: [
    sql`(select string_agg(s.heading || ' ' || s.body, ' ' order by s.position, s.id) from ${consultationSections} s where s.consultation_id = ${t.id})`,
  ],
});

/**
 * A consultation (høyring, innspelsrunde) on a draft: open from one instant to another (entered in
 * Norway's time), answered by anyone or by signed-in members only. Personal data in its inputs is
 * removed `personalDataDays` after it closes.
 */
export const consultations = pgTable(
  "consultations",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    /** The strategy draft it is about, when it is about one. */
    strategyId: integer("strategy_id").references(() => strategies.id, { onDelete: "set null" }),
    /**
     * Or the project it is about, whose text its sections copy. No foreign key: the id outlives the
     * project, so a deleted project's copied text stays hidden (`projectTextShown`) instead of showing
     * to everyone as a consultation on no project would.
     */
    projectId: integer("project_id"),
    /** Or the uploaded document it is about, whose sections the secretariat writes in. */
    documentFileId: integer("document_file_id").references(() => files.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    intro: text("intro").notNull().default(""),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    audience: text("audience").$type<Audience>().notNull().default("anyone"),
    /** For an internal review round: the public consultation it follows, and the bodies whose members comment. */
    reviewOfId: integer("review_of_id").references((): AnyPgColumn => consultations.id, { onDelete: "cascade" }),
    bodyIds: integer("body_ids").array().notNull().default(sql`'{}'::int[]`),
    /** Whether the inputs (without personal data) and their published answers are shown on the public page. */
    publishInputs: boolean("publish_inputs").notNull().default(false),
    personalDataDays: integer("personal_data_days").notNull().default(90),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
  },
  (t) => [index("consultations_network_idx").on(t.networkId), check("consultations_period", sql`${t.closesAt} > ${t.opensAt}`)],
);

/** The draft's text, a section at a time, so input can point at one. */
export const consultationSections = pgTable(
  "consultation_sections",
  {
    id: serialId(),
    consultationId: belongsTo("consultation_id", () => consultations.id),
    position: integer("position").notNull().default(0),
    heading: text("heading").notNull(),
    body: text("body").notNull().default(""),
  },
  (t) => [index("consultation_sections_consultation_idx").on(t.consultationId)],
);

export const QUESTION_KINDS = ["text", "choice"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** An optional question every respondent may answer: free text, or one of the options. */
export const consultationQuestions = pgTable(
  "consultation_questions",
  {
    id: serialId(),
    consultationId: belongsTo("consultation_id", () => consultations.id),
    position: integer("position").notNull().default(0),
    text: text("text").notNull(),
    kind: text("kind").$type<QuestionKind>().notNull(),
    options: text("options").array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index("consultation_questions_consultation_idx").on(t.consultationId)],
);

export const RESPONDENT_KINDS = ["citizen", "employee", "business", "municipality", "organisation", "other"] as const;
export type RespondentKind = (typeof RESPONDENT_KINDS)[number];

export const INPUT_STATUSES = ["received", "handled", "spam", "merged"] as const;
export type InputStatus = (typeof INPUT_STATUSES)[number];

/** An input's searched text where it is published: its reference (its heading on the page) and its text. */
export const consultationInputSearchFields = (t: { reference: SQLWrapper; body: SQLWrapper }) => ({
  title: t.reference,
  body: [t.body],
});

/**
 * One input (innspel). Stored exactly once per form: the form's token is unique. Name, organisation
 * and e-mail are personal data and are cleared on request or when the retention runs out; the input
 * itself stays.
 */
export const consultationInputs = pgTable(
  "consultation_inputs",
  {
    id: serialId(),
    consultationId: belongsTo("consultation_id", () => consultations.id),
    /** Null: the input is on the whole draft. */
    sectionId: integer("section_id").references(() => consultationSections.id, { onDelete: "set null" }),
    /** Shown to the respondent and quoted in mail: "K7-4F2QX9". */
    reference: text("reference").notNull(),
    /** The token of the form it came from; a form sent twice is stored once. */
    formToken: text("form_token").notNull(),
    /** Hash of the secret in the receipt's link, which lets the respondent remove their personal data. */
    receiptHash: text("receipt_hash").notNull(),
    body: text("body").notNull(),
    /** Answers to the questions, by question id. */
    answers: jsonb("answers").$type<Record<string, string>>().notNull().default({}),
    respondentKind: text("respondent_kind").$type<RespondentKind>().notNull().default("other"),
    name: text("name"),
    organisation: text("organisation"),
    /**
     * The organisation the input was given in the name of, when the name written matches one (a member
     * of the consultation's network first): not personal data, so it stays when the name and address
     * are cleared, and the member reports count the input for it.
     */
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    email: text("email"),
    /** The sender's address as a keyed hash, never the address: counts inputs per sender for the rate limit. */
    sourceKey: text("source_key"),
    personalDataRemovedAt: timestamp("personal_data_removed_at", { withTimezone: true }),
    status: text("status").$type<InputStatus>().notNull().default("received"),
    category: text("category").notNull().default(""),
    mergedIntoId: integer("merged_into_id"),
    answer: text("answer").notNull().default(""),
    answerPublishedAt: timestamp("answer_published_at", { withTimezone: true }),
    /** When the answer was sent by e-mail to the one who gave the input. */
    answerMailedAt: timestamp("answer_mailed_at", { withTimezone: true }),
    isDemo: demoFlag(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("consultation_inputs_form_token_uq").on(t.formToken),
    uniqueIndex("consultation_inputs_reference_uq").on(t.reference),
    index("consultation_inputs_consultation_idx").on(t.consultationId, t.status),
    index("consultation_inputs_source_idx").on(t.sourceKey, t.submittedAt),
    index("consultation_inputs_organisation_idx").on(t.organisationId),
    searchIndex("consultation_inputs_search_text_idx", consultationInputSearchFields(t)),
  ],
);

/** Answers the secretariat prepares once and starts many answers from. */
export const answerTemplates = pgTable(
  "consultation_answer_templates",
  {
    id: serialId(),
    consultationId: belongsTo("consultation_id", () => consultations.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
  },
  (t) => [index("consultation_answer_templates_consultation_idx").on(t.consultationId)],
);
