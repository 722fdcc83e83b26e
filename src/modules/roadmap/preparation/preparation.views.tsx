import {
  Form,
  type FormState,
  NumberField,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { actionsColumn, ListTable } from "../../../platform/ui/list-page.tsx";
import { milestoneKindLabel, sizeClassLabel, taskKindLabel } from "../labels.ts";
import type { RoadmapService } from "../roadmap.service.ts";
import { MILESTONE_KINDS, SIZE_CLASSES, TASK_KINDS } from "../schema.ts";

type Detail = Awaited<ReturnType<RoadmapService["get"]>>;

/** The milestone kinds a preparation task can be timed before: every kind but "custom". */
const NAMED_MILESTONE_KINDS = MILESTONE_KINDS.filter((k) => k !== "custom");

/** What a municipality must do before a milestone, and how long before; for its editors, a form to add one. */
export function TasksSection(props: {
  ctx: PageContext;
  solutionId: number;
  tasks: Detail["tasks"];
  canEdit: boolean;
  form: FormState;
}) {
  const { ctx, tasks, canEdit } = props;
  const { t } = ctx.i18n;
  return (
    <Section id="tasks-heading" title={t("roadmap.tasks")}>
      {tasks.length === 0 ? (
        <p class="ds-paragraph">{t("roadmap.noTasks")}</p>
      ) : (
        <ListTable
          ctx={ctx}
          label={t("roadmap.tasks")}
          rows={tasks}
          rowKey={(task) => task.id}
          columns={[
            { label: t("roadmap.taskKind"), cell: (task) => taskKindLabel(t, task.kind) },
            { label: t("roadmap.taskDescription"), cell: (task) => task.description },
            {
              label: t("roadmap.startBefore"),
              cell: (task) =>
                t("roadmap.monthsBefore", {
                  n: task.leadMonths,
                  milestone: milestoneKindLabel(t, task.beforeKind).toLowerCase(),
                }),
            },
            ...actionsColumn(t, canEdit, (task: Detail["tasks"][number]) => (
              <PostButton
                ctx={ctx}
                action={`/roadmap/${props.solutionId}/tasks/${task.id}/delete`}
                label={t("participant.remove")}
                hiddenText={taskKindLabel(t, task.kind)}
                size="sm"
                danger
              />
            )),
          ]}
        />
      )}
      {canEdit ? (
        <Form
          ctx={ctx}
          form={{ ...props.form, idPrefix: "task-" }}
          action={`/roadmap/${props.solutionId}/tasks`}
          submitLabel={t("roadmap.addTask")}
        >
          <SelectField name="kind" label={t("roadmap.taskKind")} options={optionsOf(t, TASK_KINDS, taskKindLabel)} />
          <TextField name="description" label={t("roadmap.taskDescription")} />
          <SelectField
            name="beforeKind"
            label={t("roadmap.beforeKind")}
            options={optionsOf(t, NAMED_MILESTONE_KINDS, milestoneKindLabel)}
          />
          <NumberField name="leadMonths" label={t("roadmap.leadMonths")} required />
        </Form>
      ) : null}
    </Section>
  );
}

/** What the solution is expected to cost a municipality of each size; its editors see the form instead of the table. */
export function CostsSection(props: {
  ctx: PageContext;
  solutionId: number;
  costs: Detail["costs"];
  canEdit: boolean;
  form: FormState;
}) {
  const { ctx, costs, canEdit } = props;
  const { t, number } = ctx.i18n;
  return (
    <Section id="costs-heading" title={t("roadmap.costs")}>
      <p class="ds-paragraph">{t("roadmap.costsIntro")}</p>
      {canEdit ? (
        <Form
          ctx={ctx}
          form={{ ...props.form, idPrefix: "costs-" }}
          action={`/roadmap/${props.solutionId}/costs`}
          submitLabel={t("common.save")}
        >
          {SIZE_CLASSES.map((size, i) => (
            <fieldset class="ds-fieldset field-pair" key={size}>
              <legend class="ds-label">{sizeClassLabel(t, size)}</legend>
              <input type="hidden" name={`costs.${i}.sizeClass`} value={size} />
              <NumberField name={`costs.${i}.oneOff`} label={t("roadmap.oneOff")} />
              <NumberField name={`costs.${i}.yearly`} label={t("roadmap.yearly")} />
            </fieldset>
          ))}
        </Form>
      ) : costs.length === 0 ? (
        <p class="ds-paragraph">{t("roadmap.noCosts")}</p>
      ) : (
        <ListTable
          ctx={ctx}
          label={t("roadmap.costs")}
          rows={SIZE_CLASSES.flatMap((size) => costs.find((c) => c.sizeClass === size) ?? [])}
          rowKey={(c) => c.sizeClass}
          columns={[
            { label: t("roadmap.sizeClass"), cell: (c) => sizeClassLabel(t, c.sizeClass) },
            { label: t("roadmap.oneOff"), numeric: true, cell: (c) => t("project.kroner", { amount: number(c.oneOff) }) },
            { label: t("roadmap.yearly"), numeric: true, cell: (c) => t("project.kroner", { amount: number(c.yearly) }) },
          ]}
        />
      )}
    </Section>
  );
}

/** The cost estimates as form values: costs.<i>.oneOff and costs.<i>.yearly, in the order of the size classes. */
export const costsToForm = (costs: { sizeClass: string; oneOff: number; yearly: number }[]) =>
  Object.fromEntries(
    SIZE_CLASSES.flatMap((size, i) => {
      const c = costs.find((x) => x.sizeClass === size);
      return c
        ? [
            [`costs.${i}.oneOff`, String(c.oneOff)],
            [`costs.${i}.yearly`, String(c.yearly)],
          ]
        : [];
    }),
  );

/** The cost form's fields as the service's input. */
export const costsFromForm = (body: Record<string, unknown>) => ({
  costs: SIZE_CLASSES.map((size, i) => ({
    sizeClass: size,
    oneOff: body[`costs.${i}.oneOff`] ?? "",
    yearly: body[`costs.${i}.yearly`] ?? "",
  })),
});
