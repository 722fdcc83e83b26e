import type { Actor } from "../access/actor.ts";
import type { DbOrTx } from "../db/client.ts";
import { isDomainDate } from "../http/validation.ts";
import { i18nFor, LOCALES, type MessageKey, type Translate } from "../i18n/i18n.ts";

/**
 * What a module lets a network's secretariat bring in from a spreadsheet (decision 0039): the fields
 * a row is read into, how rows are checked, and how accepted rows are written. The imports module runs
 * the steps (upload, mapping, preview, apply, report); the importer knows its own records.
 */
export interface Importer<I = unknown> {
  /** Stable name, in addresses and saved mappings ("projects"). */
  kind: string;
  label: MessageKey;
  /** What the importer brings in, one sentence for the choice of kind. */
  description: MessageKey;
  fields: readonly ImportField[];
  /** Mappings shipped with Samverk for files from other systems (Prosjektportalen 365). */
  presets?: readonly ImportPreset[];
  /**
   * Checks every row on its own, against the others and against the database as it is now (in `db`,
   * the transaction that will write them when applying). A row without problems carries its input.
   */
  check(db: DbOrTx, run: ImportScope, rows: readonly ImportRow[]): Promise<CheckedRow<I>[]>;
  /** Writes the checked rows, all of them without problems, in the caller's transaction. */
  apply(tx: DbOrTx, run: ImportScope, rows: readonly CheckedRow<I>[]): Promise<ImportCounts>;
}

/** One of Samverk's fields a file's column can be read into. */
export interface ImportField {
  key: string;
  label: MessageKey;
  /** A row without it is refused, and the mapping must name a column for it. */
  required?: boolean;
  /**
   * Header names it goes by besides its label in each language, as they are written in other
   * systems' exports; compared without case, accents or punctuation.
   */
  aliases?: readonly string[];
  /** What the column holds, shown on the mapping form ("a date: 2027-03-01 or 01.03.2027"). */
  hint?: MessageKey;
}

/** A shipped mapping: for each field, the headers another system writes it under. */
export interface ImportPreset {
  key: string;
  name: string;
  /** Where the mapping comes from, for the page that offers it. */
  description: MessageKey;
  headers: Readonly<Record<string, readonly string[]>>;
}

/** Who imports into which network, and the day it is. */
export interface ImportScope {
  actor: Actor;
  network: { id: number; slug: string; name: string };
  today: string;
}

/** A row of the file read through the mapping: each mapped field's text, the header being line 1. */
export interface ImportRow {
  line: number;
  values: Readonly<Record<string, string>>;
}

export interface ImportProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
  /** The field the problem is in, when it is one field's. */
  field?: string;
}

/** What applying a row does: makes a record, changes one, or finds it as the file has it. */
export type RowAction = "create" | "update" | "unchanged";

/** A value as the preview shows it: text as it is, or a label to translate (a phase, a kind). */
export type ShownValue = string | { key: MessageKey };

/** What an update changes in one field, as the preview shows it ("Phase: Idea → Execution"). */
export interface RowChange {
  field: string;
  from: ShownValue;
  to: ShownValue;
}

export interface CheckedRow<I = unknown> {
  line: number;
  /** What the report calls the row (a title, a name). */
  label: string;
  problems: ImportProblem[];
  action?: RowAction;
  /** For an update: each field it changes, from what to what. */
  changes?: RowChange[];
  /** Present when the row has no problems. */
  input?: I;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * What an importer's apply throws when a record changed after its row was checked in the same
 * transaction (another save committed between, as PostgreSQL's read committed allows): nothing is
 * written, and the secretariat is asked to look over the rows again.
 */
export class RowsChanged extends Error {
  constructor(what: string) {
    super(`${what} changed while it was imported`);
  }
}

/** A mapping: for each field, the index of the file's column it is read from. */
export type Mapping = Record<string, number>;

/** "Startdato", "start_date" and "Start date" compare equal; "Løsning" and "losning" do too. */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "a")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]/g, "");
}

/** The names a field goes by: its key, its label in each language and its aliases. */
export function namesOf(field: ImportField): string[] {
  return [field.key, ...LOCALES.map((l) => i18nFor(l).t(field.label)), ...(field.aliases ?? [])];
}

/**
 * A suggested mapping from the file's headers: each field gets the first column whose header is one
 * of its names, a preset's before its own, and each column is given to one field at most.
 */
export function suggestMapping(fields: readonly ImportField[], headers: readonly string[], preset?: ImportPreset): Mapping {
  const keys = headers.map(headerKey);
  const taken = new Set<number>();
  const mapping: Mapping = {};
  for (const field of fields) {
    const names = [...(preset?.headers[field.key] ?? []), ...namesOf(field)].map(headerKey);
    const at = names.map((name) => keys.findIndex((key, i) => !taken.has(i) && key === name)).find((i) => i >= 0) ?? -1;
    if (at >= 0) {
      mapping[field.key] = at;
      taken.add(at);
    }
  }
  return mapping;
}

/** The preset whose headers the file has most of, if it has at least half of them. */
export function recognisedPreset(presets: readonly ImportPreset[], headers: readonly string[]): ImportPreset | undefined {
  const keys = new Set(headers.map(headerKey));
  const score = (preset: ImportPreset) => {
    const wanted = Object.values(preset.headers);
    return wanted.filter((names) => names.some((n) => keys.has(headerKey(n)))).length / Math.max(wanted.length, 1);
  };
  const best = [...presets].sort((a, b) => score(b) - score(a))[0];
  return best && score(best) >= 0.5 ? best : undefined;
}

/** Reads the file's rows through a mapping; a field without a column reads as empty. */
export function mappedRows(rows: readonly { line: number; cells: readonly string[] }[], mapping: Mapping): ImportRow[] {
  const entries = Object.entries(mapping);
  return rows.map(({ line, cells }) => ({
    line,
    values: Object.fromEntries(entries.map(([field, at]) => [field, (cells[at] ?? "").trim()])),
  }));
}

/**
 * Every way a choice may be written: its key, and its label in each language ("Gjennomføring",
 * "Execution"), plus any other names given (another system's), all compared as headers are.
 */
export function choiceReader<V extends string>(
  values: readonly V[],
  label: (t: Translate, value: V) => string,
  others: Readonly<Record<string, V>> = {},
): (text: string) => V | undefined {
  // Built at the first read, when every module's texts are in the catalogues.
  let byName: Map<string, V> | undefined;
  const names = () => {
    const map = new Map<string, V>();
    for (const value of values) {
      map.set(headerKey(value), value);
      for (const locale of LOCALES) map.set(headerKey(label(i18nFor(locale).t, value)), value);
    }
    for (const [name, value] of Object.entries(others)) map.set(headerKey(name), value);
    return map;
  };
  return (text) => {
    byName ??= names();
    return byName.get(headerKey(text));
  };
}

/**
 * A date as a file may hold it: 2027-03-01, 01.03.2027 or 1.3.2027 (a workbook's date cells are read
 * as the first). Empty is null; anything else is a problem.
 */
export function readDate(text: string): { date: string | null } | { problem: ImportProblem } {
  if (text === "") return { date: null };
  const norwegian = text.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  const date = norwegian
    ? `${norwegian[3]}-${norwegian[2]!.padStart(2, "0")}-${norwegian[1]!.padStart(2, "0")}`
    : text.replace(/T00:00:00(\.000)?Z?$/, "");
  return isDomainDate(date) ? { date } : { problem: { key: "errors.import.date", params: { date: text } } };
}

/**
 * Kroner as a file may hold them: 1200000, "1 200 000", "1 200 000 kr", "kr 1 200 000" or
 * "1200000,00" (whole kroner only). Empty is null.
 */
export function readKroner(text: string): { amount: number | null } | { problem: ImportProblem } {
  const plain = text
    .replace(/[\s\u00a0]/g, "")
    .replace(/^kr\.?|kr\.?$|,-$|NOK$/gi, "")
    .replace(/[,.]0{1,2}$/, "");
  if (plain === "") return { amount: null };
  if (!/^\d+$/.test(plain) || Number(plain) > 100_000_000_000)
    return { problem: { key: "errors.import.amount", params: { amount: text } } };
  return { amount: Number(plain) };
}

/**
 * The number of a record from its address in Samverk ("https://…/projects/12", "/projects/12") or the
 * number alone: null for an empty cell, undefined for text that is neither.
 */
export function recordIdOf(text: string, path: string): number | null | undefined {
  if (text === "") return null;
  const id = text.match(new RegExp(`^(?:.*/${path}/)?(\\d{1,9})/?$`))?.[1];
  return id ? Number(id) : undefined;
}

/** A member found by its name or its number, as a file may name it. */
export function memberReader(members: readonly { id: number; name: string; code: string | null }[]) {
  const byName = new Map(members.flatMap((m) => [[headerKey(m.name), m] as const, ...(m.code ? [[m.code, m] as const] : [])]));
  // A number typed into a spreadsheet loses its leading zeros: "301" is Oslo's 0301, "3" county 03.
  const padded = (text: string) =>
    /^\d{1,3}$/.test(text) ? (byName.get(text.padStart(4, "0")) ?? byName.get(text.padStart(2, "0"))) : undefined;
  return (text: string) => byName.get(text) ?? byName.get(headerKey(text)) ?? padded(text);
}

/** A stored value as the preview shows it: empty as "–", a list joined, anything else as text. */
export function shown(value: unknown): string {
  if (value === null || value === undefined || value === "") return "–";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "–";
  return String(value);
}

/**
 * How an importer's check reads one row: whether the file has a field's column, the field's text
 * (empty when it has none), and a problem recorded under its field.
 */
export function rowReader(values: Readonly<Record<string, string>>) {
  const problems: ImportProblem[] = [];
  return {
    problems,
    has: (field: string) => field in values,
    text: (field: string) => values[field] ?? "",
    problem: (field: string, key: MessageKey, params?: Record<string, string | number>) => {
      problems.push({ field, key, ...(params ? { params } : {}) });
    },
  };
}
