import { type ComponentChildren, Fragment } from "preact";
import { VISIBILITY_VALUES } from "../../platform/access/visibility.ts";
import { labelFor } from "../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  DemoTag,
  Facts,
  Form,
  FormPage,
  type FormPageProps,
  type FormState,
  History,
  Link,
  Notice,
  NumberField,
  type Option,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  TableScroll,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { FollowButton } from "../../platform/ui/follow-button.tsx";
import { ListTable } from "../../platform/ui/list-page.tsx";
import { BenefitsSection } from "./benefits/benefits.views.tsx";
import { PhaseChecklist } from "./checklists/phase-checklist.views.tsx";
import { type JoinRequest, JoinSection } from "./join/join.views.tsx";
import {
  type CustomSector,
  phaseLabel,
  projectKindLabel,
  roleLabel,
  StatusTag,
  sectorLabel,
  sectorOptions,
  visibilityLabel,
} from "./labels.tsx";
import { ParticipantTable } from "./participants/participants.views.tsx";
import type { Project } from "./projects.repo.ts";
import type { ProjectDetail, ProjectService } from "./projects.service.ts";
import { ReportsSection } from "./reports/reports.views.tsx";
import { ResourceLists } from "./resources/resources.views.tsx";
import { PHASES, PROJECT_KINDS } from "./schema.ts";

/** The project's own pages: its page with every section, and the form that registers or edits it. */

const period = (date: (v: string | null) => string, start: string | null, end: string | null) =>
  start || end ? `${start ? date(start) : "…"} – ${end ? date(end) : "…"}` : "";

/** An organisation's projects with its role in each, for the organisation's page. */
export function OrganisationProjects(props: {
  ctx: PageContext;
  projects: Awaited<ReturnType<ProjectService["ofOrganisation"]>>;
}) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <ListTable
      ctx={ctx}
      label={t("org.projects")}
      rows={props.projects}
      rowKey={(p) => p.id}
      columns={[
        {
          label: t("project.title"),
          cell: (p) => (
            <>
              <Link href={`/projects/${p.id}`}>{p.title}</Link>
              <span class="row-detail">{p.networkName}</span>
            </>
          ),
        },
        { label: t("participant.role"), cell: (p) => roleLabel(t, p.role) },
        { label: t("project.phase"), cell: (p) => phaseLabel(t, p.phase) },
        { label: t("project.status"), cell: (p) => <StatusTag t={t} colour={p.status} /> },
      ]}
    />
  );
}

export function ProjectPage(props: {
  ctx: PageContext;
  detail: ProjectDetail;
  canEdit: boolean;
  canDelete: boolean;
  phaseForm: FormState;
  joinForm: FormState;
  decisionForm: FormState;
  /** Organisations the viewer acts for that do not take part yet. */
  joinOptions: Option[];
  requests: JoinRequest[];
  history: Parameters<typeof History>[0]["entries"];
  /** The need and decision the project came from, when a decision created it. */
  origin: { need: { id: number; title: string } | null; meetingTitle: string; decision: { meetingId: number } } | null;
  /** The national solutions the project is its network's joint rollout of. */
  rollsOut: { id: number; name: string }[];
  /** How the viewer follows the project; null for a reader not signed in. */
  /** Other modules' sections (experience, reviews). */
  sections: ComponentChildren;
}) {
  const { ctx, detail, canEdit } = props;
  const { project, participants, reports, phaseChanges, benefits, sectors } = detail;
  const { t, number, date, dateTime } = ctx.i18n;
  const latest = reports[0];
  const currentPhase = PHASES.indexOf(project.phase);
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {project.title} {project.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <FollowButton ctx={ctx} />
      {project.summary ? <p class="ds-paragraph lead">{project.summary}</p> : null}
      {props.origin?.need ? (
        <p class="ds-paragraph">
          {t("project.origin")} <Link href={`/needs/${props.origin.need.id}`}>{props.origin.need.title}</Link>,{" "}
          <Link href={`/meetings/${props.origin.decision.meetingId}`}>
            {t("project.originDecision", { meeting: props.origin.meetingTitle })}
          </Link>
        </p>
      ) : null}
      {props.rollsOut.length ? (
        <p class="ds-paragraph">
          {t("rollout.ofSolutions")}{" "}
          {props.rollsOut.map((s, i) => (
            <Fragment key={s.id}>
              {i > 0 ? ", " : null}
              <Link href={`/roadmap/${s.id}#rollout-heading`}>{s.name}</Link>
            </Fragment>
          ))}
        </p>
      ) : null}
      <Facts
        facts={[
          [t("project.network"), <Link href={`/n/${detail.networkSlug}`}>{detail.networkName}</Link>],
          [
            t("project.owner"),
            project.ownerOrganisationId ? (
              <Link href={`/organisations/${project.ownerOrganisationId}`}>{detail.ownerName}</Link>
            ) : (
              t("project.ownedByNetwork")
            ),
          ],
          [t("project.kind"), projectKindLabel(t, project.kind)],
          [t("project.sector"), sectorLabel(t, project.sector, sectors)],
          [t("project.phase"), phaseLabel(t, project.phase)],
          [
            t("project.status"),
            <>
              <StatusTag t={t} colour={latest?.overall ?? null} />
              {latest ? ` ${t("report.asOf", { date: date(latest.reportDate) })}` : ""}
            </>,
          ],
          !!(project.startDate || project.endDate) && [t("project.period"), period(date, project.startDate, project.endDate)],
          project.budget !== null && [t("project.budget"), t("project.kroner", { amount: number(project.budget) })],
          !!project.contactPersonId && [
            t("project.contact"),
            <Link href={`/people/${project.contactPersonId}`}>{detail.contactName}</Link>,
          ],
          project.tags.length > 0 && [
            t("project.tags"),
            <ul class="tag-list">
              {project.tags.map((tag) => (
                <li key={tag}>
                  <Link href={`/projects?tag=${encodeURIComponent(tag)}`}>{tag}</Link>
                </li>
              ))}
            </ul>,
          ],
          [t("project.visibility"), visibilityLabel(t, project.visibility)],
        ]}
      />
      {canEdit ? (
        <div class="button-row">
          <ButtonLink href={`/projects/${project.id}/edit`}>{t("project.edit")}</ButtonLink>
          <ButtonLink href={`/projects/${project.id}/participants`}>{t("participant.manage")}</ButtonLink>
          {props.canDelete ? (
            <PostButton ctx={ctx} action={`/projects/${project.id}/delete`} label={t("project.delete")} danger />
          ) : null}
        </div>
      ) : null}

      {project.description ? (
        <Section id="description-heading" title={t("project.description")}>
          <p class="ds-paragraph prewrap">{project.description}</p>
        </Section>
      ) : null}
      {project.problem ? (
        <Section id="problem-heading" title={t("project.problem")}>
          <p class="ds-paragraph prewrap">{project.problem}</p>
        </Section>
      ) : null}

      <ResourceLists ctx={ctx} projectId={project.id} resources={detail.resources} />
      {canEdit ? (
        <p>
          <ButtonLink href={`/projects/${project.id}/resources`}>{t("resources.edit")}</ButtonLink>
        </p>
      ) : null}

      <Section id="participants-heading" title={t("participant.heading")}>
        {participants.length === 0 ? (
          <p class="ds-paragraph">{t("participant.none")}</p>
        ) : (
          <ParticipantTable ctx={ctx} participants={participants} />
        )}
      </Section>

      <JoinSection
        ctx={ctx}
        projectId={project.id}
        canEdit={canEdit}
        joinForm={props.joinForm}
        decisionForm={props.decisionForm}
        joinOptions={props.joinOptions}
        requests={props.requests}
      />

      <Section id="phase-heading" title={t("project.phases")}>
        <ol class="phase-steps">
          {PHASES.map((p, i) => (
            <li
              key={p}
              data-state={i < currentPhase ? "done" : i === currentPhase ? "current" : "ahead"}
              aria-current={i === currentPhase ? "step" : undefined}
            >
              {phaseLabel(t, p)}
              {i === currentPhase ? <span class="ds-sr-only"> {t("project.currentPhase")}</span> : null}
            </li>
          ))}
        </ol>
        <PhaseChecklist ctx={ctx} projectId={project.id} phase={project.phase} items={detail.checklist} canEdit={canEdit} />
        {canEdit ? (
          <Form ctx={ctx} form={props.phaseForm} action={`/projects/${project.id}/phase`} submitLabel={t("project.changePhase")}>
            <SelectField
              form={{ ...props.phaseForm, values: { phase: project.phase, ...props.phaseForm.values } }}
              name="phase"
              label={t("project.newPhase")}
              required
              options={optionsOf(t, PHASES, phaseLabel)}
            />
            <TextField name="note" label={t("project.phaseNote")} />
          </Form>
        ) : null}
        {phaseChanges.length ? (
          <TableScroll label={t("project.phaseHistory")}>
            <table class="ds-table" data-size="sm">
              <caption>{t("project.phaseHistory")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("history.when")}</th>
                  <th scope="col">{t("project.phase")}</th>
                  <th scope="col">{t("history.who")}</th>
                  <th scope="col">{t("project.phaseNote")}</th>
                </tr>
              </thead>
              <tbody>
                {phaseChanges.map((c) => (
                  <tr key={c.id}>
                    <td>{dateTime(c.at)}</td>
                    <td>
                      {c.fromPhase ? `${phaseLabel(t, c.fromPhase)} → ` : ""}
                      {phaseLabel(t, c.toPhase)}
                    </td>
                    <td>{c.changedByLabel}</td>
                    <td>{c.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
      </Section>

      <ReportsSection ctx={ctx} projectId={project.id} reports={reports} canEdit={canEdit} />
      <BenefitsSection ctx={ctx} projectId={project.id} benefits={benefits} canEdit={canEdit} />
      {props.sections}
      {canEdit ? <History ctx={ctx} entries={props.history} /> : null}
    </>
  );
}

export function ProjectFormPage(
  props: FormPageProps & {
    owners: Option[];
    /** The secretariat may leave the owner empty: the project is then the network's own. */
    networkOwned: boolean;
    bodies: Option[];
    sectors: CustomSector[];
    people: Option[];
    conflict: Project | null;
    networkName: string;
  },
) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage
      {...props}
      intro={
        <>
          <p class="ds-paragraph">{t("project.formIntro", { network: props.networkName })}</p>
          {props.conflict ? <ConflictNotice ctx={ctx} form={form} saved={props.conflict} /> : null}
        </>
      }
    >
      {form.values.version !== undefined ? <input type="hidden" name="version" value={String(form.values.version)} /> : null}
      <TextField name="title" label={t("project.title")} required />
      <TextField name="summary" label={t("project.summary")} description={t("project.summaryHint")} />
      <TextArea name="description" label={t("project.description")} rows={6} />
      <TextArea name="problem" label={t("project.problem")} />
      <SelectField
        name="ownerOrganisationId"
        label={t("project.owner")}
        required={!props.networkOwned}
        {...(props.networkOwned ? { placeholder: t("project.ownedByNetwork") } : { placeholder: t("form.choose") })}
        description={t("project.ownerHint")}
        options={props.owners}
      />
      <SelectField name="kind" label={t("project.kind")} required options={optionsOf(t, PROJECT_KINDS, projectKindLabel)} />
      <SelectField name="sector" label={t("project.sector")} required options={sectorOptions(t, props.sectors)} />
      <SelectField name="contactPersonId" label={t("project.contact")} placeholder={t("form.none")} options={props.people} />
      <TextField name="startDate" label={t("project.startDate")} type="date" width="short" description={t("form.dateHint")} />
      <TextField name="endDate" label={t("project.endDate")} type="date" width="short" description={t("form.dateHint")} />
      <NumberField name="budget" label={t("project.budgetKroner")} />
      <TextField name="tags" label={t("project.tags")} description={t("project.tagsHint")} />
      <SelectField
        name="visibility"
        label={t("project.visibility")}
        required
        options={optionsOf(t, VISIBILITY_VALUES, visibilityLabel)}
      />
      <SelectField
        name="bodyId"
        label={t("project.body")}
        description={t("project.bodyHint")}
        placeholder={t("form.none")}
        options={props.bodies}
      />
    </FormPage>
  );
}

const CONFLICT_FIELDS = [
  "title",
  "summary",
  "description",
  "problem",
  "kind",
  "sector",
  "startDate",
  "endDate",
  "budget",
  "visibility",
] as const;

/** After a save that lost the race: what the other person saved, next to what this user typed. */
function ConflictNotice(props: { ctx: PageContext; form: FormState; saved: Project }) {
  const { t } = props.ctx.i18n;
  const mine = props.form.values;
  const differs = CONFLICT_FIELDS.filter((f) => String(props.saved[f] ?? "") !== String(mine[f] ?? "").trim());
  return (
    <Notice kind="warning">
      <h2 class="ds-heading" data-size="xs">
        {t("project.conflictTitle")}
      </h2>
      <p class="ds-paragraph">{t("project.conflictHelp")}</p>
      {differs.length ? (
        <table class="ds-table" data-size="sm">
          <caption>{t("project.conflictTable")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("project.conflictField")}</th>
              <th scope="col">{t("project.conflictSaved")}</th>
              <th scope="col">{t("project.conflictYours")}</th>
            </tr>
          </thead>
          <tbody>
            {differs.map((f) => (
              <tr key={f}>
                <th scope="row">{labelFor(t, "project", f)}</th>
                <td class="prewrap">{String(props.saved[f] ?? "")}</td>
                <td class="prewrap">{String(mine[f] ?? "")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Notice>
  );
}
