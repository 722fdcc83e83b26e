import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { yearSpan } from "../../platform/annual-period.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { AnnualRecordCheck, AnnualSource } from "../../platform/module.ts";
import { benefitMeasurements, benefits, projects } from "./schema.ts";

const projectLink = { networkId: projects.networkId, visibility: projects.visibility, bodyId: projects.bodyId };

/** The annual report's projects started and finished in the year, and the benefits measured in it. */
export const projectsAnnual: AnnualSource = async ({ db }, { network, year, kind, viewer }) => {
  if (kind !== "report") return [];
  const { from, to } = yearSpan(year);
  const inYear = (column: typeof projects.startDate | typeof projects.endDate) => and(gte(column, from), lte(column, to));
  const [startedOrFinished, measured] = await Promise.all([
    db
      .select({
        id: projects.id,
        title: projects.title,
        phase: projects.phase,
        startDate: projects.startDate,
        endDate: projects.endDate,
      })
      .from(projects)
      .where(
        and(
          eq(projects.networkId, network.id),
          or(inYear(projects.startDate), inYear(projects.endDate)),
          visibleWhere(viewer, projectLink),
        ),
      )
      .orderBy(asc(projects.startDate), asc(projects.title)),
    db
      .select({
        projectId: projects.id,
        projectTitle: projects.title,
        title: benefits.title,
        unit: benefits.unit,
        baseline: benefits.baseline,
        target: benefits.target,
        measurements: sql<number>`count(*)::int`,
        // The year's last measurement of the project as a whole (a participant's own share is its own).
        latest: sql<number>`(array_agg(${benefitMeasurements.value} order by ${benefitMeasurements.measuredOn} desc))[1]`,
      })
      .from(benefitMeasurements)
      .innerJoin(benefits, eq(benefits.id, benefitMeasurements.benefitId))
      .innerJoin(projects, eq(projects.id, benefits.projectId))
      .where(
        and(
          eq(projects.networkId, network.id),
          isNull(benefitMeasurements.organisationId),
          gte(benefitMeasurements.measuredOn, from),
          lte(benefitMeasurements.measuredOn, to),
          visibleWhere(viewer, projectLink),
        ),
      )
      .groupBy(projects.id, projects.title, benefits.id, benefits.title, benefits.unit, benefits.baseline, benefits.target)
      .orderBy(asc(projects.title), asc(benefits.title)),
  ]);
  return [
    {
      id: "projects",
      title: "project.annual.startedFinished",
      columns: [
        { label: "annual.col.title" },
        { label: "project.phase" },
        { label: "project.annual.started" },
        { label: "project.annual.finished" },
      ],
      rows: startedOrFinished.map((p) => [
        { text: p.title, href: `/projects/${p.id}`, record: `project:${p.id}` as const },
        { label: `project.phase.${p.phase}` as MessageKey },
        p.startDate && p.startDate >= from && p.startDate <= to ? p.startDate : null,
        p.endDate && p.endDate >= from && p.endDate <= to ? p.endDate : null,
      ]),
    },
    {
      id: "benefits",
      title: "project.annual.benefits",
      columns: [
        { label: "annual.col.title" },
        { label: "project.annual.benefit" },
        { label: "project.annual.baseline", numeric: true },
        { label: "project.annual.latest", numeric: true },
        { label: "project.annual.target", numeric: true },
        { label: "project.annual.unit" },
      ],
      rows: measured.map((m) => [
        { text: m.projectTitle, href: `/projects/${m.projectId}`, record: `project:${m.projectId}` as const },
        m.title,
        m.baseline,
        m.latest,
        m.target,
        m.unit,
      ]),
    },
  ];
};

/** Which projects a viewer may still see, for the frozen annual tables that name them. */
export const projectsVisible: AnnualRecordCheck = async ({ db }, ids, viewer) =>
  (
    await db
      .select({ id: projects.id })
      .from(projects)
      .where(and(inArray(projects.id, [...ids]), visibleWhere(viewer, projectLink)))
  ).map((r) => r.id);
