import { Form, type FormState, Link, PostButton, Section, SelectField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { RoadmapService } from "../roadmap.service.ts";

type Rollouts = Awaited<ReturnType<RoadmapService["rollouts"]>>;

/** The networks rolling the solution out together: their project, and who takes part. */
export function RolloutSection(props: {
  ctx: PageContext;
  solutionId: number;
  rollouts: Rollouts;
  candidates: { id: number; title: string; networkName: string }[];
  canUnlink: (networkId: number) => boolean;
  form: FormState;
}) {
  const { ctx, rollouts } = props;
  const { t } = ctx.i18n;
  return (
    <Section id="rollout-heading" title={t("rollout.heading")}>
      <p class="ds-paragraph">{t("rollout.intro")}</p>
      {rollouts.length === 0 ? (
        <p class="ds-paragraph">{t("rollout.none")}</p>
      ) : (
        <ul class="plain-list">
          {rollouts.map((r) => (
            <li key={r.projectId} class="milestone">
              <strong>{r.networkName}</strong>: <Link href={`/projects/${r.projectId}`}>{r.title}</Link>
              <span class="row-detail">
                {r.participants.length
                  ? t("rollout.taking", { names: r.participants.map((p) => p.name).join(", ") })
                  : t("rollout.noParticipants")}
              </span>
              {props.canUnlink(r.networkId) ? (
                <PostButton
                  ctx={ctx}
                  action={`/roadmap/${props.solutionId}/rollouts/${r.projectId}/delete`}
                  label={t("rollout.remove")}
                  hiddenText={r.title}
                  variant="tertiary"
                  size="sm"
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.candidates.length ? (
        <details open={props.form.errors.length > 0}>
          <summary>{t("rollout.link")}</summary>
          <Form
            ctx={ctx}
            form={{ ...props.form, idPrefix: "rollout-" }}
            action={`/roadmap/${props.solutionId}/rollouts`}
            submitLabel={t("rollout.link")}
          >
            <SelectField
              name="projectId"
              label={t("rollout.project")}
              description={t("rollout.projectHint")}
              placeholder=""
              options={props.candidates.map((p) => ({ value: String(p.id), label: `${p.title} (${p.networkName})` }))}
              required
            />
          </Form>
        </details>
      ) : null}
    </Section>
  );
}
