import { and, asc, desc, eq, inArray, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Actor } from "../../platform/access/actor.ts";
import { secretariatNetworks } from "../../platform/access/authorize.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { type Page, paged, totalRows } from "../../platform/db/paging.ts";
import { Repository } from "../../platform/db/repository.ts";
import { DocumentStore } from "../../platform/files/documents.ts";
import { users } from "../../platform/schema.ts";
import { organisations } from "../directory/index.ts";
import { networks } from "../networks/index.ts";
import { projects } from "../projects/index.ts";
import { nationalSolutions } from "../roadmap/index.ts";
import { solutions } from "../solutions/index.ts";
import {
  experienceNotes,
  experienceSearchDocument,
  questionSearchDocument,
  subjectAnswers,
  subjectDocuments,
  subjectNetworkMembers,
  subjectNetworkOwners,
  subjectNetworks,
  subjectQuestions,
  subjectReviews,
} from "./schema.ts";

export type SubjectNetwork = typeof subjectNetworks.$inferSelect;
export type SubjectMember = typeof subjectNetworkMembers.$inferSelect;
export type ExperienceNote = typeof experienceNotes.$inferSelect;
export type SubjectReview = typeof subjectReviews.$inferSelect;
export type SubjectQuestion = typeof subjectQuestions.$inferSelect;
export type SubjectAnswer = typeof subjectAnswers.$inferSelect;

/** A project's place in the access kernel's rule, for reviews and experience linked to it. */
const projectRestricted = { networkId: projects.networkId, visibility: projects.visibility, bodyId: projects.bodyId };

/**
 * The subject networks whose members-only content the viewer reads, as a condition on a subject
 * network's id: those they take part in (approved members and coordinators), and those owned by a
 * network whose secretariat they are; every one for an administrator, none for an anonymous reader.
 * The same rule as `readsInternal` (policy.ts's takesPartIn), in SQL for lists and the site search.
 */
export function insideWhere(viewer: Actor | null, subjectNetworkId: SQLWrapper): SQL {
  return runByOrWhere(viewer, subjectNetworkId, sql`true`);
}

/**
 * The subject networks the viewer runs, as a condition on a subject network's id: those they are an
 * approved coordinator of, and those owned by a network whose secretariat they are; every one for an
 * administrator. policy.ts's managesSubject in SQL (news of a subject network: who sees its drafts).
 */
export function managesWhere(viewer: Actor | null, subjectNetworkId: SQLWrapper): SQL {
  return runByOrWhere(viewer, subjectNetworkId, sql`m.role = 'coordinator'`);
}

/** Approved members of the subject network for whom `role` holds, or the secretariat of a network owning it. */
function runByOrWhere(viewer: Actor | null, subjectNetworkId: SQLWrapper, role: SQL): SQL {
  if (viewer?.isAdmin) return sql`true`;
  if (viewer?.userId == null) return sql`false`;
  const member = sql`exists (select 1 from ${subjectNetworkMembers} m
    where m.subject_network_id = ${subjectNetworkId} and m.user_id = ${viewer.userId} and m.approved and ${role})`;
  const secretariatOf = secretariatNetworks(viewer);
  if (!secretariatOf.length) return member;
  return sql`(${member} or exists (select 1 from ${subjectNetworkOwners} o
    where o.subject_network_id = ${subjectNetworkId} and o.network_id in (${sql.join(
      secretariatOf.map((id) => sql`${id}`),
      sql`, `,
    )})))`;
}

/** What of a subject network's content the viewer reads: everything public, and the members-only content where they are inside. */
export const readableWhere = (viewer: Actor | null, visibility: SQLWrapper, subjectNetworkId: SQLWrapper): SQL =>
  sql`(${visibility} = 'public' or ${insideWhere(viewer, subjectNetworkId)})`;

export interface NoteFilter {
  id?: number | undefined;
  /** Only these notes (the frozen annual tables check which they may still show). */
  ids?: readonly number[] | undefined;
  subjectNetworkId?: number | undefined;
  projectId?: number | undefined;
  solutionId?: number | undefined;
  nationalSolutionId?: number | undefined;
  /** Notes of the subject networks a network owns, written in a year (its annual report). */
  ownerNetworkId?: number | undefined;
  year?: number | undefined;
  /** Words searched in Norwegian (stemmed), across every subject network. */
  q?: string | undefined;
  limit?: number | undefined;
}

export interface QuestionFilter {
  subjectNetworkId?: number | undefined;
  q?: string | undefined;
  limit?: number | undefined;
}

/** A query's words as a Norwegian full-text condition over a search document. */
const matches = (document: SQL, q: string | undefined): SQL | undefined =>
  q?.trim() ? sql`${document} @@ websearch_to_tsquery('norwegian'::regconfig, ${q.trim()})` : undefined;

/** The only place with SQL for subject networks: the networks, their people, experience, reviews and questions. */
export class SubjectRepo extends Repository {
  /** A subject network's own documents, newest first. */
  readonly documents = new DocumentStore(this.db, subjectDocuments, subjectDocuments.subjectNetworkId, { newestFirst: true });

  /** Every subject network with how many people it has, by name. */
  list() {
    return this.db
      .select({
        subject: subjectNetworks,
        members: sql<number>`(select count(*)::int from ${subjectNetworkMembers} m
          where m.subject_network_id = ${subjectNetworks.id} and m.approved)`,
      })
      .from(subjectNetworks)
      .orderBy(asc(subjectNetworks.name));
  }

  /** The owning networks of the given subject networks. */
  ownersOf(ids: readonly number[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .select({
        subjectNetworkId: subjectNetworkOwners.subjectNetworkId,
        id: networks.id,
        slug: networks.slug,
        name: networks.name,
      })
      .from(subjectNetworkOwners)
      .innerJoin(networks, eq(networks.id, subjectNetworkOwners.networkId))
      .where(inArray(subjectNetworkOwners.subjectNetworkId, [...ids]))
      .orderBy(asc(networks.name));
  }

  /** The subject networks a network owns. */
  ownedBy(networkId: number) {
    return this.db
      .select({ subject: subjectNetworks })
      .from(subjectNetworkOwners)
      .innerJoin(subjectNetworks, eq(subjectNetworks.id, subjectNetworkOwners.subjectNetworkId))
      .where(eq(subjectNetworkOwners.networkId, networkId))
      .orderBy(asc(subjectNetworks.name));
  }

  async bySlug(slug: string) {
    const [row] = await this.db.select().from(subjectNetworks).where(eq(subjectNetworks.slug, slug)).limit(1);
    return row;
  }

  byId(id: number) {
    return this.findOne(subjectNetworks, id);
  }

  async slugTaken(slug: string) {
    return (await this.bySlug(slug)) !== undefined;
  }

  insert(values: typeof subjectNetworks.$inferInsert) {
    return this.insertOne(subjectNetworks, values);
  }

  update(id: number, values: Partial<typeof subjectNetworks.$inferInsert>) {
    return this.updateStamped(subjectNetworks, id, values);
  }

  async addOwner(subjectNetworkId: number, networkId: number) {
    await this.db.insert(subjectNetworkOwners).values({ subjectNetworkId, networkId }).onConflictDoNothing();
  }

  async removeOwner(subjectNetworkId: number, networkId: number) {
    const rows = await this.db
      .delete(subjectNetworkOwners)
      .where(and(eq(subjectNetworkOwners.subjectNetworkId, subjectNetworkId), eq(subjectNetworkOwners.networkId, networkId)))
      .returning({ networkId: subjectNetworkOwners.networkId });
    return rows.length > 0;
  }

  // People.

  async membership(subjectNetworkId: number, userId: number) {
    const [row] = await this.db
      .select()
      .from(subjectNetworkMembers)
      .where(and(eq(subjectNetworkMembers.subjectNetworkId, subjectNetworkId), eq(subjectNetworkMembers.userId, userId)))
      .limit(1);
    return row;
  }

  /** A subject network's people, coordinators first, with their names and organisations. */
  members(subjectNetworkId: number) {
    return this.db
      .select({
        member: subjectNetworkMembers,
        name: users.name,
        email: users.email,
        organisationName: organisations.name,
      })
      .from(subjectNetworkMembers)
      .innerJoin(users, eq(users.id, subjectNetworkMembers.userId))
      .leftJoin(organisations, eq(organisations.id, subjectNetworkMembers.organisationId))
      .where(eq(subjectNetworkMembers.subjectNetworkId, subjectNetworkId))
      .orderBy(desc(subjectNetworkMembers.role), asc(users.name), asc(users.id));
  }

  /** The subject networks a person is in (or waits to be let into). */
  mine(userId: number) {
    return this.db
      .select({ subject: subjectNetworks, member: subjectNetworkMembers })
      .from(subjectNetworkMembers)
      .innerJoin(subjectNetworks, eq(subjectNetworks.id, subjectNetworkMembers.subjectNetworkId))
      .where(eq(subjectNetworkMembers.userId, userId))
      .orderBy(asc(subjectNetworks.name));
  }

  async addMember(values: typeof subjectNetworkMembers.$inferInsert) {
    const [row] = await this.db.insert(subjectNetworkMembers).values(values).onConflictDoNothing().returning();
    return row;
  }

  async setMember(subjectNetworkId: number, userId: number, values: Partial<Pick<SubjectMember, "role" | "approved">>) {
    const [row] = await this.db
      .update(subjectNetworkMembers)
      .set(values)
      .where(and(eq(subjectNetworkMembers.subjectNetworkId, subjectNetworkId), eq(subjectNetworkMembers.userId, userId)))
      .returning();
    return row;
  }

  async removeMember(subjectNetworkId: number, userId: number) {
    const rows = await this.db
      .delete(subjectNetworkMembers)
      .where(and(eq(subjectNetworkMembers.subjectNetworkId, subjectNetworkId), eq(subjectNetworkMembers.userId, userId)))
      .returning({ userId: subjectNetworkMembers.userId });
    return rows.length > 0;
  }

  // Experience notes.

  /**
   * Experience notes the viewer may read, newest first, with the subject network, the organisation,
   * the contact, and what they are linked to. A linked project's title comes only when the viewer
   * may see the project (the access kernel's rule); a note about a project they may not see is not
   * listed on that project's behalf.
   */
  notes(viewer: Actor | null, f: NoteFilter) {
    return this.notesQuery(viewer, f).limit(f.limit ?? 200);
  }

  /** A page of `notes`, with how many the viewer may read in all, for the API. */
  notesPage(viewer: Actor | null, f: NoteFilter, page: Page) {
    return paged(page, (p) => this.notesQuery(viewer, f).limit(p.limit).offset(p.offset));
  }

  private notesQuery(viewer: Actor | null, f: NoteFilter) {
    const projectVisible = visibleWhere(viewer, projectRestricted);
    return this.db
      .select({
        note: experienceNotes,
        subjectSlug: subjectNetworks.slug,
        subjectName: subjectNetworks.name,
        organisationName: organisations.name,
        contactName: users.name,
        contactEmail: users.email,
        projectTitle: sql<string | null>`case when ${projectVisible} then ${projects.title} end`,
        solutionName: solutions.name,
        nationalSolutionName: nationalSolutions.name,
        total: totalRows,
      })
      .from(experienceNotes)
      .innerJoin(subjectNetworks, eq(subjectNetworks.id, experienceNotes.subjectNetworkId))
      .leftJoin(organisations, eq(organisations.id, experienceNotes.organisationId))
      .leftJoin(users, eq(users.id, experienceNotes.contactUserId))
      .leftJoin(projects, eq(projects.id, experienceNotes.projectId))
      .leftJoin(solutions, eq(solutions.id, experienceNotes.solutionId))
      .leftJoin(nationalSolutions, eq(nationalSolutions.id, experienceNotes.nationalSolutionId))
      .where(
        and(
          readableWhere(viewer, experienceNotes.visibility, experienceNotes.subjectNetworkId),
          f.id !== undefined ? eq(experienceNotes.id, f.id) : undefined,
          f.ids !== undefined ? inArray(experienceNotes.id, [...f.ids]) : undefined,
          f.subjectNetworkId !== undefined ? eq(experienceNotes.subjectNetworkId, f.subjectNetworkId) : undefined,
          f.projectId !== undefined ? and(eq(experienceNotes.projectId, f.projectId), projectVisible) : undefined,
          f.solutionId !== undefined ? eq(experienceNotes.solutionId, f.solutionId) : undefined,
          f.nationalSolutionId !== undefined ? eq(experienceNotes.nationalSolutionId, f.nationalSolutionId) : undefined,
          f.ownerNetworkId !== undefined
            ? sql`exists (select 1 from ${subjectNetworkOwners} where ${subjectNetworkOwners.subjectNetworkId} = ${experienceNotes.subjectNetworkId} and ${subjectNetworkOwners.networkId} = ${f.ownerNetworkId})`
            : undefined,
          f.year !== undefined
            ? sql`extract(year from ${experienceNotes.createdAt} at time zone 'Europe/Oslo') = ${f.year}`
            : undefined,
          matches(experienceSearchDocument(experienceNotes), f.q),
        ),
      )
      .orderBy(desc(experienceNotes.createdAt), desc(experienceNotes.id));
  }

  note(id: number) {
    return this.findOne(experienceNotes, id);
  }

  insertNote(values: typeof experienceNotes.$inferInsert) {
    return this.insertOne(experienceNotes, values);
  }

  updateNote(id: number, values: Partial<typeof experienceNotes.$inferInsert>) {
    return this.updateStamped(experienceNotes, id, values);
  }

  deleteNote(id: number) {
    return this.deleteOne(experienceNotes, id);
  }

  /** A project's network and visibility, for where its review may be asked. */
  async project(id: number) {
    const [row] = await this.db
      .select({ networkId: projects.networkId, visibility: projects.visibility })
      .from(projects)
      .where(eq(projects.id, id))
      .limit(1);
    return row;
  }

  /** Whether these exist, for a note's links: a project, a solution, a national solution. */
  async projectExists(id: number) {
    const [row] = await this.db.select({ id: projects.id }).from(projects).where(eq(projects.id, id)).limit(1);
    return !!row;
  }

  async solutionExists(id: number) {
    const [row] = await this.db.select({ id: solutions.id }).from(solutions).where(eq(solutions.id, id)).limit(1);
    return !!row;
  }

  async nationalSolutionExists(id: number) {
    const [row] = await this.db
      .select({ id: nationalSolutions.id })
      .from(nationalSolutions)
      .where(eq(nationalSolutions.id, id))
      .limit(1);
    return !!row;
  }

  /** What a note may be linked to, as choices: projects the viewer may see, solutions, national solutions. */
  async linkChoices(viewer: Actor | null) {
    const [p, s, n] = await Promise.all([
      this.db
        .select({ id: projects.id, name: projects.title })
        .from(projects)
        .where(visibleWhere(viewer, projectRestricted))
        .orderBy(asc(projects.title))
        .limit(2000),
      this.db.select({ id: solutions.id, name: solutions.name }).from(solutions).orderBy(asc(solutions.name)).limit(2000),
      this.db
        .select({ id: nationalSolutions.id, name: nationalSolutions.name })
        .from(nationalSolutions)
        .orderBy(asc(nationalSolutions.name))
        .limit(2000),
    ]);
    return { projects: p, solutions: s, nationalSolutions: n };
  }

  // Reviews.

  /** Reviews of projects the viewer may see, newest first: of one subject network, or of one project. */
  reviews(viewer: Actor | null, f: { subjectNetworkId?: number; projectId?: number }) {
    return this.db
      .select({
        review: subjectReviews,
        projectTitle: projects.title,
        subjectSlug: subjectNetworks.slug,
        subjectName: subjectNetworks.name,
      })
      .from(subjectReviews)
      .innerJoin(projects, eq(projects.id, subjectReviews.projectId))
      .innerJoin(subjectNetworks, eq(subjectNetworks.id, subjectReviews.subjectNetworkId))
      .where(
        and(
          visibleWhere(viewer, projectRestricted),
          f.subjectNetworkId !== undefined ? eq(subjectReviews.subjectNetworkId, f.subjectNetworkId) : undefined,
          f.projectId !== undefined ? eq(subjectReviews.projectId, f.projectId) : undefined,
        ),
      )
      .orderBy(desc(subjectReviews.createdAt), desc(subjectReviews.id));
  }

  review(id: number) {
    return this.findOne(subjectReviews, id);
  }

  insertReview(values: typeof subjectReviews.$inferInsert) {
    return this.insertOne(subjectReviews, values);
  }

  async updateReview(id: number, values: Partial<typeof subjectReviews.$inferInsert>) {
    const [row] = await this.db.update(subjectReviews).set(values).where(eq(subjectReviews.id, id)).returning();
    return row!;
  }

  // Questions.

  /** Questions the viewer may read, newest first, with how many answers each has; searched in Norwegian with their answers. */
  questions(viewer: Actor | null, f: QuestionFilter) {
    return this.questionsQuery(viewer, f).limit(f.limit ?? 200);
  }

  /** A page of `questions`, with how many the viewer may read in all, for the API. */
  questionsPage(viewer: Actor | null, f: QuestionFilter, page: Page) {
    return paged(page, (p) => this.questionsQuery(viewer, f).limit(p.limit).offset(p.offset));
  }

  private questionsQuery(viewer: Actor | null, f: QuestionFilter) {
    const q = f.q?.trim();
    return this.db
      .select({
        question: subjectQuestions,
        subjectSlug: subjectNetworks.slug,
        subjectName: subjectNetworks.name,
        organisationName: organisations.name,
        answers: sql<number>`(select count(*)::int from ${subjectAnswers} a where a.question_id = ${subjectQuestions.id})`,
        total: totalRows,
      })
      .from(subjectQuestions)
      .innerJoin(subjectNetworks, eq(subjectNetworks.id, subjectQuestions.subjectNetworkId))
      .leftJoin(organisations, eq(organisations.id, subjectQuestions.organisationId))
      .where(
        and(
          readableWhere(viewer, subjectQuestions.visibility, subjectQuestions.subjectNetworkId),
          f.subjectNetworkId !== undefined ? eq(subjectQuestions.subjectNetworkId, f.subjectNetworkId) : undefined,
          q
            ? sql`(${matches(questionSearchDocument(subjectQuestions), q)} or exists (select 1 from ${subjectAnswers} a
                where a.question_id = ${subjectQuestions.id}
                and to_tsvector('norwegian'::regconfig, a.body) @@ websearch_to_tsquery('norwegian'::regconfig, ${q})))`
            : undefined,
        ),
      )
      .orderBy(desc(subjectQuestions.createdAt), desc(subjectQuestions.id));
  }

  question(id: number) {
    return this.findOne(subjectQuestions, id);
  }

  answers(questionId: number) {
    return this.db
      .select()
      .from(subjectAnswers)
      .where(eq(subjectAnswers.questionId, questionId))
      .orderBy(asc(subjectAnswers.createdAt), asc(subjectAnswers.id));
  }

  insertQuestion(values: typeof subjectQuestions.$inferInsert) {
    return this.insertOne(subjectQuestions, values);
  }

  insertAnswer(values: typeof subjectAnswers.$inferInsert) {
    return this.insertOne(subjectAnswers, values);
  }
}
