import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { isSecretariat } from "../../platform/access/authorize.ts";
import { canSee, VISIBILITY_VALUES, visibilityKey } from "../../platform/access/visibility.ts";
import { publishEvent } from "../../platform/activity/activity.ts";
import { changedFields, recordAudit } from "../../platform/audit/audit.ts";
import { audited, deleteAudited } from "../../platform/audit/audited.ts";
import type { Db, DbOrTx } from "../../platform/db/client.ts";
import { type Keeper, keepUntilChange } from "../../platform/db/data-version.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import {
  kroner,
  MAX_ID,
  optionalDate,
  optionalId,
  optionalText,
  requiredText,
  toFieldErrors,
} from "../../platform/http/validation.ts";
import type { MailDelivery } from "../../platform/mail/mail.ts";
import { neighboursIfNothing, type SearchTerms, type SearchWords } from "../../platform/search/terms.ts";
import type { OrganisationReads, PeopleReads } from "../directory/index.ts";
import type { AccessService, NetworkService } from "../networks/index.ts";
import { BenefitService } from "./benefits/benefits.service.ts";
import { ChecklistService } from "./checklists/checklists.service.ts";
import { DocumentService } from "./documents/documents.service.ts";
import { JoinService } from "./join/join.service.ts";
import { ParticipantService } from "./participants/participants.service.ts";
import { type ProjectResource, runsProject } from "./policy.ts";
import { SavedViewService } from "./portfolio/saved-views.service.ts";
import { type NewProject, type Project, type ProjectFilter, ProjectRepo, type ProjectSort } from "./projects.repo.ts";
import { ReportService } from "./reports/reports.service.ts";
import { ResourceService } from "./resources/resources.service.ts";
import { type ParticipantRole, PHASES, type Phase, PROJECT_KINDS, SECTORS } from "./schema.ts";
import { SectorService } from "./sectors/sectors.service.ts";

/** "skole, velferd" from a form or ["skole", "velferd"] from the API. */
const tagList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",") : v === undefined || v === null ? [] : v),
  z
    .array(z.string().trim().toLowerCase().max(40, "errors.tagLength"))
    .max(20, "errors.tooManyTags")
    .transform((tags) => [...new Set(tags.filter(Boolean))]),
);

export const projectFields = z.object({
  title: requiredText(200),
  summary: optionalText(300),
  description: optionalText(10_000),
  problem: optionalText(4000),
  kind: z.enum(PROJECT_KINDS, "errors.choice"),
  sector: z.string("errors.choice").trim().min(1, "errors.choice").max(60),
  ownerOrganisationId: optionalId,
  contactPersonId: optionalId,
  startDate: optionalDate,
  endDate: optionalDate,
  budget: kroner,
  tags: tagList,
  visibility: z.enum(VISIBILITY_VALUES, "errors.choice").default("public"),
  bodyId: optionalId,
});
const endAfterStart: [(v: { startDate: string | null; endDate: string | null }) => boolean, { message: string; path: string[] }] =
  [(v) => !v.startDate || !v.endDate || v.startDate <= v.endDate, { message: "errors.endBeforeStart", path: ["endDate"] }];
export const projectInput = projectFields.refine(...endAfterStart);
/** An edit names the version it started from, so a save over someone else's is caught. */
export const projectUpdateInput = projectFields
  .extend({
    version: z.coerce.number("errors.invalid").int().positive().max(MAX_ID, "errors.invalid"),
  })
  .refine(...endAfterStart);

export const phaseInput = z.object({
  phase: z.enum(PHASES, "errors.choice"),
  note: optionalText(1000),
});

export { linkInput } from "../../platform/http/validation.ts";
// The sub-features' input schemas, offered here too: the API documents them and the fuzz test reads every form's schema from this file.
export {
  achievement,
  benefitFields,
  benefitInput,
  measurementInput,
  trend,
} from "./benefits/benefits.service.ts";
export {
  checklistItemInput,
  checklistMarksInput,
} from "./checklists/checklists.service.ts";
export { decisionInput, joinInput } from "./join/join.service.ts";
export { participantInput } from "./participants/participants.service.ts";
export { savedViewInput } from "./portfolio/saved-views.service.ts";
export { statusReportInput } from "./reports/reports.service.ts";
export { fundingInput, relationInput } from "./resources/resources.service.ts";
export { sectorInput } from "./sectors/sectors.service.ts";

export type SaveResult = Result<Project> | { ok: false; conflict: Project; errors: FieldError[] };

/** A search matching more projects than this is not kept: the list then finds them itself each time. */
const MOST_KEPT_MATCHES = 20_000;

/** Commands on the shared portfolio. Every write is audited in its transaction. */
export class ProjectService {
  readonly repo: ProjectRepo;
  // Each sub-feature's commands live in its folder; this service offers them all, so callers ask one service.
  private readonly sectorService: SectorService;
  private readonly participantService: ParticipantService;
  private readonly reportService: ReportService;
  private readonly benefitService: BenefitService;
  private readonly joinService: JoinService;
  private readonly resourceService: ResourceService;
  private readonly documentService: DocumentService;
  private readonly savedViewService: SavedViewService;
  private readonly checklistService: ChecklistService;

  constructor(
    private readonly db: Db,
    private readonly networks: NetworkService,
    readonly organisations: OrganisationReads,
    private readonly people: PeopleReads,
    readonly access: AccessService,
    readonly mail: { baseUrl: string; delivery: MailDelivery },
    /** Reads the search box's query in both written standards (decision 0034). */
    private readonly words: Pick<SearchWords, "terms">,
    /** A list's total, counted once per filter and kind of viewer until the data changes. */
    private readonly totals: Keeper<number> = keepUntilChange(undefined),
    /** The projects a search matches, by query, until the data changes. */
    private readonly matched: Keeper<number[] | null> = keepUntilChange(undefined),
  ) {
    this.repo = new ProjectRepo(db);
    this.sectorService = new SectorService(db);
    this.participantService = new ParticipantService(db, this.repo, organisations);
    this.reportService = new ReportService(db, this.repo);
    this.benefitService = new BenefitService(db, this.repo, people);
    this.joinService = new JoinService(db, this.repo, organisations, people, access, mail);
    this.resourceService = new ResourceService(db, this.repo);
    this.documentService = new DocumentService(db, this.repo, (id, viewer) => this.visible(id, viewer));
    this.savedViewService = new SavedViewService(db);
    this.checklistService = new ChecklistService(db, this.repo);
  }

  /** The project as a policy sees it. */
  async resource(id: number): Promise<ProjectResource & { id: number }> {
    const project = await this.repo.byId(id);
    if (!project) throw new NotFoundError();
    const participants = await this.repo.participantsOf([id]);
    return {
      id,
      networkId: project.networkId,
      ownerOrganisationId: project.ownerOrganisationId,
      leadOrganisationIds: participants.filter((p) => p.role === "lead").map((p) => p.organisationId),
    };
  }

  /** A project as this viewer may see it, with everything its page shows; others get 404. */
  async visible(id: number, viewer: Actor | null) {
    const found = await this.repo.detail(id);
    if (!found) throw new NotFoundError();
    const [participants, reports, phaseChanges, benefits, sectors, checklist] = await Promise.all([
      this.repo.participantsOf([id]),
      this.reportService.reportsOf(id),
      this.repo.phaseChangesOf(id),
      this.benefitService.ofProject(id),
      this.sectorService.sectorsOf(found.project.networkId),
      this.checklistService.ofProject(found.project.networkId, id),
    ]);
    const resource: ProjectResource = {
      networkId: found.project.networkId,
      ownerOrganisationId: found.project.ownerOrganisationId,
      leadOrganisationIds: participants.filter((p) => p.role === "lead").map((p) => p.organisationId),
    };
    // Those who run a project see it whatever its visibility.
    if (!canSee(viewer, found.project) && !(viewer && runsProject(viewer, resource))) throw new NotFoundError();
    const resources = await this.resources(id, viewer);
    return {
      ...found,
      participants,
      reports,
      phaseChanges,
      benefits,
      sectors,
      resource,
      resources,
      checklist,
    };
  }

  /** The project's own record; 404 if there is none. */
  async get(id: number): Promise<Project> {
    const project = await this.repo.byId(id);
    if (!project) throw new NotFoundError();
    return project;
  }

  // Reads other modules ask for (decisions: a meeting's agenda and a network's priorities; needs).
  byId(id: number) {
    return this.repo.byId(id);
  }
  /** Projects whose text is like this one's, those the viewer may see (a new need's "is this being done?"). */
  similar(text: string, viewer: Actor | null, limit: number) {
    return this.repo.similar(text, viewer, limit);
  }
  /** A network's projects the viewer may see, by title (the choices of a select). */
  async visibleIn(networkId: number, viewer: Actor | null) {
    return (await this.repo.list({ networkId }, viewer, "title", 1000, 0)).items;
  }

  /** The overview's list: filters as in the URL (a network by its slug), visibility applied in SQL. */
  async list(
    filter: Omit<ProjectFilter, "networkId" | "organisationId"> & {
      network?: string | undefined;
      organisation?: number | undefined;
    },
    viewer: Actor | null,
    sort: ProjectSort,
    limit: number,
    offset: number,
  ) {
    // An unknown network matches nothing rather than everything.
    const networkId = filter.network ? ((await this.networks.bySlug(filter.network))?.id ?? -1) : undefined;
    const where: ProjectFilter = { ...filter, networkId, organisationId: filter.organisation };
    // Counting every match is the list's dearest query on a national data set; a total depends only
    // on the filter, what the viewer may see and the data.
    const count = (f: ProjectFilter) =>
      this.totals.get(JSON.stringify([{ ...f, found: undefined }, visibilityKey(viewer)]), async () =>
        this.repo.count(f, viewer),
      );
    const searched = filter.q
      ? await neighboursIfNothing(
          await this.words.terms(filter.q),
          async (terms) => {
            const found = (await this.found(filter.q!, terms)) ?? undefined;
            return { terms, found, total: await count({ ...where, terms, found }) };
          },
          (result) => result.total === 0,
        )
      : undefined;
    const f: ProjectFilter = { ...where, terms: searched?.terms, found: searched?.found };
    const items = await this.repo.page(f, viewer, sort, limit, offset);
    return { items, total: searched?.total ?? (await count(f)) };
  }

  /**
   * The projects a search matches, whoever may see them, kept until the data changes: paging, sorting
   * and filtering one search's results then looks them up by id instead of matching every text again
   * (a word in thousands of projects costs tens of milliseconds each time at the national scale).
   */
  private found(q: string, terms: SearchTerms): Promise<number[] | null> {
    return this.matched.get(JSON.stringify([q, terms]), () => this.repo.matching({ q, terms }, MOST_KEPT_MATCHES));
  }

  /**
   * One page of the timeline: the filtered projects with their phase changes, in two queries plus
   * the count, whatever the number of projects.
   */
  async timeline(
    filter: Parameters<ProjectService["list"]>[0],
    viewer: Actor | null,
    sort: ProjectSort,
    limit: number,
    offset: number,
  ) {
    const { items, total } = await this.list(filter, viewer, sort, limit, offset);
    const byProject = new Map<number, { toPhase: Phase; at: Date }[]>();
    for (const c of await this.repo.phaseChangesOfMany(items.map((p) => p.id)))
      byProject.set(c.projectId, [...(byProject.get(c.projectId) ?? []), c]);
    return {
      total,
      rows: items.map((p) => ({ ...p, phases: byProject.get(p.id) ?? [] })),
    };
  }

  /**
   * The benefits of every project the filter finds, each with its latest measurement and
   * achievement, and sums per type and unit (kroner add up with kroner, hours with hours).
   */
  async benefitsOverview(filter: Parameters<ProjectService["list"]>[0], viewer: Actor | null) {
    const { items } = await this.list(filter, viewer, "title", 1_000_000, 0);
    return this.benefitService.overview(items);
  }

  /** What an organisation owns, leads and takes part in, as this viewer may see it, with its role in each. */
  async ofOrganisation(organisationId: number, viewer: Actor | null) {
    const { items } = await this.repo.list({ organisationId }, viewer, "title", 100_000, 0);
    const roles = new Map(
      (await this.repo.participantsOf(items.map((p) => p.id)))
        .filter((p) => p.organisationId === organisationId)
        .map((p) => [p.projectId, p.role]),
    );
    return items.map((p) => ({
      ...p,
      role: roles.get(p.id) ?? ("lead" as const),
    }));
  }

  /** The organisations this actor may register a project for in the network; null means any member. */
  ownersFor(actor: Actor, networkId: number): readonly number[] | null {
    if (isSecretariat(actor, networkId)) return null;
    return actor.networks?.[networkId]?.organisationIds ?? [];
  }

  async create(actor: Actor, networkId: number, input: unknown): Promise<Result<Project>> {
    const parsed = projectInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problems = await this.check(actor, networkId, parsed.data, null);
    if (problems.length) return invalid(problems);
    const values = {
      ...parsed.data,
      bodyId: parsed.data.visibility === "body" ? parsed.data.bodyId : null,
    };
    return ok(await this.db.transaction((tx) => this.insertProject(tx, actor, networkId, values, [])));
  }

  /**
   * Registers a project in the caller's transaction, for a decision that approves a need as a
   * project: the network's own, with the participants the need brings. The caller has authorised
   * the decision; the fields are checked here like any other project's.
   */
  async createForDecision(
    tx: DbOrTx,
    actor: Actor,
    networkId: number,
    input: unknown,
    participants: { organisationId: number; role: ParticipantRole }[],
  ): Promise<Result<Project>> {
    const parsed = projectInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const values = { ...parsed.data, ownerOrganisationId: null, bodyId: null };
    return ok(await this.insertProject(tx, actor, networkId, values, participants));
  }

  private async insertProject(
    tx: DbOrTx,
    actor: Actor,
    networkId: number,
    values: Omit<NewProject, "networkId">,
    participants: { organisationId: number; role: ParticipantRole }[],
  ): Promise<Project> {
    const repo = this.repo.with(tx);
    const project = await repo.insert({ ...values, networkId });
    await repo.insertPhaseChange({
      projectId: project.id,
      fromPhase: null,
      toPhase: project.phase,
      changedById: actor.userId,
      changedByLabel: actor.label,
    });
    if (project.ownerOrganisationId)
      await repo.upsertParticipant({
        projectId: project.id,
        organisationId: project.ownerOrganisationId,
        role: "lead",
      });
    for (const p of participants) await repo.upsertParticipant({ projectId: project.id, ...p });
    await recordAudit(tx, actor, {
      action: "create",
      entity: "project",
      entityId: project.id,
      after: project,
    });
    return project;
  }

  /**
   * Saves an edit made from `version`. If someone else saved since, nothing is written and the
   * caller gets the project as it is now, to show both versions side by side.
   */
  async update(actor: Actor, id: number, input: unknown): Promise<SaveResult> {
    const existing = await this.repo.byId(id);
    if (!existing) throw new NotFoundError();
    const parsed = projectUpdateInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { version, ...fields } = parsed.data;
    if (version !== existing.version)
      return {
        ok: false,
        conflict: existing,
        errors: [{ field: "version", key: "errors.staleEdit" }],
      };
    const problems = await this.check(actor, existing.networkId, fields, existing);
    if (problems.length) return invalid(problems);
    const values = {
      ...fields,
      bodyId: fields.visibility === "body" ? fields.bodyId : null,
    };
    return audited(this.db, actor, async (tx, audit): Promise<SaveResult> => {
      const diff = changedFields(existing as unknown as Record<string, unknown>, values);
      if (!diff.changed) return ok(existing);
      const saved = await this.repo.with(tx).updateAtVersion(id, version, values);
      if (!saved) {
        const current = (await this.repo.with(tx).byId(id))!;
        return {
          ok: false,
          conflict: current,
          errors: [{ field: "version", key: "errors.staleEdit" }],
        };
      }
      await audit({
        action: "update",
        entity: "project",
        entityId: id,
        before: diff.before,
        after: diff.after,
      });
      return ok(saved);
    });
  }

  async remove(actor: Actor, id: number) {
    const project = await this.repo.byId(id);
    if (!project) throw new NotFoundError();
    await deleteAudited(this.db, actor, "project", project, (tx) => this.repo.with(tx).delete(id));
  }

  private async check(
    actor: Actor,
    networkId: number,
    v: z.infer<typeof projectFields>,
    existing: Project | null,
  ): Promise<FieldError[]> {
    const problems: FieldError[] = [];
    const sectors = await this.sectorService.sectorsOf(networkId);
    if (!(SECTORS as readonly string[]).includes(v.sector) && !sectors.some((s) => s.key === v.sector))
      problems.push({ field: "sector", key: "errors.choice" });
    const memberIds = new Set((await this.networks.membersOf(networkId)).filter((m) => !m.toDate).map((m) => m.organisationId));
    const allowedOwners = this.ownersFor(actor, networkId);
    if (v.ownerOrganisationId === null) {
      // A project without an owner is the network's own; only its secretariat keeps those.
      if (allowedOwners !== null && existing?.ownerOrganisationId !== null)
        problems.push({
          field: "ownerOrganisationId",
          key: "errors.ownerRequired",
        });
    } else if (v.ownerOrganisationId !== existing?.ownerOrganisationId) {
      if (!memberIds.has(v.ownerOrganisationId))
        problems.push({
          field: "ownerOrganisationId",
          key: "errors.notNetworkMember",
        });
      else if (allowedOwners !== null && !allowedOwners.includes(v.ownerOrganisationId))
        problems.push({
          field: "ownerOrganisationId",
          key: "errors.notYourOrganisation",
        });
    }
    if (v.contactPersonId !== null && (await this.people.byIds([v.contactPersonId])).length === 0)
      problems.push({ field: "contactPersonId", key: "errors.choice" });
    if (v.visibility === "body") {
      const body = v.bodyId === null ? undefined : await this.networks.body(networkId, v.bodyId);
      if (!body) problems.push({ field: "bodyId", key: "errors.chooseBody" });
    }
    return problems;
  }

  // Phases

  async setPhase(actor: Actor, id: number, input: unknown): Promise<Result<Project>> {
    const project = await this.repo.byId(id);
    if (!project) throw new NotFoundError();
    const parsed = phaseInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { phase, note } = parsed.data;
    if (phase === project.phase) return invalid([{ field: "phase", key: "errors.samePhase" }]);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const saved = (await repo.updateAtVersion(id, project.version, {
          phase,
        }))!;
        await repo.insertPhaseChange({
          projectId: id,
          fromPhase: project.phase,
          toPhase: phase,
          note,
          changedById: actor.userId,
          changedByLabel: actor.label,
        });
        await publishEvent(tx, { kind: "project", id, type: "phase_changed", data: { phase }, actorUserId: actor.userId });
        await audit({
          action: "update",
          entity: "project",
          entityId: id,
          before: { phase: project.phase },
          after: { phase, note },
        });
        return saved;
      }),
    );
  }

  // The sub-features' commands and reads, each answered by the service in its folder.

  // sectors/

  sectorsOf(...args: Parameters<SectorService["sectorsOf"]>) {
    return this.sectorService.sectorsOf(...args);
  }

  customSectors(...args: Parameters<SectorService["customSectors"]>) {
    return this.sectorService.customSectors(...args);
  }

  addSector(...args: Parameters<SectorService["addSector"]>) {
    return this.sectorService.addSector(...args);
  }

  // participants/

  setParticipant(...args: Parameters<ParticipantService["setParticipant"]>) {
    return this.participantService.setParticipant(...args);
  }

  removeParticipant(...args: Parameters<ParticipantService["removeParticipant"]>) {
    return this.participantService.removeParticipant(...args);
  }

  // reports/

  reportsPage(...args: Parameters<ReportService["reportsPage"]>) {
    return this.reportService.reportsPage(...args);
  }

  reportDraft(...args: Parameters<ReportService["reportDraft"]>) {
    return this.reportService.reportDraft(...args);
  }

  addReport(...args: Parameters<ReportService["addReport"]>) {
    return this.reportService.addReport(...args);
  }

  removeReport(...args: Parameters<ReportService["removeReport"]>) {
    return this.reportService.removeReport(...args);
  }

  // benefits/

  addBenefit(...args: Parameters<BenefitService["addBenefit"]>) {
    return this.benefitService.addBenefit(...args);
  }

  getBenefit(...args: Parameters<BenefitService["getBenefit"]>) {
    return this.benefitService.getBenefit(...args);
  }

  updateBenefit(...args: Parameters<BenefitService["updateBenefit"]>) {
    return this.benefitService.updateBenefit(...args);
  }

  removeBenefit(...args: Parameters<BenefitService["removeBenefit"]>) {
    return this.benefitService.removeBenefit(...args);
  }

  addMeasurement(...args: Parameters<BenefitService["addMeasurement"]>) {
    return this.benefitService.addMeasurement(...args);
  }

  removeMeasurement(...args: Parameters<BenefitService["removeMeasurement"]>) {
    return this.benefitService.removeMeasurement(...args);
  }

  // join/

  joinRequests(...args: Parameters<JoinService["joinRequests"]>) {
    return this.joinService.joinRequests(...args);
  }

  joinRequestsPage(...args: Parameters<JoinService["joinRequestsPage"]>) {
    return this.joinService.joinRequestsPage(...args);
  }

  requestToJoin(...args: Parameters<JoinService["requestToJoin"]>) {
    return this.joinService.requestToJoin(...args);
  }

  decideJoin(...args: Parameters<JoinService["decideJoin"]>) {
    return this.joinService.decideJoin(...args);
  }

  // resources/

  resources(...args: Parameters<ResourceService["resources"]>) {
    return this.resourceService.resources(...args);
  }

  addFunding(...args: Parameters<ResourceService["addFunding"]>) {
    return this.resourceService.addFunding(...args);
  }

  removeFunding(...args: Parameters<ResourceService["removeFunding"]>) {
    return this.resourceService.removeFunding(...args);
  }

  addLink(...args: Parameters<ResourceService["addLink"]>) {
    return this.resourceService.addLink(...args);
  }

  removeLink(...args: Parameters<ResourceService["removeLink"]>) {
    return this.resourceService.removeLink(...args);
  }

  addRelation(...args: Parameters<ResourceService["addRelation"]>) {
    return this.resourceService.addRelation(...args);
  }

  removeRelation(...args: Parameters<ResourceService["removeRelation"]>) {
    return this.resourceService.removeRelation(...args);
  }

  // documents/

  addDocument(...args: Parameters<DocumentService["addDocument"]>) {
    return this.documentService.addDocument(...args);
  }

  documentFile(...args: Parameters<DocumentService["documentFile"]>) {
    return this.documentService.documentFile(...args);
  }

  removeDocument(...args: Parameters<DocumentService["removeDocument"]>) {
    return this.documentService.removeDocument(...args);
  }

  // portfolio/

  savedViewsFor(...args: Parameters<SavedViewService["savedViewsFor"]>) {
    return this.savedViewService.savedViewsFor(...args);
  }

  saveView(...args: Parameters<SavedViewService["saveView"]>) {
    return this.savedViewService.saveView(...args);
  }

  removeView(...args: Parameters<SavedViewService["removeView"]>) {
    return this.savedViewService.removeView(...args);
  }

  // checklists/

  checklistOf(...args: Parameters<ChecklistService["checklistOf"]>) {
    return this.checklistService.checklistOf(...args);
  }

  addChecklistItem(...args: Parameters<ChecklistService["addChecklistItem"]>) {
    return this.checklistService.addChecklistItem(...args);
  }

  removeChecklistItem(...args: Parameters<ChecklistService["removeChecklistItem"]>) {
    return this.checklistService.removeChecklistItem(...args);
  }

  markChecklist(...args: Parameters<ChecklistService["markChecklist"]>) {
    return this.checklistService.markChecklist(...args);
  }
}

/** A project with everything its page shows, as one viewer may see it. */
export type ProjectDetail = Awaited<ReturnType<ProjectService["visible"]>>;
