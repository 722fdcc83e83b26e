import { eq, inArray } from "drizzle-orm";
import { publishEvent } from "../../../platform/activity/activity.ts";
import { recordAudit } from "../../../platform/audit/audit.ts";
import { toFieldErrors } from "../../../platform/http/validation.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import {
  type CheckedRow,
  choiceReader,
  headerKey,
  type Importer,
  type ImportField,
  type ImportPreset,
  readDate,
  recordIdOf,
  rowReader,
} from "../../../platform/import/importer.ts";
import { statusLabel } from "../labels.tsx";
import type { StatusReport } from "../projects.repo.ts";
import { ReportRepo } from "../reports/reports.repo.ts";
import { statusReportInput } from "../reports/reports.service.ts";
import { projects, STATUS_COLOURS, STATUS_DIMENSIONS, type StatusColour, statusReports } from "../schema.ts";

type ReportValues = ReturnType<typeof statusReportInput.parse>;

/** An accepted row: a new status report of a project. */
export interface ReportRow {
  projectId: number;
  values: ReportValues;
}

/** The dimensions besides the overall one, each with its comment. */
const DIMENSIONS = STATUS_DIMENSIONS.filter((d) => d !== "overall");

const FIELDS: readonly ImportField[] = [
  {
    key: "project",
    label: "import.report.project",
    required: true,
    aliases: ["prosjekt", "project", "prosjektnavn", "sitetitle"],
    hint: "import.report.projectHint",
  },
  {
    key: "reportDate",
    label: "report.date",
    required: true,
    aliases: ["rapportdato", "dato", "date", "opprettet", "created"],
    hint: "imports.dateHint",
  },
  ...STATUS_DIMENSIONS.flatMap((d): ImportField[] => [
    {
      key: d,
      label: `report.dimension.${d}` as MessageKey,
      ...(d === "overall" ? { hint: "import.report.overallHint" as MessageKey } : {}),
    },
    { key: `${d}Comment`, label: "import.report.comment", aliases: [`${d} comment`] },
  ]),
];

/**
 * Prosjektportalen 365's status report list ("Prosjektstatus") as SharePoint exports it: its status
 * columns by display name and internal name. Its overall status is a text (GtOverallStatus, a note),
 * so it becomes the overall comment, and the overall colour is the worst of the others.
 */
export const PROSJEKTPORTALEN_STATUS: ImportPreset = {
  key: "prosjektportalen-365-status",
  name: "Prosjektportalen 365: prosjektstatus",
  description: "import.report.prosjektportalen",
  headers: {
    project: ["Prosjekt", "Project", "SiteTitle", "GtSiteTitle"],
    reportDate: ["Rapportdato", "Opprettet", "Created", "GtLastReportDate"],
    overallComment: ["Overordnet status", "Overall status", "GtOverallStatus"],
    time: ["Fremdrift", "Status fremdrift", "Schedule", "GtStatusTime"],
    timeComment: ["Kommentar fremdrift", "GtStatusTimeComment"],
    cost: ["Økonomi", "Status økonomi", "Budget", "GtStatusBudget"],
    costComment: ["Kommentar økonomi", "GtStatusBudgetComment"],
    quality: ["Kvalitet", "Status kvalitet", "Quality", "GtStatusQuality"],
    qualityComment: ["Kommentar kvalitet", "GtStatusQualityComment"],
    risk: ["Risiko", "Status risiko", "Risk", "GtStatusRisk"],
    riskComment: ["Kommentar risiko", "GtStatusRiskComment"],
    benefit: ["Gevinstoppnåelse", "Status gevinstoppnåelse", "Gain achievement", "GtStatusGainAchievement"],
    benefitComment: ["Kommentar gevinstoppnåelse", "GtStatusGainAchievementComment"],
  },
};

/**
 * A colour as Samverk names it (Grønn, Yellow …) or as Prosjektportalen's status choices do: on plan
 * or better is green, minor deviations (and "don't know" for the budget) yellow, larger ones red; risk
 * low, medium and high; a benefit not yet begun is not behind, so green.
 */
const readColour = choiceReader(STATUS_COLOURS, statusLabel, {
  "På plan": "green",
  "Foran plan": "green",
  "Mindre forsinkelser": "yellow",
  Forsinket: "red",
  "Ikke påbegynt": "green",
  "På budsjett": "green",
  "Under budsjett": "green",
  "Mindre overskridelser": "yellow",
  "Over budsjett": "red",
  "Vet ikke": "yellow",
  "Bedre enn spesifikasjon": "green",
  "Ihht. spesifikasjon": "green",
  "Mindre avvik fra spesifikasjon": "yellow",
  "Større avvik fra spesifikasjon": "red",
  Lav: "green",
  Medium: "yellow",
  Høy: "red",
});

const WORST: readonly StatusColour[] = ["red", "yellow", "green"];

/** Status reports of the network's projects: each row a new dated report; one of the same date is found as before. */
export function statusReportImporter(): Importer<ReportRow> {
  return {
    kind: "status-reports",
    label: "import.report.kind",
    description: "import.report.description",
    fields: FIELDS,
    presets: [PROSJEKTPORTALEN_STATUS],

    async check(db, scope, rows) {
      // Read through `db`: when applying, the transaction (decision 0039).
      const inNetwork = await db.select().from(projects).where(eq(projects.networkId, scope.network.id));
      const ids = inNetwork.map((p) => p.id);
      const existing = ids.length ? await db.select().from(statusReports).where(inArray(statusReports.projectId, ids)) : [];
      const byId = new Map(inNetwork.map((p) => [p.id, p]));
      const byTitle = new Map<string, typeof inNetwork>();
      for (const p of inNetwork) byTitle.set(headerKey(p.title), [...(byTitle.get(headerKey(p.title)) ?? []), p]);
      const reportOn = new Map<string, StatusReport>(existing.map((r) => [`${r.projectId}@${r.reportDate}`, r]));
      const seen = new Map<string, number>();

      return rows.map(({ line, values }): CheckedRow<ReportRow> => {
        const { problems, text, problem } = rowReader(values);

        // The project by its address, or by its title in the network.
        const id = recordIdOf(text("project"), "projects");
        const named = id ? [byId.get(id)].filter((p) => p !== undefined) : (byTitle.get(headerKey(text("project"))) ?? []);
        if (text("project") === "") problem("project", "errors.required");
        else if (named.length === 0)
          problem("project", "errors.import.report.project", { project: text("project"), network: scope.network.name });
        else if (named.length > 1)
          problem("project", "errors.import.project.ambiguous", { title: text("project"), count: named.length });
        const project = named.length === 1 ? named[0] : undefined;

        const given: Record<string, unknown> = {};
        const date = readDate(text("reportDate"));
        if ("problem" in date) problems.push({ ...date.problem, field: "reportDate" });
        else given.reportDate = date.date;
        for (const d of STATUS_DIMENSIONS) {
          given[`${d}Comment`] = text(`${d}Comment`);
          if (text(d) === "") continue;
          const colour = readColour(text(d));
          if (colour) given[d] = colour;
          else problem(d, "errors.import.report.colour", { value: text(d) });
        }
        // Prosjektportalen's overall status is text: the overall colour is then the worst of the others.
        if (text("overall") === "" && DIMENSIONS.every((d) => given[d]))
          given.overall = WORST.find((c) => DIMENSIONS.some((d) => given[d] === c));

        const key = project && typeof given.reportDate === "string" ? `${project.id}@${given.reportDate}` : "";
        if (key) {
          const earlier = seen.get(key);
          if (earlier) problem("reportDate", "errors.import.duplicateLine", { line: earlier });
          else seen.set(key, line);
        }
        const parsed = statusReportInput.safeParse(given);
        if (!parsed.success)
          for (const e of toFieldErrors(parsed.error))
            problems.push({ key: e.key, field: e.field, ...(e.params ? { params: e.params } : {}) });
        const label = `${project?.title ?? text("project")} ${text("reportDate")}`.trim();
        if (problems.length || !parsed.success || !project) return { line, label, problems };

        // A report of that date is already there: the same one is as before; another is not written over.
        const same = reportOn.get(key);
        if (same) {
          const equal = STATUS_DIMENSIONS.every(
            (d) => same[d] === parsed.data[d] && same[`${d}Comment`] === parsed.data[`${d}Comment`],
          );
          return equal
            ? { line, label, problems, action: "unchanged" }
            : { line, label, problems: [{ field: "reportDate", key: "errors.import.report.exists" }] };
        }
        return { line, label, problems, action: "create", input: { projectId: project.id, values: parsed.data } };
      });
    },

    async apply(tx, scope, rows) {
      const repo = new ReportRepo(tx);
      let created = 0;
      for (const row of rows) {
        if (row.action !== "create") continue;
        const { projectId, values } = row.input!;
        const report = await repo.insertReport({ ...values, projectId, createdById: scope.actor.userId });
        // As a report written on the project's page: its followers hear of it.
        await publishEvent(tx, {
          kind: "project",
          id: projectId,
          type: "status_reported",
          data: { overall: report.overall },
          actorUserId: scope.actor.userId,
        });
        await recordAudit(tx, scope.actor, { action: "create", entity: "status_report", entityId: report.id, after: report });
        created++;
      }
      return { created, updated: 0, unchanged: rows.length - created };
    },
  };
}
