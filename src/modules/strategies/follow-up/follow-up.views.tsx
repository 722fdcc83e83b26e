import { Form, type FormState, optionsOf, SelectField, TextField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { measureStatusLabel } from "../labels.ts";
import { MEASURE_STATUSES, type MeasureStatus } from "../schema.ts";

/** Following a measure up: its status with a comment, folded under the measure in the action plan. */
export function ReportForm(props: {
  ctx: PageContext;
  strategyId: number;
  measure: { id: number; description: string; status: MeasureStatus };
  /** The status report form that came back with errors, if it was this measure's. */
  report: { measureId: number; form: FormState } | undefined;
}) {
  const { ctx, measure: m, report } = props;
  const { t } = ctx.i18n;
  // Each measure's form has its own field ids.
  const form =
    report?.measureId === m.id
      ? { ...report.form, idPrefix: `m${m.id}-` }
      : { values: { status: m.status, comment: "" }, errors: [], idPrefix: `m${m.id}-` };
  return (
    <details class="no-print" open={report?.measureId === m.id}>
      <summary>{t("strategy.report", { measure: m.description.slice(0, 60) })}</summary>
      <Form
        ctx={ctx}
        form={form}
        action={`/strategies/${props.strategyId}/measures/${m.id}/report`}
        submitLabel={t("strategy.reportSave")}
      >
        <SelectField
          name="status"
          label={t("strategy.statusLabel")}
          options={optionsOf(t, MEASURE_STATUSES, measureStatusLabel)}
        />
        <TextField name="comment" label={t("strategy.comment")} />
      </Form>
    </details>
  );
}

/** The action plan as a workbook, for following it up outside Samverk. */
export function PlanWorkbookLink({ ctx, strategyId }: { ctx: PageContext; strategyId: number }) {
  return (
    <p class="ds-paragraph no-print">
      <a class="ds-link" href={`/strategies/${strategyId}/plan.xlsx`} download>
        {ctx.i18n.t("strategy.downloadXlsx")}
      </a>
    </p>
  );
}
