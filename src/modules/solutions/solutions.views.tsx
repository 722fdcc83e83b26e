import type { ComponentChildren } from "preact";
import {
  ButtonLink,
  DemoTag,
  Facts,
  FormPage,
  type FormPageProps,
  type FormState,
  History,
  Link,
  type Option,
  optionsOf,
  PostButton,
  SelectField,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { FollowButton } from "../../platform/ui/follow-button.tsx";
import { maintenanceLabel, maturityLabel, originLabel } from "./labels.ts";
import { IntroducedBySection } from "./projects/projects.views.tsx";
import { MAINTENANCE_TYPES, MATURITIES, SOFTWARE_TYPES, SOLUTION_ORIGINS } from "./schema.ts";
import type { SolutionService } from "./solutions.service.ts";
import { UsersSection } from "./users/users.views.tsx";

type Detail = Awaited<ReturnType<SolutionService["get"]>>;

/** A solution: what it is and who offers it, who uses it, the projects that introduced it; for its editors the history. */
export function SolutionPage(props: {
  ctx: PageContext;
  detail: Detail;
  canEdit: boolean;
  /** The organisations the viewer acts for, to say "we use this". */
  mine: Option[];
  useForm: FormState;
  projectForm: FormState;
  projectOptions: Option[];
  history: Parameters<typeof History>[0]["entries"];
  /** Other modules' sections (experience written about it). */
  sections: ComponentChildren;
}) {
  const { ctx, detail, canEdit } = props;
  const { solution, users } = detail;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {solution.name} {solution.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <FollowButton ctx={ctx} />
      {solution.summary ? <p class="ds-paragraph lead">{solution.summary}</p> : null}
      <p>
        <Link href="#users-heading">{t("solution.whoElse", { n: users.length })}</Link>
      </p>
      <Facts
        facts={[
          [t("solution.owner"), <Link href={`/organisations/${solution.ownerOrganisationId}`}>{detail.ownerName}</Link>],
          !!solution.vendor && [t("solution.vendor"), solution.vendor],
          [t("solution.origin"), originLabel(t, solution.origin)],
          !!solution.category && [t("solution.category"), solution.category],
          [t("solution.maturity"), maturityLabel(t, solution.maturity)],
          !!solution.licence && [t("solution.licence"), solution.licence],
          [t("solution.maintenance"), maintenanceLabel(t, solution.maintenanceType)],
          !!solution.contactPersonId && [
            t("project.contact"),
            <Link href={`/people/${solution.contactPersonId}`}>{detail.contactName}</Link>,
          ],
          !!(solution.url || solution.landingUrl) && [
            t("solution.links"),
            <ul class="tag-list">
              {[solution.landingUrl, solution.url].filter(Boolean).map((u) => (
                <li key={u}>
                  <a class="ds-link" href={u} rel="noopener noreferrer">
                    {u}
                  </a>
                </li>
              ))}
            </ul>,
          ],
        ]}
      />
      <div class="button-row">
        {canEdit ? <ButtonLink href={`/solutions/${solution.id}/edit`}>{t("solution.edit")}</ButtonLink> : null}
        <a class="ds-button" data-variant="tertiary" href={`/solutions/${solution.id}/publiccode.yml`} download>
          {t("solution.export")}
        </a>
        {canEdit ? (
          <PostButton ctx={ctx} action={`/solutions/${solution.id}/delete`} label={t("solution.delete")} danger />
        ) : null}
      </div>
      {solution.description ? <p class="ds-paragraph prewrap">{solution.description}</p> : null}

      <UsersSection ctx={ctx} solution={solution} users={users} mine={props.mine} form={props.useForm} />
      <IntroducedBySection
        ctx={ctx}
        detail={detail}
        canEdit={canEdit}
        projectOptions={props.projectOptions}
        form={props.projectForm}
      />
      {props.sections}
      {canEdit ? <History ctx={ctx} entries={props.history} /> : null}
    </>
  );
}

/** The form for a new solution, and for changing one. */
export function SolutionFormPage(
  props: FormPageProps & {
    owners: Option[];
    people: Option[];
  },
) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage {...props}>
      <TextField name="name" label={t("solution.name")} required />
      <TextField name="summary" label={t("project.summary")} description={t("project.summaryHint")} />
      <TextArea name="description" label={t("project.description")} rows={6} />
      <SelectField
        name="ownerOrganisationId"
        label={t("solution.owner")}
        description={t("solution.ownerHint")}
        required
        placeholder={t("form.choose")}
        options={props.owners}
      />
      <TextField name="vendor" label={t("solution.vendor")} />
      <SelectField name="origin" label={t("solution.origin")} required options={optionsOf(t, SOLUTION_ORIGINS, originLabel)} />
      <TextField name="category" label={t("solution.category")} />
      <SelectField name="maturity" label={t("solution.maturity")} required options={optionsOf(t, MATURITIES, maturityLabel)} />
      <TextField name="licence" label={t("solution.licence")} description={t("solution.licenceHint")} />
      <SelectField
        name="softwareType"
        label={t("solution.softwareType")}
        required
        options={SOFTWARE_TYPES.map((s) => ({ value: s, label: s }))}
      />
      <TextField name="platforms" label={t("solution.platforms")} description={t("solution.platformsHint")} />
      <SelectField
        name="maintenanceType"
        label={t("solution.maintenance")}
        required
        options={optionsOf(t, MAINTENANCE_TYPES, maintenanceLabel)}
      />
      <TextField name="landingUrl" label={t("solution.landingUrl")} type="url" />
      <TextField name="url" label={t("solution.url")} type="url" />
      <SelectField name="contactPersonId" label={t("project.contact")} placeholder={t("form.none")} options={props.people} />
    </FormPage>
  );
}
