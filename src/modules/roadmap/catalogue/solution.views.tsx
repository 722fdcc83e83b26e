import { ButtonLink, Facts, type FormState } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { FollowButton } from "../../../platform/ui/follow-button.tsx";
import { categoryLabel } from "../labels.ts";
import { MilestonesSection } from "../milestones/milestones.views.tsx";
import { CostsSection, TasksSection } from "../preparation/preparation.views.tsx";
import type { RoadmapService } from "../roadmap.service.ts";
import { RolloutSection } from "../rollouts/rollouts.views.tsx";

type Detail = Awaited<ReturnType<RoadmapService["get"]>>;
type Rollouts = Awaited<ReturnType<RoadmapService["rollouts"]>>;

/** A solution's page: its facts, then its milestones, preparation tasks, costs and joint rollouts. */
export function SolutionPage(props: {
  ctx: PageContext;
  detail: Detail;
  networkName: string | null;
  canEdit: boolean;
  milestoneForm: FormState;
  editing: { id: number; form: FormState } | null;
  taskForm: FormState;
  costsForm: FormState;
  rollouts: Rollouts;
  rolloutCandidates: Awaited<ReturnType<RoadmapService["rolloutCandidates"]>>;
  canUnlink: (networkId: number) => boolean;
  rolloutForm: FormState;
}) {
  const { ctx, detail, canEdit } = props;
  const { solution } = detail;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {solution.name}
      </h1>
      <FollowButton ctx={ctx} />
      {solution.purpose ? <p class="ds-paragraph lead">{solution.purpose}</p> : null}
      <Facts
        facts={[
          [t("roadmap.owner"), solution.owner],
          [t("roadmap.category"), categoryLabel(t, solution.category)],
          [
            t("roadmap.scope"),
            props.networkName ? t("roadmap.initiativeOf", { network: props.networkName }) : t("roadmap.national"),
          ],
          !!solution.url && [
            t("roadmap.url"),
            <a class="ds-link" href={solution.url} rel="noopener noreferrer">
              {solution.url}
            </a>,
          ],
        ]}
      />
      {canEdit ? (
        <div class="button-row">
          <ButtonLink href={`/roadmap/${solution.id}/edit`}>{t("roadmap.edit")}</ButtonLink>
        </div>
      ) : null}

      <MilestonesSection
        ctx={ctx}
        solutionId={solution.id}
        milestones={detail.milestones}
        canEdit={canEdit}
        editing={props.editing}
        form={props.milestoneForm}
      />
      <TasksSection ctx={ctx} solutionId={solution.id} tasks={detail.tasks} canEdit={canEdit} form={props.taskForm} />
      <CostsSection ctx={ctx} solutionId={solution.id} costs={detail.costs} canEdit={canEdit} form={props.costsForm} />

      <RolloutSection
        ctx={ctx}
        solutionId={solution.id}
        rollouts={props.rollouts}
        candidates={props.rolloutCandidates}
        canUnlink={props.canUnlink}
        form={props.rolloutForm}
      />
    </>
  );
}
