import type { CheckedRow, Importer, ImportField, Mapping, ShownValue } from "../../platform/import/importer.ts";
import {
  FileField,
  Form,
  type FormState,
  Notice,
  PostButton,
  RadioGroup,
  Section,
  SelectField,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { ListTable } from "../../platform/ui/list-page.tsx";
import type { ImportRun, SavedMapping } from "./imports.repo.ts";
import type { ImportReport } from "./schema.ts";

type Network = { slug: string; name: string };
type RecentRun = Pick<ImportRun, "id" | "kind" | "fileName" | "rowCount" | "state" | "createdAt">;

/** The preview shows this many of the rows with a problem (or of all rows, when none has one), and the report this many of its rows. */
export const ROWS_SHOWN = 500;

const base = (network: Network) => `/n/${network.slug}/import`;

/** Where the run stands among the four steps, for those who cannot see the layout. */
function Steps({ ctx, at }: { ctx: PageContext; at: 1 | 2 | 3 | 4 }) {
  const { t } = ctx.i18n;
  const steps = [t("imports.step.upload"), t("imports.step.map"), t("imports.step.preview"), t("imports.step.report")];
  return (
    <nav aria-label={t("imports.steps")}>
      <ol class="ds-list steps">
        {steps.map((label, i) => (
          <li key={label} aria-current={i + 1 === at ? "step" : undefined}>
            {i + 1 === at ? <strong>{label}</strong> : label}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Step 1: what to import, the file and the mapping to begin from; and the network's latest runs. */
export function StartPage(props: {
  ctx: PageContext;
  network: Network;
  importers: readonly Importer[];
  saved: readonly SavedMapping[];
  recent: readonly RecentRun[];
  form: FormState;
}) {
  const { ctx, network, importers } = props;
  const { t, dateTime } = ctx.i18n;
  const labelOf = (kind: string) => {
    const importer = importers.find((i) => i.kind === kind);
    return importer ? t(importer.label) : kind;
  };
  const mappingOptions = [
    { value: "", label: t("imports.mappingSuggested") },
    ...importers.flatMap((i) => (i.presets ?? []).map((p) => ({ value: `preset:${p.key}`, label: `${t(i.label)}: ${p.name}` }))),
    ...props.saved.map((m) => ({
      value: `saved:${m.id}`,
      label: `${labelOf(m.kind)}: ${t("imports.mappingSaved", { name: m.name })}`,
    })),
  ];
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("imports.title", { network: network.name })}
      </h1>
      <Steps ctx={ctx} at={1} />
      <p class="ds-paragraph">{t("imports.intro")}</p>
      <Form ctx={ctx} form={props.form} action={base(network)} submitLabel={t("imports.upload")} multipart>
        <RadioGroup
          name="kind"
          label={t("imports.kind")}
          required
          options={importers.map((i) => ({ value: i.kind, label: `${t(i.label)}: ${t(i.description)}` }))}
        />
        <FileField
          name="file"
          label={t("imports.file")}
          description={t("imports.fileHint")}
          accept=".xlsx,.csv,text/csv"
          required
        />
        <SelectField name="mapping" label={t("imports.mapping")} options={mappingOptions} />
      </Form>
      <Section id="templates-heading" title={t("imports.template")}>
        <ul class="ds-list">
          {importers.map((i) => (
            <li key={i.kind}>
              <a class="ds-link" href={`${base(network)}/template/${i.kind}.xlsx`} download>
                {t(i.label)} (xlsx)
              </a>
            </li>
          ))}
        </ul>
        {importers.some((i) => i.presets?.length) ? (
          <>
            <h3 class="ds-heading" data-size="xs">
              {t("imports.presets")}
            </h3>
            <ul class="ds-list">
              {importers.flatMap((i) =>
                (i.presets ?? []).map((p) => (
                  <li key={p.key}>
                    <strong>{p.name}</strong>: {t(p.description)}
                  </li>
                )),
              )}
            </ul>
          </>
        ) : null}
      </Section>
      <Section id="recent-heading" title={t("imports.recent")}>
        {props.recent.length ? (
          <ListTable
            ctx={ctx}
            label={t("imports.recent")}
            size="sm"
            rows={props.recent}
            rowKey={(r) => r.id}
            columns={[
              { label: t("imports.uploaded"), cell: (r) => dateTime(r.createdAt) },
              { label: t("imports.kindColumn"), cell: (r) => labelOf(r.kind) },
              {
                label: t("imports.fileName"),
                cell: (r) => (
                  <a class="ds-link" href={`${base(network)}/${r.id}`}>
                    {r.fileName}
                  </a>
                ),
              },
              { label: t("imports.rows"), numeric: true, cell: (r) => r.rowCount },
              { label: t("imports.state"), cell: (r) => t(`imports.state.${r.state}`) },
            ]}
          />
        ) : (
          <p class="ds-paragraph">{t("imports.none")}</p>
        )}
      </Section>
    </>
  );
}

/** "A", "B", … "AA": the column letters a spreadsheet program shows. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** The mapping's values as the form holds them: each field's column index as text. */
export const mappingForm = (mapping: Mapping): Record<string, string> =>
  Object.fromEntries(Object.entries(mapping).map(([field, at]) => [`field.${field}`, String(at)]));

/** Step 2: a column of the file for each of the importer's fields, each column shown with its first row's value. */
export function MappingPage(props: {
  ctx: PageContext;
  network: Network;
  run: ImportRun;
  importer: Importer;
  /** The file's first row, so a column is known by what it holds as well as by its header. */
  sample: readonly string[];
  form: FormState;
}) {
  const { ctx, network, run, importer, form } = props;
  const { t } = ctx.i18n;
  const columns = run.headers.map((header, i) => {
    const example = (props.sample[i] ?? "").slice(0, 40);
    return {
      value: String(i),
      label: `${t("imports.columnOf", { column: columnLetter(i) })}: ${header || "–"}${example ? ` (${t("imports.example", { value: example })})` : ""}`,
    };
  });
  const used = new Set(importer.fields.map((f) => String(form.values[`field.${f.key}`] ?? "")).filter(Boolean));
  const unused = run.headers.filter((_, i) => !used.has(String(i))).filter(Boolean);
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("imports.mapTitle")}: {run.fileName}
      </h1>
      <Steps ctx={ctx} at={2} />
      <p class="ds-paragraph">
        {t("imports.fileSummary", { kind: t(importer.label), rows: run.rowCount })} {t("imports.mapIntro")}
      </p>
      {unused.length ? <Notice kind="info">{t("imports.unused", { columns: unused.join(", ") })}</Notice> : null}
      <Form
        ctx={ctx}
        form={form}
        action={`${base(network)}/${run.id}/mapping`}
        submitLabel={t("imports.toPreview")}
        cancelHref={base(network)}
      >
        {importer.fields.map((field) => (
          <SelectField
            key={field.key}
            name={`field.${field.key}`}
            label={t(field.label)}
            required={field.required ?? false}
            {...(field.hint ? { description: t(field.hint) } : {})}
            options={columns}
            placeholder={t("imports.noColumn")}
          />
        ))}
        <TextField name="saveAs" label={t("imports.saveAs")} description={t("imports.saveAsHint")} />
      </Form>
    </>
  );
}

/** A row's problems, one to a line, each after the name of its field. */
function Problems({ ctx, fields, row }: { ctx: PageContext; fields: readonly ImportField[]; row: CheckedRow }) {
  const { t } = ctx.i18n;
  return (
    <ul class="ds-list">
      {row.problems.map((p, i) => {
        const field = fields.find((f) => f.key === p.field);
        return (
          <li key={`${p.field ?? ""}:${p.key}:${i}`}>
            {field ? <strong>{t(field.label)}: </strong> : null}
            {t(p.key, p.params)}
          </li>
        );
      })}
    </ul>
  );
}

/** What an update changes, a field to a line: "Phase: Idea → Execution". */
function Changes({ ctx, fields, row }: { ctx: PageContext; fields: readonly ImportField[]; row: CheckedRow }) {
  const { t } = ctx.i18n;
  const text = (value: ShownValue) => (typeof value === "string" ? value : t(value.key));
  return (
    <>
      {t("imports.action.update")}:
      <ul class="ds-list">
        {(row.changes ?? []).map((change) => {
          const field = fields.find((f) => f.key === change.field);
          return (
            <li key={change.field}>
              <strong>{field ? t(field.label) : change.field}: </strong>
              {text(change.from)} → {text(change.to)}
            </li>
          );
        })}
      </ul>
    </>
  );
}

const counted = (rows: readonly Pick<CheckedRow, "action">[], action: string) => rows.filter((r) => r.action === action).length;

/** Step 3: every row as it would be applied, or what must be put right; and the button that applies them. */
export function PreviewPage(props: {
  ctx: PageContext;
  network: Network;
  run: ImportRun;
  importer: Importer;
  rows: readonly CheckedRow[];
  form: FormState;
}) {
  const { ctx, network, run, importer, rows } = props;
  const { t } = ctx.i18n;
  const refused = rows.filter((r) => r.problems.length);
  // A wrong mapping can make every row a problem: the first few hundred say what is wrong.
  const shown = (refused.length ? refused : rows).slice(0, ROWS_SHOWN);
  const listed = refused.length ? refused.length : rows.length;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("imports.previewTitle")}: {run.fileName}
      </h1>
      <Steps ctx={ctx} at={3} />
      {/* A success notice is a status of its own; the refusal is made one here. */}
      {refused.length ? (
        <div role="status">
          <Notice kind="danger">{t("imports.previewProblems", { problems: refused.length, rows: rows.length })}</Notice>
        </div>
      ) : (
        <Notice kind="success">
          {t("imports.previewReady", {
            rows: rows.length,
            created: counted(rows, "create"),
            updated: counted(rows, "update"),
            unchanged: counted(rows, "unchanged"),
          })}
        </Notice>
      )}
      {props.form.errors.length ? (
        <Notice kind="danger">{props.form.errors.map((e) => t(e.key, e.params)).join(" ")}</Notice>
      ) : null}
      <div class="button-row">
        {refused.length ? null : (
          <PostButton ctx={ctx} action={`${base(network)}/${run.id}/apply`} label={t("imports.apply")} variant="primary" />
        )}
        <a class="ds-button" data-variant="secondary" href={`${base(network)}/${run.id}`}>
          {t("imports.changeMapping")}
        </a>
        <a class="ds-button" data-variant="tertiary" href={base(network)}>
          {t("imports.uploadAgain")}
        </a>
      </div>
      <Section id="rows-heading" title={refused.length ? t("imports.problemsTitle") : t("imports.rowsTitle")}>
        {shown.length < listed ? (
          <p class="ds-paragraph">{t("imports.shownFirst", { shown: shown.length, rows: listed })}</p>
        ) : null}
        <ListTable
          ctx={ctx}
          label={refused.length ? t("imports.problemsTitle") : t("imports.rowsTitle")}
          size="sm"
          rows={shown}
          rowKey={(r) => r.line}
          columns={[
            { label: t("imports.line"), numeric: true, cell: (r) => r.line },
            { label: t("imports.row"), cell: (r) => r.label },
            {
              label: refused.length ? t("imports.problems") : t("imports.result"),
              cell: (r) =>
                r.problems.length ? (
                  <Problems ctx={ctx} fields={importer.fields} row={r} />
                ) : r.changes?.length ? (
                  <Changes ctx={ctx} fields={importer.fields} row={r} />
                ) : (
                  t(`imports.action.${r.action ?? "create"}`)
                ),
            },
          ]}
        />
      </Section>
    </>
  );
}

/** Step 4: what the applied run did, row by row. */
export function ReportPage(props: { ctx: PageContext; network: Network; run: ImportRun & { report: ImportReport } }) {
  const { ctx, network, run } = props;
  const { t, dateTime } = ctx.i18n;
  const { report } = run;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("imports.reportTitle")}: {run.fileName}
      </h1>
      <Steps ctx={ctx} at={4} />
      <Notice kind="success">
        {t("imports.reportSummary", {
          date: dateTime(run.appliedAt ?? run.createdAt),
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
        })}
      </Notice>
      <p class="ds-paragraph">
        <a class="ds-link" href={base(network)}>
          {t("imports.uploadAgain")}
        </a>
      </p>
      <Section id="rows-heading" title={t("imports.rowsTitle")}>
        {report.rows.length > ROWS_SHOWN ? (
          <p class="ds-paragraph">{t("imports.shownFirst", { shown: ROWS_SHOWN, rows: report.rows.length })}</p>
        ) : null}
        <ListTable
          ctx={ctx}
          label={t("imports.rowsTitle")}
          size="sm"
          rows={report.rows.slice(0, ROWS_SHOWN)}
          rowKey={(r) => r.line}
          columns={[
            { label: t("imports.line"), numeric: true, cell: (r) => r.line },
            { label: t("imports.row"), cell: (r) => r.label },
            { label: t("imports.result"), cell: (r) => t(`imports.reportAction.${r.action ?? "create"}`) },
          ]}
        />
      </Section>
    </>
  );
}
