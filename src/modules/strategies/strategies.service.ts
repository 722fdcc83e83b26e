import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { publishEvent } from "../../platform/activity/activity.ts";
import { changedFields } from "../../platform/audit/audit.ts";
import { audited, createAudited, updateAudited } from "../../platform/audit/audited.ts";
import type { Db, DbOrTx } from "../../platform/db/client.ts";
import type { Page } from "../../platform/db/paging.ts";
import { type ErrorLog, every } from "../../platform/every.ts";
import { checkUpload, deleteFile, readFile, saveFile } from "../../platform/files/files.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import {
  emptyToNull,
  idList,
  optionalDate,
  optionalId,
  optionalText,
  requiredDate,
  requiredText,
  toFieldErrors,
} from "../../platform/http/validation.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import type { AccessService } from "../networks/index.ts";
import { copyContent } from "./revisions/copy-content.ts";
import { MEASURE_STATUSES } from "./schema.ts";
import { type Strategy, type StrategyFilter, StrategyRepo } from "./strategies.repo.ts";

const year = z.coerce.number("errors.year").int("errors.year").min(1990, "errors.year").max(2100, "errors.year");
export const optionalYear = z.preprocess(emptyToNull, year.nullable().default(null));

export const strategyInput = z
  .object({
    title: requiredText(200),
    firstYear: year,
    lastYear: year,
    vision: optionalText(5000),
    // Adopting has its own command; the form moves a draft to consultation and back.
    status: z.enum(["draft", "consultation"], "errors.choice").default("draft"),
  })
  .refine((s) => s.lastYear >= s.firstYear, { path: ["lastYear"], message: "errors.periodOrder" });

export const goalInput = z.object({ title: requiredText(300), description: optionalText(2000) });

export const focusAreaInput = z.object({
  title: requiredText(300),
  why: optionalText(4000),
  what: optionalText(4000),
  goalIds: idList,
});

export const measureInput = z.object({
  description: requiredText(1000),
  focusAreaId: optionalId,
  goal: optionalText(1000),
  indicator: optionalText(300),
  expectedBenefits: optionalText(2000),
  responsibleOrganisationId: optionalId,
  responsible: optionalText(300),
  deadlineYear: optionalYear,
  deadlineDate: optionalDate,
  years: idList,
  projectIds: idList,
  benefitIds: idList,
});

export const adoptInput = z.object({ adoptedOn: requiredDate, adoptedBy: requiredText(200) });

export const reportInput = z.object({
  status: z.enum(MEASURE_STATUSES, "errors.choice"),
  comment: optionalText(2000),
});

/** What strategy rules are checked against: its owner, and the networks an organisation is a member of. */
export interface StrategyResource {
  networkId: number | null;
  organisationId: number | null;
  networkIds: readonly number[];
}

/** Whether a strategy's content may change: only drafts and drafts on consultation; adopted ones are frozen. */
export const isEditable = (s: Strategy) => s.status === "draft" || s.status === "consultation";

/** A strategy with everything in it, as `StrategyService.detail` reads it. */
export type StrategyDetail = Awaited<ReturnType<StrategyService["detail"]>>;

/**
 * Strategies of member organisations and networks: goals, focus areas and the action plan's
 * measures; adoption freezes a revision, and a change starts the next one. Measures are followed up
 * with status reports, also after adoption. Every write is audited.
 */
export class StrategyService {
  readonly repo: StrategyRepo;

  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
  ) {
    this.repo = new StrategyRepo(db);
  }

  /** Strategies with their owner's name and how many measures are done, newest period first. */
  list(filter: StrategyFilter) {
    return this.repo.list(filter);
  }
  /** The projects of these networks a strategy's measures can link to. */
  projectOptions(networkIds: number[]) {
    return this.repo.projectOptions(networkIds);
  }
  /** A strategy goes out for consultation, in the transaction that opens the consultation (consultations). */
  async markInConsultation(tx: DbOrTx, strategyId: number) {
    await this.repo.with(tx).update(strategyId, { status: "consultation" });
  }

  /** A page of the list, with how many strategies the filter finds in all. */
  listPage(filter: StrategyFilter, page: Page) {
    return this.repo.listPage(filter, page);
  }

  /** The members of a network today, by name. */
  networkMembers(networkId: number) {
    return this.repo.networkMembers(networkId);
  }

  async get(id: number): Promise<Strategy> {
    const strategy = await this.repo.byId(id);
    if (!strategy) throw new NotFoundError();
    return strategy;
  }

  async resource(id: number): Promise<StrategyResource> {
    return this.resourceOf(await this.get(id));
  }

  async resourceOf(s: { networkId: number | null; organisationId: number | null }): Promise<StrategyResource> {
    const networkIds = s.organisationId ? (await this.access.organisationResource(s.organisationId)).networkIds : [];
    return { networkId: s.networkId, organisationId: s.organisationId, networkIds };
  }

  /** A strategy with everything in it, in a fixed number of queries. */
  async detail(id: number) {
    const strategy = await this.get(id);
    const [goals, areas, measureRows, next] = await Promise.all([
      this.repo.goalsOf(id),
      this.repo.focusAreasOf(id),
      this.repo.measuresOf(id),
      this.repo.nextRevisionOf(id),
    ]);
    const measureIds = measureRows.map((m) => m.measure.id);
    const areaIds = areas.map((a) => a.id);
    const [links, sources, measureProjects, measureBenefits, reports, previous, document] = await Promise.all([
      this.repo.focusAreaGoalsOf(areaIds),
      this.repo.focusAreaSourcesOf(areaIds),
      this.repo.measureProjectsOf(measureIds),
      this.repo.measureBenefitsOf(measureIds),
      this.repo.reportsOf(measureIds),
      strategy.previousId ? this.repo.byId(strategy.previousId) : Promise.resolve(undefined),
      strategy.documentFileId ? this.repo.fileInfo(strategy.documentFileId) : Promise.resolve(undefined),
    ]);
    return {
      strategy,
      goals,
      focusAreas: areas.map((a) => ({
        ...a,
        goalIds: links.filter((l) => l.focusAreaId === a.id).map((l) => l.goalId),
        sources: sources.filter((x) => x.focusAreaId === a.id),
      })),
      measures: measureRows.map(({ measure, responsibleName }) => ({
        ...measure,
        responsibleName,
        projects: measureProjects.filter((p) => p.measureId === measure.id && p.visibility === "public"),
        benefits: measureBenefits.filter((b) => b.measureId === measure.id && b.visibility === "public"),
        reports: reports.filter((r) => r.measureId === measure.id),
      })),
      previous: previous ?? null,
      next: next ?? null,
      document: document ?? null,
    };
  }

  /** The network's current shared strategy: the newest adopted, else the newest being worked on. */
  async currentOfNetwork(networkId: number): Promise<Strategy | undefined> {
    const own = (await this.repo.list({ networkId }))
      .map((i) => i.strategy)
      .filter((s) => s.networkId === networkId && s.status !== "replaced");
    return own.find((s) => s.status === "adopted") ?? own[0];
  }

  /**
   * A new strategy, by hand or from a template (any strategy: the network's shared one, or an
   * earlier period's), whose goals, focus areas and measures it starts with.
   */
  async create(
    actor: Actor,
    owner: { organisationId: number } | { networkId: number },
    input: unknown,
    templateId: number | null = null,
  ): Promise<Result<Strategy>> {
    const parsed = strategyInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const template = templateId === null || !(await this.repo.byId(templateId)) ? null : await this.detail(templateId);
    if (templateId !== null && !template) return invalid([{ field: "templateId", key: "errors.choice" }]);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const strategy = await repo.insert({ ...parsed.data, ...owner });
        if (template) await copyContent(repo, template, strategy, { asRevision: false });
        await audit({
          action: "create",
          entity: "strategy",
          entityId: strategy.id,
          after: { ...strategy, templateId },
        });
        return strategy;
      }),
    );
  }

  /** Refuses any change to an adopted or replaced revision, naming why. */
  private async editable(id: number): Promise<Result<Strategy>> {
    const strategy = await this.get(id);
    return isEditable(strategy) ? ok(strategy) : invalid([{ field: "_", key: "errors.strategyFrozen" }]);
  }

  async update(actor: Actor, id: number, input: unknown): Promise<Result<Strategy>> {
    const current = await this.editable(id);
    if (!current.ok) return current;
    const parsed = strategyInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await updateAudited(this.db, actor, "strategy", current.value, parsed.data, (tx) =>
        this.repo.with(tx).update(id, parsed.data),
      ),
    );
  }

  async addGoal(actor: Actor, strategyId: number, input: unknown): Promise<Result<number>> {
    const current = await this.editable(strategyId);
    if (!current.ok) return invalid(current.errors);
    const parsed = goalInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const position = (await this.repo.goalsOf(strategyId)).length;
    const goal = await createAudited(this.db, actor, "strategy_goal", (tx) =>
      this.repo.with(tx).insertGoal({ strategyId, ...parsed.data, position }),
    );
    return ok(goal.id);
  }

  async addFocusArea(actor: Actor, strategyId: number, input: unknown): Promise<Result<number>> {
    const current = await this.editable(strategyId);
    if (!current.ok) return invalid(current.errors);
    const parsed = focusAreaInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const goals = new Set((await this.repo.goalsOf(strategyId)).map((g) => g.id));
    if (parsed.data.goalIds.some((id) => !goals.has(id))) return invalid([{ field: "goalIds", key: "errors.choice" }]);
    const { goalIds, ...values } = parsed.data;
    const position = (await this.repo.focusAreasOf(strategyId)).length;
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const area = await this.repo.with(tx).insertFocusArea({ strategyId, ...values, position }, goalIds);
        await audit({ action: "create", entity: "focus_area", entityId: area.id, after: { ...area, goalIds } });
        return area.id;
      }),
    );
  }

  /**
   * What a measure of this strategy may name: the organisations that may be responsible (the
   * network's members today, or the organisation itself for a member's own strategy), and the public
   * projects and benefits of the portfolio of the networks the owner is in.
   */
  async measureChoices(strategy: Strategy) {
    const networkIds = strategy.networkId ? [strategy.networkId] : (await this.resourceOf(strategy)).networkIds;
    const [responsible, projects, benefits] = await Promise.all([
      strategy.networkId
        ? this.repo.networkMembers(strategy.networkId)
        : this.repo.organisationsNamed([strategy.organisationId!]),
      this.repo.projectOptions([...networkIds]),
      this.repo.benefitOptions([...networkIds]),
    ]);
    return { responsible, projects, benefits };
  }

  /**
   * Checks a measure. Its focus area must be the strategy's own; a responsible organisation must be a
   * member of the strategy's network (or the organisation itself, for a member's own strategy); the
   * years it is spread over must lie in the period; its projects and benefits must be public ones
   * of the portfolio. A deadline outside the period is allowed: the page flags it, since a later
   * follow-up may need it.
   */
  private async checkMeasure(strategy: Strategy, input: unknown): Promise<Result<z.infer<typeof measureInput>>> {
    const strategyId = strategy.id;
    const parsed = measureInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const m = parsed.data;
    const errors: FieldError[] = [];
    if (m.focusAreaId !== null && !(await this.repo.focusAreasOf(strategyId)).some((a) => a.id === m.focusAreaId))
      errors.push({ field: "focusAreaId", key: "errors.choice" });
    const choices = await this.measureChoices(strategy);
    if (m.responsibleOrganisationId !== null && !choices.responsible.some((o) => o.id === m.responsibleOrganisationId))
      errors.push({ field: "responsibleOrganisationId", key: "errors.notMemberOfNetwork" });
    if (m.years.some((y) => y < strategy.firstYear || y > strategy.lastYear))
      errors.push({ field: "years", key: "errors.yearOutsidePeriod" });
    if (m.projectIds.some((id) => !choices.projects.some((p) => p.id === id)))
      errors.push({ field: "projectIds", key: "errors.choice" });
    if (m.benefitIds.some((id) => !choices.benefits.some((b) => b.id === id)))
      errors.push({ field: "benefitIds", key: "errors.choice" });
    if (errors.length) return invalid(errors);
    return ok({
      ...m,
      years: [...new Set(m.years)].sort((a, b) => a - b),
      projectIds: [...new Set(m.projectIds)],
      benefitIds: [...new Set(m.benefitIds)],
    });
  }

  async addMeasure(actor: Actor, strategyId: number, input: unknown): Promise<Result<number>> {
    const current = await this.editable(strategyId);
    if (!current.ok) return invalid(current.errors);
    const checked = await this.checkMeasure(current.value, input);
    if (!checked.ok) return invalid(checked.errors);
    const { projectIds, benefitIds, ...values } = checked.value;
    const position = (await this.repo.measuresOf(strategyId)).length;
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const measure = await this.repo.with(tx).insertMeasure({ strategyId, ...values, position }, { projectIds, benefitIds });
        await audit({
          action: "create",
          entity: "measure",
          entityId: measure.id,
          after: { ...measure, projectIds, benefitIds },
        });
        return measure.id;
      }),
    );
  }

  /**
   * Changes a goal, a focus area (and the goals it serves) or a measure (and its projects and
   * benefits) of a draft, checked as when it was added. A measure's status is reported, not edited.
   */
  async updatePart(
    actor: Actor,
    strategyId: number,
    part: "goal" | "focusArea" | "measure",
    id: number,
    input: unknown,
  ): Promise<Result<true>> {
    const current = await this.editable(strategyId);
    if (!current.ok) return invalid(current.errors);
    const d = await this.detail(strategyId);
    const before = { goal: d.goals, focusArea: d.focusAreas, measure: d.measures }[part].find((x) => x.id === id);
    if (!before) throw new NotFoundError();
    let after: Record<string, unknown>;
    let save: (repo: StrategyRepo) => Promise<void>;
    if (part === "goal") {
      const parsed = goalInput.safeParse(input);
      if (!parsed.success) return invalid(toFieldErrors(parsed.error));
      after = parsed.data;
      save = (repo) => repo.updateGoal(id, parsed.data);
    } else if (part === "focusArea") {
      const parsed = focusAreaInput.safeParse(input);
      if (!parsed.success) return invalid(toFieldErrors(parsed.error));
      if (parsed.data.goalIds.some((g) => !d.goals.some((x) => x.id === g)))
        return invalid([{ field: "goalIds", key: "errors.choice" }]);
      const { goalIds, ...values } = parsed.data;
      after = parsed.data;
      save = (repo) => repo.updateFocusArea(id, values, [...new Set(goalIds)]);
    } else {
      const checked = await this.checkMeasure(current.value, input);
      if (!checked.ok) return invalid(checked.errors);
      const { projectIds, benefitIds, ...values } = checked.value;
      after = checked.value;
      save = (repo) => repo.updateMeasureWithLinks(id, values, { projectIds, benefitIds });
    }
    const diff = changedFields(before as unknown as Record<string, unknown>, after);
    if (!diff.changed) return ok(true);
    await audited(this.db, actor, async (tx, audit) => {
      await save(this.repo.with(tx));
      await audit({ action: "update", entity: part, entityId: id, before: diff.before, after: diff.after });
    });
    return ok(true);
  }

  async removePart(actor: Actor, strategyId: number, part: "goal" | "focusArea" | "measure", id: number): Promise<Result<true>> {
    const current = await this.editable(strategyId);
    if (!current.ok) return invalid(current.errors);
    return audited(this.db, actor, async (tx, audit) => {
      if (!(await this.repo.with(tx).deletePart(part, strategyId, id))) throw new NotFoundError();
      await audit({ action: "delete", entity: part, entityId: id, before: { strategyId } });
      return ok(true as const);
    });
  }

  /**
   * Tells, once, of every measure of an adopted strategy that has gone past its deadline undone, under
   * its strategy. Several processes may run it: a transaction-wide lock lets one tell at a time.
   */
  async tellOverdueMeasures(now = new Date()): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('samverk.measure_overdue'))`);
      const overdue = await this.repo.with(tx).overdueUntold(osloToday(now));
      for (const m of overdue)
        await publishEvent(tx, {
          kind: "strategy",
          id: m.strategyId,
          type: "measure_overdue",
          data: { date: m.deadline },
          about: { kind: "measure", id: m.measureId },
        });
      return overdue.length;
    });
  }

  /** Runs `tellOverdueMeasures` every `minutes`; returns what stops it. */
  scheduleOverdue(minutes: number, log: ErrorLog): () => void {
    return every(minutes, () => this.tellOverdueMeasures(), log, "overdue measures failed");
  }

  /** Follow-up: a measure's status with a comment, kept with who and when; allowed after adoption too. */
  async report(actor: Actor, strategyId: number, measureId: number, input: unknown): Promise<Result<true>> {
    const strategy = await this.get(strategyId);
    if (strategy.status === "replaced") return invalid([{ field: "_", key: "errors.strategyReplaced" }]);
    const measure = (await this.repo.measuresOf(strategyId)).find((m) => m.measure.id === measureId)?.measure;
    if (!measure) throw new NotFoundError();
    const parsed = reportInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      await repo.updateMeasure(measureId, { status: parsed.data.status, statusComment: parsed.data.comment });
      await repo.insertReport({ measureId, ...parsed.data, byLabel: actor.label });
      await publishEvent(tx, {
        kind: "strategy",
        id: strategyId,
        type: "measure_reported",
        data: { status: parsed.data.status },
        about: { kind: "measure", id: measureId },
        actorUserId: actor.userId,
      });
      await audit({
        action: "update",
        entity: "measure",
        entityId: measureId,
        before: { status: measure.status, statusComment: measure.statusComment },
        after: parsed.data,
      });
    });
    return ok(true);
  }

  /**
   * The strategy's document as adopted (usually the PDF), uploaded beside the structured content. It
   * is the record of what was adopted, so it may be added to an adopted revision; a new one replaces the old.
   */
  async attachDocument(actor: Actor, id: number, input: unknown, maxBytes: number): Promise<Result<true>> {
    const strategy = await this.get(id);
    if (strategy.status === "replaced") return invalid([{ field: "_", key: "errors.strategyReplaced" }]);
    const upload = await checkUpload("file", (input as Record<string, unknown> | undefined)?.file, maxBytes);
    if (!upload.file) return invalid(upload.errors);
    const file = upload.file;
    await audited(this.db, actor, async (tx, audit) => {
      const saved = await saveFile(tx, file, actor.userId);
      await this.repo.with(tx).update(id, { documentFileId: saved.id });
      if (strategy.documentFileId) await deleteFile(tx, strategy.documentFileId);
      await audit({ action: "update", entity: "strategy", entityId: id, after: { document: saved } });
    });
    return ok(true);
  }

  /** The uploaded document's file, for download; 404 when there is none. */
  async document(id: number) {
    const strategy = await this.get(id);
    const file = strategy.documentFileId ? await readFile(this.db, strategy.documentFileId) : undefined;
    if (!file) throw new NotFoundError();
    return file;
  }

  /** Adopts a draft: it is frozen from now on, and the revision it was started from is replaced by it. */
  async adopt(actor: Actor, id: number, input: unknown): Promise<Result<Strategy>> {
    const current = await this.editable(id);
    if (!current.ok) return current;
    const parsed = adoptInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    if (parsed.data.adoptedOn > osloToday()) return invalid([{ field: "adoptedOn", key: "errors.adoptedInFuture" }]);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const adopted = await repo.update(id, { status: "adopted", ...parsed.data });
        if (current.value.previousId) await repo.update(current.value.previousId, { status: "replaced" });
        await audit({
          action: "update",
          entity: "strategy",
          entityId: id,
          after: { status: "adopted", ...parsed.data },
        });
        return adopted;
      }),
    );
  }

  /**
   * Starts the next revision of an adopted strategy: a draft copy of it with its goals, focus areas
   * (and their goals), measures (and their projects). One draft at a time.
   */
  async newRevision(actor: Actor, id: number): Promise<Result<Strategy>> {
    const d = await this.detail(id);
    if (d.strategy.status !== "adopted") return invalid([{ field: "_", key: "errors.revisionOfAdoptedOnly" }]);
    if (d.next) return invalid([{ field: "_", key: "errors.revisionExists" }]);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        // The adopted document stays with the revision it records.
        const { id: _id, createdAt: _c, updatedAt: _u, adoptedOn: _a, adoptedBy: _b, documentFileId: _f, ...copy } = d.strategy;
        const next = await repo.insert({
          ...copy,
          status: "draft",
          previousId: id,
          revision: d.strategy.revision + 1,
          isDemo: false,
        });
        await copyContent(repo, d, next, { asRevision: true });
        await audit({ action: "create", entity: "strategy", entityId: next.id, after: { revisionOf: id } });
        return next;
      }),
    );
  }
}
