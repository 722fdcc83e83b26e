import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { Visibility } from "../../platform/access/visibility.ts";
import { belongsTo, createdAtNow, demoFlag, refersTo, serialId, updatedAtNow } from "../../platform/db/columns.ts";
import { organisations, people } from "../directory/schema.ts";
import { networks } from "../networks/schema.ts";

/** A survey is written, then open for answers until it is closed (by hand or on its closing date). */
export const SURVEY_STATUSES = ["draft", "open", "closed"] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** A question asks for a point on a scale, one of some choices, or free text. */
export const QUESTION_KINDS = ["scale", "choice", "text"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** An evaluation survey a network sends its members' contacts (evalueringsundersøkelse). */
export const surveys = pgTable(
  "surveys",
  {
    id: serialId(),
    networkId: belongsTo("network_id", () => networks.id),
    title: text("title").notNull(),
    intro: text("intro").notNull().default(""),
    /** The year the survey evaluates; a repeated survey compares with the one it repeats. */
    year: integer("year").notNull(),
    /** The same survey in an earlier year: its questions are matched by repeatsQuestionId for the trend. */
    repeatsId: integer("repeats_id").references((): AnyPgColumn => surveys.id, { onDelete: "set null" }),
    status: text("status").$type<SurveyStatus>().notNull().default("draft"),
    /** Answers cannot be told apart by the network: shown only in aggregates of at least five. */
    anonymous: boolean("anonymous").notNull().default(false),
    /** Who reads the aggregated results (free text and per-member results are for the network's people at most). */
    visibility: text("visibility").$type<Visibility>().notNull().default("network"),
    closesOn: date("closes_on").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    isDemo: demoFlag(),
    createdAt: createdAtNow(),
    updatedAt: updatedAtNow(),
  },
  (t) => [index("surveys_network_idx").on(t.networkId, t.year)],
);

export const surveyQuestions = pgTable(
  "survey_questions",
  {
    id: serialId(),
    surveyId: belongsTo("survey_id", () => surveys.id),
    position: integer("position").notNull(),
    kind: text("kind").$type<QuestionKind>().notNull(),
    text: text("text").notNull(),
    help: text("help").notNull().default(""),
    /** The choices of a choice question, in order. */
    choices: text("choices").array().notNull().default(sql`'{}'::text[]`),
    /** The ends of a scale question (1 to 5 unless set) and their words. */
    scaleMin: integer("scale_min").notNull().default(1),
    scaleMax: integer("scale_max").notNull().default(5),
    scaleMinLabel: text("scale_min_label").notNull().default(""),
    scaleMaxLabel: text("scale_max_label").notNull().default(""),
    /** Whether "don't know" may be answered. */
    allowDontKnow: boolean("allow_dont_know").notNull().default(true),
    required: boolean("required").notNull().default(false),
    /** The same question in the survey this one repeats, for the trend. */
    repeatsQuestionId: integer("repeats_question_id").references((): AnyPgColumn => surveyQuestions.id, {
      onDelete: "set null",
    }),
  },
  (t) => [index("survey_questions_survey_idx").on(t.surveyId, t.position)],
);

/** A contact at a member who is sent a personal link; no account needed. */
export const surveyRecipients = pgTable(
  "survey_recipients",
  {
    id: serialId(),
    surveyId: belongsTo("survey_id", () => surveys.id),
    organisationId: refersTo("organisation_id", () => organisations.id),
    personId: integer("person_id").references(() => people.id, { onDelete: "set null" }),
    name: text("name").notNull().default(""),
    /** Null once the retention run has cleared it, some days after the survey closed (with the name). */
    email: text("email"),
    /** The personal link's secret, hashed (the link itself is only in the mail). */
    tokenHash: text("token_hash").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    createdAt: createdAtNow(),
  },
  (t) => [
    uniqueIndex("survey_recipients_email_uq").on(t.surveyId, t.email),
    uniqueIndex("survey_recipients_token_uq").on(t.tokenHash),
    index("survey_recipients_org_idx").on(t.organisationId),
  ],
);

/**
 * One recipient's answers. The member is kept for results per member and size class; the recipient
 * only when the survey is not anonymous.
 */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: serialId(),
    surveyId: belongsTo("survey_id", () => surveys.id),
    organisationId: refersTo("organisation_id", () => organisations.id),
    recipientId: integer("recipient_id").references(() => surveyRecipients.id, { onDelete: "set null" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    isDemo: demoFlag(),
  },
  (t) => [index("survey_responses_survey_idx").on(t.surveyId, t.organisationId)],
);

export const surveyAnswers = pgTable(
  "survey_answers",
  {
    responseId: belongsTo("response_id", () => surveyResponses.id),
    questionId: belongsTo("question_id", () => surveyQuestions.id),
    /** The point on the scale. */
    scale: integer("scale"),
    /** The choice picked. */
    choice: text("choice"),
    text: text("text").notNull().default(""),
    dontKnow: boolean("dont_know").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionId] }), index("survey_answers_question_idx").on(t.questionId)],
);
