import { FileField, Form, type FormState, Notice, Section } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";
import type { RowReport } from "./import.ts";

export interface ImportOutcome {
  applied: boolean;
  changed: number;
  rows: RowReport[];
}

/** The upload form, and after an upload the report of every row: accepted, or refused and why. */
export function AdoptionImportPage(props: {
  ctx: PageContext;
  network: { slug: string; name: string };
  form: FormState;
  outcome?: ImportOutcome | undefined;
}) {
  const { ctx, network, outcome } = props;
  const { t } = ctx.i18n;
  const refused = outcome?.rows.filter((r) => r.problems.length) ?? [];
  // A refused file lists its refused rows; an applied one lists everything it accepted.
  const shown = outcome ? (outcome.applied ? outcome.rows : refused) : [];
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("import.title", { network: network.name })}
      </h1>
      {outcome ? (
        <div role="status">
          {outcome.applied ? (
            <Notice kind="success">{t("import.applied", { rows: outcome.rows.length, changed: outcome.changed })}</Notice>
          ) : (
            <Notice kind="danger">{t("import.refused", { refused: refused.length, rows: outcome.rows.length })}</Notice>
          )}
        </div>
      ) : null}
      {shown.length ? (
        <Section id="report-heading" title={t("import.report")}>
          <ListTable
            ctx={ctx}
            label={t("import.report")}
            size="sm"
            rows={shown}
            rowKey={(r) => r.line}
            columns={[
              { label: t("import.line"), numeric: true, cell: (r) => r.line },
              { label: t("budget.member"), cell: (r) => (r.organisation ? `${r.organisation.name} (${r.code})` : r.code) },
              { label: t("roadmap.name"), cell: (r) => r.solution },
              { label: t("adoption.status"), cell: (r) => r.status },
              {
                label: t("import.result"),
                cell: (r) =>
                  r.problems.length ? (
                    <>
                      <strong>{t("import.refusedRow")}:</strong>{" "}
                      {r.problems.map((p) => (p.column ? `${p.column}: ` : "") + t(p.key, p.params)).join(" ")}
                    </>
                  ) : (
                    t("import.accepted")
                  ),
              },
            ]}
          />
        </Section>
      ) : null}
      <p class="ds-paragraph">{t("import.intro")}</p>
      <p class="ds-paragraph">{t("import.format")}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/n/${network.slug}/adoption/template.csv`} download>
          {t("import.template")}
        </a>
      </p>
      <Form ctx={ctx} form={props.form} action={`/n/${network.slug}/adoption/import`} submitLabel={t("import.upload")} multipart>
        <FileField name="file" label={t("import.file")} accept=".csv,text/csv" required />
      </Form>
    </>
  );
}
