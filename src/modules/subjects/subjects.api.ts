import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { NotFoundError, resultOf } from "../../platform/http/errors.ts";
import { dbId } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { JOIN_POLICIES, MEMBER_ROLES, REVIEW_STATUSES, REVIEW_VERDICTS, SUBJECT_VISIBILITIES } from "./schema.ts";
import type { SubjectRepo } from "./subjects.repo.ts";

const subjectNetwork = z.object({
  slug: z.string(),
  name: z.string(),
  mandate: z.string(),
  national: z.boolean(),
  joinPolicy: z.enum(JOIN_POLICIES),
  owners: z.array(z.string()).describe("The owning networks' slugs"),
  members: z.number(),
});

const note = z.object({
  id: z.number(),
  subjectNetwork: z.string(),
  title: z.string(),
  whatWeDid: z.string(),
  cost: z.string(),
  differently: z.string(),
  organisation: z.string().nullable(),
  visibility: z.enum(SUBJECT_VISIBILITIES),
  projectId: z.number().nullable().describe("Set only when the caller may see the project"),
  solutionId: z.number().nullable(),
  nationalSolutionId: z.number().nullable(),
  writtenAt: z.string(),
});

const question = z.object({
  id: z.number(),
  subjectNetwork: z.string(),
  title: z.string(),
  body: z.string(),
  visibility: z.enum(SUBJECT_VISIBILITIES),
  answers: z.number(),
  askedAt: z.string(),
});

const review = z.object({
  id: z.number(),
  projectId: z.number(),
  status: z.enum(REVIEW_STATUSES),
  verdict: z.enum(REVIEW_VERDICTS).nullable(),
  findings: z.string(),
  recommendations: z.string(),
  requestedAt: z.string(),
  reviewedAt: z.string().nullable(),
});

type NoteRow = Awaited<ReturnType<SubjectRepo["notes"]>>[number];
const presentNote = (r: Omit<NoteRow, "total">): z.infer<typeof note> => ({
  id: r.note.id,
  subjectNetwork: r.subjectSlug,
  title: r.note.title,
  whatWeDid: r.note.whatWeDid,
  cost: r.note.cost,
  differently: r.note.differently,
  organisation: r.organisationName,
  visibility: r.note.visibility,
  // A project the caller may not see is not named, not even by its number.
  projectId: r.projectTitle !== null ? r.note.projectId : null,
  solutionId: r.note.solutionId,
  nationalSolutionId: r.note.nationalSolutionId,
  writtenAt: r.note.createdAt.toISOString(),
});

const searchQuery = z.object({ q: z.string().max(200).optional(), subjectNetwork: z.string().max(100).optional(), ...listQuery });

const text = (max: number) => z.string().max(max).optional();
const id = z.number().int().positive().optional();
const slugParams = z.object({ slug: z.string().max(100) });

/**
 * Subject networks in the JSON API: what the caller may read under the same rules as the pages, and
 * what those who take part do there (join and leave, write experience, ask and answer).
 */
export function subjectsApi(api: ApiRouter, { services: { subjects } }: AppContext) {
  /** The subject network by :slug with the caller's place in it, for the rules. */
  const subjectOf = ({ slug }: { slug: string }, actor: Actor | null) => subjects.access(actor, slug);
  const narrowedTo = async (slug: string | undefined) => {
    if (!slug) return undefined;
    const found = await subjects.repo.bySlug(slug);
    if (!found) throw new NotFoundError();
    return found.id;
  };

  api.route({
    policy: "public",
    method: "GET",
    path: "/subject-networks",
    operationId: "listSubjectNetworks",
    summary: "Subject networks, by name, with their owning networks and how many take part",
    tag: "subject networks",
    query: z.object(listQuery),
    response: listOf(subjectNetwork),
    handler: async ({ query }) => {
      const rows = await subjects.list();
      return {
        items: rows.slice(query.offset, query.offset + query.limit).map((r) => ({
          slug: r.subject.slug,
          name: r.subject.name,
          mandate: r.subject.mandate,
          national: r.subject.national,
          joinPolicy: r.subject.joinPolicy,
          owners: r.owners.map((o) => o.slug),
          members: r.members,
        })),
        total: rows.length,
      };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/subject-networks/:slug",
    operationId: "getSubjectNetwork",
    summary: "A subject network with its coordinators (and its members, for those who take part) and its reviews",
    tag: "subject networks",
    params: z.object({ slug: z.string().max(100) }),
    response: subjectNetwork.omit({ members: true }).extend({
      people: z.array(z.object({ name: z.string(), organisation: z.string().nullable(), role: z.enum(MEMBER_ROLES) })),
      reviews: z.array(review),
    }),
    handler: async ({ params, actor }) => {
      const a = await subjects.access(actor, params.slug);
      const [people, reviews] = await Promise.all([
        subjects.people(actor, a),
        subjects.reviews(actor, { subjectNetworkId: a.subject.id }),
      ]);
      return {
        slug: a.subject.slug,
        name: a.subject.name,
        mandate: a.subject.mandate,
        national: a.subject.national,
        joinPolicy: a.subject.joinPolicy,
        owners: a.owners.map((o) => o.slug),
        people: people.rows
          .filter((p) => p.member.approved)
          .map((p) => ({ name: p.name || "", organisation: p.organisationName, role: p.member.role })),
        reviews: reviews.map(({ review: r }) => ({
          id: r.id,
          projectId: r.projectId,
          status: r.status,
          verdict: r.verdict,
          findings: r.findings,
          recommendations: r.recommendations,
          requestedAt: r.createdAt.toISOString(),
          reviewedAt: r.reviewedAt?.toISOString() ?? null,
        })),
      };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/experience",
    operationId: "listExperienceNotes",
    summary: "Experience notes the caller may read, newest first, across every subject network; `q` searches them in Norwegian",
    tag: "subject networks",
    query: searchQuery,
    response: listOf(note),
    handler: async ({ query, actor }) => {
      const { items, total } = await subjects.notesPage(
        actor,
        { q: query.q, subjectNetworkId: await narrowedTo(query.subjectNetwork) },
        query,
      );
      return { items: items.map(presentNote), total };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/experience/:id",
    operationId: "getExperienceNote",
    summary: "One experience note",
    tag: "subject networks",
    params: z.object({ id: dbId }),
    response: note,
    handler: async ({ params, actor }) => presentNote(await subjects.note(actor, params.id)),
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/questions",
    operationId: "listSubjectQuestions",
    summary: "Questions to subject networks the caller may read, newest first; `q` searches them and their answers in Norwegian",
    tag: "subject networks",
    query: searchQuery,
    response: listOf(question),
    handler: async ({ query, actor }) => {
      const { items, total } = await subjects.questionsPage(
        actor,
        { q: query.q, subjectNetworkId: await narrowedTo(query.subjectNetwork) },
        query,
      );
      return {
        items: items.map((r) => ({
          id: r.question.id,
          subjectNetwork: r.subjectSlug,
          title: r.question.title,
          body: r.question.body,
          visibility: r.question.visibility,
          answers: r.answers,
          askedAt: r.question.createdAt.toISOString(),
        })),
        total,
      };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/questions/:id",
    operationId: "getSubjectQuestion",
    summary: "A question with its answers",
    tag: "subject networks",
    params: z.object({ id: dbId }),
    response: question.omit({ answers: true }).extend({
      answers: z.array(z.object({ body: z.string(), by: z.string(), answeredAt: z.string() })),
    }),
    handler: async ({ params, actor }) => {
      const { question: q, answers, subject } = await subjects.question(actor, params.id);
      return {
        id: q.id,
        subjectNetwork: subject.slug,
        title: q.title,
        body: q.body,
        visibility: q.visibility,
        askedAt: q.createdAt.toISOString(),
        answers: answers.map((x) => ({ body: x.body, by: x.authorLabel, answeredAt: x.createdAt.toISOString() })),
      };
    },
  });

  api.route({
    policy: "subject.join",
    method: "POST",
    path: "/subject-networks/:slug/join",
    operationId: "joinSubjectNetwork",
    summary: "Join a subject network: at once where joining is open, else when a coordinator approves",
    tag: "subject networks",
    params: slugParams,
    body: z.object({ organisationId: id.describe("The organisation the caller takes part for") }),
    resource: subjectOf,
    response: z.object({ approved: z.boolean() }),
    handler: async ({ params, actor, body }) => resultOf(await subjects.join(actor, await subjectOf(params, actor), body)),
  });

  api.route({
    policy: "subject.join",
    method: "POST",
    path: "/subject-networks/:slug/leave",
    operationId: "leaveSubjectNetwork",
    summary: "Leave a subject network (or withdraw the request); the last coordinator of others names another first",
    tag: "subject networks",
    params: slugParams,
    body: z.object({}),
    resource: subjectOf,
    response: z.object({}),
    status: 204,
    handler: async ({ params, actor }) => resultOf(await subjects.leave(actor, await subjectOf(params, actor))),
  });

  api.route({
    policy: "subject.contribute",
    method: "POST",
    path: "/subject-networks/:slug/experience",
    operationId: "writeExperienceNote",
    summary: "A new experience note, by one who takes part",
    tag: "subject networks",
    params: slugParams,
    body: z.object({
      title: z.string().max(200),
      whatWeDid: z.string().max(10_000),
      cost: text(5_000),
      differently: text(10_000),
      organisationId: id,
      contactUserId: id,
      visibility: z.enum(SUBJECT_VISIBILITIES).optional(),
      projectId: id,
      solutionId: id,
      nationalSolutionId: id,
    }),
    resource: subjectOf,
    response: note,
    status: 201,
    handler: async ({ params, actor, body }) => {
      const created = resultOf(await subjects.createNote(actor, await subjectOf(params, actor), body));
      return presentNote(await subjects.note(actor, created.id));
    },
  });

  api.route({
    policy: "subject.contribute",
    method: "POST",
    path: "/subject-networks/:slug/questions",
    operationId: "askSubjectNetwork",
    summary: "A question to the subject network, by one who takes part",
    tag: "subject networks",
    params: slugParams,
    body: z.object({
      title: z.string().max(200),
      body: text(10_000),
      organisationId: id,
      visibility: z.enum(SUBJECT_VISIBILITIES).optional(),
    }),
    resource: subjectOf,
    response: z.object({ id: z.number() }),
    status: 201,
    handler: async ({ params, actor, body }) => {
      const asked = resultOf(await subjects.ask(actor, await subjectOf(params, actor), body));
      return { id: asked.id };
    },
  });

  /** A question the caller may read, with its subject network and the caller's place in it; 404 otherwise. */
  const questionOf = ({ id }: { id: number }, actor: Actor | null) => subjects.question(actor, id);

  api.route({
    policy: "subject.contribute",
    method: "POST",
    path: "/questions/:id/answers",
    operationId: "answerSubjectQuestion",
    summary: "An answer to a question, by one who takes part in its subject network",
    tag: "subject networks",
    params: z.object({ id: dbId }),
    body: z.object({ body: z.string().max(10_000) }),
    resource: questionOf,
    response: z.object({ id: z.number() }),
    status: 201,
    handler: async ({ params, actor, body }) => {
      const { question } = await questionOf(params, actor);
      return resultOf(await subjects.answer(actor, question, body));
    },
  });
}
