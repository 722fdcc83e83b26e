import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import { type FieldError, invalid, ok, type Result } from "../../platform/http/errors.ts";
import { optionalText, toFieldErrors } from "../../platform/http/validation.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import {
  type CheckedRow,
  headerKey,
  type Importer,
  type ImportScope,
  type Mapping,
  mappedRows,
  RowsChanged,
  recognisedPreset,
  suggestMapping,
} from "../../platform/import/importer.ts";
import { isMalformed, readTable, type Table } from "../../platform/import/table.ts";
import { ImportRepo, type ImportRun } from "./imports.repo.ts";
import type { ImportReport } from "./schema.ts";

type Network = ImportScope["network"];

/** How long a run (and the file in it) is kept after its upload. */
export const RUN_DAYS = 90;

/** The start form: which kind, and which mapping to begin from ("" suggests one from the headers). */
const startInput = z.object({
  kind: z.string("errors.choice").min(1, "errors.choice"),
  mapping: z
    .string()
    .regex(/^(|preset:[a-z0-9-]+|saved:\d{1,9})$/, "errors.choice")
    .default(""),
});

/** The mapping form: a column (its index, or "" for none) per field, and a name to save it under. */
const saveAsInput = z.object({ saveAs: optionalText(80) });

/** A file that was read and a run that was started; or a field's error. */
export type Started = Result<ImportRun>;

/** An applied run answers its report; one whose rows have problems answers them, with nothing written. */
export type Applied =
  | { ok: true; report: ImportReport }
  | { ok: false; rows: CheckedRow[] }
  | { ok: false; applied: true }
  | { ok: false; changedMeanwhile: true };

/** Thrown inside the transaction to undo it, carrying what the caller answers. */
class Undo {
  constructor(readonly answer: Applied) {}
}

/**
 * Imports from spreadsheets (decision 0039): a file is uploaded and kept as a run, its columns mapped
 * to an importer's fields (with a suggestion), every row checked and shown, and then applied in one
 * transaction, or not at all, with a report.
 */
export class ImportService {
  readonly repo: ImportRepo;
  private readonly byKind: Map<string, Importer>;

  constructor(
    private readonly db: Db,
    readonly importers: readonly Importer[],
  ) {
    this.repo = new ImportRepo(db);
    this.byKind = new Map(importers.map((i) => [i.kind, i]));
  }

  importer(kind: string): Importer | undefined {
    return this.byKind.get(kind);
  }

  scope(actor: Actor, network: Network): ImportScope {
    return { actor, network, today: osloToday() };
  }

  /** Reads the uploaded file, and keeps it as a run with a first mapping: the one chosen, or a suggestion. */
  async start(actor: Actor, network: Network, body: unknown, file: { name: string; data: Buffer } | null): Promise<Started> {
    const parsed = startInput.safeParse(body ?? {});
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const errors: FieldError[] = [];
    const importer = this.importer(parsed.data.kind);
    if (!importer) errors.push({ field: "kind", key: "errors.choice" });
    if (!file || file.data.length === 0) errors.push({ field: "file", key: "errors.import.noTable" });
    if (errors.length || !importer || !file) return invalid(errors);
    const table = await readTable(file.data);
    if (isMalformed(table)) return invalid([{ field: "file", ...table }]);
    const mapping = await this.firstMapping(importer, network.id, parsed.data.mapping, table.headers);
    // A mapping of another kind (the list offers every kind's) is named as such, with the kind chosen.
    if (!mapping) return invalid([{ field: "mapping", key: "errors.import.mappingKind" }]);
    const run = await this.db.transaction(async (tx) => {
      const stored = await this.repo.with(tx).insertRun({
        networkId: network.id,
        userId: actor.userId,
        kind: importer.kind,
        fileName: file.name.slice(0, 200) || "file",
        content: file.data,
        headers: table.headers,
        rowCount: table.rows.length,
        mapping,
      });
      await recordAudit(tx, actor, {
        action: "create",
        entity: "import_run",
        entityId: stored.id,
        after: { kind: stored.kind, fileName: stored.fileName, rows: stored.rowCount },
      });
      return stored;
    });
    return ok(run);
  }

  private async firstMapping(importer: Importer, networkId: number, choice: string, headers: string[]): Promise<Mapping | null> {
    if (choice.startsWith("preset:")) {
      // Only the chosen kind's own presets: another kind's is refused by the caller.
      const preset = importer.presets?.find((p) => p.key === choice.slice(7));
      return preset ? suggestMapping(importer.fields, headers, preset) : null;
    }
    if (choice.startsWith("saved:")) {
      const saved = await this.repo.mapping(networkId, Number(choice.slice(6)));
      if (!saved || saved.kind !== importer.kind) return null;
      const keys = headers.map(headerKey);
      return Object.fromEntries(
        Object.entries(saved.headers)
          .map(([field, header]) => [field, keys.indexOf(headerKey(header))] as const)
          .filter(([, at]) => at >= 0),
      );
    }
    return suggestMapping(importer.fields, headers, recognisedPreset(importer.presets ?? [], headers));
  }

  /**
   * Saves the run's mapping from the form: each field's column, every required field given one. With a
   * name, the mapping is also kept for the network's next file of this kind.
   */
  async saveMapping(actor: Actor, run: ImportRun, body: unknown): Promise<Result<Mapping>> {
    if (run.state !== "mapping") return invalid([{ field: "mapping", key: "errors.import.alreadyApplied" }]);
    const importer = this.importer(run.kind)!;
    const values = (body ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    const mapping: Mapping = {};
    for (const field of importer.fields) {
      const given = values[`field.${field.key}`];
      const text = typeof given === "string" ? given : "";
      if (text === "") {
        if (field.required) errors.push({ field: `field.${field.key}`, key: "errors.import.fieldRequired" });
        continue;
      }
      const at = /^\d{1,4}$/.test(text) ? Number(text) : -1;
      if (at < 0 || at >= run.headers.length) errors.push({ field: `field.${field.key}`, key: "errors.choice" });
      else mapping[field.key] = at;
    }
    const saveAs = saveAsInput.safeParse(values);
    if (!saveAs.success) errors.push(...toFieldErrors(saveAs.error));
    if (errors.length || !saveAs.success) return invalid(errors);
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.setMapping(run.id, mapping);
      const name = saveAs.data.saveAs;
      if (name)
        await repo.saveMapping({
          networkId: run.networkId,
          kind: run.kind,
          name,
          headers: Object.fromEntries(Object.entries(mapping).map(([field, at]) => [field, run.headers[at]!])),
          createdById: actor.userId,
        });
    });
    return ok(mapping);
  }

  /** Every row of the run's file read through its mapping and checked against the database as it is now. */
  async preview(scope: ImportScope, run: ImportRun): Promise<CheckedRow[]> {
    return this.check(this.db, scope, run, await this.tableOf(run));
  }

  /**
   * Applies the run in one transaction: its rows are checked again inside it (the data may have
   * changed since the preview), and if any has a problem nothing is written.
   */
  async apply(scope: ImportScope, run: ImportRun): Promise<Applied> {
    const importer = this.importer(run.kind)!;
    try {
      return await this.db.transaction(async (tx) => {
        const repo = this.repo.with(tx);
        // Holds the run while it is applied, so that two sends of the form apply it once, and reads
        // its mapping as it is now (another page may have changed it since this one was read).
        const locked = await repo.claim(run.id);
        if (!locked) throw new Undo({ ok: false, applied: true });
        const rows = await this.check(tx, scope, locked, await this.tableOf(locked));
        if (rows.some((r) => r.problems.length)) throw new Undo({ ok: false, rows });
        const counts = await importer.apply(tx, scope, rows);
        const report: ImportReport = { ...counts, rows: rows.map(({ line, label, action }) => ({ line, label, action })) };
        await repo.markApplied(run.id, report);
        await recordAudit(tx, scope.actor, {
          action: "update",
          entity: "import_run",
          entityId: run.id,
          after: { state: "applied", created: counts.created, updated: counts.updated, unchanged: counts.unchanged },
        });
        return { ok: true as const, report };
      });
    } catch (error) {
      if (error instanceof Undo) return error.answer;
      if (error instanceof RowsChanged) return { ok: false, changedMeanwhile: true };
      throw error;
    }
  }

  /** The file's first row, as the mapping page shows it beside each column. */
  async firstRow(run: ImportRun): Promise<string[]> {
    return (await this.tableOf(run)).rows[0]?.cells ?? [];
  }

  private async tableOf(run: ImportRun): Promise<Table> {
    const table = await readTable(run.content);
    // The file was read when it was uploaded; the same bytes read the same way.
    if (isMalformed(table)) throw new Error(`import run ${run.id} no longer reads`);
    return table;
  }

  private check(db: Parameters<Importer["check"]>[0], scope: ImportScope, run: ImportRun, table: Table) {
    return this.importer(run.kind)!.check(db, scope, mappedRows(table.rows, run.mapping ?? {}));
  }
}
