import { labelFor, type Translate } from "../../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  FormPage,
  type FormState,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  TableScroll,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { StatusTag, statusLabel } from "../labels.tsx";
import type { ProjectDetail } from "../projects.service.ts";
import { STATUS_COLOURS, STATUS_DIMENSIONS, type StatusDimension } from "../schema.ts";

/** Status reports: the section of the project page, and the form for a new report. */

const dimensionLabel = (t: Translate, d: StatusDimension) => labelFor(t, "report.dimension", d);

/** The latest report in full, the earlier ones folded; those who run the project add and remove them. */
export function ReportsSection(props: {
  ctx: PageContext;
  projectId: number;
  reports: ProjectDetail["reports"];
  canEdit: boolean;
}) {
  const { ctx, projectId, canEdit } = props;
  const { t, date } = ctx.i18n;
  const [latest, ...earlier] = props.reports;
  return (
    <Section id="reports-heading" title={t("report.heading")}>
      {canEdit ? (
        <div class="button-row">
          <ButtonLink href={`/projects/${projectId}/reports/new`}>{t("report.new")}</ButtonLink>
          {latest ? <ButtonLink href={`/projects/${projectId}/reports/new?copy=1`}>{t("report.copyPrevious")}</ButtonLink> : null}
        </div>
      ) : null}
      {latest ? (
        <ReportTable ctx={ctx} report={latest} projectId={projectId} canEdit={canEdit} />
      ) : (
        <p class="ds-paragraph">{t("report.noneYet")}</p>
      )}
      {earlier.length ? (
        <>
          <h3 class="ds-heading" data-size="sm">
            {t("report.earlier")}
          </h3>
          {earlier.map((r) => (
            <details key={r.id} class="ds-details">
              <summary>
                {date(r.reportDate)}: {statusLabel(t, r.overall)}
              </summary>
              <div>
                <ReportTable ctx={ctx} report={r} projectId={projectId} canEdit={canEdit} />
              </div>
            </details>
          ))}
        </>
      ) : null}
    </Section>
  );
}

function ReportTable(props: { ctx: PageContext; report: ProjectDetail["reports"][number]; projectId: number; canEdit: boolean }) {
  const { ctx, report } = props;
  const { t, date } = ctx.i18n;
  return (
    <>
      <TableScroll label={t("report.of", { date: date(report.reportDate) })}>
        <table class="ds-table" data-border>
          <caption>{t("report.of", { date: date(report.reportDate) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("report.dimension")}</th>
              <th scope="col">{t("project.status")}</th>
              <th scope="col">{t("report.comment")}</th>
            </tr>
          </thead>
          <tbody>
            {STATUS_DIMENSIONS.map((d) => (
              <tr key={d}>
                <th scope="row">{dimensionLabel(t, d)}</th>
                <td>
                  <StatusTag t={t} colour={report[d]} />
                </td>
                <td class="prewrap">{report[`${d}Comment`]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {props.canEdit ? (
        <PostButton
          ctx={ctx}
          action={`/projects/${props.projectId}/reports/${report.id}/delete`}
          label={t("report.delete")}
          hiddenText={date(report.reportDate)}
          size="sm"
          variant="tertiary"
          danger
        />
      ) : null}
    </>
  );
}

export function StatusReportFormPage(props: { ctx: PageContext; detail: ProjectDetail; form: FormState; title: string }) {
  const { ctx, detail, form } = props;
  const { t } = ctx.i18n;
  const colours = optionsOf(t, STATUS_COLOURS, statusLabel);
  return (
    <FormPage
      ctx={ctx}
      form={form}
      title={props.title}
      intro={<p class="ds-paragraph">{t("report.help", { title: detail.project.title })}</p>}
      action={`/projects/${detail.project.id}/reports`}
      submitLabel={t("report.save")}
      cancelHref={`/projects/${detail.project.id}`}
    >
      <TextField name="reportDate" label={t("report.date")} type="date" width="short" required />
      {STATUS_DIMENSIONS.map((d) => (
        <fieldset key={d} class="ds-fieldset report-dimension">
          <legend class="ds-heading" data-size="xs">
            {dimensionLabel(t, d)}
          </legend>
          <SelectField name={d} label={t("project.status")} required placeholder={t("form.choose")} options={colours} />
          <TextArea name={`${d}Comment`} label={t("report.comment")} rows={2} />
        </fieldset>
      ))}
    </FormPage>
  );
}
