import { CheckboxGroup, Form } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { phaseLabel } from "../labels.tsx";
import type { ProjectDetail } from "../projects.service.ts";
import type { Phase } from "../schema.ts";

/** The network's checklist for the project's current phase: ticked off by those who run it. */
export function PhaseChecklist(props: {
  ctx: PageContext;
  projectId: number;
  phase: Phase;
  items: ProjectDetail["checklist"];
  canEdit: boolean;
}) {
  const { ctx } = props;
  const { t, dateTime } = ctx.i18n;
  const items = props.items.filter((i) => i.phase === props.phase);
  if (items.length === 0) return null;
  const done = items.filter((i) => i.mark).length;
  return (
    <div class="phase-checklist">
      <h3 class="ds-heading" data-size="xs" id="checklist-heading">
        {t("checklist.forPhase", { phase: phaseLabel(t, props.phase), done, total: items.length })}
      </h3>
      {props.canEdit ? (
        <Form
          ctx={ctx}
          form={{ values: { done: items.filter((i) => i.mark).map((i) => String(i.id)) }, errors: [], idPrefix: "checklist-" }}
          action={`/projects/${props.projectId}/checklist`}
          submitLabel={t("checklist.save")}
        >
          <CheckboxGroup
            name="done"
            label={t("checklist.done")}
            options={items.map((i) => ({
              value: i.id,
              label: i.mark
                ? `${i.text} (${t("checklist.doneBy", { who: i.mark.doneByLabel, at: dateTime(i.mark.doneAt) })})`
                : i.text,
            }))}
          />
        </Form>
      ) : (
        <ul class="ds-list">
          {items.map((i) => (
            <li key={i.id}>
              {i.text}: {i.mark ? t("checklist.isDone") : t("checklist.notDone")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
