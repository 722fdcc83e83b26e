import { Form, type FormState, optionsOf, PostButton, SelectField, TextField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { phaseLabel } from "../labels.tsx";
import { NetworkSettingsHeading } from "../parts.tsx";
import { PHASES, type Phase } from "../schema.ts";

/** The network's checklist for each phase, as its secretariat sets it. */
export function ChecklistSettingsPage(props: {
  ctx: PageContext;
  form: FormState;
  network: { slug: string; name: string };
  items: { id: number; phase: Phase; text: string }[];
}) {
  const { ctx, form, network } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <NetworkSettingsHeading ctx={ctx} title={t("checklist.title", { network: network.name })} intro={t("checklist.intro")} />
      {PHASES.map((phase) => {
        const items = props.items.filter((i) => i.phase === phase);
        return (
          <section key={phase} aria-labelledby={`checklist-${phase}`}>
            <h2 class="ds-heading" data-size="sm" id={`checklist-${phase}`}>
              {phaseLabel(t, phase)}
            </h2>
            {items.length === 0 ? (
              <p class="ds-paragraph">{t("checklist.none")}</p>
            ) : (
              <ol class="ds-list">
                {items.map((i) => (
                  <li key={i.id}>
                    {i.text}{" "}
                    <PostButton
                      ctx={ctx}
                      action={`/n/${network.slug}/checklists/${i.id}/delete`}
                      label={t("participant.remove")}
                      hiddenText={i.text}
                      size="sm"
                      variant="tertiary"
                      danger
                    />
                  </li>
                ))}
              </ol>
            )}
          </section>
        );
      })}
      <h2 class="ds-heading" data-size="md">
        {t("checklist.add")}
      </h2>
      <Form ctx={ctx} form={form} action={`/n/${network.slug}/checklists`} submitLabel={t("checklist.add")}>
        <SelectField name="phase" label={t("project.phase")} required options={optionsOf(t, PHASES, phaseLabel)} />
        <TextField name="text" label={t("checklist.text")} description={t("checklist.textHint")} required />
      </Form>
    </>
  );
}
