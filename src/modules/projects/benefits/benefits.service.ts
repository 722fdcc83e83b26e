import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { audited, createAudited, deleteAudited, updateAudited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import { type FieldError, invalid, NotFoundError, ok } from "../../../platform/http/errors.ts";
import {
  optionalDate,
  optionalId,
  optionalText,
  requiredDate,
  requiredText,
  toFieldErrors,
} from "../../../platform/http/validation.ts";
import type { PeopleReads } from "../../directory/index.ts";
import type { ProjectRepo } from "../projects.repo.ts";
import { BENEFIT_TYPES, type BenefitType } from "../schema.ts";
import { BenefitRepo } from "./benefits.repo.ts";

/**
 * A measured quantity: decimals with comma or point, negative allowed (a benefit can turn out as a
 * loss). It must be given: an empty field, a missing or a null value is "fill in", never 0.
 */
const quantity = z.preprocess(
  (v) => {
    if (v === null) return undefined;
    if (typeof v !== "string") return v;
    const s = v.replace(/[\s\u00a0]/g, "").replace(",", ".");
    if (s === "") return undefined;
    const n = Number(s);
    return Number.isNaN(n) ? v : n;
  },
  z
    .number({ error: (issue) => (issue.input === undefined ? "errors.required" : "errors.number") })
    .finite("errors.number")
    .min(-1e12, "errors.number")
    .max(1e12, "errors.number"),
);

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
  /** The participating organisation whose own benefit this is; none: the project as a whole. */
  organisationId: optionalId,
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

/** Each participating organisation's own realised benefit: its latest measurement (by date, then by entry), with its achievement. */
export function perOrganisation(
  benefit: { baseline: number; target: number },
  series: readonly { organisationId: number | null; organisationName: string | null; measuredOn: string; value: number }[],
) {
  const latest = new Map<number, (typeof series)[number]>();
  // The series comes ordered by date and id, so the last one seen for an organisation is its latest.
  for (const m of series) if (m.organisationId !== null) latest.set(m.organisationId, m);
  return [...latest.values()].map((m) => ({
    organisationId: m.organisationId!,
    organisationName: m.organisationName ?? "",
    measuredOn: m.measuredOn,
    latest: m.value,
    achievement: achievement(benefit, m.value),
  }));
}

/** Benefits with their indicator, baseline and target, and the measurements that follow them. */
export class BenefitService {
  private readonly benefitRepo: BenefitRepo;

  constructor(
    private readonly db: Db,
    private readonly repo: ProjectRepo,
    private readonly people: PeopleReads,
  ) {
    this.benefitRepo = new BenefitRepo(db);
  }

  /**
   * The project's benefits, each with its measurements, achievement and trend. The achievement and
   * trend are the project's as a whole (measurements naming no organisation); each participating
   * organisation's own realised benefit is its latest measurement (`organisations`).
   */
  async ofProject(id: number) {
    const rows = await this.benefitRepo.benefitsOf([id]);
    const measurements = await this.benefitRepo.measurementsOf(rows.map((b) => b.benefit.id));
    return rows.map(({ benefit, ownerName }) => {
      const series = measurements.filter((m) => m.benefitId === benefit.id);
      const values = series.filter((m) => m.organisationId === null).map((m) => m.value);
      return {
        ...benefit,
        ownerName,
        measurements: series,
        achievement: achievement(benefit, values.at(-1)),
        trend: trend(benefit, values),
        organisations: perOrganisation(benefit, series),
      };
    });
  }

  async addBenefit(actor: Actor, id: number, input: unknown) {
    if (!(await this.repo.byId(id))) throw new NotFoundError();
    const parsed = benefitInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problems = await this.checkOwner(parsed.data.ownerPersonId);
    if (problems.length) return invalid(problems);
    return ok(
      await createAudited(this.db, actor, "benefit", (tx) =>
        this.benefitRepo.with(tx).insertBenefit({ ...parsed.data, projectId: id }),
      ),
    );
  }

  async getBenefit(id: number, benefitId: number) {
    const benefit = await this.benefitRepo.benefit(id, benefitId);
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
        this.benefitRepo.with(tx).updateBenefit(benefitId, parsed.data),
      ),
    );
  }

  async removeBenefit(actor: Actor, id: number, benefitId: number) {
    const existing = await this.getBenefit(id, benefitId);
    await deleteAudited(this.db, actor, "benefit", existing, (tx) => this.benefitRepo.with(tx).deleteBenefit(benefitId));
  }

  /** A measurement belongs to a benefit of this project; one of another project is not found here. */
  async addMeasurement(actor: Actor, id: number, benefitId: number, input: unknown) {
    await this.getBenefit(id, benefitId);
    const parsed = measurementInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const organisationId = parsed.data.organisationId;
    if (organisationId !== null && !(await this.repo.participantsOf([id])).some((p) => p.organisationId === organisationId))
      return invalid([{ field: "organisationId", key: "benefit.notParticipant" }]);
    return ok(
      await createAudited(this.db, actor, "benefit_measurement", (tx) =>
        this.benefitRepo.with(tx).insertMeasurement({ ...parsed.data, benefitId }),
      ),
    );
  }

  async removeMeasurement(actor: Actor, id: number, benefitId: number, measurementId: number) {
    await this.getBenefit(id, benefitId);
    await audited(this.db, actor, async (tx, audit) => {
      const removed = await this.benefitRepo.with(tx).deleteMeasurement(benefitId, measurementId);
      if (!removed) throw new NotFoundError();
      await audit({
        action: "delete",
        entity: "benefit_measurement",
        entityId: measurementId,
        before: removed,
      });
    });
  }

  private async checkOwner(personId: number | null): Promise<FieldError[]> {
    if (personId === null) return [];
    return (await this.people.byIds([personId])).length ? [] : [{ field: "ownerPersonId", key: "errors.choice" }];
  }

  /** The benefits of these projects with their latest measurement and achievement, and sums per type and unit. */
  async overview(items: readonly { id: number; title: string }[]) {
    const titles = new Map(items.map((p) => [p.id, p.title]));
    const rows = await this.benefitRepo.benefitsOf([...titles.keys()]);
    const measurements = await this.benefitRepo.measurementsOf(rows.map((r) => r.benefit.id));
    const latest = new Map<number, { values: number[] }>();
    // The portfolio sums the projects' own measurements; an organisation's share is counted in its member report.
    for (const m of measurements.filter((x) => x.organisationId === null))
      latest.set(m.benefitId, {
        values: [...(latest.get(m.benefitId)?.values ?? []), m.value],
      });
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
      {
        type: BenefitType;
        unit: string;
        count: number;
        baseline: number;
        target: number;
        latest: number;
        measured: number;
      }
    >();
    for (const b of benefits) {
      const key = `${b.type}|${b.unit.toLowerCase()}`;
      const g = groups.get(key) ?? {
        type: b.type,
        unit: b.unit,
        count: 0,
        baseline: 0,
        target: 0,
        latest: 0,
        measured: 0,
      };
      g.count++;
      g.baseline += b.baseline;
      g.target += b.target;
      // Unmeasured benefits count as still at their baseline.
      g.latest += b.latest ?? b.baseline;
      if (b.latest !== null) g.measured++;
      groups.set(key, g);
    }
    const sums = [...groups.values()].map((g) => ({
      ...g,
      achievement: achievement(g, g.latest),
    }));
    return { projectCount: items.length, benefits, sums };
  }
}
