import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { actsForOrganisation, isSecretariat } from "../../platform/access/authorize.ts";
import { canSee, VISIBILITY_VALUES, visibilityKey } from "../../platform/access/visibility.ts";
import { changedFields, recordAudit } from "../../platform/audit/audit.ts";
import { audited, createAudited, deleteAudited, updateAudited } from "../../platform/audit/audited.ts";
import type { Db, DbOrTx } from "../../platform/db/client.ts";
import { type Keeper, keepUntilChange } from "../../platform/db/data-version.ts";
import type { Page } from "../../platform/db/paging.ts";
import { readFile, removeTitledFile, storeTitledFile } from "../../platform/files/files.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import {
  idList,
  kroner,
  MAX_ID,
  optionalDate,
  optionalId,
  optionalText,
  requiredDate,
  requiredId,
  requiredText,
  toFieldErrors,
} from "../../platform/http/validation.ts";
import { osloToday, type Translate } from "../../platform/i18n/i18n.ts";
import { type MailDelivery, queueMail } from "../../platform/mail/mail.ts";
import type { OrganisationRepo, PeopleRepo } from "../directory/index.ts";
import type { AccessService, NetworkRepo } from "../networks/index.ts";
import { slugify } from "../networks/index.ts";
import { type ProjectResource, runsProject } from "./policy.ts";
import {
  type NewProject,
  type Project,
  type ProjectFilter,
  ProjectRepo,
  type ProjectSort,
  type StatusReport,
} from "./projects.repo.ts";
import type { SavedViewKind } from "./schema.ts";
import {
  BENEFIT_TYPES,
  type BenefitType,
  PARTICIPANT_ROLES,
  type ParticipantRole,
  PHASES,
  type Phase,
  PROJECT_KINDS,
  RELATION_KINDS,
  SAVED_VIEW_KINDS,
  SECTORS,
  STATUS_COLOURS,
  STATUS_DIMENSIONS,
} from "./schema.ts";

/** A measured quantity: decimals with comma or point. */
const quantity = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/[\s\u00a0]/g, "").replace(",", ".") : v),
  z.coerce.number("errors.number").finite("errors.number").min(-1e12, "errors.number").max(1e12, "errors.number"),
);
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
  .extend({ version: z.coerce.number("errors.invalid").int().positive().max(MAX_ID, "errors.invalid") })
  .refine(...endAfterStart);

export const sectorInput = z.object({ name: requiredText(80) });

export const joinInput = z.object({
  organisationId: requiredId,
  role: z.enum(["participant", "interested"], "errors.choice").default("participant"),
  note: optionalText(1000),
});
export const decisionInput = z.object({ decision: z.enum(["accept", "decline"], "errors.choice"), reason: optionalText(1000) });

export const fundingInput = z
  .object({ source: requiredText(200), applied: kroner.refine((v) => v !== null, "errors.required"), granted: kroner })
  .refine((f) => f.granted === null || f.applied === null || f.granted <= f.applied, {
    message: "errors.grantedAboveApplied",
    path: ["granted"],
  });
export const linkInput = z.object({
  title: requiredText(200),
  url: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string("errors.required")
      .min(1, "errors.required")
      .max(2000)
      .regex(/^https?:\/\/\S+$/, "errors.website"),
  ),
});
export const relationInput = z.object({ relatedProjectId: requiredId, kind: z.enum(RELATION_KINDS, "errors.choice") });

export const savedViewInput = z.object({
  name: requiredText(100),
  kind: z.enum(SAVED_VIEW_KINDS, "errors.choice"),
  query: z.string().max(2000).default(""),
});

export const checklistItemInput = z.object({ phase: z.enum(PHASES, "errors.choice"), text: requiredText(300) });
export const checklistMarksInput = z.object({ done: idList });

export const phaseInput = z.object({ phase: z.enum(PHASES, "errors.choice"), note: optionalText(1000) });

export const participantInput = z.object({
  organisationId: requiredId,
  role: z.enum(PARTICIPANT_ROLES, "errors.choice"),
  fromDate: optionalDate,
});

const colour = z.enum(STATUS_COLOURS, "errors.choice");
export const statusReportInput = z.object({
  reportDate: requiredDate,
  ...Object.fromEntries(
    STATUS_DIMENSIONS.flatMap((d) => [
      [d, colour],
      [`${d}Comment`, optionalText(2000)],
    ]),
  ),
} as {
  reportDate: z.ZodType<string>;
} & Record<(typeof STATUS_DIMENSIONS)[number], typeof colour> &
  Record<`${(typeof STATUS_DIMENSIONS)[number]}Comment`, ReturnType<typeof optionalText>>);

/** Without the target check so the API can make it partial. */
export const benefitFields = z.object({
  title: requiredText(200),
  type: z.enum(BENEFIT_TYPES, "errors.choice"),
  ownerPersonId: optionalId,
  indicator: requiredText(200),
  unit: requiredText(40),
  baseline: quantity,
  target: quantity,
  targetDate: optionalDate,
});
export const benefitInput = benefitFields.refine((b) => b.target !== b.baseline, {
  message: "errors.targetEqualsBaseline",
  path: ["target"],
});

export const measurementInput = z.object({
  measuredOn: requiredDate,
  value: quantity,
  note: optionalText(500),
});

/** (latest − baseline) / (target − baseline); null until something is measured. */
export function achievement(benefit: { baseline: number; target: number }, latest: number | undefined): number | null {
  if (latest === undefined || benefit.target === benefit.baseline) return null;
  return (latest - benefit.baseline) / (benefit.target - benefit.baseline);
}

/** Up, down or flat between the last two measurements, seen from the target's side. */
export function trend(benefit: { baseline: number; target: number }, values: number[]): "up" | "down" | "flat" | null {
  if (values.length < 2) return null;
  const delta = (values.at(-1)! - values.at(-2)!) * Math.sign(benefit.target - benefit.baseline);
  return delta > 0 ? "up" : delta < 0 ? "down" : "flat";
}

export type SaveResult = Result<Project> | { ok: false; conflict: Project; errors: FieldError[] };

/** Commands on the shared portfolio. Every write is audited in its transaction. */
export class ProjectService {
  readonly repo: ProjectRepo;

  constructor(
    private readonly db: Db,
    private readonly networks: NetworkRepo,
    private readonly organisations: OrganisationRepo,
    private readonly people: PeopleRepo,
    private readonly access: AccessService,
    /** Where links in e-mail point, and the delivery to wake after a change that sends mail. */
    private readonly mail: { baseUrl: string; delivery: MailDelivery },
    /** A list's total, counted once per filter and kind of viewer until the data changes. */
    private readonly totals: Keeper<number> = keepUntilChange(undefined),
  ) {
    this.repo = new ProjectRepo(db);
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
    const [participants, reports, phaseChanges, benefitRows, sectors, checklist, marks] = await Promise.all([
      this.repo.participantsOf([id]),
      this.repo.reportsOf(id),
      this.repo.phaseChangesOf(id),
      this.repo.benefitsOf([id]),
      this.repo.sectorsOf(found.project.networkId),
      this.repo.checklistOf(found.project.networkId),
      this.repo.checklistMarksOf(id),
    ]);
    const measurements = await this.repo.measurementsOf(benefitRows.map((b) => b.benefit.id));
    const benefits = benefitRows.map(({ benefit, ownerName }) => {
      const series = measurements.filter((m) => m.benefitId === benefit.id);
      const values = series.map((m) => m.value);
      return {
        ...benefit,
        ownerName,
        measurements: series,
        achievement: achievement(benefit, values.at(-1)),
        trend: trend(benefit, values),
      };
    });
    const resource: ProjectResource = {
      networkId: found.project.networkId,
      ownerOrganisationId: found.project.ownerOrganisationId,
      leadOrganisationIds: participants.filter((p) => p.role === "lead").map((p) => p.organisationId),
    };
    // Those who run a project see it whatever its visibility.
    if (!canSee(viewer, found.project) && !(viewer && runsProject(viewer, resource))) throw new NotFoundError();
    const resources = await this.resources(id, viewer);
    const checklistWithMarks = checklist.map((item) => ({ ...item, mark: marks.find((m) => m.itemId === item.id) ?? null }));
    return {
      ...found,
      participants,
      reports,
      phaseChanges,
      benefits,
      sectors,
      resource,
      resources,
      checklist: checklistWithMarks,
    };
  }

  /** The project's own record; 404 if there is none. */
  async get(id: number): Promise<Project> {
    const project = await this.repo.byId(id);
    if (!project) throw new NotFoundError();
    return project;
  }

  /** The sectors a network added to the built-in ones. */
  sectorsOf(networkId: number) {
    return this.repo.sectorsOf(networkId);
  }

  /** Every network's own sectors, for the overview's filter and downloads. */
  customSectors() {
    return this.repo.allCustomSectors();
  }

  /** The network's checklist items for every phase. */
  checklistOf(networkId: number) {
    return this.repo.checklistOf(networkId);
  }

  /** The signed-in user's saved views of one page; null for visitors, who keep none. */
  savedViewsFor(viewer: Actor | null, kind: SavedViewKind) {
    return viewer?.userId ? this.repo.savedViewsOf(viewer.userId, kind) : Promise.resolve(null);
  }

  /** Requests to take part in the project, newest first, with their decisions. */
  joinRequests(id: number) {
    return this.repo.joinRequestsOf(id);
  }

  /** A page of the requests to take part, with how many there are. */
  joinRequestsPage(id: number, page: Page) {
    return this.repo.joinRequestsPage(id, page);
  }

  /** A page of the project's status reports, newest first, with how many there are. */
  reportsPage(id: number, page: Page) {
    return this.repo.reportsPage(id, page);
  }

  /** Public projects whose text matches, by title: the site search's part. */
  async search(q: string, limit: number) {
    return this.repo.page({ q }, null, "title", limit, 0);
  }

  /** A sector of the network's own, next to the built-in ones; its key is made from its name. */
  async addSector(actor: Actor, networkId: number, input: unknown): Promise<Result<string>> {
    const parsed = sectorInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const key = `x-${slugify(parsed.data.name)}`;
    const existing = await this.repo.sectorsOf(networkId);
    if (key === "x-" || existing.some((s) => s.key === key || s.name.toLowerCase() === parsed.data.name.toLowerCase()))
      return invalid([{ field: "name", key: "errors.sectorExists" }]);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).insertSector({ networkId, key, name: parsed.data.name });
      await audit({
        action: "create",
        entity: "network_sector",
        entityId: `${networkId}:${key}`,
        after: parsed.data,
      });
    });
    return ok(key);
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
    const f: ProjectFilter = { ...filter, networkId, organisationId: filter.organisation };
    const items = await this.repo.page(f, viewer, sort, limit, offset);
    // Counting every match is the list's dearest query on a national data set; a total depends only
    // on the filter, what the viewer may see and the data.
    const total = await this.totals.get(JSON.stringify([f, visibilityKey(viewer)]), () => this.repo.count(f, viewer));
    return { items, total };
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
    return { total, rows: items.map((p) => ({ ...p, phases: byProject.get(p.id) ?? [] })) };
  }

  /**
   * The benefits of every project the filter finds, each with its latest measurement and
   * achievement, and sums per type and unit (kroner add up with kroner, hours with hours).
   */
  async benefitsOverview(filter: Parameters<ProjectService["list"]>[0], viewer: Actor | null) {
    const { items } = await this.list(filter, viewer, "title", 1_000_000, 0);
    const titles = new Map(items.map((p) => [p.id, p.title]));
    const rows = await this.repo.benefitsOf([...titles.keys()]);
    const measurements = await this.repo.measurementsOf(rows.map((r) => r.benefit.id));
    const latest = new Map<number, { values: number[] }>();
    for (const m of measurements) latest.set(m.benefitId, { values: [...(latest.get(m.benefitId)?.values ?? []), m.value] });
    const benefits = rows.map(({ benefit }) => {
      const values = latest.get(benefit.id)?.values ?? [];
      return {
        ...benefit,
        projectTitle: titles.get(benefit.projectId) ?? "",
        latest: values.at(-1) ?? null,
        achievement: achievement(benefit, values.at(-1)),
        trend: trend(benefit, values),
      };
    });
    const groups = new Map<
      string,
      { type: BenefitType; unit: string; count: number; baseline: number; target: number; latest: number; measured: number }
    >();
    for (const b of benefits) {
      const key = `${b.type}|${b.unit.toLowerCase()}`;
      const g = groups.get(key) ?? { type: b.type, unit: b.unit, count: 0, baseline: 0, target: 0, latest: 0, measured: 0 };
      g.count++;
      g.baseline += b.baseline;
      g.target += b.target;
      // Unmeasured benefits count as still at their baseline.
      g.latest += b.latest ?? b.baseline;
      if (b.latest !== null) g.measured++;
      groups.set(key, g);
    }
    const sums = [...groups.values()].map((g) => ({ ...g, achievement: achievement(g, g.latest) }));
    return { projectCount: items.length, benefits, sums };
  }

  /** What an organisation owns, leads and takes part in, as this viewer may see it, with its role in each. */
  async ofOrganisation(organisationId: number, viewer: Actor | null) {
    const { items } = await this.repo.list({ organisationId }, viewer, "title", 100_000, 0);
    const roles = new Map(
      (await this.repo.participantsOf(items.map((p) => p.id)))
        .filter((p) => p.organisationId === organisationId)
        .map((p) => [p.projectId, p.role]),
    );
    return items.map((p) => ({ ...p, role: roles.get(p.id) ?? ("lead" as const) }));
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
    const values = { ...parsed.data, bodyId: parsed.data.visibility === "body" ? parsed.data.bodyId : null };
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
      await repo.upsertParticipant({ projectId: project.id, organisationId: project.ownerOrganisationId, role: "lead" });
    for (const p of participants) await repo.upsertParticipant({ projectId: project.id, ...p });
    await recordAudit(tx, actor, { action: "create", entity: "project", entityId: project.id, after: project });
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
      return { ok: false, conflict: existing, errors: [{ field: "version", key: "errors.staleEdit" }] };
    const problems = await this.check(actor, existing.networkId, fields, existing);
    if (problems.length) return invalid(problems);
    const values = { ...fields, bodyId: fields.visibility === "body" ? fields.bodyId : null };
    return audited(this.db, actor, async (tx, audit): Promise<SaveResult> => {
      const diff = changedFields(existing as unknown as Record<string, unknown>, values);
      if (!diff.changed) return ok(existing);
      const saved = await this.repo.with(tx).updateAtVersion(id, version, values);
      if (!saved) {
        const current = (await this.repo.with(tx).byId(id))!;
        return { ok: false, conflict: current, errors: [{ field: "version", key: "errors.staleEdit" }] };
      }
      await audit({ action: "update", entity: "project", entityId: id, before: diff.before, after: diff.after });
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
    const sectors = await this.repo.sectorsOf(networkId);
    if (!(SECTORS as readonly string[]).includes(v.sector) && !sectors.some((s) => s.key === v.sector))
      problems.push({ field: "sector", key: "errors.choice" });
    const memberIds = new Set((await this.networks.membersOf(networkId)).filter((m) => !m.toDate).map((m) => m.organisationId));
    const allowedOwners = this.ownersFor(actor, networkId);
    if (v.ownerOrganisationId === null) {
      // A project without an owner is the network's own; only its secretariat keeps those.
      if (allowedOwners !== null && existing?.ownerOrganisationId !== null)
        problems.push({ field: "ownerOrganisationId", key: "errors.ownerRequired" });
    } else if (v.ownerOrganisationId !== existing?.ownerOrganisationId) {
      if (!memberIds.has(v.ownerOrganisationId)) problems.push({ field: "ownerOrganisationId", key: "errors.notNetworkMember" });
      else if (allowedOwners !== null && !allowedOwners.includes(v.ownerOrganisationId))
        problems.push({ field: "ownerOrganisationId", key: "errors.notYourOrganisation" });
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
        const saved = (await repo.updateAtVersion(id, project.version, { phase }))!;
        await repo.insertPhaseChange({
          projectId: id,
          fromPhase: project.phase,
          toPhase: phase,
          note,
          changedById: actor.userId,
          changedByLabel: actor.label,
        });
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

  // Participants

  async setParticipant(actor: Actor, id: number, input: unknown): Promise<Result<true>> {
    const project = await this.repo.byId(id);
    if (!project) throw new NotFoundError();
    const parsed = participantInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const org = await this.organisations.byId(parsed.data.organisationId);
    if (!org || org.endedOn) return invalid([{ field: "organisationId", key: "errors.notAnOrganisation" }]);
    const before = await this.repo.participant(id, org.id);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).upsertParticipant({ projectId: id, ...parsed.data });
      await audit({
        action: before ? "update" : "create",
        entity: "project_participant",
        entityId: `${id}:${org.id}`,
        before,
        after: { projectId: id, ...parsed.data },
      });
    });
    return ok(true);
  }

  async removeParticipant(actor: Actor, id: number, organisationId: number) {
    const before = await this.repo.participant(id, organisationId);
    if (!before) throw new NotFoundError();
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).deleteParticipant(id, organisationId);
      await audit({
        action: "delete",
        entity: "project_participant",
        entityId: `${id}:${organisationId}`,
        before,
      });
    });
  }

  // Status reports

  /** A new report's starting values: the previous report's, dated today. */
  async reportDraft(id: number, copyPrevious: boolean, today: string) {
    const [previous] = await this.repo.reportsOf(id);
    if (!copyPrevious || !previous) return { reportDate: today };
    const { id: _id, projectId: _p, createdAt: _c, createdById: _b, ...values } = previous;
    return { ...values, reportDate: today };
  }

  async addReport(actor: Actor, id: number, input: unknown): Promise<Result<StatusReport>> {
    if (!(await this.repo.byId(id))) throw new NotFoundError();
    const parsed = statusReportInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await createAudited(this.db, actor, "status_report", (tx) =>
        this.repo.with(tx).insertReport({ ...parsed.data, projectId: id, createdById: actor.userId }),
      ),
    );
  }

  async removeReport(actor: Actor, id: number, reportId: number) {
    const report = await this.repo.report(id, reportId);
    if (!report) throw new NotFoundError();
    await deleteAudited(this.db, actor, "status_report", report, (tx) => this.repo.with(tx).deleteReport(reportId));
  }

  // Benefits and measurements

  async addBenefit(actor: Actor, id: number, input: unknown) {
    if (!(await this.repo.byId(id))) throw new NotFoundError();
    const parsed = benefitInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problems = await this.checkOwner(parsed.data.ownerPersonId);
    if (problems.length) return invalid(problems);
    return ok(
      await createAudited(this.db, actor, "benefit", (tx) => this.repo.with(tx).insertBenefit({ ...parsed.data, projectId: id })),
    );
  }

  async getBenefit(id: number, benefitId: number) {
    const benefit = await this.repo.benefit(id, benefitId);
    if (!benefit) throw new NotFoundError();
    return benefit;
  }

  async updateBenefit(actor: Actor, id: number, benefitId: number, input: unknown) {
    const existing = await this.getBenefit(id, benefitId);
    const parsed = benefitInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problems = await this.checkOwner(parsed.data.ownerPersonId);
    if (problems.length) return invalid(problems);
    return ok(
      await updateAudited(this.db, actor, "benefit", existing, parsed.data, (tx) =>
        this.repo.with(tx).updateBenefit(benefitId, parsed.data),
      ),
    );
  }

  async removeBenefit(actor: Actor, id: number, benefitId: number) {
    const existing = await this.getBenefit(id, benefitId);
    await deleteAudited(this.db, actor, "benefit", existing, (tx) => this.repo.with(tx).deleteBenefit(benefitId));
  }

  /** A measurement belongs to a benefit of this project; one of another project is not found here. */
  async addMeasurement(actor: Actor, id: number, benefitId: number, input: unknown) {
    await this.getBenefit(id, benefitId);
    const parsed = measurementInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await createAudited(this.db, actor, "benefit_measurement", (tx) =>
        this.repo.with(tx).insertMeasurement({ ...parsed.data, benefitId }),
      ),
    );
  }

  async removeMeasurement(actor: Actor, id: number, benefitId: number, measurementId: number) {
    await this.getBenefit(id, benefitId);
    await audited(this.db, actor, async (tx, audit) => {
      const removed = await this.repo.with(tx).deleteMeasurement(benefitId, measurementId);
      if (!removed) throw new NotFoundError();
      await audit({ action: "delete", entity: "benefit_measurement", entityId: measurementId, before: removed });
    });
  }

  private async checkOwner(personId: number | null): Promise<FieldError[]> {
    if (personId === null) return [];
    return (await this.people.byIds([personId])).length ? [] : [{ field: "ownerPersonId", key: "errors.choice" }];
  }

  // "We want to take part"

  /**
   * An organisation asks to join: recorded, and those who run the project (its lead's
   * representatives, the secretariat, the contact person) are told by e-mail in the same transaction.
   */
  async requestToJoin(actor: Actor, id: number, input: unknown, t: Translate): Promise<Result<number>> {
    const detail = await this.repo.detail(id);
    if (!detail) throw new NotFoundError();
    const parsed = joinInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { organisationId } = parsed.data;
    const org = await this.organisations.byId(organisationId);
    if (!org || org.endedOn) return invalid([{ field: "organisationId", key: "errors.notAnOrganisation" }]);
    if (!actsForOrganisation(actor, await this.access.organisationResource(org.id)))
      return invalid([{ field: "organisationId", key: "errors.notYourOrganisation" }]);
    const [participants, requests] = await Promise.all([this.repo.participantsOf([id]), this.repo.joinRequestsOf(id)]);
    if (participants.some((p) => p.organisationId === org.id))
      return invalid([{ field: "organisationId", key: "errors.alreadyParticipant" }]);
    if (requests.some((r) => r.request.organisationId === org.id && r.request.state === "pending"))
      return invalid([{ field: "organisationId", key: "errors.alreadyRequested" }]);
    const leads = participants.filter((p) => p.role === "lead").map((p) => p.organisationId);
    const runners = await this.access.actingIn(detail.project.networkId, [
      ...leads,
      ...(detail.project.ownerOrganisationId ? [detail.project.ownerOrganisationId] : []),
    ]);
    const contact = detail.project.contactPersonId ? (await this.people.byIds([detail.project.contactPersonId]))[0] : undefined;
    const recipients = new Set([...runners.map((r) => r.email), ...(contact?.email ? [contact.email] : [])]);
    const requestId = await audited(this.db, actor, async (tx, audit) => {
      const request = await this.repo.with(tx).insertJoinRequest({
        projectId: id,
        ...parsed.data,
        requestedById: actor.userId,
        requestedByLabel: actor.label,
      });
      await audit({ action: "create", entity: "join_request", entityId: request.id, after: request });
      for (const to of recipients)
        await queueMail(tx, {
          to,
          subject: t("mail.joinRequest.subject", { organisation: org.name, project: detail.project.title }),
          body: t("mail.joinRequest.body", {
            organisation: org.name,
            project: detail.project.title,
            who: actor.label,
            note: parsed.data.note || "–",
            link: `${this.mail.baseUrl}/projects/${id}#join-heading`,
          }),
        });
      return request.id;
    });
    void this.mail.delivery.deliverDue().catch(() => undefined);
    return ok(requestId);
  }

  /** The lead accepts (the organisation joins in the role it asked for) or declines; the asker is told. */
  async decideJoin(actor: Actor, id: number, requestId: number, input: unknown, t: Translate): Promise<Result<true>> {
    const detail = await this.repo.detail(id);
    if (!detail) throw new NotFoundError();
    const found = (await this.repo.joinRequestsOf(id)).find((r) => r.request.id === requestId);
    if (!found) throw new NotFoundError();
    const parsed = decisionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { decision, reason } = parsed.data;
    const decided = await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const row = await repo.decideJoinRequest(id, requestId, {
        state: decision === "accept" ? "accepted" : "declined",
        reason,
        decidedById: actor.userId,
        decidedByLabel: actor.label,
        decidedAt: new Date(),
      });
      if (!row) return false;
      if (decision === "accept")
        await repo.upsertParticipant({
          projectId: id,
          organisationId: row.organisationId,
          role: row.role,
          fromDate: osloToday(),
        });
      await audit({
        action: "update",
        entity: "join_request",
        entityId: requestId,
        before: { state: "pending" },
        after: { state: row.state, reason },
      });
      if (found.requesterEmail)
        await queueMail(tx, {
          to: found.requesterEmail,
          subject: t(decision === "accept" ? "mail.joinAccepted.subject" : "mail.joinDeclined.subject", {
            project: detail.project.title,
          }),
          body: t(decision === "accept" ? "mail.joinAccepted.body" : "mail.joinDeclined.body", {
            organisation: found.organisationName,
            project: detail.project.title,
            who: actor.label,
            reason: reason || "–",
            link: `${this.mail.baseUrl}/projects/${id}`,
          }),
        });
      return true;
    });
    if (!decided) return invalid([{ field: "decision", key: "errors.alreadyDecided" }]);
    void this.mail.delivery.deliverDue().catch(() => undefined);
    return ok(true);
  }

  // Funding, links, relations and documents

  /** The project's funding, links, documents and the relations the viewer may see. */
  async resources(id: number, viewer: Actor | null) {
    const all = await this.repo.resourcesOf(id);
    const relations = all.relations
      .filter((r) => canSee(viewer, { networkId: r.otherNetworkId, visibility: r.otherVisibility, bodyId: r.otherBodyId }))
      .map((r) => ({ id: r.id, kind: r.kind, outgoing: r.projectId === id, otherId: r.otherId, otherTitle: r.otherTitle }));
    return { ...all, relations };
  }

  /** Adds one record hanging off a project, audited; the checks are the caller's schema's. */
  private async addChild<S extends z.ZodType, R extends { id: number }>(
    actor: Actor,
    id: number,
    input: unknown,
    schema: S,
    entity: string,
    insert: (repo: ProjectRepo, values: z.infer<S>) => Promise<R>,
  ): Promise<Result<R>> {
    if (!(await this.repo.byId(id))) throw new NotFoundError();
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(await createAudited(this.db, actor, entity, (tx) => insert(this.repo.with(tx), parsed.data)));
  }

  /** Removes one record hanging off a project; one of another project is not found. */
  private async removeChild(actor: Actor, entity: string, remove: (repo: ProjectRepo) => Promise<{ id: number } | undefined>) {
    await audited(this.db, actor, async (tx, audit) => {
      const removed = await remove(this.repo.with(tx));
      if (!removed) throw new NotFoundError();
      await audit({ action: "delete", entity, entityId: removed.id, before: removed });
    });
  }

  addFunding(actor: Actor, id: number, input: unknown) {
    return this.addChild(actor, id, input, fundingInput, "project_funding", (repo, v) =>
      repo.insertFunding({ projectId: id, source: v.source, applied: v.applied!, granted: v.granted }),
    );
  }

  removeFunding(actor: Actor, id: number, fundingId: number) {
    return this.removeChild(actor, "project_funding", (repo) => repo.deleteFunding(id, fundingId));
  }

  addLink(actor: Actor, id: number, input: unknown) {
    return this.addChild(actor, id, input, linkInput, "project_link", (repo, v) => repo.insertLink({ projectId: id, ...v }));
  }

  removeLink(actor: Actor, id: number, linkId: number) {
    return this.removeChild(actor, "project_link", (repo) => repo.deleteLink(id, linkId));
  }

  /** Relates the project to another the actor may see; not to itself, and each relation once. */
  async addRelation(actor: Actor, id: number, input: unknown): Promise<Result<{ id: number }>> {
    if (!(await this.repo.byId(id))) throw new NotFoundError();
    const parsed = relationInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const other = await this.repo.byId(parsed.data.relatedProjectId);
    if (!other || other.id === id || !canSee(actor, other)) return invalid([{ field: "relatedProjectId", key: "errors.choice" }]);
    return audited(this.db, actor, async (tx, audit) => {
      const row = await this.repo.with(tx).insertRelation({ projectId: id, ...parsed.data });
      if (!row) return invalid([{ field: "relatedProjectId", key: "errors.relationExists" }]);
      await audit({ action: "create", entity: "project_relation", entityId: row.id, after: row });
      return ok(row);
    });
  }

  removeRelation(actor: Actor, id: number, relationId: number) {
    return this.removeChild(actor, "project_relation", (repo) => repo.deleteRelation(id, relationId));
  }

  /** Stores an uploaded document: size and type (by content) are checked before anything is saved. */
  async addDocument(actor: Actor, id: number, input: unknown, maxBytes: number): Promise<Result<number>> {
    if (!(await this.repo.byId(id))) throw new NotFoundError();
    return storeTitledFile(this.db, actor, input, maxBytes, {
      entity: "project_document",
      insert: (tx, fileId, title) => this.repo.with(tx).insertDocument({ projectId: id, fileId, title }),
    });
  }

  /** A document's bytes, for a viewer who may see the project. */
  async documentFile(id: number, documentId: number, viewer: Actor | null) {
    await this.visible(id, viewer);
    const doc = await this.repo.document(id, documentId);
    const file = doc ? await readFile(this.db, doc.fileId) : undefined;
    if (!file) throw new NotFoundError();
    return file;
  }

  async removeDocument(actor: Actor, id: number, documentId: number) {
    const doc = await this.repo.document(id, documentId);
    if (!doc) throw new NotFoundError();
    await removeTitledFile(this.db, actor, "project_document", doc, (tx) => this.repo.with(tx).deleteDocument(doc.id));
  }

  // Saved views

  /**
   * Saves the current filters under a name for this user. The query is read with the page's own
   * schema, so only a view the page can show is kept, and it is kept without its page number.
   */
  async saveView(actor: Actor, input: unknown, readQuery: (kind: SavedViewKind, query: URLSearchParams) => boolean) {
    if (actor.userId === null) throw new NotFoundError();
    const parsed = savedViewInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const query = new URLSearchParams(parsed.data.query.replace(/^\?/, ""));
    query.delete("page");
    query.delete("lang");
    if (!readQuery(parsed.data.kind, query)) return invalid([{ field: "name", key: "errors.badRequest" }]);
    const userId = actor.userId;
    return ok(
      await createAudited(this.db, actor, "saved_view", (tx) =>
        this.repo.with(tx).insertSavedView({ ...parsed.data, query: query.toString(), userId }),
      ),
    );
  }

  async removeView(actor: Actor, id: number) {
    if (actor.userId === null) throw new NotFoundError();
    const userId = actor.userId;
    await this.removeChild(actor, "saved_view", (repo) => repo.deleteSavedView(userId, id));
  }

  // Phase checklists

  async addChecklistItem(actor: Actor, networkId: number, input: unknown) {
    const parsed = checklistItemInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const position = (await this.repo.checklistOf(networkId)).filter((i) => i.phase === parsed.data.phase).length;
    return ok(
      await createAudited(this.db, actor, "checklist_item", (tx) =>
        this.repo.with(tx).insertChecklistItem({ networkId, ...parsed.data, position }),
      ),
    );
  }

  removeChecklistItem(actor: Actor, networkId: number, itemId: number) {
    return this.removeChild(actor, "checklist_item", (repo) => repo.deleteChecklistItem(networkId, itemId));
  }

  /** Ticks off the current phase's checklist: the items sent are done, the phase's others are not. */
  async markChecklist(actor: Actor, id: number, input: unknown): Promise<Result<true>> {
    const project = await this.repo.byId(id);
    if (!project) throw new NotFoundError();
    const parsed = checklistMarksInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const items = (await this.repo.checklistOf(project.networkId)).filter((i) => i.phase === project.phase).map((i) => i.id);
    if (parsed.data.done.some((d) => !items.includes(d))) return invalid([{ field: "done", key: "errors.choice" }]);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).setChecklistMarks(id, items, parsed.data.done, actor.label);
      await audit({
        action: "update",
        entity: "project",
        entityId: id,
        after: { phase: project.phase, checklistDone: parsed.data.done },
      });
    });
    return ok(true);
  }
}

/** A project with everything its page shows, as one viewer may see it. */
export type ProjectDetail = Awaited<ReturnType<ProjectService["visible"]>>;
