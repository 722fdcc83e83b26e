import {
  Form,
  type FormState,
  Link,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { milestoneKindLabel, milestoneName, precisionLabel } from "../labels.ts";
import { periodLabel } from "../precision.ts";
import type { Milestone, MilestoneChange } from "../roadmap.repo.ts";
import { MILESTONE_KINDS, PRECISIONS } from "../schema.ts";

/** The fields of a milestone, in the form that adds one and in each one's change form. */
function MilestoneFields({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  return (
    <>
      <SelectField name="kind" label={t("roadmap.milestoneKind")} options={optionsOf(t, MILESTONE_KINDS, milestoneKindLabel)} />
      <TextField name="label" label={t("roadmap.milestoneLabel")} description={t("roadmap.milestoneLabelHint")} />
      <TextField name="date" label={t("roadmap.date")} description={t("roadmap.dateHint")} type="date" width="short" required />
      <SelectField name="precision" label={t("roadmap.precision")} options={optionsOf(t, PRECISIONS, precisionLabel)} />
      <TextField name="note" label={t("roadmap.note")} />
    </>
  );
}

/** A solution's milestones, each with where it moved from; for its editors, a form to change each and one to add. */
export function MilestonesSection(props: {
  ctx: PageContext;
  solutionId: number;
  milestones: (Milestone & { changes: MilestoneChange[] })[];
  canEdit: boolean;
  editing: { id: number; form: FormState } | null;
  form: FormState;
}) {
  const { ctx, milestones, canEdit } = props;
  const { t, dateTime } = ctx.i18n;
  const when = (m: { date: string; precision: Milestone["precision"] }) => periodLabel(ctx.i18n, m.date, m.precision);
  return (
    <Section id="milestones-heading" title={t("roadmap.milestones")}>
      <p>
        <Link href={`/roadmap/calendar.ics?solution=${props.solutionId}`}>{t("roadmap.calendar")}</Link>
        {" · "}
        <Link href={`/roadmap/${props.solutionId}/adoption`}>{t("overTime.link")}</Link>
      </p>
      {milestones.length === 0 ? (
        <p class="ds-paragraph">{t("roadmap.noMilestones")}</p>
      ) : (
        <ul class="plain-list">
          {milestones.map((m) => {
            const moved = m.changes[0];
            const form = props.editing?.id === m.id ? props.editing.form : { values: { ...m }, errors: [] };
            return (
              <li key={m.id} class="milestone">
                <strong>{milestoneName(t, m)}</strong>: {when(m)}
                {m.isDemo ? <span class="row-detail">{t("roadmap.demoDate")}</span> : null}
                {moved ? (
                  <span class="row-detail">
                    {t("roadmap.movedFrom", {
                      from: periodLabel(ctx.i18n, moved.fromDate, moved.fromPrecision),
                      to: periodLabel(ctx.i18n, moved.toDate, moved.toPrecision),
                      who: moved.byLabel,
                      when: dateTime(moved.at),
                    })}
                  </span>
                ) : null}
                {m.note ? <span class="row-detail">{m.note}</span> : null}
                {canEdit ? (
                  <details open={props.editing?.id === m.id}>
                    <summary>{t("roadmap.changeMilestone", { name: milestoneName(t, m) })}</summary>
                    <Form
                      ctx={ctx}
                      form={{ ...form, idPrefix: `m${m.id}-` }}
                      action={`/roadmap/${props.solutionId}/milestones/${m.id}`}
                      submitLabel={t("common.save")}
                    >
                      <MilestoneFields ctx={ctx} />
                    </Form>
                    <PostButton
                      ctx={ctx}
                      action={`/roadmap/${props.solutionId}/milestones/${m.id}/delete`}
                      label={t("roadmap.removeMilestone")}
                      hiddenText={milestoneName(t, m)}
                      size="sm"
                      variant="tertiary"
                      danger
                    />
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canEdit ? (
        <>
          <h3 class="ds-heading" data-size="sm">
            {t("roadmap.addMilestone")}
          </h3>
          <Form
            ctx={ctx}
            form={{ ...props.form, idPrefix: "new-" }}
            action={`/roadmap/${props.solutionId}/milestones`}
            submitLabel={t("roadmap.addMilestone")}
          >
            <MilestoneFields ctx={ctx} />
          </Form>
        </>
      ) : null}
    </Section>
  );
}
