import { parse } from "csv-parse/sync";
import { fromCsvCell } from "../../../platform/http/csv.ts";
import { toFieldErrors } from "../../../platform/http/validation.ts";
import { LOCALES, type MessageKey } from "../../../platform/i18n/i18n.ts";
import { readDate } from "../../../platform/import/importer.ts";
import type { Malformed } from "../../../platform/import/table.ts";
import { type AdoptionInput, adoptionInput, checkDates } from "../adoption/adoption.service.ts";
import { messages } from "../messages.ts";
import { ADOPTION_STATUSES, type AdoptionStatus } from "../schema.ts";

/** The columns of an adoption file, each with the names it may go by (nb, nn, en). */
export const COLUMNS = {
  code: ["kommunenummer", "fylkesnummer", "nummer", "municipality_number", "code"],
  solution: ["losning", "løsning", "løysing", "solution"],
  status: ["status"],
  date: ["dato", "date"],
  comment: ["kommentar", "comment"],
} as const;
export type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ["code", "solution", "status"];

/** The header a template is written with. */
export const TEMPLATE_HEADER = ["kommunenummer", "losning", "status", "dato", "kommentar"];

/** More rows than every municipality times a generous catalogue is not an adoption file. */
export const MAX_ROWS = 20_000;

export interface RowReport {
  /** The line in the file, the header being line 1. */
  line: number;
  code: string;
  solution: string;
  status: string;
  organisation?: { id: number; name: string };
  /** Present when the row is valid. */
  input?: AdoptionInput;
  /** Why the row is refused; `column` names the file's column when one field is wrong. */
  problems: { key: MessageKey; params?: Record<string, string | number>; column?: string }[];
}

/** The file's column each field of the form's and the API's schema comes from. */
const COLUMN_OF_FIELD: Record<string, Column> = {
  solutionId: "solution",
  status: "status",
  targetDate: "date",
  sinceDate: "date",
  comment: "comment",
};

export interface ImportLookups {
  today: string;
  /** Municipality and county numbers of the organisations the file may report for, and of all others. */
  organisationByCode: Map<string, { id: number; name: string; inRemit: boolean }>;
  /** Solutions by catalogue key and by lower-cased name. */
  solutionByName: Map<string, number>;
}

/** The file's rows, each with its header names mapped to the columns; or why it cannot be read. */
export function readAdoptionCsv(text: string): { rows: { line: number; cells: Partial<Record<Column, string>> }[] } | Malformed {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  // Spreadsheets in Norway write semicolons; others commas. The header says which.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { key: "errors.import.malformed", params: { line: line ?? "?" } };
  }
  const [header, ...body] = records;
  if (!header || body.length === 0) return { key: "errors.import.empty" };
  if (body.length > MAX_ROWS) return { key: "errors.import.tooMany", params: { max: MAX_ROWS } };
  const index = new Map<Column, number>();
  header.forEach((name, i) => {
    const column = (Object.keys(COLUMNS) as Column[]).find((c) => (COLUMNS[c] as readonly string[]).includes(name.toLowerCase()));
    if (column && !index.has(column)) index.set(column, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) return { key: "errors.import.columns", params: { columns: missing.map((c) => COLUMNS[c][0]).join(", ") } };
  return {
    rows: body.map((cells, i) => ({
      line: i + 2,
      // A template downloaded from Samverk marks text that looks like a formula; the mark comes off here.
      cells: Object.fromEntries([...index].map(([column, at]) => [column, fromCsvCell(cells[at] ?? "")])),
    })),
  };
}

/** Checks every row on its own and against the others; a row with no problems carries its input. */
export function checkRows(rows: { line: number; cells: Partial<Record<Column, string>> }[], lookups: ImportLookups): RowReport[] {
  const seen = new Map<string, number>();
  return rows.map(({ line, cells }) => {
    const code = cells.code ?? "";
    const solutionName = cells.solution ?? "";
    const statusText = cells.status ?? "";
    const report: RowReport = { line, code, solution: solutionName, status: statusText, problems: [] };
    const organisation = lookups.organisationByCode.get(code);
    if (!organisation) report.problems.push({ key: "errors.import.unknownOrganisation", params: { code } });
    else if (!organisation.inRemit)
      report.problems.push({ key: "errors.import.notInRemit", params: { name: organisation.name } });
    if (organisation) report.organisation = { id: organisation.id, name: organisation.name };
    const solutionId = lookups.solutionByName.get(solutionName.toLowerCase());
    if (solutionId === undefined) report.problems.push({ key: "errors.import.unknownSolution", params: { name: solutionName } });
    const status = STATUS_BY_LABEL.get(statusText.toLowerCase());
    if (!status) report.problems.push({ key: "errors.import.unknownStatus", params: { status: statusText } });
    const read = readDate(cells.date ?? "");
    if ("problem" in read) report.problems.push(read.problem);
    const date = "date" in read ? read.date : null;
    if (organisation && solutionId !== undefined) {
      const key = `${organisation.id}:${solutionId}`;
      const earlier = seen.get(key);
      if (earlier) report.problems.push({ key: "errors.import.duplicate", params: { line: earlier } });
      else seen.set(key, line);
    }
    if (report.problems.length || !organisation || solutionId === undefined || !status) return report;
    // The same schema as the form and the API: a row is refused for what they would refuse, never cut to fit.
    const parsed = adoptionInput.safeParse({
      solutionId,
      status,
      targetDate: status === "planned" && date ? date : null,
      sinceDate: status === "in_use" && date ? date : null,
      comment: cells.comment ?? "",
    });
    if (!parsed.success) {
      report.problems.push(
        ...toFieldErrors(parsed.error).map((p) => {
          const column = COLUMN_OF_FIELD[p.field];
          return { key: p.key, ...(p.params ? { params: p.params } : {}), ...(column ? { column: COLUMNS[column][0] } : {}) };
        }),
      );
      return report;
    }
    const input: AdoptionInput = parsed.data;
    const dateProblems = checkDates(input, lookups.today);
    report.problems.push(...dateProblems.map((p) => ({ key: p.key })));
    if (!dateProblems.length) report.input = input;
    return report;
  });
}

/** Every way a status may be written: its key, and its label in each language ("I bruk", "In use"). */
export const STATUS_BY_LABEL = new Map<string, AdoptionStatus>(
  ADOPTION_STATUSES.flatMap((status) => [
    [status, status] as const,
    ...LOCALES.map((locale) => [messages[locale][`adoption.status.${status}`].toLowerCase(), status] as const),
  ]),
);
