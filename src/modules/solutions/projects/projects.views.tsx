import {
  Form,
  type FormState,
  ItemList,
  Link,
  type Option,
  PostButton,
  Section,
  SelectField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { SolutionService } from "../solutions.service.ts";

type Detail = Awaited<ReturnType<SolutionService["get"]>>;

/** On a solution's page: the projects that introduced it, and for its editors the form to add one. */
export function IntroducedBySection(props: {
  ctx: PageContext;
  detail: Detail;
  canEdit: boolean;
  /** The owner's projects not linked yet. */
  projectOptions: Option[];
  form: FormState;
}) {
  const { ctx, detail, canEdit } = props;
  const { solution } = detail;
  const { t } = ctx.i18n;
  return (
    <Section id="projects-heading" title={t("solution.projects")}>
      <ItemList
        items={detail.projects}
        empty={t("solution.noProjects")}
        itemKey={(p) => p.projectId}
        item={(p) => (
          <>
            <Link href={`/projects/${p.projectId}`}>{p.title}</Link> ({p.networkName}){" "}
            {canEdit ? (
              <PostButton
                ctx={ctx}
                action={`/solutions/${solution.id}/projects/${p.projectId}/delete`}
                label={t("participant.remove")}
                hiddenText={p.title}
                size="sm"
                variant="tertiary"
                danger
              />
            ) : null}
          </>
        )}
      />
      {canEdit && props.projectOptions.length ? (
        <Form ctx={ctx} form={props.form} action={`/solutions/${solution.id}/projects`} submitLabel={t("solution.addProject")}>
          <SelectField
            name="projectId"
            label={t("solution.project")}
            required
            placeholder={t("form.choose")}
            options={props.projectOptions}
          />
        </Form>
      ) : null}
    </Section>
  );
}
