import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import type { CheckedRow, Importer, ImportField, ImportProblem } from "../../../platform/import/importer.ts";
import type { AdoptionService } from "../adoption/adoption.service.ts";
import { COLUMNS, type Column, checkRows, type RowReport } from "./import.ts";

/** The fields of an adoption file: the same columns the upload and its template have (issue 9). */
const FIELDS: readonly ImportField[] = [
  { key: "code", label: "import.adoption.code", required: true, aliases: COLUMNS.code, hint: "import.adoption.codeHint" },
  {
    key: "solution",
    label: "import.adoption.solution",
    required: true,
    aliases: COLUMNS.solution,
    hint: "import.adoption.solutionHint",
  },
  { key: "status", label: "adoption.status", required: true, aliases: COLUMNS.status, hint: "import.adoption.statusHint" },
  { key: "date", label: "import.adoption.date", aliases: COLUMNS.date, hint: "import.adoption.dateHint" },
  { key: "comment", label: "import.adoption.comment", aliases: COLUMNS.comment },
];

/** The field a problem of the adoption check is about, when it names none. */
const FIELD_OF: Partial<Record<MessageKey, Column>> = {
  "errors.import.unknownOrganisation": "code",
  "errors.import.notInRemit": "code",
  "errors.import.unknownSolution": "solution",
  "errors.import.unknownStatus": "status",
  "errors.import.date": "date",
  "errors.import.duplicate": "solution",
  "errors.targetRequired": "date",
  "errors.targetInPast": "date",
  "errors.sinceRequired": "date",
  "errors.sinceInFuture": "date",
};
const fieldOfColumn = (column: string) => (Object.keys(COLUMNS) as Column[]).find((c) => COLUMNS[c][0] === column);

/**
 * The members' adoption statuses through the import's steps: the same checks and the same writes as
 * the upload of issue 9, with the columns mapped, the rows previewed and the mapping kept.
 */
export function adoptionImporter(adoption: AdoptionService): Importer<RowReport> {
  return {
    kind: "adoption",
    label: "import.adoption.kind",
    description: "import.adoption.description",
    fields: FIELDS,

    async check(db, scope, rows) {
      // A row without a status reports nothing (the template lists every member and solution, and most
      // have none yet): it is passed over, so the template comes back as it went out.
      const silent = rows.filter((r) => (r.values.status ?? "") === "");
      const reports = checkRows(
        rows.filter((r) => (r.values.status ?? "") !== "").map(({ line, values }) => ({ line, cells: values })),
        await adoption.importLookups(db, scope.network.id, scope.today),
      );
      const accepted = reports.filter((r) => !r.problems.length);
      const changed = new Set((await adoption.changedRows(db, accepted)).map((r) => r.line));
      const passedOver = silent.map(
        ({ line, values }): CheckedRow<RowReport> => ({
          line,
          label: `${values.code ?? ""}: ${values.solution ?? ""}`,
          problems: [],
          action: "unchanged",
        }),
      );
      const checked = reports.map((report): CheckedRow<RowReport> => {
        const label = `${report.organisation ? `${report.organisation.name} (${report.code})` : report.code}: ${report.solution}`;
        const problems = report.problems.map((p): ImportProblem => {
          const field = p.column ? fieldOfColumn(p.column) : FIELD_OF[p.key];
          return { key: p.key, ...(p.params ? { params: p.params } : {}), ...(field ? { field } : {}) };
        });
        if (problems.length) return { line: report.line, label, problems };
        return { line: report.line, label, problems, action: changed.has(report.line) ? "update" : "unchanged", input: report };
      });
      return [...checked, ...passedOver].sort((a, b) => a.line - b.line);
    },

    async apply(tx, scope, rows) {
      const changed = rows.filter((r) => r.action === "update").map((r) => r.input!);
      await adoption.applyRows(tx, scope.actor, scope.network.id, changed);
      return { created: 0, updated: changed.length, unchanged: rows.length - changed.length };
    },
  };
}
