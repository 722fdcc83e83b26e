import type { Actor } from "../../platform/access/actor.ts";
import { canSee } from "../../platform/access/visibility.ts";
import { yearSpan } from "../../platform/annual-period.ts";
import type { Db } from "../../platform/db/client.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { wholeNumber } from "../../platform/http/validation.ts";
import type { ModuleServices } from "../../platform/module.ts";
import { type AdoptionStatus, SIZE_CLASSES, type SizeClass, sizeClassOf } from "../roadmap/index.ts";
import { type Period, ReportsRepo } from "./reports.repo.ts";

export type { Period } from "./reports.repo.ts";

/** The figures every member is measured on, in the order the pages, downloads and API show them. */
export const FIGURES = [
  "projects",
  "led",
  "benefits",
  "solutions",
  "adoption",
  "needsRaised",
  "needsSupported",
  "inputs",
  "registrations",
  "attended",
  "seats",
  "fee",
  "releasedHours",
  "releasedAmount",
  "surveyResponses",
] as const;
export type Figure = (typeof FIGURES)[number];
/** A member's figures; null where there is nothing to measure (no relevant national solution, no budget the viewer may see). */
export type Figures = Record<Figure, number | null>;

/** A report's year in a query (?year=2026), inside the one date domain (decision 0020); none is the network's lifetime. */
export const wholeYear = wholeNumber(1900, 2200);

export function periodOf(year: number | undefined | null): Period {
  if (!year) return { year: null, from: null, to: null };
  const { from, to } = yearSpan(year);
  return { year, from, to };
}

/** The median of the values (the mean of the middle two for an even count); null when there are none. */
export function median(values: readonly (number | null)[]): number | null {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface MemberRow {
  organisationId: number;
  name: string;
  population: number | null;
  /** Null: no population registered, so no size class and no median to compare with. */
  sizeClass: SizeClass | null;
  level: string;
  figures: Figures;
}

/** Who may read what: the services the reports draw on besides their own SQL. */
type Sources = Pick<ModuleServices, "economy" | "surveys">;

/**
 * What each member got out of the cooperation: its figures beside the median of the network's members
 * of the same size class, for one member (its report) and for all (the comparison). Every figure is
 * counted over what the viewer may see, the medians too, so a count never gives a hidden record away.
 */
export class ReportService {
  private readonly repo: ReportsRepo;

  constructor(
    db: Db,
    private readonly sources: Sources,
  ) {
    this.repo = new ReportsRepo(db);
  }

  /** The networks an organisation is a member of, for the links to its reports. */
  networksOf(organisationId: number) {
    return this.repo.networksOf(organisationId);
  }

  /** Every member's figures for the period and the medians per size class, in a fixed number of queries. */
  async comparison(networkId: number, period: Period, viewer: Actor | null) {
    const years = { from: period.year ?? 1900, to: period.year ?? 2200 };
    const [members, projects, benefits, solutions, catalogue, adoption, needs, inputs, registrations, seats, money, surveys] =
      await Promise.all([
        this.repo.members(networkId, period),
        this.repo.projectCounts(networkId, period, viewer),
        this.repo.benefitCounts(networkId, period, viewer),
        this.repo.solutionRows(networkId, period, viewer),
        this.repo.nationalCatalogue(),
        this.repo.adoptionRows(networkId, period),
        this.repo.needCounts(networkId, period, viewer),
        this.repo.inputRows(networkId, period, viewer),
        this.repo.registrationRows(networkId, period, viewer),
        this.repo.seatRows(networkId, period, viewer),
        this.sources.economy.memberMoney(networkId, years, viewer),
        this.sources.surveys.memberSummaries(networkId, years, viewer),
      ]);
    const countBy = <R extends { organisationId: number }>(rows: readonly R[], value: (r: R) => number = () => 1) => {
      const out = new Map<number, number>();
      for (const r of rows) out.set(r.organisationId, (out.get(r.organisationId) ?? 0) + value(r));
      return out;
    };
    const projectsBy = new Map(projects.map((r) => [r.organisationId, r]));
    const benefitsBy = new Map(benefits.map((r) => [r.organisationId, r.benefits]));
    const needsBy = new Map(needs.map((r) => [r.organisationId, r]));
    const solutionsBy = countBy(solutions);
    const inputsBy = countBy(inputs);
    const confirmedBy = countBy(registrations, (r) => r.confirmed);
    const attendedBy = countBy(registrations, (r) => r.attended);
    const seatsBy = countBy(seats);
    const adoptionBy = new Map<number, { inUse: number; notRelevant: number }>();
    for (const a of adoption) {
      const s = adoptionBy.get(a.organisationId) ?? { inUse: 0, notRelevant: 0 };
      if (inUseBy(a, period)) s.inUse++;
      if (a.status === "not_relevant") s.notRelevant++;
      adoptionBy.set(a.organisationId, s);
    }
    const rows: MemberRow[] = members.map((m) => {
      const p = projectsBy.get(m.organisationId);
      const a = adoptionBy.get(m.organisationId) ?? { inUse: 0, notRelevant: 0 };
      const relevant = catalogue.length - a.notRelevant;
      const pay = money.get(m.organisationId);
      const answered = surveys.get(m.organisationId) ?? [];
      return {
        organisationId: m.organisationId,
        name: m.name,
        population: m.population,
        // sizeClassOf(null) is the smallest class: an unknown population must not pass for a small one.
        sizeClass: m.population === null ? null : sizeClassOf(m.population),
        level: m.level,
        figures: {
          projects: p?.projects ?? 0,
          led: p?.led ?? 0,
          benefits: benefitsBy.get(m.organisationId) ?? 0,
          solutions: solutionsBy.get(m.organisationId) ?? 0,
          adoption: relevant > 0 ? a.inUse / relevant : null,
          needsRaised: needsBy.get(m.organisationId)?.raised ?? 0,
          needsSupported: needsBy.get(m.organisationId)?.supported ?? 0,
          inputs: inputsBy.get(m.organisationId) ?? 0,
          registrations: confirmedBy.get(m.organisationId) ?? 0,
          attended: attendedBy.get(m.organisationId) ?? 0,
          seats: seatsBy.get(m.organisationId) ?? 0,
          fee: money.size ? (pay?.fee ?? 0) : null,
          releasedHours: money.size ? (pay?.releasedHours ?? 0) : null,
          releasedAmount: money.size ? (pay?.releasedAmount ?? 0) : null,
          surveyResponses: answered.reduce((n, s) => n + s.responses, 0),
        },
      };
    });
    const medians = Object.fromEntries(
      SIZE_CLASSES.map((size) => {
        const inClass = rows.filter((r) => r.sizeClass === size);
        return [
          size,
          {
            members: inClass.length,
            figures: Object.fromEntries(FIGURES.map((f) => [f, median(inClass.map((r) => r.figures[f]))])) as Figures,
          },
        ];
      }),
    ) as Record<SizeClass, { members: number; figures: Figures }>;
    return {
      period,
      members: rows,
      medians,
      nationalSolutions: catalogue.length,
      detail: { solutions, catalogue, adoption, inputs, registrations, seats, surveys, money },
    };
  }

  /**
   * One member's report: its figures beside its size class's median, and the records behind them
   * that the viewer may see. 404 when the organisation is not a member of the network in the period.
   */
  async memberReport(networkId: number, organisationId: number, period: Period, viewer: Actor | null) {
    const [comparison, projects, needs] = await Promise.all([
      this.comparison(networkId, period, viewer),
      this.repo.projectList(networkId, organisationId, period, viewer),
      this.repo.needList(networkId, organisationId, period, viewer),
    ]);
    const member = comparison.members.find((m) => m.organisationId === organisationId);
    if (!member) throw new NotFoundError();
    const measurements = await this.repo.benefitMeasurementsOf(
      projects.map((p) => p.id),
      organisationId,
      period,
    );
    const { detail } = comparison;
    const mine = <R extends { organisationId: number }>(rows: readonly R[]) =>
      rows.filter((r) => r.organisationId === organisationId);
    const memberCount = comparison.members.length;
    const statusOf = new Map(mine(detail.adoption).map((a) => [a.solutionId, a]));
    const inUseCount = new Map<number, number>();
    for (const a of detail.adoption)
      if (inUseBy(a, period)) inUseCount.set(a.solutionId, (inUseCount.get(a.solutionId) ?? 0) + 1);
    return {
      member,
      period,
      median: member.sizeClass ? comparison.medians[member.sizeClass] : null,
      memberCount,
      projects: projects.map((p) => ({
        ...p,
        benefits: benefitsOf(
          measurements.filter((m) => m.projectId === p.id),
          organisationId,
        ),
      })),
      solutions: mine(detail.solutions),
      adoption: detail.catalogue.map((s) => ({
        solutionId: s.id,
        name: s.name,
        status: (statusOf.get(s.id)?.status ?? null) as AdoptionStatus | null,
        inUse: statusOf.has(s.id) && inUseBy(statusOf.get(s.id)!, period),
        networkShare: memberCount ? (inUseCount.get(s.id) ?? 0) / memberCount : null,
      })),
      needs,
      inputs: inputsPerConsultation(
        mine(detail.inputs),
        // Only the network's people see the references: published inputs carry no name, and a
        // reference beside the member's name would say who sent which.
        canSee(viewer, { networkId, visibility: "network" }),
      ),
      gatherings: mine(detail.registrations),
      seats: mine(detail.seats),
      money: detail.money.size ? (detail.money.get(organisationId) ?? { fee: 0, releasedHours: 0, releasedAmount: 0 }) : null,
      surveys: detail.surveys.get(organisationId) ?? [],
    };
  }
}

/** A member's inputs per consultation: how many, and their references where the viewer may see them (else null). */
function inputsPerConsultation(
  rows: readonly { consultationId: number; consultationTitle: string; published: boolean; reference: string }[],
  withReferences: boolean,
) {
  const out = new Map<
    number,
    { consultationId: number; consultationTitle: string; published: boolean; inputs: number; references: string[] | null }
  >();
  for (const r of rows) {
    const c = out.get(r.consultationId) ?? {
      consultationId: r.consultationId,
      consultationTitle: r.consultationTitle,
      published: r.published,
      inputs: 0,
      references: withReferences ? [] : null,
    };
    c.inputs++;
    c.references?.push(r.reference);
    out.set(r.consultationId, c);
  }
  return [...out.values()];
}

/** In use by the period's end: in use now, since a date no later than the period's end (or an unknown date). */
function inUseBy(a: { status: AdoptionStatus; sinceDate: string | null }, period: Period): boolean {
  return a.status === "in_use" && (period.to === null || a.sinceDate === null || a.sinceDate <= period.to);
}

/** A project's benefits as one member sees them: its own latest measurement and the project's, each with its achievement. */
function benefitsOf(
  rows: readonly {
    benefitId: number;
    title: string;
    unit: string;
    baseline: number;
    target: number;
    organisationId: number | null;
    measuredOn: string | null;
    value: number | null;
  }[],
  organisationId: number,
) {
  const out = new Map<
    number,
    {
      benefitId: number;
      title: string;
      unit: string;
      baseline: number;
      target: number;
      own: number | null;
      project: number | null;
    }
  >();
  for (const r of rows) {
    const b = out.get(r.benefitId) ?? {
      benefitId: r.benefitId,
      title: r.title,
      unit: r.unit,
      baseline: r.baseline,
      target: r.target,
      own: null,
      project: null,
    };
    // Rows come in the order measured: the last of each kind is the latest.
    if (r.value !== null && r.organisationId === organisationId) b.own = r.value;
    if (r.value !== null && r.organisationId === null) b.project = r.value;
    out.set(r.benefitId, b);
  }
  const achieved = (b: { baseline: number; target: number }, v: number | null) =>
    v === null || b.target === b.baseline ? null : (v - b.baseline) / (b.target - b.baseline);
  return [...out.values()].map((b) => ({ ...b, ownAchievement: achieved(b, b.own), projectAchievement: achieved(b, b.project) }));
}
