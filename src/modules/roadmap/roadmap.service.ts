import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { isSecretariat } from "../../platform/access/authorize.ts";
import { publishEvent } from "../../platform/activity/activity.ts";
import { changedFields } from "../../platform/audit/audit.ts";
import { audited, createAudited, deleteAudited, updateAudited } from "../../platform/audit/audited.ts";
import type { Db } from "../../platform/db/client.ts";
import type { Page } from "../../platform/db/paging.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import {
  kroner,
  optionalText,
  requiredDate,
  requiredId,
  requiredText,
  toFieldErrors,
  webAddress,
} from "../../platform/http/validation.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import { slugify } from "../networks/index.ts";
import { type CatalogueResource, runsNetworkOf } from "./policy.ts";
import { startsPeriod } from "./precision.ts";
import { type CatalogueFilter, type Milestone, type NationalSolution, RoadmapRepo } from "./roadmap.repo.ts";
import { MILESTONE_KINDS, PRECISIONS, SIZE_CLASSES, SOLUTION_CATEGORIES, TASK_KINDS } from "./schema.ts";

export const solutionInput = z.object({
  name: requiredText(200),
  owner: requiredText(200),
  category: z.enum(SOLUTION_CATEGORIES, "errors.choice"),
  purpose: optionalText(2000),
  url: webAddress,
});

export const milestoneInput = z
  .object({
    kind: z.enum(MILESTONE_KINDS, "errors.choice"),
    label: optionalText(120),
    date: requiredDate,
    precision: z.enum(PRECISIONS, "errors.choice"),
    note: optionalText(1000),
  })
  .refine((v) => v.kind !== "custom" || v.label !== "", { message: "errors.required", path: ["label"] })
  .refine((v) => startsPeriod(v.date, v.precision), { message: "errors.precision", path: ["date"] });

export const taskInput = z.object({
  kind: z.enum(TASK_KINDS, "errors.choice"),
  description: optionalText(1000),
  beforeKind: z.enum(MILESTONE_KINDS, "errors.choice").default("mandatory"),
  leadMonths: z.coerce.number("errors.number").int("errors.number").min(0, "errors.number").max(120, "errors.number"),
});

export const costsInput = z.object({
  costs: z
    .array(z.object({ sizeClass: z.enum(SIZE_CLASSES, "errors.choice"), oneOff: kroner, yearly: kroner }))
    .max(SIZE_CLASSES.length)
    .refine((rows) => new Set(rows.map((r) => r.sizeClass)).size === rows.length, "errors.choice"),
});

/**
 * The catalogue of national solutions and networks' own initiatives, with their milestones (every
 * move kept), what a municipality must do before them and what it costs. Every write is audited.
 */
export const rolloutInput = z.object({ projectId: requiredId });

export class RoadmapService {
  readonly repo: RoadmapRepo;

  constructor(private readonly db: Db) {
    this.repo = new RoadmapRepo(db);
  }

  /** The solution as the rules see it; 404 when it does not exist. */
  async resource(id: number): Promise<NationalSolution & CatalogueResource> {
    const solution = await this.repo.byId(id);
    if (!solution) throw new NotFoundError();
    return solution;
  }

  list(filter: CatalogueFilter) {
    return this.repo.list(filter, osloToday());
  }

  /** A page of the catalogue, with how many solutions the filter finds in all. */
  listPage(filter: CatalogueFilter, page: Page) {
    return this.repo.listPage(filter, osloToday(), page);
  }

  /** The solutions that concern members of these networks: the national catalogue and the networks' own initiatives. */
  solutionsFor(networkIds: readonly number[]) {
    return this.repo.solutionsFor(networkIds, osloToday());
  }

  /** These solutions' milestones, by date. */
  milestonesOf(solutionIds: number[]) {
    return this.repo.milestonesOf(solutionIds);
  }

  /** The solutions that have milestones, each with them and where each last moved from, for the timeline. */
  async timeline(solutions: NationalSolution[]) {
    const milestones = await this.repo.milestonesOf(solutions.map((s) => s.id));
    const changes = await this.repo.changesOf(milestones.map((m) => m.id));
    return solutions
      .map((solution) => ({
        solution,
        milestones: milestones
          .filter((m) => m.solutionId === solution.id)
          .map((m) => {
            // Changes come newest first: the latest says where it moved from.
            const moved = changes.find((c) => c.milestoneId === m.id);
            return { ...m, movedFrom: moved ? { date: moved.fromDate, precision: moved.fromPrecision } : null };
          }),
      }))
      .filter((r) => r.milestones.length > 0);
  }

  /** A solution with its milestones (each with its moves), tasks and costs. */
  async get(id: number) {
    const solution = await this.resource(id);
    const [milestones, tasks, costs] = await Promise.all([
      this.repo.milestonesOf([id]),
      this.repo.tasksOf([id]),
      this.repo.costsOf([id]),
    ]);
    const changes = await this.repo.changesOf(milestones.map((m) => m.id));
    return {
      solution,
      milestones: milestones.map((m) => ({ ...m, changes: changes.filter((c) => c.milestoneId === m.id) })),
      tasks,
      costs,
    };
  }

  /** A national solution (networkId null) or a network's own initiative. */
  async create(actor: Actor, networkId: number | null, input: unknown): Promise<Result<NationalSolution>> {
    const parsed = solutionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    // The key is made from the name; a network's initiatives get their network's id in it, so they never clash.
    const base = `${networkId ? `n${networkId}-` : ""}${slugify(parsed.data.name) || "solution"}`;
    let key = base;
    for (let n = 2; await this.repo.keyTaken(key); n++) key = `${base}-${n}`;
    return ok(
      await createAudited(this.db, actor, "national_solution", (tx) =>
        this.repo.with(tx).insert({ ...parsed.data, key, networkId }),
      ),
    );
  }

  async update(actor: Actor, id: number, input: unknown): Promise<Result<NationalSolution>> {
    const existing: NationalSolution = await this.resource(id);
    const parsed = solutionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await updateAudited(this.db, actor, "national_solution", existing, parsed.data, (tx) =>
        this.repo.with(tx).update(id, parsed.data),
      ),
    );
  }

  // Milestones

  async addMilestone(actor: Actor, solutionId: number, input: unknown): Promise<Result<Milestone>> {
    await this.resource(solutionId);
    const parsed = milestoneInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await createAudited(this.db, actor, "milestone", (tx) =>
        this.repo.with(tx).insertMilestone({ ...parsed.data, solutionId }),
      ),
    );
  }

  /** Changes a milestone; a new date or precision is kept as a move, so the roadmap shows where it came from. */
  async updateMilestone(actor: Actor, solutionId: number, id: number, input: unknown): Promise<Result<Milestone>> {
    const existing = await this.repo.milestone(solutionId, id);
    if (!existing) throw new NotFoundError();
    const parsed = milestoneInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const diff = changedFields(existing as unknown as Record<string, unknown>, parsed.data);
    if (!diff.changed) return ok(existing);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const saved = await repo.updateMilestone(id, parsed.data);
        if (existing.date !== saved.date || existing.precision !== saved.precision)
          await repo.insertChange({
            milestoneId: id,
            fromDate: existing.date,
            fromPrecision: existing.precision,
            toDate: saved.date,
            toPrecision: saved.precision,
            byId: actor.userId,
            byLabel: actor.label,
          });
        if (existing.date !== saved.date)
          await publishEvent(tx, {
            kind: "national_solution",
            id: solutionId,
            type: "milestone_moved",
            data: {
              kind: saved.kind,
              from: existing.date,
              fromPrecision: existing.precision,
              to: saved.date,
              toPrecision: saved.precision,
            },
            actorUserId: actor.userId,
          });
        await audit({ action: "update", entity: "milestone", entityId: id, before: diff.before, after: diff.after });
        return saved;
      }),
    );
  }

  async removeMilestone(actor: Actor, solutionId: number, id: number) {
    const existing = await this.repo.milestone(solutionId, id);
    if (!existing) throw new NotFoundError();
    await deleteAudited(this.db, actor, "milestone", existing, (tx) => this.repo.with(tx).deleteMilestone(id));
  }

  // What a municipality must do, and what it costs

  async addTask(actor: Actor, solutionId: number, input: unknown): Promise<Result<number>> {
    await this.resource(solutionId);
    const parsed = taskInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const task = await createAudited(this.db, actor, "preparation_task", (tx) =>
      this.repo.with(tx).insertTask({ ...parsed.data, solutionId }),
    );
    return ok(task.id);
  }

  async removeTask(actor: Actor, solutionId: number, id: number) {
    const existing = await this.repo.task(solutionId, id);
    if (!existing) throw new NotFoundError();
    await deleteAudited(this.db, actor, "preparation_task", existing, (tx) => this.repo.with(tx).deleteTask(id));
  }

  /** The expected costs per size class; a class left without amounts has no estimate. */
  async saveCosts(actor: Actor, solutionId: number, input: unknown): Promise<Result<true>> {
    await this.resource(solutionId);
    const parsed = costsInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const rows = parsed.data.costs
      .filter((c) => c.oneOff !== null || c.yearly !== null)
      .map((c) => ({ sizeClass: c.sizeClass, oneOff: c.oneOff ?? 0, yearly: c.yearly ?? 0 }));
    const before = await this.repo.costsOf([solutionId]);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).replaceCosts(solutionId, rows);
      await audit({ action: "update", entity: "cost_estimates", entityId: solutionId, before, after: rows });
    });
    return ok(true);
  }

  // Joint rollouts

  /** The networks' rollout projects for a solution, each with the municipalities taking part. Only public projects are shown. */
  async rollouts(solutionId: number) {
    const links = (await this.repo.rolloutsOf(solutionId)).filter((r) => r.visibility === "public");
    const participants = await this.repo.rolloutParticipants(links.map((r) => r.projectId));
    return links.map((r) => ({ ...r, participants: participants.filter((p) => p.projectId === r.projectId) }));
  }

  /** Public projects of the networks the actor runs, which could carry a rollout of this solution. */
  async rolloutCandidates(actor: Actor | null, solution: NationalSolution, networkIds: number[]) {
    const own = networkIds.filter((id) => isSecretariat(actor, id) && (solution.networkId === null || solution.networkId === id));
    return this.repo.publicProjectsOf(own);
  }

  /**
   * Links a network's project as its rollout of the solution. The actor must run the project's
   * network; a regional initiative is rolled out by its own network only; the project must be public,
   * since the solution's page is.
   */
  async linkRollout(actor: Actor, solutionId: number, input: unknown): Promise<Result<number>> {
    const solution = await this.resource(solutionId);
    const parsed = rolloutInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const project = await this.repo.project(parsed.data.projectId);
    const refuse = (key: FieldError["key"]) => invalid<number>([{ field: "projectId", key }]);
    if (!project) return refuse("errors.choice");
    if (!runsNetworkOf(actor, project)) return refuse("errors.notYourNetwork");
    if (solution.networkId !== null && solution.networkId !== project.networkId) return refuse("errors.rolloutOtherNetwork");
    if (project.visibility !== "public") return refuse("errors.rolloutNotPublic");
    return audited(this.db, actor, async (tx, audit) => {
      const added = await this.repo.with(tx).insertRollout({ solutionId, projectId: project.id, byLabel: actor.label });
      if (!added) return refuse("errors.rolloutExists");
      await audit({ action: "create", entity: "rollout", entityId: solutionId, after: { projectId: project.id } });
      return ok(project.id);
    });
  }

  /** The solutions a project is the joint rollout of. */
  rolloutSolutionsOf(projectId: number) {
    return this.repo.rolloutSolutionsOf(projectId);
  }

  /** What removing a rollout link is checked against: the project's network. */
  async rolloutResource(projectId: number) {
    const project = await this.repo.project(projectId);
    if (!project) throw new NotFoundError();
    return { networkId: project.networkId };
  }

  /** Removes the link; the caller has checked the actor runs the project's network. */
  async unlinkRollout(actor: Actor, solutionId: number, projectId: number): Promise<void> {
    await audited(this.db, actor, async (tx, audit) => {
      if (!(await this.repo.with(tx).deleteRollout(solutionId, projectId))) throw new NotFoundError();
      await audit({ action: "delete", entity: "rollout", entityId: solutionId, before: { projectId } });
    });
  }
}
