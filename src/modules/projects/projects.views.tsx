import { Fragment } from "preact";
import { VISIBILITY_VALUES } from "../../platform/access/visibility.ts";
import type { Translate } from "../../platform/i18n/i18n.ts";
import {
  CheckboxGroup,
  DemoTag,
  FilterForm,
  Form,
  type FormState,
  History,
  ListStatus,
  Notice,
  type Option,
  Pagination,
  PostButton,
  SelectField,
  SortHeader,
  TableScroll,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import type { ProjectListQuery } from "./params.ts";
import type { Project } from "./projects.repo.ts";
import type { ProjectService } from "./projects.service.ts";
import { ResourceLists } from "./resources.views.tsx";
import {
  BENEFIT_TYPES,
  PARTICIPANT_ROLES,
  PHASES,
  PROJECT_KINDS,
  SECTORS,
  STATUS_COLOURS,
  STATUS_DIMENSIONS,
  type StatusColour,
} from "./schema.ts";

type Detail = Awaited<ReturnType<ProjectService["visible"]>>;
type ListItem = Awaited<ReturnType<ProjectService["repo"]["list"]>>["items"][number];
type CustomSector = { key: string; name: string };

export const projectKindLabel = (t: Translate, kind: string) => t(`project.kind.${kind}` as "project.kind.local");
export const phaseLabel = (t: Translate, phase: string) => t(`project.phase.${phase}` as "project.phase.idea");
export const statusLabel = (t: Translate, colour: string) => t(`report.colour.${colour}` as "report.colour.green");
const dimensionLabel = (t: Translate, d: string) => t(`report.dimension.${d}` as "report.dimension.overall");
const roleLabel = (t: Translate, role: string) => t(`participant.role.${role}` as "participant.role.lead");
const benefitTypeLabel = (t: Translate, type: string) => t(`benefit.type.${type}` as "benefit.type.money");
const visibilityLabel = (t: Translate, v: string) => t(`project.visibility.${v}` as "project.visibility.public");

/** A built-in sector by its translated name, a network's own by the name it gave. */
export function sectorLabel(t: Translate, key: string, custom: readonly CustomSector[]): string {
  if ((SECTORS as readonly string[]).includes(key)) return t(`project.sector.${key}` as "project.sector.other");
  return custom.find((s) => s.key === key)?.name ?? key;
}

function sectorOptions(t: Translate, custom: readonly CustomSector[]): Option[] {
  const seen = new Set<string>();
  const own = custom.filter((s) => !seen.has(s.key) && seen.add(s.key));
  return [
    ...SECTORS.map((s) => ({ value: s, label: sectorLabel(t, s, []) })),
    ...own.map((s) => ({ value: s.key, label: s.name })),
  ];
}

const STATUS_TAG_COLOUR: Record<StatusColour, string> = { green: "success", yellow: "warning", red: "danger" };

/** Traffic-light status as a tag with its word, so colour is never the only cue (WCAG 1.4.1). */
export function StatusTag({ t, colour }: { t: Translate; colour: StatusColour | null }) {
  if (!colour) return <span class="muted">{t("report.none")}</span>;
  return (
    <span class="ds-tag status-tag" data-color={STATUS_TAG_COLOUR[colour]} data-size="sm">
      {statusLabel(t, colour)}
    </span>
  );
}

const period = (date: (v: string | null) => string, start: string | null, end: string | null) =>
  start || end ? `${start ? date(start) : "…"} – ${end ? date(end) : "…"}` : "";

export function ProjectsPage(props: {
  ctx: PageContext;
  items: ListItem[];
  total: number;
  filter: ProjectListQuery;
  limit: number;
  csvHref: string;
  timelineHref: string;
  xlsxHref: string;
  benefitsHref: string;
  /** Networks the viewer may register projects in, and whether they also set its portfolio settings. */
  createIn: { slug: string; name: string; configure: boolean }[];
  networks: Option[];
  counties: Option[];
  organisations: Option[];
  customSectors: CustomSector[];
  /** The signed-in user's saved views; null for visitors. */
  savedViews: SavedView[] | null;
  viewForm: FormState;
}) {
  const { ctx, items, total, filter } = props;
  const { t, number, date } = ctx.i18n;
  const form: FormState = { values: { ...filter }, errors: [] };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("project.listTitle")}
      </h1>
      <p class="ds-paragraph">{t("project.listIntro")}</p>
      {props.createIn.length ? (
        <div class="button-row">
          {props.createIn.map((n) => (
            <a key={n.slug} class="ds-button" data-variant="secondary" href={`/n/${n.slug}/projects/new`}>
              {props.createIn.length > 1 ? t("project.newIn", { network: n.name }) : t("project.new")}
            </a>
          ))}
          {props.createIn
            .filter((n) => n.configure)
            .map((n) => (
              <Fragment key={n.slug}>
                <a class="ds-button" data-variant="tertiary" href={`/n/${n.slug}/sectors`}>
                  {t("sector.title", { network: n.name })}
                </a>
                <a class="ds-button" data-variant="tertiary" href={`/n/${n.slug}/checklists`}>
                  {t("checklist.title", { network: n.name })}
                </a>
              </Fragment>
            ))}
        </div>
      ) : null}
      <FilterForm t={t} action="/projects" resetHref="/projects">
        <TextField t={t} form={form} name="q" label={t("project.search")} type="search" />
        <SelectField
          t={t}
          form={form}
          name="network"
          label={t("project.network")}
          placeholder={t("list.all")}
          options={props.networks}
        />
        <SelectField
          t={t}
          form={form}
          name="organisation"
          label={t("project.organisationFilter")}
          placeholder={t("list.all")}
          options={props.organisations}
        />
        <SelectField
          t={t}
          form={form}
          name="county"
          label={t("org.county")}
          placeholder={t("list.all")}
          options={props.counties}
        />
        <SelectField
          t={t}
          form={form}
          name="kind"
          label={t("project.kind")}
          placeholder={t("list.all")}
          options={PROJECT_KINDS.map((k) => ({ value: k, label: projectKindLabel(t, k) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="phase"
          label={t("project.phase")}
          placeholder={t("list.all")}
          options={PHASES.map((p) => ({ value: p, label: phaseLabel(t, p) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="sector"
          label={t("project.sector")}
          placeholder={t("list.all")}
          options={sectorOptions(t, props.customSectors)}
        />
        <SelectField
          t={t}
          form={form}
          name="status"
          label={t("project.status")}
          placeholder={t("list.all")}
          options={[
            ...STATUS_COLOURS.map((c) => ({ value: c, label: statusLabel(t, c) })),
            { value: "none", label: t("report.none") },
          ]}
        />
        <TextField t={t} form={form} name="from" label={t("project.runsFrom")} type="date" width="short" />
        <TextField t={t} form={form} name="to" label={t("project.runsTo")} type="date" width="short" />
        <TextField t={t} form={form} name="tag" label={t("project.tag")} width="short" />
        <input type="hidden" name="sort" value={filter.sort} />
      </FilterForm>
      {props.savedViews ? <SavedViews ctx={ctx} kind="projects" views={props.savedViews} form={props.viewForm} /> : null}
      <ListStatus
        ctx={ctx}
        total={total}
        page={filter.page}
        limit={props.limit}
        links={[
          { href: props.csvHref, label: t("list.downloadCsv", { n: number(total) }), download: true },
          { href: props.xlsxHref, label: t("list.downloadXlsx"), download: true },
          { href: props.timelineHref, label: t("timeline.show") },
          { href: props.benefitsHref, label: t("benefitsOverview.show") },
        ]}
      />
      {items.length === 0 ? (
        <Notice>{t("list.empty")}</Notice>
      ) : (
        <TableScroll label={t("project.listTitle")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <SortHeader t={t} url={ctx.url} column="title" label={t("project.title")} sort={filter.sort} />
                <th scope="col">{t("project.owner")}</th>
                <SortHeader t={t} url={ctx.url} column="phase" label={t("project.phase")} sort={filter.sort} />
                <th scope="col">{t("project.status")}</th>
                <SortHeader t={t} url={ctx.url} column="start" label={t("project.startDate")} sort={filter.sort} />
                <SortHeader t={t} url={ctx.url} column="end" label={t("project.endDate")} sort={filter.sort} />
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <a class="ds-link" href={`/projects/${p.id}`}>
                      {p.title}
                    </a>{" "}
                    {p.isDemo ? <DemoTag t={t} /> : null}
                    {p.summary ? <span class="row-detail">{p.summary}</span> : null}
                  </th>
                  <td>
                    {p.ownerName ?? p.networkName}
                    <span class="row-detail">{p.networkName}</span>
                  </td>
                  <td>{phaseLabel(t, p.phase)}</td>
                  <td>
                    <StatusTag t={t} colour={p.status} />
                  </td>
                  <td>{p.startDate ? date(p.startDate) : ""}</td>
                  <td>{p.endDate ? date(p.endDate) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination t={t} url={ctx.url} total={total} limit={props.limit} offset={(filter.page - 1) * props.limit} />
    </>
  );
}

/** An organisation's projects with its role in each, for the organisation's page. */
export function OrganisationProjects(props: {
  ctx: PageContext;
  projects: Awaited<ReturnType<ProjectService["ofOrganisation"]>>;
}) {
  const { t } = props.ctx.i18n;
  return (
    <TableScroll label={t("org.projects")}>
      <table class="ds-table" data-border>
        <thead>
          <tr>
            <th scope="col">{t("project.title")}</th>
            <th scope="col">{t("participant.role")}</th>
            <th scope="col">{t("project.phase")}</th>
            <th scope="col">{t("project.status")}</th>
          </tr>
        </thead>
        <tbody>
          {props.projects.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <a class="ds-link" href={`/projects/${p.id}`}>
                  {p.title}
                </a>
                <span class="row-detail">{p.networkName}</span>
              </th>
              <td>{roleLabel(t, p.role)}</td>
              <td>{phaseLabel(t, p.phase)}</td>
              <td>
                <StatusTag t={t} colour={p.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

type JoinRequest = Awaited<ReturnType<ProjectService["repo"]["joinRequestsOf"]>>[number];

export function ProjectPage(props: {
  ctx: PageContext;
  detail: Detail;
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
}) {
  const { ctx, detail, canEdit } = props;
  const { project, participants, reports, phaseChanges, benefits, sectors } = detail;
  const { t, number, date, dateTime } = ctx.i18n;
  const [latest, ...earlier] = reports;
  const currentPhase = PHASES.indexOf(project.phase);
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {project.title} {project.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      {project.summary ? <p class="ds-paragraph lead">{project.summary}</p> : null}
      {props.origin?.need ? (
        <p class="ds-paragraph">
          {t("project.origin")}{" "}
          <a class="ds-link" href={`/needs/${props.origin.need.id}`}>
            {props.origin.need.title}
          </a>
          ,{" "}
          <a class="ds-link" href={`/meetings/${props.origin.decision.meetingId}`}>
            {t("project.originDecision", { meeting: props.origin.meetingTitle })}
          </a>
        </p>
      ) : null}
      {props.rollsOut.length ? (
        <p class="ds-paragraph">
          {t("rollout.ofSolutions")}{" "}
          {props.rollsOut.map((s, i) => (
            <Fragment key={s.id}>
              {i > 0 ? ", " : null}
              <a class="ds-link" href={`/roadmap/${s.id}#rollout-heading`}>
                {s.name}
              </a>
            </Fragment>
          ))}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t("project.network")}</dt>
        <dd>
          <a class="ds-link" href={`/n/${detail.networkSlug}`}>
            {detail.networkName}
          </a>
        </dd>
        <dt>{t("project.owner")}</dt>
        <dd>
          {project.ownerOrganisationId ? (
            <a class="ds-link" href={`/organisations/${project.ownerOrganisationId}`}>
              {detail.ownerName}
            </a>
          ) : (
            t("project.ownedByNetwork")
          )}
        </dd>
        <dt>{t("project.kind")}</dt>
        <dd>{projectKindLabel(t, project.kind)}</dd>
        <dt>{t("project.sector")}</dt>
        <dd>{sectorLabel(t, project.sector, sectors)}</dd>
        <dt>{t("project.phase")}</dt>
        <dd>{phaseLabel(t, project.phase)}</dd>
        <dt>{t("project.status")}</dt>
        <dd>
          <StatusTag t={t} colour={latest?.overall ?? null} />
          {latest ? ` ${t("report.asOf", { date: date(latest.reportDate) })}` : ""}
        </dd>
        {project.startDate || project.endDate ? (
          <>
            <dt>{t("project.period")}</dt>
            <dd>{period(date, project.startDate, project.endDate)}</dd>
          </>
        ) : null}
        {project.budget !== null ? (
          <>
            <dt>{t("project.budget")}</dt>
            <dd>{t("project.kroner", { amount: number(project.budget) })}</dd>
          </>
        ) : null}
        {project.contactPersonId ? (
          <>
            <dt>{t("project.contact")}</dt>
            <dd>
              <a class="ds-link" href={`/people/${project.contactPersonId}`}>
                {detail.contactName}
              </a>
            </dd>
          </>
        ) : null}
        {project.tags.length ? (
          <>
            <dt>{t("project.tags")}</dt>
            <dd>
              <ul class="tag-list">
                {project.tags.map((tag) => (
                  <li key={tag}>
                    <a class="ds-link" href={`/projects?tag=${encodeURIComponent(tag)}`}>
                      {tag}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>{t("project.visibility")}</dt>
        <dd>{visibilityLabel(t, project.visibility)}</dd>
      </dl>
      {canEdit ? (
        <div class="button-row">
          <a class="ds-button" data-variant="secondary" href={`/projects/${project.id}/edit`}>
            {t("project.edit")}
          </a>
          <a class="ds-button" data-variant="secondary" href={`/projects/${project.id}/participants`}>
            {t("participant.manage")}
          </a>
          {props.canDelete ? (
            <PostButton ctx={ctx} action={`/projects/${project.id}/delete`} label={t("project.delete")} danger />
          ) : null}
        </div>
      ) : null}

      {project.description ? (
        <section aria-labelledby="description-heading">
          <h2 class="ds-heading" data-size="md" id="description-heading">
            {t("project.description")}
          </h2>
          <p class="ds-paragraph prewrap">{project.description}</p>
        </section>
      ) : null}
      {project.problem ? (
        <section aria-labelledby="problem-heading">
          <h2 class="ds-heading" data-size="md" id="problem-heading">
            {t("project.problem")}
          </h2>
          <p class="ds-paragraph prewrap">{project.problem}</p>
        </section>
      ) : null}

      <ResourceLists ctx={ctx} projectId={project.id} resources={detail.resources} />
      {canEdit ? (
        <p>
          <a class="ds-button" data-variant="secondary" href={`/projects/${project.id}/resources`}>
            {t("resources.edit")}
          </a>
        </p>
      ) : null}

      <section aria-labelledby="participants-heading">
        <h2 class="ds-heading" data-size="md" id="participants-heading">
          {t("participant.heading")}
        </h2>
        {participants.length === 0 ? (
          <p class="ds-paragraph">{t("participant.none")}</p>
        ) : (
          <ParticipantTable ctx={ctx} participants={participants} />
        )}
      </section>

      <JoinSection
        ctx={ctx}
        projectId={project.id}
        canEdit={canEdit}
        joinForm={props.joinForm}
        decisionForm={props.decisionForm}
        joinOptions={props.joinOptions}
        requests={props.requests}
      />

      <section aria-labelledby="phase-heading">
        <h2 class="ds-heading" data-size="md" id="phase-heading">
          {t("project.phases")}
        </h2>
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
              t={t}
              form={{ ...props.phaseForm, values: { phase: project.phase, ...props.phaseForm.values } }}
              name="phase"
              label={t("project.newPhase")}
              required
              options={PHASES.map((p) => ({ value: p, label: phaseLabel(t, p) }))}
            />
            <TextField t={t} form={props.phaseForm} name="note" label={t("project.phaseNote")} />
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
      </section>

      <section aria-labelledby="reports-heading">
        <h2 class="ds-heading" data-size="md" id="reports-heading">
          {t("report.heading")}
        </h2>
        {canEdit ? (
          <div class="button-row">
            <a class="ds-button" data-variant="secondary" href={`/projects/${project.id}/reports/new`}>
              {t("report.new")}
            </a>
            {latest ? (
              <a class="ds-button" data-variant="secondary" href={`/projects/${project.id}/reports/new?copy=1`}>
                {t("report.copyPrevious")}
              </a>
            ) : null}
          </div>
        ) : null}
        {latest ? (
          <ReportTable ctx={ctx} report={latest} projectId={project.id} canEdit={canEdit} />
        ) : (
          <p class="ds-paragraph">{t("report.noneYet")}</p>
        )}
        {earlier.length ? (
          <>
            <h3 class="ds-heading" data-size="sm">
              {t("report.earlier")}
            </h3>
            {earlier.map((r) => (
              <details key={r.id} class="ds-details">
                <summary>
                  {date(r.reportDate)}: {statusLabel(t, r.overall)}
                </summary>
                <div>
                  <ReportTable ctx={ctx} report={r} projectId={project.id} canEdit={canEdit} />
                </div>
              </details>
            ))}
          </>
        ) : null}
      </section>

      <section aria-labelledby="benefits-heading">
        <h2 class="ds-heading" data-size="md" id="benefits-heading">
          {t("benefit.heading")}
        </h2>
        {canEdit ? (
          <p>
            <a class="ds-button" data-variant="secondary" href={`/projects/${project.id}/benefits/new`}>
              {t("benefit.new")}
            </a>
          </p>
        ) : null}
        {benefits.length === 0 ? (
          <p class="ds-paragraph">{t("benefit.none")}</p>
        ) : (
          <TableScroll label={t("benefit.heading")}>
            <table class="ds-table" data-border>
              <thead>
                <tr>
                  <th scope="col">{t("benefit.title")}</th>
                  <th scope="col">{t("benefit.indicator")}</th>
                  <th scope="col" class="numeric">
                    {t("benefit.baseline")}
                  </th>
                  <th scope="col" class="numeric">
                    {t("benefit.target")}
                  </th>
                  <th scope="col" class="numeric">
                    {t("benefit.latest")}
                  </th>
                  <th scope="col" class="numeric">
                    {t("benefit.achievement")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {benefits.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">
                      <a class="ds-link" href={`/projects/${project.id}/benefits/${b.id}`}>
                        {b.title}
                      </a>
                      <span class="row-detail">{benefitTypeLabel(t, b.type)}</span>
                    </th>
                    <td>
                      {b.indicator} ({b.unit})
                    </td>
                    <td class="numeric">{number(b.baseline)}</td>
                    <td class="numeric">{number(b.target)}</td>
                    <td class="numeric">{b.measurements.length ? number(b.measurements.at(-1)!.value) : "–"}</td>
                    <td class="numeric">
                      <Achievement t={t} number={number} value={b.achievement} trend={b.trend} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      {canEdit ? <History ctx={ctx} entries={props.history} /> : null}
    </>
  );
}

/** "We want to take part": the form for those acting for an organisation, and the requests with their decisions. */
function JoinSection(props: {
  ctx: PageContext;
  projectId: number;
  canEdit: boolean;
  joinForm: FormState;
  decisionForm: FormState;
  joinOptions: Option[];
  requests: JoinRequest[];
}) {
  const { ctx, requests } = props;
  const { t, dateTime } = ctx.i18n;
  if (!props.joinOptions.length && !requests.length) return null;
  const pending = requests.filter((r) => r.request.state === "pending");
  const decided = requests.filter((r) => r.request.state !== "pending");
  // A decision on a request that someone else decided meanwhile has no form left to show its error in.
  const staleDecision = props.decisionForm.errors.find((e) => e.key === "errors.alreadyDecided");
  return (
    <section aria-labelledby="join-heading">
      <h2 class="ds-heading" data-size="md" id="join-heading">
        {t("join.heading")}
      </h2>
      {staleDecision ? <Notice kind="danger">{t(staleDecision.key)}</Notice> : null}
      {pending.length ? (
        <ul class="stack plain-list">
          {pending.map(({ request: r, organisationName }) => (
            <li key={r.id} class="request-card">
              <p class="ds-paragraph">
                {t("join.pendingFrom", { organisation: organisationName, who: r.requestedByLabel, date: dateTime(r.createdAt) })}{" "}
                ({roleLabel(t, r.role)})
              </p>
              {r.note ? <p class="ds-paragraph prewrap">{r.note}</p> : null}
              {props.canEdit ? (
                <DecisionForm ctx={ctx} projectId={props.projectId} requestId={r.id} form={props.decisionForm} />
              ) : (
                <p class="ds-paragraph">{t("join.waiting")}</p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {decided.length ? (
        <TableScroll label={t("join.decided")}>
          <table class="ds-table" data-size="sm">
            <caption>{t("join.decided")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("participant.organisation")}</th>
                <th scope="col">{t("join.decision")}</th>
                <th scope="col">{t("history.who")}</th>
                <th scope="col">{t("history.when")}</th>
                <th scope="col">{t("join.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {decided.map(({ request: r, organisationName }) => (
                <tr key={r.id}>
                  <th scope="row">{organisationName}</th>
                  <td>{t(r.state === "accepted" ? "join.accepted" : "join.declined")}</td>
                  <td>{r.decidedByLabel}</td>
                  <td>{r.decidedAt ? dateTime(r.decidedAt) : ""}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {props.joinOptions.length ? (
        <>
          <p class="ds-paragraph">{t("join.help")}</p>
          <Form
            ctx={ctx}
            form={{ ...props.joinForm, idPrefix: "join-" }}
            action={`/projects/${props.projectId}/join`}
            submitLabel={t("join.submit")}
          >
            <SelectField
              t={t}
              form={{ ...props.joinForm, idPrefix: "join-" }}
              name="organisationId"
              label={t("participant.organisation")}
              required
              placeholder={t("form.choose")}
              options={props.joinOptions}
            />
            <SelectField
              t={t}
              form={{ ...props.joinForm, idPrefix: "join-" }}
              name="role"
              label={t("join.role")}
              required
              options={[
                { value: "participant", label: roleLabel(t, "participant") },
                { value: "interested", label: roleLabel(t, "interested") },
              ]}
            />
            <TextArea t={t} form={{ ...props.joinForm, idPrefix: "join-" }} name="note" label={t("join.note")} rows={3} />
          </Form>
        </>
      ) : null}
    </section>
  );
}

/** Accept or decline one request; each request's form has its own field ids. */
function DecisionForm(props: { ctx: PageContext; projectId: number; requestId: number; form: FormState }) {
  const { t } = props.ctx.i18n;
  // Errors belong to the request they were made on.
  const own = props.form.values.requestId === String(props.requestId);
  const form: FormState = { ...(own ? props.form : { values: {}, errors: [] }), idPrefix: `request-${props.requestId}-` };
  return (
    <Form
      ctx={props.ctx}
      form={form}
      action={`/projects/${props.projectId}/join-requests/${props.requestId}`}
      submitLabel={t("join.decide")}
    >
      <input type="hidden" name="requestId" value={String(props.requestId)} />
      <SelectField
        t={t}
        form={form}
        name="decision"
        label={t("join.decision")}
        required
        placeholder={t("form.choose")}
        options={[
          { value: "accept", label: t("join.accept") },
          { value: "decline", label: t("join.decline") },
        ]}
      />
      <TextField t={t} form={form} name="reason" label={t("join.reason")} />
    </Form>
  );
}

/** Achievement in per cent with its trend in words for screen readers and an arrow for the eye. */
export function Achievement(props: {
  t: Translate;
  number: (v: number, o?: Intl.NumberFormatOptions) => string;
  value: number | null;
  trend: "up" | "down" | "flat" | null;
}) {
  const { t } = props;
  if (props.value === null) return <span class="muted">{t("benefit.notMeasured")}</span>;
  const arrow = { up: "↑", down: "↓", flat: "→" };
  return (
    <>
      {props.number(props.value, { style: "percent", maximumFractionDigits: 0 })}
      {props.trend ? (
        <>
          {" "}
          <span aria-hidden="true">{arrow[props.trend]}</span>
          <span class="ds-sr-only">{t(`benefit.trend.${props.trend}` as "benefit.trend.up")}</span>
        </>
      ) : null}
    </>
  );
}

function ParticipantTable(props: { ctx: PageContext; participants: Detail["participants"]; removeFrom?: number }) {
  const { t, date } = props.ctx.i18n;
  return (
    <TableScroll label={t("participant.heading")}>
      <table class="ds-table" data-border>
        <thead>
          <tr>
            <th scope="col">{t("participant.organisation")}</th>
            <th scope="col">{t("participant.role")}</th>
            <th scope="col">{t("participant.fromDate")}</th>
            {props.removeFrom ? <th scope="col">{t("participant.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.participants.map((p) => (
            <tr key={p.organisationId}>
              <th scope="row">
                <a class="ds-link" href={`/organisations/${p.organisationId}`}>
                  {p.organisationName}
                </a>
              </th>
              <td>{roleLabel(t, p.role)}</td>
              <td>{p.fromDate ? date(p.fromDate) : ""}</td>
              {props.removeFrom ? (
                <td>
                  <PostButton
                    ctx={props.ctx}
                    action={`/projects/${props.removeFrom}/participants/${p.organisationId}/delete`}
                    label={t("participant.remove")}
                    hiddenText={p.organisationName}
                    size="sm"
                    danger
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ReportTable(props: { ctx: PageContext; report: Detail["reports"][number]; projectId: number; canEdit: boolean }) {
  const { ctx, report } = props;
  const { t, date } = ctx.i18n;
  return (
    <>
      <TableScroll label={t("report.of", { date: date(report.reportDate) })}>
        <table class="ds-table" data-border>
          <caption>{t("report.of", { date: date(report.reportDate) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("report.dimension")}</th>
              <th scope="col">{t("project.status")}</th>
              <th scope="col">{t("report.comment")}</th>
            </tr>
          </thead>
          <tbody>
            {STATUS_DIMENSIONS.map((d) => (
              <tr key={d}>
                <th scope="row">{dimensionLabel(t, d)}</th>
                <td>
                  <StatusTag t={t} colour={report[d]} />
                </td>
                <td class="prewrap">{report[`${d}Comment`]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {props.canEdit ? (
        <PostButton
          ctx={ctx}
          action={`/projects/${props.projectId}/reports/${report.id}/delete`}
          label={t("report.delete")}
          hiddenText={date(report.reportDate)}
          size="sm"
          variant="tertiary"
          danger
        />
      ) : null}
    </>
  );
}

export function ProjectFormPage(props: {
  ctx: PageContext;
  form: FormState;
  title: string;
  action: string;
  cancelHref: string;
  owners: Option[];
  /** The secretariat may leave the owner empty: the project is then the network's own. */
  networkOwned: boolean;
  bodies: Option[];
  sectors: CustomSector[];
  people: Option[];
  conflict: Project | null;
  networkName: string;
}) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <p class="ds-paragraph">{t("project.formIntro", { network: props.networkName })}</p>
      {props.conflict ? <ConflictNotice ctx={ctx} form={form} saved={props.conflict} /> : null}
      <Form ctx={ctx} form={form} action={props.action} submitLabel={t("common.save")} cancelHref={props.cancelHref}>
        {form.values.version !== undefined ? <input type="hidden" name="version" value={String(form.values.version)} /> : null}
        <TextField t={t} form={form} name="title" label={t("project.title")} required />
        <TextField t={t} form={form} name="summary" label={t("project.summary")} description={t("project.summaryHint")} />
        <TextArea t={t} form={form} name="description" label={t("project.description")} rows={6} />
        <TextArea t={t} form={form} name="problem" label={t("project.problem")} />
        <SelectField
          t={t}
          form={form}
          name="ownerOrganisationId"
          label={t("project.owner")}
          required={!props.networkOwned}
          {...(props.networkOwned ? { placeholder: t("project.ownedByNetwork") } : { placeholder: t("form.choose") })}
          description={t("project.ownerHint")}
          options={props.owners}
        />
        <SelectField
          t={t}
          form={form}
          name="kind"
          label={t("project.kind")}
          required
          options={PROJECT_KINDS.map((k) => ({ value: k, label: projectKindLabel(t, k) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="sector"
          label={t("project.sector")}
          required
          options={sectorOptions(t, props.sectors)}
        />
        <SelectField
          t={t}
          form={form}
          name="contactPersonId"
          label={t("project.contact")}
          placeholder={t("form.none")}
          options={props.people}
        />
        <TextField
          t={t}
          form={form}
          name="startDate"
          label={t("project.startDate")}
          type="date"
          width="short"
          description={t("form.dateHint")}
        />
        <TextField
          t={t}
          form={form}
          name="endDate"
          label={t("project.endDate")}
          type="date"
          width="short"
          description={t("form.dateHint")}
        />
        <TextField t={t} form={form} name="budget" label={t("project.budgetKroner")} inputMode="numeric" width="short" />
        <TextField t={t} form={form} name="tags" label={t("project.tags")} description={t("project.tagsHint")} />
        <SelectField
          t={t}
          form={form}
          name="visibility"
          label={t("project.visibility")}
          required
          options={VISIBILITY_VALUES.map((v) => ({ value: v, label: visibilityLabel(t, v) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="bodyId"
          label={t("project.body")}
          description={t("project.bodyHint")}
          placeholder={t("form.none")}
          options={props.bodies}
        />
      </Form>
    </>
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
                <th scope="row">{t(`project.${f}` as "project.title")}</th>
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

export function ParticipantsPage(props: { ctx: PageContext; detail: Detail; form: FormState; organisations: Option[] }) {
  const { ctx, detail, form } = props;
  const { t } = ctx.i18n;
  const query = new URL(ctx.url, "http://x").searchParams;
  return (
    <>
      {query.get("saved") === "1" ? <Notice kind="success">{t("form.saved")}</Notice> : null}
      <h1 class="ds-heading" data-size="lg">
        {t("participant.title", { title: detail.project.title })}
      </h1>
      {detail.participants.length ? (
        <ParticipantTable ctx={ctx} participants={detail.participants} removeFrom={detail.project.id} />
      ) : (
        <p class="ds-paragraph">{t("participant.none")}</p>
      )}
      <h2 class="ds-heading" data-size="md">
        {t("participant.add")}
      </h2>
      <p class="ds-paragraph">{t("participant.addHelp")}</p>
      <Form
        ctx={ctx}
        form={form}
        action={`/projects/${detail.project.id}/participants`}
        submitLabel={t("participant.save")}
        cancelHref={`/projects/${detail.project.id}`}
      >
        <SelectField
          t={t}
          form={form}
          name="organisationId"
          label={t("participant.organisation")}
          required
          placeholder={t("form.choose")}
          options={props.organisations}
        />
        <SelectField
          t={t}
          form={form}
          name="role"
          label={t("participant.role")}
          required
          options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
        />
        <TextField t={t} form={form} name="fromDate" label={t("participant.fromDate")} type="date" width="short" />
      </Form>
    </>
  );
}

export function StatusReportFormPage(props: { ctx: PageContext; detail: Detail; form: FormState; title: string }) {
  const { ctx, detail, form } = props;
  const { t } = ctx.i18n;
  const colours = STATUS_COLOURS.map((c) => ({ value: c, label: statusLabel(t, c) }));
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <p class="ds-paragraph">{t("report.help", { title: detail.project.title })}</p>
      <Form
        ctx={ctx}
        form={form}
        action={`/projects/${detail.project.id}/reports`}
        submitLabel={t("report.save")}
        cancelHref={`/projects/${detail.project.id}`}
      >
        <TextField t={t} form={form} name="reportDate" label={t("report.date")} type="date" width="short" required />
        {STATUS_DIMENSIONS.map((d) => (
          <fieldset key={d} class="ds-fieldset report-dimension">
            <legend class="ds-heading" data-size="xs">
              {dimensionLabel(t, d)}
            </legend>
            <SelectField
              t={t}
              form={form}
              name={d}
              label={t("project.status")}
              required
              placeholder={t("form.choose")}
              options={colours}
            />
            <TextArea t={t} form={form} name={`${d}Comment`} label={t("report.comment")} rows={2} />
          </fieldset>
        ))}
      </Form>
    </>
  );
}

export function BenefitFormPage(props: {
  ctx: PageContext;
  form: FormState;
  title: string;
  action: string;
  cancelHref: string;
  people: Option[];
}) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <Form ctx={ctx} form={form} action={props.action} submitLabel={t("common.save")} cancelHref={props.cancelHref}>
        <TextField t={t} form={form} name="title" label={t("benefit.title")} required />
        <SelectField
          t={t}
          form={form}
          name="type"
          label={t("benefit.type")}
          required
          options={BENEFIT_TYPES.map((b) => ({ value: b, label: benefitTypeLabel(t, b) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="ownerPersonId"
          label={t("benefit.owner")}
          placeholder={t("form.none")}
          options={props.people}
        />
        <TextField
          t={t}
          form={form}
          name="indicator"
          label={t("benefit.indicator")}
          description={t("benefit.indicatorHint")}
          required
        />
        <TextField t={t} form={form} name="unit" label={t("benefit.unit")} width="short" required />
        <TextField t={t} form={form} name="baseline" label={t("benefit.baseline")} inputMode="decimal" width="short" required />
        <TextField t={t} form={form} name="target" label={t("benefit.target")} inputMode="decimal" width="short" required />
        <TextField t={t} form={form} name="targetDate" label={t("benefit.targetDate")} type="date" width="short" />
      </Form>
    </>
  );
}

export function BenefitPage(props: {
  ctx: PageContext;
  detail: Detail;
  benefit: Detail["benefits"][number];
  form: FormState;
  canEdit: boolean;
}) {
  const { ctx, detail, benefit, form } = props;
  const { t, number, date } = ctx.i18n;
  const base = `/projects/${detail.project.id}/benefits/${benefit.id}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {benefit.title}
      </h1>
      <dl class="facts">
        <dt>{t("benefit.project")}</dt>
        <dd>
          <a class="ds-link" href={`/projects/${detail.project.id}`}>
            {detail.project.title}
          </a>
        </dd>
        <dt>{t("benefit.type")}</dt>
        <dd>{benefitTypeLabel(t, benefit.type)}</dd>
        {benefit.ownerName ? (
          <>
            <dt>{t("benefit.owner")}</dt>
            <dd>{benefit.ownerName}</dd>
          </>
        ) : null}
        <dt>{t("benefit.indicator")}</dt>
        <dd>
          {benefit.indicator} ({benefit.unit})
        </dd>
        <dt>{t("benefit.baseline")}</dt>
        <dd>{number(benefit.baseline)}</dd>
        <dt>{t("benefit.target")}</dt>
        <dd>
          {number(benefit.target)}
          {benefit.targetDate ? ` ${t("benefit.by", { date: date(benefit.targetDate) })}` : ""}
        </dd>
        <dt>{t("benefit.achievement")}</dt>
        <dd>
          <Achievement t={t} number={number} value={benefit.achievement} trend={benefit.trend} />
        </dd>
      </dl>
      {props.canEdit ? (
        <div class="button-row">
          <a class="ds-button" data-variant="secondary" href={`${base}/edit`}>
            {t("benefit.edit")}
          </a>
          <PostButton ctx={ctx} action={`${base}/delete`} label={t("benefit.delete")} danger />
        </div>
      ) : null}
      <h2 class="ds-heading" data-size="md">
        {t("benefit.measurements")}
      </h2>
      {benefit.measurements.length === 0 ? (
        <p class="ds-paragraph">{t("benefit.noMeasurements")}</p>
      ) : (
        <TableScroll label={t("benefit.measurements")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("benefit.measuredOn")}</th>
                <th scope="col" class="numeric">
                  {t("benefit.value")}
                </th>
                <th scope="col">{t("benefit.note")}</th>
                {props.canEdit ? <th scope="col">{t("participant.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {benefit.measurements.map((m) => (
                <tr key={m.id}>
                  <td>{date(m.measuredOn)}</td>
                  <td class="numeric">
                    {number(m.value)} {benefit.unit}
                  </td>
                  <td>{m.note}</td>
                  {props.canEdit ? (
                    <td>
                      <PostButton
                        ctx={ctx}
                        action={`${base}/measurements/${m.id}/delete`}
                        label={t("benefit.deleteMeasurement")}
                        hiddenText={date(m.measuredOn)}
                        size="sm"
                        danger
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {props.canEdit ? (
        <>
          <h2 class="ds-heading" data-size="md">
            {t("benefit.addMeasurement")}
          </h2>
          <Form ctx={ctx} form={form} action={`${base}/measurements`} submitLabel={t("benefit.saveMeasurement")}>
            <TextField t={t} form={form} name="measuredOn" label={t("benefit.measuredOn")} type="date" width="short" required />
            <TextField
              t={t}
              form={form}
              name="value"
              label={t("benefit.valueIn", { unit: benefit.unit })}
              inputMode="decimal"
              width="short"
              required
            />
            <TextField t={t} form={form} name="note" label={t("benefit.note")} />
          </Form>
        </>
      ) : null}
    </>
  );
}

type SavedView = Awaited<ReturnType<ProjectService["repo"]["savedViewsOf"]>>[number];

/** The user's own saved views of this page, and a form to save the one shown. */
export function SavedViews(props: { ctx: PageContext; kind: "projects" | "timeline"; views: SavedView[]; form: FormState }) {
  const { ctx, kind, views } = props;
  const { t } = ctx.i18n;
  const current = new URL(ctx.url, "http://x").searchParams;
  current.delete("page");
  current.delete("lang");
  current.delete("viewSaved");
  const base = kind === "projects" ? "/projects" : "/projects/timeline";
  const form: FormState = { ...props.form, idPrefix: "view-" };
  const justSaved = new URL(ctx.url, "http://x").searchParams.get("viewSaved") === "1";
  return (
    <details class="ds-details saved-views" open={views.length > 0 || props.form.errors.length > 0}>
      {justSaved ? <Notice kind="success">{t("savedViews.saved")}</Notice> : null}
      <summary>{t("savedViews.title", { n: views.length })}</summary>
      <div>
        {views.length ? (
          <ul class="ds-list">
            {views.map((v) => (
              <li key={v.id}>
                <a class="ds-link" href={`${base}${v.query ? `?${v.query}` : ""}`}>
                  {v.name}
                </a>{" "}
                <PostButton
                  ctx={ctx}
                  action={`/projects/saved-views/${v.id}/delete`}
                  label={t("savedViews.delete")}
                  hiddenText={v.name}
                  size="sm"
                  variant="tertiary"
                  danger
                />
              </li>
            ))}
          </ul>
        ) : (
          <p class="ds-paragraph">{t("savedViews.none")}</p>
        )}
        <Form ctx={ctx} form={form} action="/projects/saved-views" submitLabel={t("savedViews.save")}>
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="query" value={current.toString()} />
          <TextField t={t} form={form} name="name" label={t("savedViews.name")} description={t("savedViews.hint")} required />
        </Form>
      </div>
    </details>
  );
}

/** The network's checklist for the project's current phase: ticked off by those who run it. */
function PhaseChecklist(props: {
  ctx: PageContext;
  projectId: number;
  phase: string;
  items: Detail["checklist"];
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
            t={t}
            form={{ values: { done: items.filter((i) => i.mark).map((i) => String(i.id)) }, errors: [], idPrefix: "checklist-" }}
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
