import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  type SQL,
  type SQLWrapper,
  sql,
} from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { outerColumn } from "../../platform/db/correlated.ts";
import { type Page, paged, totalRows } from "../../platform/db/paging.ts";
import { Repository } from "../../platform/db/repository.ts";
import { organisations } from "../directory/index.ts";
import { memberships, networks } from "../networks/index.ts";
import { projects } from "../projects/index.ts";
import {
  answerTemplates,
  consultationInputs,
  consultationQuestions,
  consultationSections,
  consultations,
  type InputStatus,
} from "./schema.ts";

export type Consultation = typeof consultations.$inferSelect;
export type Section = typeof consultationSections.$inferSelect;
export type Question = typeof consultationQuestions.$inferSelect;
export type Input = typeof consultationInputs.$inferSelect;
export type AnswerTemplate = typeof answerTemplates.$inferSelect;

export interface InputFilter {
  status?: InputStatus | undefined;
  sectionId?: number | undefined;
  /** "" for the inputs without a category. */
  category?: string | undefined;
}

/**
 * `readable` (loaders.ts) as SQL: a public consultation is read by anyone, an internal review round
 * (audience "bodies") by the network's own people, as the policy `consultation.summary` says. The
 * network's list in the API and the published inputs read consultations through it.
 */
const audienceReadableWhere = (viewer: Actor | null): SQL => {
  if (viewer?.isAdmin) return sql`true`;
  const own = Object.keys(viewer?.networks ?? {}).map(Number);
  if (!own.length) return sql`${consultations.audience} <> 'bodies'`;
  return sql`(${consultations.audience} <> 'bodies' or ${inArray(consultations.networkId, own)})`;
};

/**
 * `projectTextShown` (the service) as SQL: the consultation is on no project, or on one the viewer
 * may see now (the access kernel's rule over the project's columns), since its sections are then a
 * copy of that project's text.
 */
const projectTextVisibleWhere = (viewer: Actor | null): SQL =>
  sql`(${consultations.projectId} is null or exists (
    select 1 from ${projects} where ${projects.id} = ${consultations.projectId} and ${visibleWhere(viewer, projects)}))`;

/**
 * A consultation the viewer may read with its text: readable (audienceReadableWhere), and its
 * sections not a project's text the viewer may not see (projectTextVisibleWhere). The site search
 * reads consultations through it, since it finds them by their sections and shows excerpts of them:
 * a consultation on a project kept to the network or a body since it was opened is found only by
 * those who may see the project.
 */
export const consultationReadableWhere = (viewer: Actor | null): SQL =>
  and(audienceReadableWhere(viewer), projectTextVisibleWhere(viewer)) as SQL;

/** The inputs anyone may read once the consultation publishes them: not spam, not merged away. */
export const PUBLISHED_STATUSES: readonly InputStatus[] = ["received", "handled"];

/**
 * The published inputs the viewer may read, over `consultation_inputs` joined with its consultation:
 * those of a consultation the viewer may read that publishes its inputs, in a published status (what
 * `publishedInputs` shows on the consultation's page, and only their text: never who sent them).
 */
export const publishedInputWhere = (viewer: Actor | null): SQL =>
  and(
    audienceReadableWhere(viewer),
    eq(consultations.publishInputs, true),
    inArray(consultationInputs.status, [...PUBLISHED_STATUSES]),
  ) as SQL;

/** A consultation's inputs that pass the filter. */
const inputsWhere = (consultationId: number, f: InputFilter & { statuses?: InputStatus[] | undefined }) =>
  and(
    eq(consultationInputs.consultationId, consultationId),
    f.status ? eq(consultationInputs.status, f.status) : undefined,
    f.statuses ? inArray(consultationInputs.status, f.statuses) : undefined,
    f.sectionId ? eq(consultationInputs.sectionId, f.sectionId) : undefined,
    f.category !== undefined ? eq(consultationInputs.category, f.category) : undefined,
  );

/** An input's personal data cleared (the sender's key too), and when. */
const withoutPersonalData = (at: Date) => ({
  name: null,
  organisation: null,
  email: null,
  sourceKey: null,
  personalDataRemovedAt: at,
});

/** Another organisation of the same name, for organisationNamed. */
const namesake = alias(organisations, "namesake");
const named = (table: { name: SQLWrapper; nameNorwegian: SQLWrapper }, name: string) =>
  sql`lower(${name}) in (lower(${table.name}), lower(${table.nameNorwegian}))`;

/**
 * The organisation an input names, in the insert itself (no round trip on the busiest write): a member
 * of the consultation's network with that name, else the one organisation with that name; none when
 * no name matches or two do ("Herøy" is two municipalities).
 */
const organisationNamed = (name: string, consultationId: number): SQL => {
  const member = sql`exists (
    select 1 from ${memberships} join ${consultations} on ${consultations.networkId} = ${memberships.networkId}
    where ${consultations.id} = ${consultationId} and ${memberships.organisationId} = ${outerColumn(organisations.id)})`;
  return sql`(
    select ${organisations.id} from ${organisations}
    where ${named(organisations, name)}
      and (${member} or not exists (
        select 1 from ${organisations} as ${sql.identifier("namesake")}
        where ${named(namesake, name)} and ${namesake.id} <> ${outerColumn(organisations.id)}))
    order by ${member} desc, ${organisations.id}
    limit 1)`;
};

/** The only place with SQL for consultations, their sections, questions and inputs. */
export class ConsultationRepo extends Repository {
  /** Consultations of the networks given with inputs received and not yet handled, counted: the secretariat's queue. */
  async waitingInputs(networkIds: readonly number[]) {
    if (!networkIds.length) return [];
    return this.db
      .select({
        id: consultations.id,
        title: consultations.title,
        networkName: networks.name,
        waiting: sql<number>`count(*)::int`,
      })
      .from(consultationInputs)
      .innerJoin(consultations, eq(consultations.id, consultationInputs.consultationId))
      .innerJoin(networks, eq(networks.id, consultations.networkId))
      .where(and(inArray(consultations.networkId, [...networkIds]), eq(consultationInputs.status, "received")))
      .groupBy(consultations.id, consultations.title, networks.name);
  }

  /** The consultations taking input at a moment that the viewer may read, closing soonest first. */
  async openNow(viewer: Actor | null, now: Date, most: number) {
    return this.db
      .select({ id: consultations.id, title: consultations.title, closesAt: consultations.closesAt, networkName: networks.name })
      .from(consultations)
      .innerJoin(networks, eq(networks.id, consultations.networkId))
      .where(and(lt(consultations.opensAt, now), gte(consultations.closesAt, now), consultationReadableWhere(viewer)))
      .orderBy(asc(consultations.closesAt))
      .limit(most);
  }

  /**
   * The network's consultations that anyone may read with their text (the rule with no viewer,
   * whoever asks: never an internal review round, nor one on a project now kept from the public),
   * the last made first: the network's feed of consultations.
   */
  async publicFeed(networkId: number, most: number) {
    return this.db
      .select()
      .from(consultations)
      .where(and(eq(consultations.networkId, networkId), consultationReadableWhere(null)))
      .orderBy(desc(consultations.createdAt), desc(consultations.id))
      .limit(most);
  }

  async byId(id: number): Promise<Consultation | undefined> {
    const [row] = await this.db.select().from(consultations).where(eq(consultations.id, id));
    return row;
  }

  /** A network's consultations, the latest to close first, with how many inputs each has. */
  async ofNetwork(networkId: number) {
    return this.db
      .select({
        consultation: consultations,
        inputs: sql<number>`(select count(*)::int from ${consultationInputs} i where i.consultation_id = ${consultations.id} and i.status <> 'spam')`,
      })
      .from(consultations)
      .where(eq(consultations.networkId, networkId))
      .orderBy(desc(consultations.closesAt), desc(consultations.id));
  }

  /** A page of a network's consultations the viewer may read, in SQL, as ofNetwork orders them. */
  ofNetworkPage(networkId: number, viewer: Actor | null, page: Page) {
    return paged(page, (p) =>
      this.db
        .select({ consultation: consultations, total: totalRows })
        .from(consultations)
        .where(and(eq(consultations.networkId, networkId), audienceReadableWhere(viewer)))
        .orderBy(desc(consultations.closesAt), desc(consultations.id))
        .limit(p.limit)
        .offset(p.offset),
    );
  }

  /** The consultations on a strategy (public ones and review rounds), the first first. */
  async ofStrategy(strategyId: number): Promise<Consultation[]> {
    return this.db
      .select()
      .from(consultations)
      .where(eq(consultations.strategyId, strategyId))
      .orderBy(asc(consultations.opensAt), asc(consultations.id));
  }

  /** The internal review rounds that followed a public consultation. */
  async reviewsOf(consultationId: number): Promise<Consultation[]> {
    return this.db
      .select()
      .from(consultations)
      .where(eq(consultations.reviewOfId, consultationId))
      .orderBy(asc(consultations.opensAt));
  }

  async insert(values: typeof consultations.$inferInsert): Promise<Consultation> {
    return this.insertOne(consultations, values);
  }

  async sectionsOf(consultationId: number): Promise<Section[]> {
    return this.db
      .select()
      .from(consultationSections)
      .where(eq(consultationSections.consultationId, consultationId))
      .orderBy(asc(consultationSections.position), asc(consultationSections.id));
  }

  /** Adds sections after the first `position` ones, in the order given; answers the rows stored. */
  async insertSections(consultationId: number, sections: { heading: string; body: string }[], position = 0): Promise<Section[]> {
    if (!sections.length) return [];
    return this.db
      .insert(consultationSections)
      .values(sections.map((s, i) => ({ ...s, consultationId, position: position + i })))
      .returning();
  }

  async questionsOf(consultationId: number): Promise<Question[]> {
    return this.db
      .select()
      .from(consultationQuestions)
      .where(eq(consultationQuestions.consultationId, consultationId))
      .orderBy(asc(consultationQuestions.position), asc(consultationQuestions.id));
  }

  async insertQuestion(values: typeof consultationQuestions.$inferInsert): Promise<Question> {
    return this.insertOne(consultationQuestions, values);
  }

  /**
   * Stores an input unless its form was stored already: one statement, so concurrent sends of the
   * same form store it once. Answers the row stored now, or undefined when the form was known.
   */
  async insertInputOnce(values: typeof consultationInputs.$inferInsert): Promise<Input | undefined> {
    const organisation = values.organisation?.trim();
    const [row] = await this.db
      .insert(consultationInputs)
      .values({ ...values, organisationId: organisation ? organisationNamed(organisation, values.consultationId) : null })
      .onConflictDoNothing({ target: consultationInputs.formToken })
      .returning();
    return row;
  }

  /** The input of a consultation that meets a condition (one that names a single input). */
  private async inputOf(consultationId: number, condition: SQL): Promise<Input | undefined> {
    const [row] = await this.db
      .select()
      .from(consultationInputs)
      .where(and(eq(consultationInputs.consultationId, consultationId), condition));
    return row;
  }

  async inputByFormToken(formToken: string): Promise<Input | undefined> {
    const [row] = await this.db.select().from(consultationInputs).where(eq(consultationInputs.formToken, formToken));
    return row;
  }

  inputByReceipt(consultationId: number, receiptHash: string): Promise<Input | undefined> {
    return this.inputOf(consultationId, eq(consultationInputs.receiptHash, receiptHash));
  }

  /**
   * Before an input is stored, in one statement: the reference of an input already stored from
   * this form, and the sender's inputs since an instant, across consultations, counted up to
   * `atMost` (the limit) and no further.
   */
  async beforeInput(formToken: string, sourceKey: string, since: Date, atMost: number) {
    const recent = this.db
      .select({ one: sql`1` })
      .from(consultationInputs)
      .where(and(eq(consultationInputs.sourceKey, sourceKey), gte(consultationInputs.submittedAt, since)))
      .limit(atMost)
      .as("recent");
    const [row] = await this.db
      .select({
        recent: count(),
        knownReference: sql<
          string | null
        >`(select ${consultationInputs.reference} from ${consultationInputs} where ${consultationInputs.formToken} = ${formToken})`,
      })
      .from(recent);
    return { recent: row!.recent, knownReference: row!.knownReference };
  }

  /** A consultation's inputs in the order they came, filtered. */
  async inputsOf(consultationId: number, f: InputFilter = {}): Promise<Input[]> {
    return this.db
      .select()
      .from(consultationInputs)
      .where(inputsWhere(consultationId, f))
      .orderBy(asc(consultationInputs.submittedAt), asc(consultationInputs.id));
  }

  /**
   * A page of a consultation's inputs in SQL, in the order inputsOf gives them, with how many the
   * filter finds: a consultation with a hundred thousand inputs is never read at once.
   */
  inputsPage(consultationId: number, f: InputFilter & { statuses?: InputStatus[] }, page: Page) {
    return paged(page, (p) =>
      this.db
        .select({ ...getTableColumns(consultationInputs), total: totalRows })
        .from(consultationInputs)
        .where(inputsWhere(consultationId, f))
        .orderBy(asc(consultationInputs.submittedAt), asc(consultationInputs.id))
        .limit(p.limit)
        .offset(p.offset),
    );
  }

  /** The categories the secretariat has given a consultation's inputs, in order. */
  async categoriesOf(consultationId: number): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ category: consultationInputs.category })
      .from(consultationInputs)
      .where(and(eq(consultationInputs.consultationId, consultationId), sql`${consultationInputs.category} <> ''`))
      .orderBy(asc(consultationInputs.category));
    return rows.map((r) => r.category);
  }

  inputById(consultationId: number, id: number): Promise<Input | undefined> {
    return this.inputOf(consultationId, eq(consultationInputs.id, id));
  }

  inputByReference(consultationId: number, reference: string): Promise<Input | undefined> {
    return this.inputOf(consultationId, eq(consultationInputs.reference, reference));
  }

  async updateInput(id: number, values: Partial<typeof consultationInputs.$inferInsert>) {
    await this.db.update(consultationInputs).set(values).where(eq(consultationInputs.id, id));
  }

  /** Publishes every prepared answer not yet published (spam excepted); answers how many. */
  async publishAnswers(consultationId: number, at: Date): Promise<number> {
    const rows = await this.db
      .update(consultationInputs)
      .set({ answerPublishedAt: at })
      .where(
        and(
          eq(consultationInputs.consultationId, consultationId),
          isNull(consultationInputs.answerPublishedAt),
          sql`${consultationInputs.answer} <> ''`,
          sql`${consultationInputs.status} <> 'spam'`,
        ),
      )
      .returning({ id: consultationInputs.id });
    return rows.length;
  }

  /** The inputs whose answer can be mailed: answered, with an e-mail, not mailed yet, not spam. */
  async answersToMail(consultationId: number): Promise<Input[]> {
    return this.db
      .select()
      .from(consultationInputs)
      .where(
        and(
          eq(consultationInputs.consultationId, consultationId),
          isNotNull(consultationInputs.email),
          isNull(consultationInputs.answerMailedAt),
          sql`${consultationInputs.answer} <> ''`,
          sql`${consultationInputs.status} <> 'spam'`,
        ),
      );
  }

  async templatesOf(consultationId: number): Promise<AnswerTemplate[]> {
    return this.db
      .select()
      .from(answerTemplates)
      .where(eq(answerTemplates.consultationId, consultationId))
      .orderBy(asc(answerTemplates.title));
  }

  /** A page of templatesOf in SQL, with how many there are. */
  templatesPage(consultationId: number, page: Page) {
    return paged(page, (p) =>
      this.db
        .select({ ...getTableColumns(answerTemplates), total: totalRows })
        .from(answerTemplates)
        .where(eq(answerTemplates.consultationId, consultationId))
        .orderBy(asc(answerTemplates.title), asc(answerTemplates.id))
        .limit(p.limit)
        .offset(p.offset),
    );
  }

  async insertTemplate(values: typeof answerTemplates.$inferInsert): Promise<AnswerTemplate> {
    return this.insertOne(answerTemplates, values);
  }

  async updateConsultation(id: number, values: Partial<typeof consultations.$inferInsert>) {
    await this.db.update(consultations).set(values).where(eq(consultations.id, id));
  }

  async countInputs(consultationId: number): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(consultationInputs)
      .where(eq(consultationInputs.consultationId, consultationId));
    return row!.n;
  }

  /**
   * Clears the personal data of one input at its respondent's own request, and the organisation it was
   * matched to as well: the respondent asked to be unlinked, and a published input plus the member
   * report's count per organisation would otherwise still say who sent it.
   */
  async removePersonalData(inputId: number) {
    await this.db
      .update(consultationInputs)
      .set({ ...withoutPersonalData(new Date()), organisationId: null })
      .where(eq(consultationInputs.id, inputId));
  }

  /**
   * Clears the personal data of every input whose consultation closed more than its retention ago. The
   * matched organisation stays: an organisation is not personal data, and the member reports go on
   * counting the input for it (decision 0031); only the respondent's own request clears it.
   */
  async removeExpiredPersonalData(now: Date): Promise<number> {
    const expired = this.db
      .select({ id: consultations.id })
      .from(consultations)
      .where(lt(sql`${consultations.closesAt} + ${consultations.personalDataDays} * interval '1 day'`, now));
    const rows = await this.db
      .update(consultationInputs)
      .set(withoutPersonalData(now))
      .where(
        and(
          isNull(consultationInputs.personalDataRemovedAt),
          sql`${consultationInputs.consultationId} in ${expired}`,
          sql`(${isNotNull(consultationInputs.name)} or ${isNotNull(consultationInputs.organisation)} or ${isNotNull(consultationInputs.email)})`,
        ),
      )
      .returning({ id: consultationInputs.id });
    return rows.length;
  }
}
