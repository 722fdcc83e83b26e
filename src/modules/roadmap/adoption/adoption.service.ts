import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { actsForOrganisation } from "../../../platform/access/authorize.ts";
import { recordAudit } from "../../../platform/audit/audit.ts";
import { audited } from "../../../platform/audit/audited.ts";
import type { Db, DbOrTx } from "../../../platform/db/client.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { optionalDate, optionalText, requiredId, toFieldErrors } from "../../../platform/http/validation.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import { decodeCsv, type Malformed } from "../../../platform/import/table.ts";
import type { OrganisationReads } from "../../directory/index.ts";
import type { AccessService } from "../../networks/index.ts";
import { adoptionOverTime } from "../adoption-history/history.ts";
import { checkRows, type ImportLookups, type RowReport, readAdoptionCsv } from "../adoption-import/import.ts";
import { networkBudget, SETTLED } from "../budget/budget.ts";
import { municipalityPlan } from "../plan/plan.ts";
import type { RoadmapRepo } from "../roadmap.repo.ts";
import { ADOPTION_STATUSES, type AdoptionStatus } from "../schema.ts";
import { type AdopterFilter, type Adoption, AdoptionRepo } from "./adoption.repo.ts";

export const adoptionInput = z.object({
  solutionId: requiredId,
  status: z.enum(ADOPTION_STATUSES, "errors.choice"),
  targetDate: optionalDate,
  sinceDate: optionalDate,
  comment: optionalText(1000),
});
export type AdoptionInput = z.infer<typeof adoptionInput>;

/** The statuses that count as adopted in the totals. */
const ADOPTED: readonly AdoptionStatus[] = ["in_use"];

/**
 * The dates each status needs: "planned" a target date not in the past, "in use" the date it has
 * been in use since, not in the future. Answers the problems, named by the row's own fields.
 */
export function checkDates(row: AdoptionInput, today: string, prefix = ""): FieldError[] {
  const problems: FieldError[] = [];
  if (row.status === "planned") {
    if (!row.targetDate) problems.push({ field: `${prefix}targetDate`, key: "errors.targetRequired" });
    else if (row.targetDate < today) problems.push({ field: `${prefix}targetDate`, key: "errors.targetInPast" });
  }
  if (row.status === "in_use") {
    if (!row.sinceDate) problems.push({ field: `${prefix}sinceDate`, key: "errors.sinceRequired" });
    else if (row.sinceDate > today) problems.push({ field: `${prefix}sinceDate`, key: "errors.sinceInFuture" });
  }
  return problems;
}

/** A date belongs to its status only: a planned date is dropped once the solution is in use. */
const ownDatesOnly = (r: AdoptionInput): AdoptionInput => ({
  ...r,
  targetDate: r.status === "planned" ? r.targetDate : null,
  sinceDate: r.status === "in_use" ? r.sinceDate : null,
});

/** Whether a reported row says anything the current status does not; unchanged rows are not written again. */
const isChange = (now: Adoption | undefined, r: AdoptionInput) =>
  !now ||
  now.status !== r.status ||
  now.targetDate !== r.targetDate ||
  now.sinceDate !== r.sinceDate ||
  now.comment !== r.comment;

/**
 * Where every municipality and county municipality stands with every solution. An organisation's
 * representatives report their own; the secretariats of its networks may report for it. Every
 * report is kept, so adoption can be followed over time.
 */
export class AdoptionService {
  readonly repo: AdoptionRepo;

  constructor(
    private readonly db: Db,
    private readonly roadmap: RoadmapRepo,
    private readonly organisations: OrganisationReads,
    private readonly access: AccessService,
  ) {
    this.repo = new AdoptionRepo(db);
  }

  /** The organisation, if it is one that adopts national solutions (a municipality or county municipality). */
  async adopter(organisationId: number) {
    const org = await this.organisations.byId(organisationId);
    if (!org || !["municipality", "county_municipality"].includes(org.kind)) throw new NotFoundError();
    return org;
  }

  /** What is still coming to an organisation: its networks' roadmap, less what it has in use or finds not relevant. */
  async stillComing(organisationId: number) {
    const organisation = await this.adopter(organisationId);
    const { networkIds } = await this.access.organisationResource(organisation.id);
    const done = new Set(
      (await this.repo.of([organisation.id])).filter((a) => SETTLED.includes(a.status)).map((a) => a.solutionId),
    );
    const solutions = (await this.roadmap.solutionsFor(networkIds, osloToday())).filter((s) => !done.has(s.id));
    return { organisation, solutions };
  }

  /** A municipality's own roadmap, computed from the roadmap, its size and its adoption. */
  async plan(organisationId: number) {
    const organisation = await this.adopter(organisationId);
    const { networkIds } = await this.access.organisationResource(organisationId);
    const today = osloToday();
    const solutions = await this.roadmap.solutionsFor(networkIds, today);
    const ids = solutions.map((s) => s.id);
    const [milestones, tasks, costs, statuses] = await Promise.all([
      this.roadmap.milestonesOf(ids),
      this.roadmap.tasksOf(ids),
      this.roadmap.costsOf(ids),
      this.repo.of([organisationId]),
    ]);
    const plan = municipalityPlan({ today, population: organisation.population, solutions, milestones, tasks, costs, statuses });
    return { organisation, plan };
  }

  /** Whether the actor reports for this organisation. */
  async reportsFor(actor: Actor | null, organisationId: number): Promise<boolean> {
    return actsForOrganisation(actor, await this.access.organisationResource(organisationId));
  }

  /** One organisation's statuses, for every solution in its catalogue. */
  async ofOrganisation(organisationId: number) {
    const org = await this.adopter(organisationId);
    const [solutions, statuses] = await Promise.all([this.roadmap.list({}, osloToday()), this.repo.of([org.id])]);
    return { organisation: org, solutions: solutions.map((s) => s.solution), statuses };
  }

  /**
   * Saves an organisation's statuses, every row checked first: one wrong row and nothing is saved.
   * Rows that did not change are not written again.
   */
  async report(actor: Actor, organisationId: number, rows: unknown[]): Promise<Result<number>> {
    await this.adopter(organisationId);
    if (!(await this.reportsFor(actor, organisationId))) return invalid([{ field: "_", key: "errors.notYourOrganisation" }]);
    const today = osloToday();
    const known = new Set((await this.roadmap.list({}, today)).map((s) => s.solution.id));
    const errors: FieldError[] = [];
    const parsed: AdoptionInput[] = [];
    for (const raw of rows) {
      const prefix = `s${(raw as { solutionId?: unknown })?.solutionId ?? ""}.`;
      const result = adoptionInput.safeParse(raw);
      if (!result.success) {
        errors.push(...toFieldErrors(result.error).map((e) => ({ ...e, field: `${prefix}${e.field}` })));
        continue;
      }
      if (!known.has(result.data.solutionId)) errors.push({ field: `${prefix}status`, key: "errors.choice" });
      errors.push(...checkDates(result.data, today, prefix));
      parsed.push(result.data);
    }
    if (errors.length) return invalid(errors);
    const current = new Map((await this.repo.of([organisationId])).map((a) => [a.solutionId, a]));
    const changed = parsed.map(ownDatesOnly).filter((r) => isChange(current.get(r.solutionId), r));
    await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      for (const r of changed) await repo.upsert({ organisationId, ...r, byId: actor.userId, byLabel: actor.label });
      // Sent again unchanged is still reported: the quarter's reminder on the front page is answered.
      const changedIds = new Set(changed.map((r) => r.solutionId));
      await repo.confirm(
        organisationId,
        parsed.filter((r) => !changedIds.has(r.solutionId) && current.has(r.solutionId)).map((r) => r.solutionId),
      );
      if (changed.length)
        await audit({
          action: "update",
          entity: "adoption",
          entityId: organisationId,
          before: changed.map((r) => current.get(r.solutionId) ?? { solutionId: r.solutionId }),
          after: changed,
        });
    });
    return ok(changed.length);
  }

  /**
   * The adoption matrix: organisations as rows, solutions as columns, in four queries whatever its
   * size, with each column's share in use, by count and weighted by inhabitants, of every
   * organisation in scope. With `rows`, only that slice of the organisations has its cells read.
   */
  async matrix(filter: AdopterFilter & { category?: string | undefined }, rows?: { offset: number; limit: number }) {
    const today = osloToday();
    const [adopters, catalogue] = await Promise.all([
      this.repo.adopters(filter),
      this.roadmap.solutionsFor(filter.networkId ? [filter.networkId] : [], today),
    ]);
    const solutions = catalogue.filter((s) => !filter.category || s.category === filter.category);
    const shown = rows ? adopters.slice(rows.offset, rows.offset + rows.limit) : adopters;
    const [statuses, counted] = await Promise.all([
      this.repo.of(shown.map((a) => a.id)),
      this.repo.totals(
        adopters.map((a) => a.id),
        ADOPTED,
      ),
    ]);
    const cell = new Map(statuses.map((s) => [`${s.organisationId}:${s.solutionId}`, s]));
    const bySolution = new Map(counted.map((c) => [c.solutionId, c]));
    const population = adopters.reduce((sum, a) => sum + (a.population ?? 0), 0);
    const totals = solutions.map((s) => {
      const adopted = bySolution.get(s.id);
      return {
        solutionId: s.id,
        adopted: adopted?.organisations ?? 0,
        share: adopters.length ? (adopted?.organisations ?? 0) / adopters.length : 0,
        inhabitantShare: population ? (adopted?.inhabitants ?? 0) / population : 0,
      };
    });
    return {
      adopters,
      rows: shown,
      offset: rows?.offset ?? 0,
      solutions,
      statusOf: (orgId: number, solutionId: number) => cell.get(`${orgId}:${solutionId}`),
      totals,
    };
  }

  /** What the network's members are expected to spend per year on the solutions they have not adopted. */
  async budget(networkId: number, span = 4) {
    const today = osloToday();
    const members = await this.repo.adopters({ networkId });
    const solutions = await this.roadmap.solutionsFor([networkId], today);
    const ids = solutions.map((s) => s.id);
    const [milestones, costs, statuses] = await Promise.all([
      this.roadmap.milestonesOf(ids),
      this.roadmap.costsOf(ids),
      this.repo.of(members.map((m) => m.id)),
    ]);
    return networkBudget({ today, span, members, solutions, milestones, costs, statuses });
  }

  /** The organisations in scope of adoption (a network's members, a county's, or all), for other modules' sums. */
  adopters(filter: AdopterFilter) {
    return this.repo.adopters(filter);
  }
  /** These organisations' adoption statuses. */
  statusesOf(organisationIds: number[]) {
    return this.repo.of(organisationIds);
  }
  /** Every adoption status change of one solution, oldest first. */
  historyOfSolution(solutionId: number) {
    return this.repo.historyOfSolution(solutionId);
  }

  /** How adoption of one solution grew, quarter by quarter, among the organisations in scope. */
  async overTime(solutionId: number, filter: AdopterFilter) {
    const [adopters, rows] = await Promise.all([this.repo.adopters(filter), this.repo.historyOfSolution(solutionId)]);
    return { adopters: adopters.length, points: adoptionOverTime(rows, adopters, new Date()) };
  }

  /**
   * Bulk update from a CSV file, for a network's secretariat: every row is checked (the municipality
   * or county number, in the network; the solution; the status and its date; no row twice) and the
   * report says which rows were accepted and which refused, and why. Only a file without a refused
   * row is applied, in one transaction; a file that cannot be read at all is refused as a whole.
   */
  async importCsv(
    actor: Actor,
    networkId: number,
    file: Uint8Array | string,
  ): Promise<{ ok: false; malformed: Malformed } | { ok: true; applied: boolean; changed: number; rows: RowReport[] }> {
    const decoded = typeof file === "string" ? { text: file } : decodeCsv(file);
    if (!("text" in decoded)) return { ok: false, malformed: decoded };
    const read = readAdoptionCsv(decoded.text);
    if (!("rows" in read)) return { ok: false, malformed: read };
    const rows = checkRows(read.rows, await this.importLookups(this.db, networkId, osloToday()));
    if (rows.some((r) => r.problems.length)) return { ok: true, applied: false, changed: 0, rows };
    const changed = await this.changedRows(this.db, rows);
    await audited(this.db, actor, (tx) => this.applyRows(tx, actor, networkId, changed));
    return { ok: true, applied: true, changed: changed.length, rows };
  }

  /** What the rows of an upload are checked against, read through `db` (the applying transaction, when there is one). */
  async importLookups(db: DbOrTx, networkId: number, today: string): Promise<ImportLookups> {
    const repo = this.repo.with(db);
    // One after another: a transaction is one connection, which takes one statement at a time.
    const everyone = await repo.adopters({});
    const members = await repo.adopters({ networkId });
    const solutions = await this.roadmap.with(db).solutionsFor([networkId], today);
    const memberIds = new Set(members.map((m) => m.id));
    return {
      today,
      organisationByCode: new Map(
        everyone.filter((o) => o.code).map((o) => [o.code!, { id: o.id, name: o.name, inRemit: memberIds.has(o.id) }]),
      ),
      solutionByName: new Map(
        solutions.flatMap((s) => [[s.key.toLowerCase(), s.id] as const, [s.name.toLowerCase(), s.id] as const]),
      ),
    };
  }

  /** The accepted rows that say something the current statuses do not. */
  async changedRows(db: DbOrTx, rows: readonly RowReport[]): Promise<RowReport[]> {
    const current = new Map(
      (await this.repo.with(db).of([...new Set(rows.map((r) => r.organisation!.id))])).map((a) => [
        `${a.organisationId}:${a.solutionId}`,
        a,
      ]),
    );
    return rows.filter((r) => isChange(current.get(`${r.organisation!.id}:${r.input!.solutionId}`), r.input!));
  }

  /** Writes the changed rows of an upload in the caller's transaction, each kept in the history, with one audit entry. */
  async applyRows(tx: DbOrTx, actor: Actor, networkId: number, changed: readonly RowReport[]): Promise<void> {
    const repo = this.repo.with(tx);
    for (const r of changed)
      await repo.upsert({ organisationId: r.organisation!.id, ...r.input!, byId: actor.userId, byLabel: actor.label });
    if (changed.length)
      await recordAudit(tx, actor, {
        action: "update",
        entity: "adoption_import",
        entityId: networkId,
        after: changed.map((r) => ({ organisationId: r.organisation!.id, ...r.input })),
      });
  }
}
