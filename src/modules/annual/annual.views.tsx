import type { ComponentChildren } from "preact";
import type { Translate } from "../../platform/i18n/i18n.ts";
import type { AnnualCell, AnnualTable } from "../../platform/module.ts";
import {
  ButtonLink,
  Facts,
  Form,
  FormPage,
  type FormPageProps,
  type FormState,
  Link,
  type Option,
  PostButton,
  Section,
  SelectField,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { ListTable } from "../../platform/ui/list-page.tsx";
import type { AnnualDocument } from "./annual.repo.ts";
import { MAX_SECTIONS } from "./annual.service.ts";
import { ANNUAL_KINDS, type AnnualSection } from "./schema.ts";

/** Where a document lives: /n/<network>/annual/<plan|report>/<year>. */
export const documentHref = (slug: string, doc: Pick<AnnualDocument, "kind" | "year">) =>
  `/n/${slug}/annual/${doc.kind}/${doc.year}`;

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => <p class="ds-paragraph prewrap">{p}</p>);

const statusText = (t: Translate, doc: AnnualDocument) => t(`annual.status.${doc.status}`);

/** A network's plans and reports by year; its secretariat starts a new one here. */
export function AnnualListPage(props: {
  ctx: PageContext;
  title: string;
  slug: string;
  documents: AnnualDocument[];
  newForm: FormState | null;
}) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <p class="ds-paragraph">{t("annual.intro")}</p>
      <ListTable
        ctx={ctx}
        label={props.title}
        rows={props.documents}
        rowKey={(d) => d.id}
        empty={t("annual.none")}
        columns={[
          { label: t("annual.col.title"), cell: (d) => <Link href={documentHref(props.slug, d)}>{d.title}</Link> },
          { label: t("annual.year"), cell: (d) => String(d.year) },
          { label: t("annual.kind"), cell: (d) => t(`annual.kind.${d.kind}`) },
          { label: t("annual.col.status"), cell: (d) => statusText(t, d) },
        ]}
      />
      {props.newForm ? (
        <Section id="new-annual-heading" title={t("annual.new")}>
          <Form ctx={ctx} form={props.newForm} action={`/n/${props.slug}/annual`} submitLabel={t("annual.create")}>
            <SelectField
              name="kind"
              label={t("annual.kind")}
              options={ANNUAL_KINDS.map((k) => ({ value: k, label: t(`annual.kind.${k}`) }))}
            />
            <TextField name="year" label={t("annual.year")} inputMode="numeric" width="short" required />
          </Form>
        </Section>
      ) : null}
    </>
  );
}

function cellOf(t: Translate, n: (v: number) => string, cell: AnnualCell): ComponentChildren {
  if (cell === null) return "";
  if (typeof cell === "number") return n(cell);
  if (typeof cell === "string") return cell;
  if ("href" in cell) return <Link href={cell.href}>{cell.text}</Link>;
  return t(cell.label);
}

/** Rows of a table shown on the page unless the whole document is asked for (`?all=1`, for printing). */
export const PAGE_ROWS = 50;

/** One of a document's tables, with its downloads; a long one shows its first rows and says where the rest is. */
export function AnnualTableSection(props: { ctx: PageContext; table: AnnualTable; downloadBase: string; all: boolean }) {
  const { ctx, table } = props;
  const { t, number } = ctx.i18n;
  const title = t(table.title);
  const n = (v: number) => number(v, { maximumFractionDigits: 2 });
  const rows = props.all ? table.rows : table.rows.slice(0, PAGE_ROWS);
  return (
    <Section id={`table-${table.id}-heading`} title={title}>
      {rows.length < table.rows.length ? (
        <p class="ds-paragraph" data-size="sm">
          {t("annual.firstRows", { shown: rows.length, total: table.rows.length })}{" "}
          <Link href={`${ctx.url.split("?")[0]}?all=1#table-${table.id}-heading`}>{t("annual.showAll")}</Link>
        </p>
      ) : null}
      <ListTable
        ctx={ctx}
        label={title}
        rows={rows.map((cells, i) => ({ i, cells }))}
        rowKey={(r) => r.i}
        empty={t("annual.tableEmpty")}
        columns={table.columns.map((c, col) => ({
          label: t(c.label),
          ...(c.numeric ? { numeric: true } : {}),
          cell: (r: { cells: AnnualCell[] }) => cellOf(t, n, r.cells[col] ?? null),
        }))}
      />
      <p class="ds-paragraph no-print" data-size="sm">
        {t("annual.download")} <Link href={`${props.downloadBase}/${table.id}.csv`}>CSV</Link>
        {" · "}
        <Link href={`${props.downloadBase}/${table.id}.xlsx`}>Excel (xlsx)</Link>
      </p>
    </Section>
  );
}

/** The document: its facts, its text sections, then its tables (frozen once adopted), with the secretariat's actions. */
export function AnnualDocumentPage(props: {
  ctx: PageContext;
  slug: string;
  networkName: string;
  doc: AnnualDocument;
  tables: AnnualTable[];
  decision: { href: string; text: string } | null;
  manage: { editHref: string | null; adoptForm: FormState | null; decisionOptions: Option[]; publishAction: string | null };
  notice: ComponentChildren;
  /** Every row of every table (for printing), not the first PAGE_ROWS. */
  all: boolean;
}) {
  const { ctx, doc, manage } = props;
  const { t, date } = ctx.i18n;
  const href = documentHref(props.slug, doc);
  return (
    <>
      {props.notice}
      <h1 class="ds-heading" data-size="lg">
        {doc.title}
      </h1>
      <Facts
        facts={[
          [t("annual.network"), props.networkName],
          [t("annual.kind"), t(`annual.kind.${doc.kind}`)],
          [t("annual.year"), String(doc.year)],
          [t("annual.col.status"), statusText(t, doc)],
          doc.adoptedOn ? [t("annual.adoptedOn"), date(doc.adoptedOn)] : null,
          props.decision && [t("annual.decision"), <Link href={props.decision.href}>{props.decision.text}</Link>],
        ]}
      />
      <p class="ds-paragraph" data-size="sm">
        {doc.snapshot ? t("annual.frozen") : t("annual.live")}
      </p>
      <div class="button-row no-print">
        {manage.editHref ? <ButtonLink href={manage.editHref}>{t("annual.edit")}</ButtonLink> : null}
        {manage.publishAction ? <PostButton ctx={ctx} action={manage.publishAction} label={t("annual.publish")} /> : null}
      </div>
      {doc.sections.map((s, i) =>
        s.body.trim() !== "" ? (
          <Section id={`section-${i}-heading`} title={s.heading}>
            {paragraphs(s.body)}
          </Section>
        ) : manage.editHref ? (
          // A heading with nothing under it is left out of the document; the secretariat writing the
          // draft sees it here (not in print), and in the editor.
          <div class="no-print">
            <Section id={`section-${i}-heading`} title={s.heading}>
              <p class="ds-paragraph muted">{t("annual.emptySection")}</p>
            </Section>
          </div>
        ) : null,
      )}
      {props.tables.map((table) => (
        <AnnualTableSection ctx={ctx} table={table} downloadBase={`${href}/tables`} all={props.all} />
      ))}
      {manage.adoptForm ? (
        <Section id="adopt-heading" title={t("annual.adopt")}>
          <p class="ds-paragraph">{t("annual.adoptIntro")}</p>
          {manage.decisionOptions.length === 0 ? (
            <p class="ds-paragraph">{t("annual.noDecisions")}</p>
          ) : (
            <Form ctx={ctx} form={manage.adoptForm} action={`${href}/adopt`} submitLabel={t("annual.adopt")}>
              <SelectField
                name="decisionId"
                label={t("annual.decision")}
                options={manage.decisionOptions}
                placeholder={t("annual.chooseDecision")}
                required
              />
              <TextField name="adoptedOn" label={t("annual.adoptedOn")} type="date" width="short" required />
            </Form>
          )}
        </Section>
      ) : null}
    </>
  );
}

/** The draft's title, text sections (with two empty ones to add) and the survey it shows. */
export function AnnualEditPage(props: FormPageProps & { surveyOptions: Option[]; sectionCount: number }) {
  const { t } = props.ctx.i18n;
  const count = Math.min(MAX_SECTIONS, props.sectionCount + 2);
  return (
    <FormPage {...props} intro={<p class="ds-paragraph">{t("annual.editIntro")}</p>}>
      <TextField name="title" label={t("annual.col.title")} required />
      {Array.from({ length: count }, (_, i) => (
        <fieldset class="ds-fieldset">
          <legend class="ds-label">{t("annual.sectionN", { n: i + 1 })}</legend>
          <TextField name={`sections.${i}.heading`} label={t("annual.heading")} />
          <TextArea name={`sections.${i}.body`} label={t("annual.body")} rows={8} />
        </fieldset>
      ))}
      <SelectField name="surveyId" label={t("annual.survey")} options={props.surveyOptions} placeholder={t("annual.noSurvey")} />
    </FormPage>
  );
}

/** The form's values of a document's sections. */
export const sectionValues = (sections: AnnualSection[]) =>
  Object.fromEntries(
    sections.flatMap((s, i) => [
      [`sections.${i}.heading`, s.heading],
      [`sections.${i}.body`, s.body],
    ]),
  );
