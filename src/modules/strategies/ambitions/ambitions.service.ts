import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { createAudited, deleteAudited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import type { Page } from "../../../platform/db/paging.ts";
import { invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import {
  optionalId,
  optionalText,
  requiredDate,
  requiredText,
  toFieldErrors,
  wholeNumber,
} from "../../../platform/http/validation.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import type { AdoptionService, RoadmapService } from "../../roadmap/index.ts";
import { AMBITION_KINDS } from "../schema.ts";
import { optionalYear } from "../strategies.service.ts";
import { type Ambition, AmbitionRepo } from "./ambitions.repo.ts";
import {
  type AmbitionState,
  type Measurement,
  type Member,
  measureAdoption,
  measureCoverage,
  measuredOn,
  measureJointProjects,
  stateOf,
} from "./measurement.ts";

export const ambitionInput = z
  .object({
    title: requiredText(300),
    kind: z.enum(AMBITION_KINDS, "errors.choice"),
    target: wholeNumber(1, 10000),
    deadline: requiredDate,
    year: optionalYear,
    solutionId: optionalId,
    description: optionalText(2000),
  })
  .superRefine((a, ctx) => {
    if (a.kind !== "joint_projects" && a.target > 100)
      ctx.addIssue({ code: "custom", path: ["target"], message: "errors.percent" });
    if (a.kind === "strategy_coverage" && a.year === null)
      ctx.addIssue({ code: "custom", path: ["year"], message: "errors.ambitionYear" });
    if (a.kind === "solution_adoption" && a.solutionId === null)
      ctx.addIssue({ code: "custom", path: ["solutionId"], message: "errors.ambitionSolution" });
  });

export const COVERAGE_STANDINGS = ["adopted", "in_progress", "expired", "none"] as const;
export type CoverageStanding = (typeof COVERAGE_STANDINGS)[number];

export interface AmbitionProgress {
  ambition: Ambition;
  measurement: Measurement;
  state: AmbitionState;
  /** The solution an adoption ambition is measured by. */
  solution: { id: number; name: string } | null;
  /** The deadline has passed: the measurement is of the deadline's day. */
  pastDeadline: boolean;
}

/**
 * A network's regional ambitions, each a target with a deadline measured from data the platform
 * already holds: adopted member strategies, adoption of national solutions, and the portfolio's
 * joint projects. An ambition that names data that does not exist is refused when it is stated.
 */
export class AmbitionService {
  readonly repo: AmbitionRepo;

  constructor(
    private readonly db: Db,
    private readonly roadmap: RoadmapService,
    private readonly adoption: AdoptionService,
  ) {
    this.repo = new AmbitionRepo(db);
  }

  async get(networkId: number, id: number): Promise<Ambition> {
    const ambition = await this.repo.byId(id);
    if (!ambition || ambition.networkId !== networkId) throw new NotFoundError();
    return ambition;
  }

  /** The national solutions an ambition of this network can be measured by. */
  solutionOptions(networkId: number) {
    return this.roadmap.solutionsFor([networkId]);
  }

  async create(actor: Actor, networkId: number, input: unknown): Promise<Result<Ambition>> {
    const parsed = ambitionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const a = parsed.data;
    // Only the fields of the chosen kind are kept; the others a form may have sent are dropped.
    const values = {
      ...a,
      networkId,
      year: a.kind === "strategy_coverage" ? a.year : null,
      solutionId: a.kind === "solution_adoption" ? a.solutionId : null,
    };
    if (values.solutionId !== null && !(await this.solutionOptions(networkId)).some((s) => s.id === values.solutionId))
      return invalid([{ field: "solutionId", key: "errors.ambitionNoData" }]);
    return ok(await createAudited(this.db, actor, "ambition", (tx) => this.repo.with(tx).insert(values)));
  }

  async remove(actor: Actor, networkId: number, id: number): Promise<void> {
    const ambition = await this.get(networkId, id);
    await deleteAudited(this.db, actor, "ambition", ambition, (tx) => this.repo.with(tx).delete(id));
  }

  /**
   * One ambition measured today, or on its deadline once that has passed: the value, the history
   * (reaching back before the deadline) and where each member stands.
   */
  async progress(ambition: Ambition, today = osloToday(), members?: Member[]): Promise<AmbitionProgress> {
    members ??= await this.adoption.adopters({ networkId: ambition.networkId });
    let measurement: Measurement;
    let solution: { id: number; name: string } | null = null;
    if (ambition.kind === "strategy_coverage") {
      const all = await this.repo.strategiesOf(members.map((m) => m.id));
      measurement = measureCoverage(members, all, ambition.year!, today, ambition.deadline);
    } else if (ambition.kind === "solution_adoption") {
      const found = await this.roadmap.resource(ambition.solutionId!);
      solution = { id: found.id, name: found.name };
      const on = measuredOn(ambition.deadline, today);
      const [statuses, history, reports] = await Promise.all([
        this.adoption.statusesOf(members.map((m) => m.id)),
        this.adoption.overTime(found.id, { networkId: ambition.networkId }),
        on < today ? this.adoption.historyOfSolution(found.id) : Promise.resolve([]),
      ]);
      let inUse: Set<number>;
      if (on < today) {
        // Past the deadline: each member's last status reported by the end of the deadline's day in Norway.
        const last = new Map<number, string>();
        for (const r of reports) if (osloToday(r.at) <= on) last.set(r.organisationId, r.status);
        inUse = new Set([...last].filter(([, status]) => status === "in_use").map(([id]) => id));
      } else
        inUse = new Set(statuses.filter((s) => s.solutionId === found.id && s.status === "in_use").map((s) => s.organisationId));
      measurement = measureAdoption(members, inUse, solution, history.points, today, ambition.deadline);
    } else {
      measurement = measureJointProjects(members, await this.repo.jointProjects(ambition.networkId), today, ambition.deadline);
    }
    return {
      ambition,
      measurement,
      solution,
      state: stateOf(measurement.value, ambition.target, ambition.deadline, today),
      pastDeadline: ambition.deadline < today,
    };
  }

  /**
   * Where each member stands with its own strategy this year: adopted and covering the year, being
   * worked on (a draft or on consultation), expired (adopted, but the period has ended), or none.
   */
  async coverage(networkId: number, year = Number(osloToday().slice(0, 4))) {
    const members = await this.adoption.adopters({ networkId });
    const list = (await this.repo.strategiesOf(members.map((m) => m.id))).filter((s) => s.status !== "replaced");
    return members.map((m) => {
      const own = list.filter((s) => s.organisationId === m.id);
      const strategy =
        own.find((s) => s.status === "adopted" && s.firstYear <= year && s.lastYear >= year) ??
        own.find((s) => s.status === "draft" || s.status === "consultation") ??
        own.find((s) => s.status === "adopted");
      const standing: CoverageStanding = !strategy
        ? "none"
        : strategy.status !== "adopted"
          ? "in_progress"
          : strategy.lastYear < year
            ? "expired"
            : strategy.firstYear > year
              ? "in_progress"
              : "adopted";
      return { id: m.id, name: m.name, standing, strategy: strategy ? { id: strategy.id, title: strategy.title } : null };
    });
  }

  /** Every ambition of the network, measured. */
  async ofNetwork(networkId: number): Promise<AmbitionProgress[]> {
    return this.measured(networkId, this.repo.list(networkId));
  }

  /** A page of the network's ambitions, with how many there are: only the page's ambitions are measured. */
  async pageOfNetwork(networkId: number, page: Page): Promise<{ items: AmbitionProgress[]; total: number }> {
    const listed = this.repo.listPage(networkId, page);
    const [items, { total }] = await Promise.all([
      this.measured(
        networkId,
        listed.then((p) => p.items),
      ),
      listed,
    ]);
    return { items, total };
  }

  /** These ambitions of the network, each measured against the same members, read once. */
  private async measured(networkId: number, ambitions: Promise<Ambition[]>): Promise<AmbitionProgress[]> {
    const [list, members] = await Promise.all([ambitions, this.adoption.adopters({ networkId })]);
    const today = osloToday();
    return Promise.all(list.map((a) => this.progress(a, today, members)));
  }
}
