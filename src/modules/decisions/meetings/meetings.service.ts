import { z } from "zod";
import { type Actor, systemActor } from "../../../platform/access/actor.ts";
import {
  canSee,
  type Restricted,
  readableByAll,
  VISIBILITY_VALUES,
  type Visibility,
} from "../../../platform/access/visibility.ts";
import { publishEvent } from "../../../platform/activity/activity.ts";
import { changedFields } from "../../../platform/audit/audit.ts";
import { audited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import type { Page } from "../../../platform/db/paging.ts";
import { readFile, removeTitledFile, storeTitledFile } from "../../../platform/files/files.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import {
  optionalId,
  optionalText,
  requiredDate,
  requiredId,
  requiredText,
  toFieldErrors,
  webAddress,
} from "../../../platform/http/validation.ts";
import { labelFor, osloToday, type Translate } from "../../../platform/i18n/i18n.ts";
import type { NeedService, NeedState } from "../../needs/index.ts";
import { type AssessmentService, roundChain } from "../../needs/index.ts";
import type { NetworkService } from "../../networks/index.ts";
import type { ProjectService } from "../../projects/index.ts";
import { PROJECT_KINDS } from "../../projects/index.ts";
import type { MeetingResource } from "../policy.ts";
import { OUTCOMES, type Outcome } from "../schema.ts";
import { meetingHasStarted } from "./held.ts";
import { type AgendaItem, type Decision, type Meeting, MeetingRepo } from "./meetings.repo.ts";

export const meetingInput = z.object({
  title: requiredText(200),
  bodyId: requiredId,
  meetingDate: requiredDate,
  startTime: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3])[:.][0-5]\d$|^$/, "errors.time")
    .transform((v) => v.replace(".", ":"))
    .default(""),
  place: optionalText(200),
  link: webAddress,
  visibility: z.enum(VISIBILITY_VALUES, "errors.choice").default("public"),
});
export const itemInput = z.object({
  title: requiredText(200),
  description: optionalText(20_000),
  needId: optionalId,
  projectId: optionalId,
  documentId: optionalId,
});
export const decisionInput = z.object({
  agendaItemId: requiredId,
  text: requiredText(10_000),
  outcome: z.enum(OUTCOMES, "errors.choice"),
  decidedOn: requiredDate,
  /** Decisions are public unless marked otherwise. */
  isPublic: z.preprocess((v) => v !== false && v !== "0" && v !== "false", z.boolean()).default(true),
  supersedesId: optionalId,
  /** For "approved as project": the kind of project the need becomes. */
  projectKind: z.enum(PROJECT_KINDS, "errors.choice").default("regional"),
});
export const minutesInput = z.object({ minutesNote: optionalText(20_000) });

/** The need's state after a decision with this outcome; "other" leaves it as it is. */
const NEED_STATE_AFTER: Record<Outcome, NeedState | null> = {
  prioritised: "prioritised",
  parked: "parked",
  rejected: "rejected",
  approved_as_project: "approved",
  other: null,
};

/** What an agenda item is about: its need, or else its project. */
const subjectOf = (item: { needId: number | null; projectId: number | null }): { needIds?: number[]; projectIds?: number[] } =>
  item.needId ? { needIds: [item.needId] } : item.projectId ? { projectIds: [item.projectId] } : {};

/** A meeting as the visibility rule sees it: the meeting, inside its body, inside its network. */
export const meetingChain = (
  meeting: { networkId: number; bodyId: number; visibility: Visibility },
  bodyVisibility: Visibility,
): Restricted[] => [
  { networkId: meeting.networkId, visibility: meeting.visibility, bodyId: meeting.bodyId },
  { networkId: meeting.networkId, visibility: bodyVisibility, bodyId: meeting.bodyId },
];

/**
 * A decision as the rule sees it: public unless marked otherwise (then kept to the body and the
 * secretariat), and never more public than its meeting and the body that met.
 */
export const decisionChain = (
  d: { isPublic: boolean },
  meeting: { networkId: number; bodyId: number; meetingVisibility: Visibility; bodyVisibility: Visibility },
): Restricted[] => [
  { networkId: meeting.networkId, visibility: d.isPublic ? "public" : "body", bodyId: meeting.bodyId },
  ...meetingChain({ ...meeting, visibility: meeting.meetingVisibility }, meeting.bodyVisibility),
];

/** An agenda item as a reader sees it: the need or project it points at only if they may see that too. */
function withoutHidden(
  viewer: Actor | null,
  i: { item: AgendaItem; needTitle: string | null; needState: string | null; projectTitle: string | null },
  networkId: number,
  needVisibility: Visibility | null,
  needBodyId: number | null,
  projectVisibility: Visibility | null,
  projectBodyId: number | null,
) {
  const needShown = needVisibility === null || canSee(viewer, { networkId, visibility: needVisibility, bodyId: needBodyId });
  const projectShown =
    projectVisibility === null || canSee(viewer, { networkId, visibility: projectVisibility, bodyId: projectBodyId });
  return {
    item: { ...i.item, needId: needShown ? i.item.needId : null, projectId: projectShown ? i.item.projectId : null },
    needTitle: needShown ? i.needTitle : null,
    needState: needShown ? i.needState : null,
    projectTitle: projectShown ? i.projectTitle : null,
  };
}

/**
 * Meetings of a network's bodies: the agenda (saker) pointing at needs, projects and papers, the
 * minutes with one decision (vedtak) per item, and their approval, after which nothing in them
 * changes. A decision moves its need on; "approved as project" creates the project. All audited.
 */
export class MeetingService {
  readonly repo: MeetingRepo;

  constructor(
    private readonly db: Db,
    private readonly networks: NetworkService,
    private readonly needs: NeedService,
    private readonly projects: ProjectService,
    private readonly assessment: AssessmentService,
  ) {
    this.repo = new MeetingRepo(db);
  }

  /** The meeting as the rules see it; 404 when it does not exist. */
  async resource(id: number): Promise<MeetingResource & { meeting: Meeting; bodyName: string; bodyVisibility: Visibility }> {
    const found = await this.repo.meeting(id);
    if (!found) throw new NotFoundError();
    return {
      networkId: found.meeting.networkId,
      bodyId: found.meeting.bodyId,
      meeting: found.meeting,
      bodyName: found.bodyName,
      bodyVisibility: found.bodyVisibility,
    };
  }

  /** A meeting the viewer may see, else 404. */
  private async visible(id: number, viewer: Actor | null) {
    const found = await this.resource(id);
    if (!canSee(viewer, meetingChain(found.meeting, found.bodyVisibility))) throw new NotFoundError();
    return found;
  }

  list(networkId: number, viewer: Actor | null) {
    return this.repo.meetingsOf(networkId, viewer);
  }

  /** One page of the network's meetings the viewer may see, for the API's list. */
  page(networkId: number, viewer: Actor | null, page: Page) {
    return this.repo.meetingsPage(networkId, viewer, page);
  }

  /** The item of this meeting's agenda, if it is one. */
  item(meetingId: number, itemId: number) {
    return this.repo.item(meetingId, itemId);
  }

  /** Everything a meeting's page shows: the decisions marked otherwise only for those who may see them. */
  async get(id: number, viewer: Actor | null) {
    const { meeting, bodyName, bodyVisibility } = await this.visible(id, viewer);
    const [items, documents, decisions] = await Promise.all([
      this.repo.itemsOf(id),
      this.repo.documents.list(id),
      this.repo.decisionsOfMeeting(id),
    ]);
    const context = { ...meeting, meetingVisibility: meeting.visibility, bodyVisibility };
    const shown = decisions.filter((d) => canSee(viewer, decisionChain(d, context)));
    return {
      meeting,
      bodyName,
      items: items.map(({ needVisibility, needBodyId, projectVisibility, projectBodyId, ...i }) => ({
        ...i,
        // The item points at a need or project the reader may not see: neither its title nor its id.
        ...withoutHidden(viewer, i, meeting.networkId, needVisibility, needBodyId, projectVisibility, projectBodyId),
        decision: shown.find((d) => d.agendaItemId === i.item.id) ?? null,
        hiddenDecision: decisions.some((d) => d.agendaItemId === i.item.id) && !shown.some((d) => d.agendaItemId === i.item.id),
      })),
      documents,
    };
  }

  /** The bodies of the network that hold meetings. */
  bodiesOf(networkId: number) {
    return this.networks.bodiesOf(networkId);
  }

  private async checkBody(networkId: number, bodyId: number): Promise<FieldError | null> {
    return (await this.networks.body(networkId, bodyId)) ? null : { field: "bodyId", key: "errors.choice" };
  }

  async create(actor: Actor, networkId: number, input: unknown): Promise<Result<Meeting>> {
    const parsed = meetingInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problem = await this.checkBody(networkId, parsed.data.bodyId);
    if (problem) return invalid([problem]);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const meeting = await this.repo.with(tx).insertMeeting({ ...parsed.data, networkId });
        await audit({ action: "create", entity: "meeting", entityId: meeting.id, after: meeting });
        return meeting;
      }),
    );
  }

  /** Refuses every change to a meeting whose minutes are approved. */
  private open(meeting: Meeting): FieldError | null {
    return meeting.minutesApprovedAt ? { field: "_", key: "errors.minutesApproved" } : null;
  }

  async update(actor: Actor, id: number, input: unknown): Promise<Result<Meeting>> {
    const { meeting } = await this.resource(id);
    const closed = this.open(meeting);
    if (closed) return invalid([closed]);
    const parsed = meetingInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problem = await this.checkBody(meeting.networkId, parsed.data.bodyId);
    if (problem) return invalid([problem]);
    return this.save(actor, meeting, parsed.data);
  }

  async saveMinutes(actor: Actor, id: number, input: unknown): Promise<Result<Meeting>> {
    const { meeting } = await this.resource(id);
    const closed = this.open(meeting);
    if (closed) return invalid([closed]);
    const parsed = minutesInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return this.save(actor, meeting, parsed.data);
  }

  private async save(actor: Actor, meeting: Meeting, values: Partial<Meeting>): Promise<Result<Meeting>> {
    const diff = changedFields(meeting as unknown as Record<string, unknown>, values);
    if (!diff.changed) return ok(meeting);
    const saved = await audited(this.db, actor, async (tx, audit) => {
      const row = await this.repo.with(tx).updateOpenMeeting(meeting.id, values);
      if (row)
        await audit({
          action: "update",
          entity: "meeting",
          entityId: meeting.id,
          before: diff.before,
          after: diff.after,
        });
      return row;
    });
    return saved ? ok(saved) : invalid([{ field: "_", key: "errors.minutesApproved" }]);
  }

  /** Approves the minutes: from now on the meeting and its decisions are the record, and never change. */
  async approveMinutes(actor: Actor, id: number): Promise<Result<Meeting>> {
    const { meeting } = await this.resource(id);
    const closed = this.open(meeting);
    if (closed) return invalid([closed]);
    return this.save(actor, meeting, { minutesApprovedAt: new Date(), minutesApprovedByLabel: actor.label });
  }

  // The agenda

  async addItem(actor: Actor, meetingId: number, input: unknown): Promise<Result<number>> {
    const { meeting } = await this.resource(meetingId);
    const closed = this.open(meeting);
    if (closed) return invalid([closed]);
    const parsed = itemInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const v = parsed.data;
    const errors: FieldError[] = [];
    if (v.needId !== null) {
      const need = await this.needs.byId(v.needId);
      if (!need || need.networkId !== meeting.networkId || !canSee(actor, need))
        errors.push({ field: "needId", key: "errors.choice" });
    }
    if (v.projectId !== null) {
      const project = await this.projects.byId(v.projectId);
      if (!project || project.networkId !== meeting.networkId || !canSee(actor, project))
        errors.push({ field: "projectId", key: "errors.choice" });
    }
    if (v.documentId !== null && !(await this.repo.documents.find(meetingId, v.documentId)))
      errors.push({ field: "documentId", key: "errors.choice" });
    if (errors.length) return invalid(errors);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const item = await this.repo.with(tx).insertItem({ ...v, meetingId });
        await audit({ action: "create", entity: "agenda_item", entityId: item.id, after: item });
        return item.id;
      }),
    );
  }

  async removeItem(actor: Actor, meetingId: number, itemId: number): Promise<Result<true>> {
    const { meeting } = await this.resource(meetingId);
    const closed = this.open(meeting);
    if (closed) return invalid([closed]);
    const item = await this.repo.item(meetingId, itemId);
    if (!item) throw new NotFoundError();
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).deleteItem(itemId);
      await audit({ action: "delete", entity: "agenda_item", entityId: itemId, before: item });
    });
    return ok(true);
  }

  // Papers

  async addDocument(actor: Actor, meetingId: number, input: unknown, maxBytes: number): Promise<Result<number>> {
    const { meeting } = await this.resource(meetingId);
    const closed = this.open(meeting);
    if (closed) return invalid([closed]);
    return storeTitledFile(this.db, actor, input, maxBytes, {
      entity: "meeting_document",
      insert: (tx, fileId, title) => this.repo.with(tx).documents.insert({ meetingId, fileId, title }),
    });
  }

  async documentFile(meetingId: number, documentId: number, viewer: Actor | null) {
    await this.visible(meetingId, viewer);
    const doc = await this.repo.documents.find(meetingId, documentId);
    const file = doc ? await readFile(this.db, doc.fileId) : undefined;
    if (!file) throw new NotFoundError();
    return file;
  }

  async removeDocument(actor: Actor, meetingId: number, documentId: number): Promise<Result<true>> {
    const { meeting } = await this.resource(meetingId);
    const closed = this.open(meeting);
    if (closed) return invalid([closed]);
    const doc = await this.repo.documents.find(meetingId, documentId);
    if (!doc) throw new NotFoundError();
    await removeTitledFile(this.db, actor, "meeting_document", doc, (tx) => this.repo.with(tx).documents.remove(doc.id));
    return ok(true);
  }

  // Decisions

  /**
   * Records the decision on an agenda item of this meeting. The need the item is about moves to the
   * state the outcome gives it (its submitter and supporters hear of it in their digest); "approved
   * as project" creates the project from everything the need carries, in the same transaction.
   */
  async decide(actor: Actor, meetingId: number, input: unknown, t: Translate): Promise<Result<Decision>> {
    const { meeting, bodyName, bodyVisibility } = await this.resource(meetingId);
    const closed = this.open(meeting);
    if (closed) return invalid([closed]);
    const parsed = decisionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const v = parsed.data;
    // A decision belongs to a meeting that has started, and is dated between its day and today.
    if (!meetingHasStarted(meeting))
      return invalid([
        {
          field: "_",
          key: "errors.meetingNotHeld",
          params: { start: `${meeting.meetingDate}${meeting.startTime ? ` ${meeting.startTime}` : ""}` },
        },
      ]);
    const today = osloToday();
    if (v.decidedOn < meeting.meetingDate)
      return invalid([{ field: "decidedOn", key: "errors.decidedBeforeMeeting", params: { date: meeting.meetingDate } }]);
    if (v.decidedOn > today) return invalid([{ field: "decidedOn", key: "errors.decidedInFuture", params: { date: today } }]);
    const item = await this.repo.item(meetingId, v.agendaItemId);
    if (!item) return invalid([{ field: "agendaItemId", key: "errors.notOnAgenda" }]);
    const existing = await this.repo.decisionsOfMeeting(meetingId);
    if (existing.some((d) => d.agendaItemId === item.id)) return invalid([{ field: "agendaItemId", key: "errors.itemDecided" }]);
    const need = item.needId ? await this.needs.byId(item.needId) : undefined;
    // A need moved to another network since it was put on the agenda is that network's to decide
    // on: deciding here would change its record and copy its text into this network (decision 0018).
    if (need && need.networkId !== meeting.networkId)
      return invalid([{ field: "agendaItemId", key: "errors.needInOtherNetwork" }]);
    const errors: FieldError[] = [];
    if (v.outcome === "approved_as_project" && !need) errors.push({ field: "outcome", key: "errors.projectNeedsNeed" });
    if (need?.state === "merged") errors.push({ field: "outcome", key: "errors.needMerged" });
    if (v.outcome === "approved_as_project" && need?.projectId) errors.push({ field: "outcome", key: "errors.alreadyProject" });
    if (v.supersedesId !== null) {
      const earlier = await this.repo.decisionsAbout(subjectOf(item));
      if (!earlier.some((e) => e.decision.id === v.supersedesId)) errors.push({ field: "supersedesId", key: "errors.choice" });
    }
    if (errors.length) return invalid(errors);

    const projectFields =
      need && v.outcome === "approved_as_project"
        ? await this.projectFrom(need.id, v, meeting, { name: bodyName, visibility: bodyVisibility }, t)
        : null;
    return audited(this.db, actor, async (tx, audit) => {
      let projectId: number | null = null;
      if (need && projectFields) {
        const supporters = await this.needs.supportersOf([need.id], tx);
        const created = await this.projects.createForDecision(tx, actor, meeting.networkId, projectFields, [
          { organisationId: need.organisationId, role: "participant" },
          ...supporters.map((s) => ({ organisationId: s.organisationId, role: "interested" as const })),
        ]);
        // The need's own fields always make a valid project; a failure here is a bug, not bad input.
        if (!created.ok) throw new Error(`project from need ${need.id}: ${JSON.stringify(created.errors)}`);
        projectId = created.value.id;
      }
      const { agendaItemId: _a, projectKind: _k, ...fields } = v;
      const decision = await this.repo.with(tx).insertDecision({
        ...fields,
        meetingId,
        agendaItemId: item.id,
        projectId,
        createdById: actor.userId,
        createdByLabel: actor.label,
      });
      const next = NEED_STATE_AFTER[v.outcome];
      if (need && next && need.state !== next)
        await this.needs.changeState(tx, actor, need, next, "", projectId ? { projectId } : {}, { decisionId: decision.id });
      // Told under the body, and under the need or project it is about: each reader must see the decision too.
      const about = { kind: "decision", id: decision.id };
      const under = [
        { kind: "body", id: meeting.bodyId },
        ...(need ? [{ kind: "need", id: need.id }] : []),
        ...(item.projectId ? [{ kind: "project", id: item.projectId }] : []),
      ];
      for (const ref of under)
        await publishEvent(tx, {
          ...ref,
          type: "decision_recorded",
          about,
          data: { outcome: v.outcome },
          actorUserId: actor.userId,
        });
      await audit({ action: "create", entity: "decision", entityId: decision.id, after: decision });
      return ok(decision);
    });
  }

  /**
   * A project's fields from a need: its title, problem, supporters' notes, assessment and the
   * decision. Text of a round or a decision goes into the description only where every reader of
   * the project may read it where it came from; the project's page links to its origin through the
   * rule either way.
   */
  private async projectFrom(
    needId: number,
    decision: { text: string; isPublic: boolean },
    meeting: Meeting,
    body: { name: string; visibility: Visibility },
    t: Translate,
  ) {
    const need = await this.needs.resource(needId);
    const readers: Restricted = {
      networkId: meeting.networkId,
      visibility: need.visibility === "public" ? "public" : "network",
    };
    const assessments = await this.assessment.ofNeed(needId, systemActor("project from need"));
    const latest = assessments.find((a) => readableByAll(roundChain(a.round, a.bodyVisibility), readers));
    const decisionShown = readableByAll(
      decisionChain(decision, { ...meeting, meetingVisibility: meeting.visibility, bodyVisibility: body.visibility }),
      readers,
    );
    // Supporters' notes are read where the need is read: carried only where every reader of the project may read the need.
    const notesShown = readableByAll({ networkId: need.networkId, visibility: need.visibility, bodyId: need.bodyId }, readers);
    const notes = notesShown
      ? (await this.needs.supportersOf([needId])).filter((s) => s.note.trim()).map((s) => `- ${s.organisationName}: ${s.note}`)
      : [];
    const background = [
      need.affected ? `${t("need.affected")}: ${need.affected}` : "",
      need.benefit ? `${t("need.benefit")}: ${need.benefit}` : "",
      need.legalRequirement ? `${t("need.legalRequirement")}: ${need.legalRequirement}` : "",
      notes.length ? `${t("need.supporterNotes")}:\n${notes.join("\n")}` : "",
      latest && latest.summary.total !== null
        ? `${t("need.assessments")}: ${latest.round.title}, ${t("assessment.totalBand", { total: latest.summary.total, band: latest.summary.band ?? "–" })}${
            latest.recommendation
              ? `. ${labelFor(t, "assessment.recommendation", latest.recommendation.recommendation)}: ${latest.recommendation.justification}`
              : ""
          }`
        : "",
      decisionShown ? `${t("decision.decision")} (${body.name}): ${decision.text}` : "",
    ].filter(Boolean);
    return {
      title: need.title,
      summary: (need.benefit || need.problem).slice(0, 300),
      problem: need.problem.slice(0, 4000),
      description: background.join("\n\n").slice(0, 10_000),
      kind: "regional",
      sector: "other",
      budget: need.costEstimate,
      visibility: readers.visibility,
    };
  }

  /** Removes a decision recorded by mistake, while the minutes are not approved. The need stays where it is. */
  async removeDecision(actor: Actor, meetingId: number, decisionId: number): Promise<Result<true>> {
    const { meeting } = await this.resource(meetingId);
    const closed = this.open(meeting);
    if (closed) return invalid([closed]);
    const decision = await this.repo.decision(decisionId);
    if (!decision || decision.meetingId !== meetingId) throw new NotFoundError();
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).deleteDecision(decisionId);
      await audit({ action: "delete", entity: "decision", entityId: decisionId, before: decision });
    });
    return ok(true);
  }

  /** Every decision about these needs or projects that the viewer may see. */
  async decisionsAbout(about: { needIds?: number[]; projectIds?: number[] }, viewer: Actor | null) {
    const rows = await this.repo.decisionsAbout(about);
    return rows.filter((r) => canSee(viewer, decisionChain(r.decision, r)));
  }

  /**
   * For each item of a meeting about a need or project, the earlier decisions about the same need
   * or project that a new decision can follow. One query for the whole agenda.
   */
  async earlierDecisions(
    items: { item: { id: number; needId: number | null; projectId: number | null } }[],
    viewer: Actor | null,
  ) {
    const subjects = items.map((i) => subjectOf(i.item));
    if (!subjects.some((s) => s.needIds || s.projectIds)) return new Map<number, never[]>();
    const rows = await this.decisionsAbout(
      { needIds: subjects.flatMap((s) => s.needIds ?? []), projectIds: subjects.flatMap((s) => s.projectIds ?? []) },
      viewer,
    );
    return new Map(
      items.map((i) => {
        const { needIds = [], projectIds = [] } = subjectOf(i.item);
        return [
          i.item.id,
          rows.filter((r) => needIds.includes(r.needId ?? -1) || projectIds.includes(r.projectId ?? -1)),
        ] as const;
      }),
    );
  }

  /** The network's decision register, as the viewer may see it (decisionChain, in SQL). */
  register(networkId: number, viewer: Actor | null) {
    return this.repo.register(networkId, viewer);
  }

  /** Where a project came from: the decision that created it and the need it was, if the viewer may see them. */
  async originOf(projectId: number, viewer: Actor | null) {
    const found = await this.repo.decisionCreating(projectId);
    if (!found || !canSee(viewer, decisionChain(found.decision, found))) return null;
    const need = found.needId ? await this.needs.byId(found.needId) : undefined;
    return {
      decision: found.decision,
      meetingTitle: found.meetingTitle,
      need: need && canSee(viewer, need) ? { id: need.id, title: need.title } : null,
    };
  }
}
