import type { Translate } from "../../platform/i18n/i18n.ts";
import {
  FilterForm,
  Form,
  type FormState,
  LinkList,
  Notice,
  type Option,
  PostButton,
  SelectField,
  TableScroll,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import type { CatalogueQuery } from "./params.ts";
import { periodLabel } from "./precision.ts";
import type { RoadmapService } from "./roadmap.service.ts";
import { MILESTONE_KINDS, PRECISIONS, SIZE_CLASSES, SOLUTION_CATEGORIES, TASK_KINDS } from "./schema.ts";

type Catalogue = Awaited<ReturnType<RoadmapService["list"]>>;
type Detail = Awaited<ReturnType<RoadmapService["get"]>>;
type Rollouts = Awaited<ReturnType<RoadmapService["rollouts"]>>;

export const categoryLabel = (t: Translate, c: string) => t(`roadmap.category.${c}` as "roadmap.category.other");
export const milestoneKindLabel = (t: Translate, k: string) => t(`roadmap.milestone.${k}` as "roadmap.milestone.custom");
const precisionLabel = (t: Translate, p: string) => t(`roadmap.precision.${p}` as "roadmap.precision.day");
const taskKindLabel = (t: Translate, k: string) => t(`roadmap.task.${k}` as "roadmap.task.other");
const sizeClassLabel = (t: Translate, s: string) => t(`roadmap.size.${s}` as "roadmap.size.under_5000");

/** A milestone's name: its kind, or its own label for a custom one. */
const milestoneName = (t: Translate, m: { kind: string; label: string }) =>
  m.kind === "custom" ? m.label : milestoneKindLabel(t, m.kind);

export function CataloguePage(props: {
  ctx: PageContext;
  items: Catalogue;
  filter: CatalogueQuery;
  networks: Option[];
  /** Where the viewer may add: "national" for administrators, network slugs for secretariats. */
  canAdd: { href: string; label: string }[];
  canManageEditors: boolean;
}) {
  const { ctx, items, filter } = props;
  const { t } = ctx.i18n;
  const form: FormState = { values: { ...filter }, errors: [] };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("roadmap.catalogueTitle")}
      </h1>
      <p class="ds-paragraph">{t("roadmap.catalogueIntro")}</p>
      <p>
        <LinkList
          links={[
            { href: "/roadmap/adoption", label: t("adoption.matrixTitle") },
            { href: "/roadmap/timeline", label: t("roadmap.timelineTitle") },
            { href: `/roadmap/calendar.ics${filter.network ? `?network=${filter.network}` : ""}`, label: t("roadmap.calendar") },
            ...(props.canManageEditors ? [{ href: "/roadmap/editors", label: t("editors.title") }] : []),
          ]}
        />
      </p>
      {props.canAdd.length ? (
        <div class="button-row">
          {props.canAdd.map((a) => (
            <a key={a.href} class="ds-button" data-variant="secondary" href={a.href}>
              {a.label}
            </a>
          ))}
        </div>
      ) : null}
      <FilterForm t={t} action="/roadmap" resetHref="/roadmap">
        <TextField t={t} form={form} name="q" label={t("roadmap.search")} type="search" />
        <SelectField
          t={t}
          form={form}
          name="category"
          label={t("roadmap.category")}
          placeholder={t("list.all")}
          options={SOLUTION_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="network"
          label={t("roadmap.withInitiativesOf")}
          placeholder={t("roadmap.allNetworks")}
          options={props.networks}
        />
      </FilterForm>
      <p class="ds-paragraph" role="status">
        {t("roadmap.count", { n: items.length })}
      </p>
      {items.length === 0 ? (
        <Notice>{t("list.empty")}</Notice>
      ) : (
        <TableScroll label={t("roadmap.catalogueTitle")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("roadmap.name")}</th>
                <th scope="col">{t("roadmap.owner")}</th>
                <th scope="col">{t("roadmap.category")}</th>
                <th scope="col">{t("roadmap.nextMilestone")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.solution.id}>
                  <th scope="row">
                    <a class="ds-link" href={`/roadmap/${i.solution.id}`}>
                      {i.solution.name}
                    </a>
                    <span class="row-detail">
                      {i.networkName ? t("roadmap.initiativeOf", { network: i.networkName }) : i.solution.purpose}
                    </span>
                  </th>
                  <td>{i.solution.owner}</td>
                  <td>{categoryLabel(t, i.solution.category)}</td>
                  <td>
                    {i.nextDate && i.nextPrecision && i.nextKind
                      ? `${milestoneName(t, { kind: i.nextKind, label: i.nextLabel ?? "" })}: ${periodLabel(ctx.i18n, i.nextDate, i.nextPrecision)}`
                      : "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function SolutionFormPage(props: {
  ctx: PageContext;
  form: FormState;
  title: string;
  action: string;
  cancelHref: string;
}) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <Form ctx={ctx} form={form} action={props.action} submitLabel={t("common.save")} cancelHref={props.cancelHref}>
        <TextField t={t} form={form} name="name" label={t("roadmap.name")} required />
        <TextField t={t} form={form} name="owner" label={t("roadmap.owner")} description={t("roadmap.ownerHint")} required />
        <SelectField
          t={t}
          form={form}
          name="category"
          label={t("roadmap.category")}
          required
          options={SOLUTION_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
        />
        <TextArea t={t} form={form} name="purpose" label={t("roadmap.purpose")} rows={3} />
        <TextField t={t} form={form} name="url" label={t("roadmap.url")} type="url" />
      </Form>
    </>
  );
}

function MilestoneFields({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx.i18n;
  return (
    <>
      <SelectField
        t={t}
        form={form}
        name="kind"
        label={t("roadmap.milestoneKind")}
        options={MILESTONE_KINDS.map((k) => ({ value: k, label: milestoneKindLabel(t, k) }))}
      />
      <TextField
        t={t}
        form={form}
        name="label"
        label={t("roadmap.milestoneLabel")}
        description={t("roadmap.milestoneLabelHint")}
      />
      <TextField
        t={t}
        form={form}
        name="date"
        label={t("roadmap.date")}
        description={t("roadmap.dateHint")}
        type="date"
        width="short"
        required
      />
      <SelectField
        t={t}
        form={form}
        name="precision"
        label={t("roadmap.precision")}
        options={PRECISIONS.map((p) => ({ value: p, label: precisionLabel(t, p) }))}
      />
      <TextField t={t} form={form} name="note" label={t("roadmap.note")} />
    </>
  );
}

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
  const { solution, milestones, tasks, costs } = detail;
  const { t, number, dateTime } = ctx.i18n;
  const when = (m: { date: string; precision: (typeof PRECISIONS)[number] }) => periodLabel(ctx.i18n, m.date, m.precision);
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {solution.name}
      </h1>
      {solution.purpose ? <p class="ds-paragraph lead">{solution.purpose}</p> : null}
      <dl class="facts">
        <dt>{t("roadmap.owner")}</dt>
        <dd>{solution.owner}</dd>
        <dt>{t("roadmap.category")}</dt>
        <dd>{categoryLabel(t, solution.category)}</dd>
        <dt>{t("roadmap.scope")}</dt>
        <dd>{props.networkName ? t("roadmap.initiativeOf", { network: props.networkName }) : t("roadmap.national")}</dd>
        {solution.url ? (
          <>
            <dt>{t("roadmap.url")}</dt>
            <dd>
              <a class="ds-link" href={solution.url} rel="noopener noreferrer">
                {solution.url}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {canEdit ? (
        <div class="button-row">
          <a class="ds-button" data-variant="secondary" href={`/roadmap/${solution.id}/edit`}>
            {t("roadmap.edit")}
          </a>
        </div>
      ) : null}

      <section aria-labelledby="milestones-heading">
        <h2 class="ds-heading" data-size="md" id="milestones-heading">
          {t("roadmap.milestones")}
        </h2>
        <p>
          <a class="ds-link" href={`/roadmap/calendar.ics?solution=${solution.id}`}>
            {t("roadmap.calendar")}
          </a>
          {" · "}
          <a class="ds-link" href={`/roadmap/${solution.id}/adoption`}>
            {t("overTime.link")}
          </a>
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
                        action={`/roadmap/${solution.id}/milestones/${m.id}`}
                        submitLabel={t("common.save")}
                      >
                        <MilestoneFields ctx={ctx} form={{ ...form, idPrefix: `m${m.id}-` }} />
                      </Form>
                      <PostButton
                        ctx={ctx}
                        action={`/roadmap/${solution.id}/milestones/${m.id}/delete`}
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
              form={{ ...props.milestoneForm, idPrefix: "new-" }}
              action={`/roadmap/${solution.id}/milestones`}
              submitLabel={t("roadmap.addMilestone")}
            >
              <MilestoneFields ctx={ctx} form={{ ...props.milestoneForm, idPrefix: "new-" }} />
            </Form>
          </>
        ) : null}
      </section>

      <section aria-labelledby="tasks-heading">
        <h2 class="ds-heading" data-size="md" id="tasks-heading">
          {t("roadmap.tasks")}
        </h2>
        {tasks.length === 0 ? (
          <p class="ds-paragraph">{t("roadmap.noTasks")}</p>
        ) : (
          <TableScroll label={t("roadmap.tasks")}>
            <table class="ds-table" data-border>
              <thead>
                <tr>
                  <th scope="col">{t("roadmap.taskKind")}</th>
                  <th scope="col">{t("roadmap.taskDescription")}</th>
                  <th scope="col">{t("roadmap.startBefore")}</th>
                  {canEdit ? <th scope="col">{t("participant.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {tasks.map((task) => (
                  <tr key={task.id}>
                    <th scope="row">{taskKindLabel(t, task.kind)}</th>
                    <td>{task.description}</td>
                    <td>
                      {t("roadmap.monthsBefore", {
                        n: task.leadMonths,
                        milestone: milestoneKindLabel(t, task.beforeKind).toLowerCase(),
                      })}
                    </td>
                    {canEdit ? (
                      <td>
                        <PostButton
                          ctx={ctx}
                          action={`/roadmap/${solution.id}/tasks/${task.id}/delete`}
                          label={t("participant.remove")}
                          hiddenText={taskKindLabel(t, task.kind)}
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
        {canEdit ? (
          <Form
            ctx={ctx}
            form={{ ...props.taskForm, idPrefix: "task-" }}
            action={`/roadmap/${solution.id}/tasks`}
            submitLabel={t("roadmap.addTask")}
          >
            <SelectField
              t={t}
              form={{ ...props.taskForm, idPrefix: "task-" }}
              name="kind"
              label={t("roadmap.taskKind")}
              options={TASK_KINDS.map((k) => ({ value: k, label: taskKindLabel(t, k) }))}
            />
            <TextField
              t={t}
              form={{ ...props.taskForm, idPrefix: "task-" }}
              name="description"
              label={t("roadmap.taskDescription")}
            />
            <SelectField
              t={t}
              form={{ ...props.taskForm, idPrefix: "task-" }}
              name="beforeKind"
              label={t("roadmap.beforeKind")}
              options={MILESTONE_KINDS.filter((k) => k !== "custom").map((k) => ({ value: k, label: milestoneKindLabel(t, k) }))}
            />
            <TextField
              t={t}
              form={{ ...props.taskForm, idPrefix: "task-" }}
              name="leadMonths"
              label={t("roadmap.leadMonths")}
              inputMode="numeric"
              width="short"
              required
            />
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="costs-heading">
        <h2 class="ds-heading" data-size="md" id="costs-heading">
          {t("roadmap.costs")}
        </h2>
        <p class="ds-paragraph">{t("roadmap.costsIntro")}</p>
        {canEdit ? (
          <Form
            ctx={ctx}
            form={{ ...props.costsForm, idPrefix: "costs-" }}
            action={`/roadmap/${solution.id}/costs`}
            submitLabel={t("common.save")}
          >
            {SIZE_CLASSES.map((size, i) => (
              <fieldset class="ds-fieldset field-pair" key={size}>
                <legend class="ds-label">{sizeClassLabel(t, size)}</legend>
                <input type="hidden" name={`costs.${i}.sizeClass`} value={size} />
                <TextField
                  t={t}
                  form={{ ...props.costsForm, idPrefix: "costs-" }}
                  name={`costs.${i}.oneOff`}
                  label={t("roadmap.oneOff")}
                  inputMode="numeric"
                  width="short"
                />
                <TextField
                  t={t}
                  form={{ ...props.costsForm, idPrefix: "costs-" }}
                  name={`costs.${i}.yearly`}
                  label={t("roadmap.yearly")}
                  inputMode="numeric"
                  width="short"
                />
              </fieldset>
            ))}
          </Form>
        ) : costs.length === 0 ? (
          <p class="ds-paragraph">{t("roadmap.noCosts")}</p>
        ) : (
          <TableScroll label={t("roadmap.costs")}>
            <table class="ds-table" data-border>
              <thead>
                <tr>
                  <th scope="col">{t("roadmap.sizeClass")}</th>
                  <th scope="col">{t("roadmap.oneOff")}</th>
                  <th scope="col">{t("roadmap.yearly")}</th>
                </tr>
              </thead>
              <tbody>
                {SIZE_CLASSES.filter((size) => costs.some((c) => c.sizeClass === size)).map((size) => {
                  const c = costs.find((x) => x.sizeClass === size)!;
                  return (
                    <tr key={size}>
                      <th scope="row">{sizeClassLabel(t, size)}</th>
                      <td class="numeric">{t("project.kroner", { amount: number(c.oneOff) })}</td>
                      <td class="numeric">{t("project.kroner", { amount: number(c.yearly) })}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

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

/** The networks rolling the solution out together: their project, and who takes part. */
function RolloutSection(props: {
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
    <section aria-labelledby="rollout-heading">
      <h2 class="ds-heading" data-size="md" id="rollout-heading">
        {t("rollout.heading")}
      </h2>
      <p class="ds-paragraph">{t("rollout.intro")}</p>
      {rollouts.length === 0 ? (
        <p class="ds-paragraph">{t("rollout.none")}</p>
      ) : (
        <ul class="plain-list">
          {rollouts.map((r) => (
            <li key={r.projectId} class="milestone">
              <strong>{r.networkName}</strong>:{" "}
              <a class="ds-link" href={`/projects/${r.projectId}`}>
                {r.title}
              </a>
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
              t={t}
              form={{ ...props.form, idPrefix: "rollout-" }}
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
    </section>
  );
}
