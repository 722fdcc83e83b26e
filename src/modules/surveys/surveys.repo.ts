import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { outerColumn } from "../../platform/db/correlated.ts";
import { norwegianOrder } from "../../platform/db/order.ts";
import { Repository } from "../../platform/db/repository.ts";
import { organisations, people } from "../directory/index.ts";
import { memberships, networks } from "../networks/index.ts";
import { type SurveyStatus, surveyAnswers, surveyQuestions, surveyRecipients, surveyResponses, surveys } from "./schema.ts";

export type Survey = typeof surveys.$inferSelect;
export type NewSurvey = typeof surveys.$inferInsert;
export type Question = typeof surveyQuestions.$inferSelect;
export type NewQuestion = typeof surveyQuestions.$inferInsert;
export type Recipient = typeof surveyRecipients.$inferSelect;
export type NewRecipient = typeof surveyRecipients.$inferInsert;
export type NewAnswer = typeof surveyAnswers.$inferInsert;

/** The status as it stands on `today`: an open survey past its closing date is closed, whether or not anything ran. */
export const statusSql = (today: string) =>
  sql<SurveyStatus>`case when ${surveys.status} = 'open' and ${surveys.closesOn} < ${today} then 'closed' else ${surveys.status} end`;

/** A survey's results in the access kernel's rule: its network and visibility (it has no body). */
const restricted = { networkId: surveys.networkId, visibility: surveys.visibility, bodyId: sql`null` };

/** One group of equal answers: how many of a member's answers to a question gave this value. */
export interface AnswerCount {
  surveyId: number;
  organisationId: number;
  questionId: number;
  scale: number | null;
  choice: string | null;
  dontKnow: boolean;
  hasText: boolean;
  n: number;
}

/** The only place with SQL for surveys: the surveys, their questions, recipients, responses and answers. */
export class SurveyRepo extends Repository {
  async byId(id: number) {
    const [row] = await this.db
      .select({ survey: surveys, networkSlug: networks.slug, networkName: networks.name })
      .from(surveys)
      .innerJoin(networks, eq(networks.id, surveys.networkId))
      .where(eq(surveys.id, id))
      .limit(1);
    return row;
  }

  /** Locks the survey's row: commands that change what may be answered take turns with answers and reminders. */
  async lock(id: number): Promise<Survey | undefined> {
    const [row] = await this.db.select().from(surveys).where(eq(surveys.id, id)).for("update");
    return row;
  }

  insert(values: NewSurvey) {
    return this.insertOne(surveys, values);
  }

  update(id: number, values: Partial<NewSurvey>) {
    return this.updateStamped(surveys, id, values);
  }

  /**
   * A network's surveys for a list: those whose results the viewer may read (not drafts), and every
   * one to those who may manage them (`withDrafts`), newest year first, with their counts.
   */
  list(
    networkId: number,
    viewer: Actor | null,
    options: {
      withDrafts: boolean;
      years?: { from: number; to: number };
      today: string;
      page?: { limit: number; offset: number };
    },
  ) {
    const status = statusSql(options.today);
    const query = this.db
      .select({
        id: surveys.id,
        title: surveys.title,
        year: surveys.year,
        status,
        anonymous: surveys.anonymous,
        visibility: surveys.visibility,
        closesOn: surveys.closesOn,
        isDemo: surveys.isDemo,
        // The outer survey's id, qualified: inside the subquery an unqualified "id" would be the subquery's own.
        recipients: sql<number>`(select count(*)::int from ${surveyRecipients} r where r.survey_id = ${outerColumn(surveys.id)})`,
        responses: sql<number>`(select count(*)::int from ${surveyResponses} s where s.survey_id = ${outerColumn(surveys.id)})`,
      })
      .from(surveys)
      .where(this.listWhere(networkId, viewer, options))
      .orderBy(desc(surveys.year), desc(surveys.id));
    return options.page ? query.limit(options.page.limit).offset(options.page.offset) : query;
  }

  /** How many surveys `list` gives without its page. */
  async count(networkId: number, viewer: Actor | null, options: { withDrafts: boolean; years?: { from: number; to: number } }) {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(surveys)
      .where(this.listWhere(networkId, viewer, options));
    return row?.n ?? 0;
  }

  private listWhere(
    networkId: number,
    viewer: Actor | null,
    options: { withDrafts: boolean; years?: { from: number; to: number } },
  ) {
    const conditions: (SQL | undefined)[] = [eq(surveys.networkId, networkId)];
    if (!options.withDrafts) conditions.push(ne(surveys.status, "draft"), visibleWhere(viewer, restricted));
    if (options.years) conditions.push(gte(surveys.year, options.years.from), lte(surveys.year, options.years.to));
    return and(...conditions);
  }

  /** The questions of these surveys, in their order. */
  questions(surveyIds: readonly number[]) {
    if (surveyIds.length === 0) return Promise.resolve([] as Question[]);
    return this.db
      .select()
      .from(surveyQuestions)
      .where(inArray(surveyQuestions.surveyId, [...surveyIds]))
      .orderBy(asc(surveyQuestions.surveyId), asc(surveyQuestions.position), asc(surveyQuestions.id));
  }

  insertQuestion(values: NewQuestion) {
    return this.insertOne(surveyQuestions, values);
  }

  async insertQuestions(values: NewQuestion[]) {
    return values.length ? this.db.insert(surveyQuestions).values(values).returning() : [];
  }

  async deleteQuestion(surveyId: number, questionId: number): Promise<boolean> {
    const gone = await this.db
      .delete(surveyQuestions)
      .where(and(eq(surveyQuestions.surveyId, surveyId), eq(surveyQuestions.id, questionId)))
      .returning({ id: surveyQuestions.id });
    return gone.length > 0;
  }

  /** Numbers the questions 1, 2, 3 … in the order given. */
  async setOrder(surveyId: number, ids: readonly number[]) {
    for (const [i, id] of ids.entries())
      await this.db
        .update(surveyQuestions)
        .set({ position: i + 1 })
        .where(and(eq(surveyQuestions.surveyId, surveyId), eq(surveyQuestions.id, id)));
  }

  // Recipients.

  /** A survey's recipients with their organisation, by organisation and name. */
  recipients(surveyId: number) {
    return this.db
      .select({ recipient: surveyRecipients, organisationName: organisations.name })
      .from(surveyRecipients)
      .innerJoin(organisations, eq(organisations.id, surveyRecipients.organisationId))
      .where(eq(surveyRecipients.surveyId, surveyId))
      .orderBy(norwegianOrder(organisations.nameNorwegian), asc(surveyRecipients.name), asc(surveyRecipients.id));
  }

  async insertRecipients(values: NewRecipient[]) {
    return values.length ? this.db.insert(surveyRecipients).values(values).onConflictDoNothing().returning() : [];
  }

  async deleteRecipient(surveyId: number, recipientId: number): Promise<boolean> {
    const gone = await this.db
      .delete(surveyRecipients)
      .where(and(eq(surveyRecipients.surveyId, surveyId), eq(surveyRecipients.id, recipientId)))
      .returning({ id: surveyRecipients.id });
    return gone.length > 0;
  }

  /** Marks these recipients' links sent. */
  async markSent(ids: readonly number[], at: Date) {
    if (ids.length)
      await this.db
        .update(surveyRecipients)
        .set({ sentAt: at })
        .where(inArray(surveyRecipients.id, [...ids]));
  }

  /** The recipient a link's secret belongs to, with the survey and the organisation's name. */
  async recipientByToken(tokenHash: string) {
    const [row] = await this.db
      .select({ recipient: surveyRecipients, survey: surveys, organisationName: organisations.name, networkName: networks.name })
      .from(surveyRecipients)
      .innerJoin(surveys, eq(surveys.id, surveyRecipients.surveyId))
      .innerJoin(organisations, eq(organisations.id, surveyRecipients.organisationId))
      .innerJoin(networks, eq(networks.id, surveys.networkId))
      .where(eq(surveyRecipients.tokenHash, tokenHash))
      .limit(1);
    return row;
  }

  /** Claims the answer of a recipient who has not answered: only one request ever gets it. */
  async claimAnswer(recipientId: number, at: Date): Promise<boolean> {
    const claimed = await this.db
      .update(surveyRecipients)
      .set({ answeredAt: at })
      .where(and(eq(surveyRecipients.id, recipientId), isNull(surveyRecipients.answeredAt)))
      .returning({ id: surveyRecipients.id });
    return claimed.length > 0;
  }

  insertResponse(values: typeof surveyResponses.$inferInsert) {
    return this.insertOne(surveyResponses, values);
  }

  async insertAnswers(values: NewAnswer[]) {
    if (values.length) await this.db.insert(surveyAnswers).values(values);
  }

  /**
   * Claims the recipients of one survey who have been sent their link, have not answered and have
   * not been reminded since `notSince`: the update decides, so two processes never remind anyone twice.
   */
  claimReminders(surveyId: number, at: Date, notSince: Date) {
    return this.db
      .update(surveyRecipients)
      .set({ remindedAt: at })
      .where(
        and(
          eq(surveyRecipients.surveyId, surveyId),
          isNotNull(surveyRecipients.sentAt),
          isNotNull(surveyRecipients.email),
          isNull(surveyRecipients.answeredAt),
          or(isNull(surveyRecipients.remindedAt), lt(surveyRecipients.remindedAt, notSince)),
        ),
      )
      .returning();
  }

  /**
   * Clears the name and address of the recipients of surveys that closed (by hand or on their date,
   * in Norway's calendar) before `cutoff`; returns how many.
   */
  async clearRecipientData(cutoff: string): Promise<number> {
    const rows = await this.db
      .update(surveyRecipients)
      .set({ name: "", email: null })
      .where(
        and(
          isNotNull(surveyRecipients.email),
          sql`${surveyRecipients.surveyId} in (select s.id from ${surveys} s where s.status <> 'draft'
            and least(s.closes_on, (s.closed_at at time zone 'Europe/Oslo')::date) < ${cutoff})`,
        ),
      )
      .returning({ id: surveyRecipients.id });
    return rows.length;
  }

  /** Open surveys whose automatic reminder is due on `today` (their closing date `days` ahead or nearer), not yet past. */
  dueForReminder(today: string, lastDay: string) {
    return this.db
      .select()
      .from(surveys)
      .where(and(eq(surveys.status, "open"), gte(surveys.closesOn, today), lte(surveys.closesOn, lastDay)));
  }

  // Results: a fixed number of queries for a survey (and the one it repeats), whatever the answers.

  /** The answers of these surveys, counted by member, question and value. */
  answerCounts(surveyIds: readonly number[]): Promise<AnswerCount[]> {
    if (surveyIds.length === 0) return Promise.resolve([]);
    return this.db
      .select({
        surveyId: surveyResponses.surveyId,
        organisationId: surveyResponses.organisationId,
        questionId: surveyAnswers.questionId,
        scale: surveyAnswers.scale,
        choice: surveyAnswers.choice,
        dontKnow: surveyAnswers.dontKnow,
        hasText: sql<boolean>`(${surveyAnswers.text} <> '')`,
        n: sql<number>`count(*)::int`,
      })
      .from(surveyAnswers)
      .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
      .where(inArray(surveyResponses.surveyId, [...surveyIds]))
      .groupBy(
        surveyResponses.surveyId,
        surveyResponses.organisationId,
        surveyAnswers.questionId,
        surveyAnswers.scale,
        surveyAnswers.choice,
        surveyAnswers.dontKnow,
        sql`(${surveyAnswers.text} <> '')`,
      );
  }

  /** Per survey and member: how many were asked, how many answered, and the member's name and population. */
  memberCounts(surveyIds: readonly number[]) {
    if (surveyIds.length === 0)
      return Promise.resolve(
        [] as {
          surveyId: number;
          organisationId: number;
          name: string;
          population: number | null;
          recipients: number;
          responses: number;
        }[],
      );
    const ids = sql.join(
      surveyIds.map((id) => sql`${id}`),
      sql`, `,
    );
    return this.db
      .select({
        surveyId: sql<number>`c.survey_id`,
        organisationId: organisations.id,
        name: organisations.name,
        population: organisations.population,
        recipients: sql<number>`c.recipients::int`,
        responses: sql<number>`c.responses::int`,
      })
      .from(
        sql`(select survey_id, organisation_id, sum(recipients) as recipients, sum(responses) as responses from (
          select survey_id, organisation_id, count(*) as recipients, 0 as responses from ${surveyRecipients} where survey_id in (${ids}) group by 1, 2
          union all
          select survey_id, organisation_id, 0, count(*) from ${surveyResponses} where survey_id in (${ids}) group by 1, 2
        ) u group by 1, 2) c`,
      )
      .innerJoin(organisations, sql`${organisations.id} = c.organisation_id`)
      .orderBy(norwegianOrder(organisations.nameNorwegian));
  }

  /**
   * The free text answers of a survey, with who wrote them (the organisation; the recipient's name
   * unless anonymous), per question in the order they came, or `byText` in the order of the text
   * (an anonymous survey: the order of the answers would tie each person's texts together).
   */
  texts(surveyId: number, options: { byText: boolean }) {
    return this.db
      .select({
        questionId: surveyAnswers.questionId,
        text: surveyAnswers.text,
        organisationName: organisations.name,
        recipientName: surveyRecipients.name,
      })
      .from(surveyAnswers)
      .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
      .innerJoin(organisations, eq(organisations.id, surveyResponses.organisationId))
      .leftJoin(surveyRecipients, eq(surveyRecipients.id, surveyResponses.recipientId))
      .where(and(eq(surveyResponses.surveyId, surveyId), ne(surveyAnswers.text, "")))
      .orderBy(asc(surveyAnswers.questionId), ...(options.byText ? [asc(surveyAnswers.text)] : [asc(surveyResponses.id)]));
  }

  /**
   * Per survey and member, the sum and number of scale points answered (not "don't know"), each at
   * 0–1 of its own question's scale, for a mean that combines scales of different ends.
   */
  scaleTotals(surveyIds: readonly number[]) {
    if (surveyIds.length === 0)
      return Promise.resolve([] as { surveyId: number; organisationId: number; sum: number; n: number }[]);
    return this.db
      .select({
        surveyId: surveyResponses.surveyId,
        organisationId: surveyResponses.organisationId,
        sum: sql<number>`coalesce(sum((${surveyAnswers.scale} - ${surveyQuestions.scaleMin})::float8 / nullif(${surveyQuestions.scaleMax} - ${surveyQuestions.scaleMin}, 0)), 0)::float8`,
        n: sql<number>`count(${surveyAnswers.scale})::int`,
      })
      .from(surveyAnswers)
      .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
      .innerJoin(surveyQuestions, eq(surveyQuestions.id, surveyAnswers.questionId))
      .where(
        and(
          inArray(surveyResponses.surveyId, [...surveyIds]),
          eq(surveyQuestions.kind, "scale"),
          eq(surveyAnswers.dontKnow, false),
          isNotNull(surveyAnswers.scale),
        ),
      )
      .groupBy(surveyResponses.surveyId, surveyResponses.organisationId);
  }

  /** The people of the network's member organisations who have an address: the contacts a survey can be sent to. */
  contacts(networkId: number) {
    return this.db
      .select({
        id: people.id,
        name: people.name,
        email: people.email,
        organisationId: organisations.id,
        organisationName: organisations.name,
      })
      .from(people)
      .innerJoin(organisations, eq(organisations.id, people.organisationId))
      .innerJoin(memberships, and(eq(memberships.organisationId, organisations.id), eq(memberships.networkId, networkId)))
      .where(and(isNull(memberships.toDate), ne(people.email, "")))
      .orderBy(norwegianOrder(organisations.nameNorwegian), asc(people.name));
  }

  /** The member organisations of the network today, with their written form, for recipients. */
  members(networkId: number) {
    return this.db
      .select({ id: organisations.id, name: organisations.name, malform: organisations.malform })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(and(eq(memberships.networkId, networkId), isNull(memberships.toDate)))
      .orderBy(norwegianOrder(organisations.nameNorwegian));
  }

  /** The written form of these organisations, for the language of their mails. */
  async malforms(ids: readonly number[]) {
    if (ids.length === 0) return new Map<number, string | null>();
    const rows = await this.db
      .select({ id: organisations.id, malform: organisations.malform })
      .from(organisations)
      .where(inArray(organisations.id, [...ids]));
    return new Map(rows.map((r) => [r.id, r.malform as string | null]));
  }
}
