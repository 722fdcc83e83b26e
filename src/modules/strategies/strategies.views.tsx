import { ALLOWED_EXTENSIONS } from "../../platform/files/files.ts";
import type { Translate } from "../../platform/i18n/i18n.ts";
import {
  CheckboxGroup,
  DemoTag,
  FileField,
  FilterForm,
  Form,
  type FormState,
  LinkList,
  Notice,
  type Option,
  PostButton,
  SelectField,
  TableScroll,
  Tag,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import type { compareRevisions, FieldChange } from "./revisions/compare.ts";
import { MEASURE_STATUSES, STRATEGY_STATUSES } from "./schema.ts";
import type { StrategyRepo } from "./strategies.repo.ts";
import { deadlineYearOf, isEditable, isOverdue, planProgress, type StrategyService } from "./strategies.service.ts";

type Detail = Awaited<ReturnType<StrategyService["detail"]>>;
type ListItem = Awaited<ReturnType<StrategyRepo["list"]>>[number];

export const strategyStatusLabel = (t: Translate, s: string) => t(`strategy.status.${s}` as "strategy.status.draft");
export const measureStatusLabel = (t: Translate, s: string) => t(`measure.status.${s}` as "measure.status.done");
const STATUS_COLOURS: Record<string, string> = {
  draft: "neutral",
  consultation: "warning",
  adopted: "success",
  replaced: "neutral",
  not_started: "neutral",
  in_progress: "info",
  done: "success",
  postponed: "warning",
  dropped: "neutral",
};

export function StrategyListPage(props: {
  ctx: PageContext;
  items: ListItem[];
  filter: Record<string, unknown>;
  networks: Option[];
  canCreate: boolean;
}) {
  const { ctx, items } = props;
  const { t } = ctx.i18n;
  const form: FormState = { values: props.filter, errors: [] };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("strategy.listTitle")}
      </h1>
      <p class="ds-paragraph">{t("strategy.listIntro")}</p>
      {props.canCreate ? (
        <div class="button-row">
          <a class="ds-button" data-variant="secondary" href="/strategies/new">
            {t("strategy.new")}
          </a>
        </div>
      ) : null}
      <FilterForm t={t} action="/strategies" resetHref="/strategies">
        <SelectField
          t={t}
          form={form}
          name="network"
          label={t("need.network")}
          placeholder={t("list.all")}
          options={props.networks}
        />
        <SelectField
          t={t}
          form={form}
          name="status"
          label={t("strategy.statusLabel")}
          placeholder={t("list.all")}
          options={STRATEGY_STATUSES.map((s) => ({ value: s, label: strategyStatusLabel(t, s) }))}
        />
      </FilterForm>
      <p class="ds-paragraph" role="status">
        {t("strategy.count", { n: items.length })}
        {props.filter.network ? (
          <>
            {" "}
            <LinkList
              links={[
                { href: `/n/${props.filter.network}/strategies`, label: t("dashboard.link") },
                { href: `/n/${props.filter.network}/strategies/themes`, label: t("themes.overlapLink") },
              ]}
            />
          </>
        ) : null}
      </p>
      {items.length === 0 ? (
        <Notice>{t("list.empty")}</Notice>
      ) : (
        <TableScroll label={t("strategy.listTitle")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("strategy.title")}</th>
                <th scope="col">{t("strategy.owner")}</th>
                <th scope="col">{t("strategy.period")}</th>
                <th scope="col">{t("strategy.statusLabel")}</th>
                <th scope="col" class="numeric">
                  {t("strategy.progress")}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ strategy: s, ownerName, measures, done }) => (
                <tr key={s.id}>
                  <th scope="row">
                    <a class="ds-link" href={`/strategies/${s.id}`}>
                      {s.title}
                    </a>{" "}
                    {s.isDemo ? <DemoTag t={t} /> : null}
                    {s.revision > 1 ? <span class="row-detail">{t("strategy.revisionN", { n: s.revision })}</span> : null}
                  </th>
                  <td>{ownerName}</td>
                  <td>{`${s.firstYear}–${s.lastYear}`}</td>
                  <td>
                    <Tag color={STATUS_COLOURS[s.status]!}>{strategyStatusLabel(t, s.status)}</Tag>
                  </td>
                  <td class="numeric">{t("strategy.doneOf", { done, n: measures })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

/** The fields of a strategy's details, for a new strategy and for editing one. */
function StrategyFields({ t, form }: { t: Translate; form: FormState }) {
  return (
    <>
      <TextField t={t} form={form} name="title" label={t("strategy.title")} required />
      <div class="field-pair">
        <TextField
          t={t}
          form={form}
          name="firstYear"
          label={t("strategy.firstYear")}
          inputMode="numeric"
          width="short"
          required
        />
        <TextField t={t} form={form} name="lastYear" label={t("strategy.lastYear")} inputMode="numeric" width="short" required />
      </div>
      <SelectField
        t={t}
        form={form}
        name="status"
        label={t("strategy.statusLabel")}
        options={(["draft", "consultation"] as const).map((s) => ({ value: s, label: strategyStatusLabel(t, s) }))}
      />
      <TextArea t={t} form={form} name="vision" label={t("strategy.vision")} rows={4} />
    </>
  );
}

export function StrategyFormPage(props: {
  ctx: PageContext;
  form: FormState;
  title: string;
  action: string;
  cancelHref: string;
  /** For a new strategy: whose it is ("o:<id>" or "n:<id>"), and the strategies it may start from. */
  owners?: Option[];
  templates?: Option[];
}) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <Form ctx={ctx} form={form} action={props.action} submitLabel={t("common.save")} cancelHref={props.cancelHref}>
        {props.owners ? (
          <SelectField
            t={t}
            form={form}
            name="owner"
            label={t("strategy.owner")}
            description={t("strategy.ownerHint")}
            options={props.owners}
            required
          />
        ) : null}
        <StrategyFields t={t} form={form} />
        {props.templates?.length ? (
          <SelectField
            t={t}
            form={form}
            name="templateId"
            label={t("strategy.template")}
            description={t("strategy.templateHint")}
            placeholder={t("strategy.noTemplate")}
            options={props.templates}
          />
        ) : null}
      </Form>
    </>
  );
}

export interface StrategyForms {
  goal: FormState;
  focusArea: FormState;
  measure: FormState;
  adopt: FormState;
  document: FormState;
  /** The status report form that came back with errors, by measure. */
  report?: { measureId: number; form: FormState };
  /** A refusal of the whole strategy (frozen, revision exists). */
  refusal?: FormState;
}

export function StrategyPage(props: {
  ctx: PageContext;
  detail: Detail;
  ownerName: string;
  ownerHref: string;
  canEdit: boolean;
  forms: StrategyForms;
  responsibleOptions: Option[];
  projectOptions: Option[];
  benefitOptions: Option[];
  maxUploadMb: number;
  /** Whether the viewer may put this draft out for consultation (a network's secretariat). */
  canConsult: boolean;
  /** The consultations on this strategy the viewer may see. */
  consultations: { id: number; title: string }[];
  /** What changed from the previous revision, when there is one. */
  changes: ReturnType<typeof compareRevisions> | null;
}) {
  const { ctx, detail, canEdit, forms } = props;
  const { strategy: s, goals, focusAreas, measures } = detail;
  const { t, date, dateTime } = ctx.i18n;
  const editable = canEdit && isEditable(s);
  const base = `/strategies/${s.id}`;
  const goalName = new Map(goals.map((g) => [g.id, g.title]));
  const areaOptions = focusAreas.map((a) => ({ value: String(a.id), label: a.title }));
  const groups = [
    ...focusAreas.map((a) => ({ key: String(a.id), title: a.title, items: measures.filter((m) => m.focusAreaId === a.id) })),
    { key: "none", title: t("strategy.noFocusArea"), items: measures.filter((m) => m.focusAreaId === null) },
  ].filter((g) => g.items.length > 0);
  const whole = planProgress(measures);
  // Each form of the page has its own field ids.
  const goalForm = { ...forms.goal, idPrefix: "goal-" };
  const focusAreaForm = { ...forms.focusArea, idPrefix: "area-" };
  const measureForm = { ...forms.measure, idPrefix: "measure-" };
  const adoptForm = { ...forms.adopt, idPrefix: "adopt-" };
  const documentForm = { ...forms.document, idPrefix: "document-" };
  return (
    <article class="print-document">
      <h1 class="ds-heading" data-size="lg">
        {s.title} {s.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <dl class="facts">
        <dt>{t("strategy.owner")}</dt>
        <dd>
          <a class="ds-link" href={props.ownerHref}>
            {props.ownerName}
          </a>
        </dd>
        <dt>{t("strategy.period")}</dt>
        <dd>{`${s.firstYear}–${s.lastYear}`}</dd>
        <dt>{t("strategy.statusLabel")}</dt>
        <dd>
          <Tag color={STATUS_COLOURS[s.status]!}>{strategyStatusLabel(t, s.status)}</Tag>
          {s.status === "adopted" || s.status === "replaced"
            ? ` ${t("strategy.adoptedOnBy", { date: date(s.adoptedOn ?? ""), by: s.adoptedBy })}`
            : null}
        </dd>
        <dt>{t("strategy.revision")}</dt>
        <dd>
          {s.revision}
          {detail.previous ? (
            <>
              {" · "}
              <a class="ds-link" href={`/strategies/${detail.previous.id}`}>
                {t("strategy.previousRevision")}
              </a>
            </>
          ) : null}
          {detail.next ? (
            <>
              {" · "}
              <a class="ds-link" href={`/strategies/${detail.next.id}`}>
                {t("strategy.nextRevision")}
              </a>
            </>
          ) : null}
        </dd>
        <dt>{t("strategy.progress")}</dt>
        <dd>{t("strategy.doneOf", { done: whole.done, n: whole.n })}</dd>
        {props.consultations.length ? (
          <>
            <dt>{t("consultation.link")}</dt>
            <dd>
              <LinkList links={props.consultations.map((c) => ({ href: `/consultations/${c.id}`, label: c.title }))} />
            </dd>
          </>
        ) : null}
        <dt>{t("strategy.document")}</dt>
        <dd>
          {detail.document ? (
            <a class="ds-link" href={`${base}/document`} download>
              {t("strategy.documentLink", { name: detail.document.name, kb: Math.ceil(detail.document.size / 1024) })}
            </a>
          ) : (
            t("strategy.noDocument")
          )}
        </dd>
      </dl>
      {canEdit && s.status !== "replaced" ? (
        <details class="no-print" open={documentForm.errors.length > 0}>
          <summary>{detail.document ? t("strategy.replaceDocument") : t("strategy.uploadDocument")}</summary>
          <Form ctx={ctx} form={documentForm} action={`${base}/document`} submitLabel={t("documents.upload")} multipart>
            <FileField
              t={t}
              form={documentForm}
              name="file"
              label={t("documents.file")}
              description={t("documents.fileHint", { mb: props.maxUploadMb })}
              accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(",")}
              required
            />
          </Form>
        </details>
      ) : null}
      {s.status === "replaced" ? <Notice kind="warning">{t("strategy.replacedNotice")}</Notice> : null}
      {forms.refusal?.errors.length ? (
        <Notice kind="danger">{forms.refusal.errors.map((e) => t(e.key, e.params)).join(" ")}</Notice>
      ) : null}
      {canEdit ? (
        <div class="button-row no-print">
          {editable ? (
            <a class="ds-button" data-variant="secondary" href={`${base}/edit`}>
              {t("strategy.edit")}
            </a>
          ) : null}
          <a class="ds-button" data-variant="secondary" href={`${base}/themes`}>
            {t("themes.link")}
          </a>
          {s.status === "adopted" && !detail.next ? (
            <PostButton ctx={ctx} action={`${base}/revisions`} label={t("strategy.newRevision")} />
          ) : null}
          {props.canConsult && editable ? (
            <a class="ds-button" data-variant="secondary" href={`${base}/consultations/new`}>
              {t("consultation.startOnStrategy")}
            </a>
          ) : null}
        </div>
      ) : null}
      <p class="ds-paragraph no-print">
        <a class="ds-link" href={`${base}/plan.xlsx`} download>
          {t("strategy.downloadXlsx")}
        </a>
      </p>
      {props.changes ? <RevisionChanges t={t} date={date} changes={props.changes} /> : null}
      {s.vision ? (
        <section aria-labelledby="vision-heading">
          <h2 class="ds-heading" data-size="md" id="vision-heading">
            {t("strategy.vision")}
          </h2>
          <p class="ds-paragraph prewrap">{s.vision}</p>
        </section>
      ) : null}

      <section aria-labelledby="goals-heading">
        <h2 class="ds-heading" data-size="md" id="goals-heading">
          {t("strategy.goals")}
        </h2>
        {goals.length === 0 ? (
          <p class="ds-paragraph">{t("strategy.noGoals")}</p>
        ) : (
          <ol>
            {goals.map((g) => (
              <li key={g.id}>
                <strong>{g.title}</strong>
                {g.description ? <span class="row-detail">{g.description}</span> : null}
                {editable ? <EditLink t={t} href={`${base}/goals/${g.id}/edit`} name={g.title} /> : null}
                {editable ? (
                  <PostButton
                    ctx={ctx}
                    action={`${base}/goals/${g.id}/delete`}
                    label={t("common.remove")}
                    hiddenText={g.title}
                    variant="tertiary"
                    size="sm"
                  />
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {editable ? (
          <details class="no-print" open={forms.goal.errors.length > 0}>
            <summary>{t("strategy.addGoal")}</summary>
            <Form ctx={ctx} form={goalForm} action={`${base}/goals`} submitLabel={t("strategy.addGoal")}>
              <GoalFields t={t} form={goalForm} />
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="areas-heading">
        <h2 class="ds-heading" data-size="md" id="areas-heading">
          {t("strategy.focusAreas")}
        </h2>
        {focusAreas.length === 0 ? (
          <p class="ds-paragraph">{t("strategy.noFocusAreas")}</p>
        ) : (
          focusAreas.map((a) => {
            const p = planProgress(measures.filter((m) => m.focusAreaId === a.id));
            return (
              <div key={a.id} class="stack focus-area" id={`area-${a.id}`}>
                <h3 class="ds-heading" data-size="sm">
                  {a.title}
                </h3>
                <p class="ds-paragraph" data-size="sm">
                  {t("strategy.doneOf", { done: p.done, n: p.n })}
                </p>
                {a.why ? (
                  <p class="ds-paragraph">
                    <strong>{t("strategy.why")}:</strong> {a.why}
                  </p>
                ) : null}
                {a.what ? (
                  <p class="ds-paragraph">
                    <strong>{t("strategy.what")}:</strong> {a.what}
                  </p>
                ) : null}
                {a.goalIds.length ? (
                  <p class="ds-paragraph">
                    <strong>{t("strategy.servesGoals")}:</strong> {a.goalIds.map((id) => goalName.get(id)).join("; ")}
                  </p>
                ) : null}
                {a.sources.length ? (
                  <p class="ds-paragraph">
                    <strong>{t("strategy.drawnFrom")}:</strong>{" "}
                    <LinkList
                      links={a.sources.map((x) => ({
                        href: `/strategies/${x.strategyId}#area-${x.id}`,
                        label: `${x.ownerName}: ${x.title}`,
                      }))}
                    />
                  </p>
                ) : null}
                {editable ? <EditLink t={t} href={`${base}/focus-areas/${a.id}/edit`} name={a.title} /> : null}
                {editable ? (
                  <PostButton
                    ctx={ctx}
                    action={`${base}/focus-areas/${a.id}/delete`}
                    label={t("common.remove")}
                    hiddenText={a.title}
                    variant="tertiary"
                    size="sm"
                  />
                ) : null}
              </div>
            );
          })
        )}
        {editable ? (
          <details class="no-print" open={forms.focusArea.errors.length > 0}>
            <summary>{t("strategy.addFocusArea")}</summary>
            <Form ctx={ctx} form={focusAreaForm} action={`${base}/focus-areas`} submitLabel={t("strategy.addFocusArea")}>
              <FocusAreaFields t={t} form={focusAreaForm} goals={goals} />
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="plan-heading">
        <h2 class="ds-heading" data-size="md" id="plan-heading">
          {t("strategy.actionPlan")}
        </h2>
        {measures.length === 0 ? <p class="ds-paragraph">{t("strategy.noMeasures")}</p> : null}
        {groups.map((g) => (
          <div key={g.key}>
            <h3 class="ds-heading" data-size="sm">
              {g.title}
            </h3>
            <TableScroll label={`${t("strategy.actionPlan")}: ${g.title}`}>
              <table class="ds-table" data-border data-size="sm">
                <thead>
                  <tr>
                    <th scope="col">{t("strategy.measure")}</th>
                    <th scope="col">{t("strategy.responsible")}</th>
                    <th scope="col">{t("strategy.deadline")}</th>
                    <th scope="col">{t("strategy.statusLabel")}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.items.map((m) => {
                    const due = deadlineYearOf(m);
                    const outside = due !== null && (due < s.firstYear || due > s.lastYear);
                    const reportForm =
                      forms.report?.measureId === m.id
                        ? { ...forms.report.form, idPrefix: `m${m.id}-` }
                        : { values: { status: m.status, comment: "" }, errors: [], idPrefix: `m${m.id}-` };
                    return (
                      <tr key={m.id}>
                        <th scope="row">
                          {m.description}
                          {m.goal ? <span class="row-detail">{t("strategy.measureGoal", { goal: m.goal })}</span> : null}
                          {m.indicator ? (
                            <span class="row-detail">{t("strategy.indicatorIs", { indicator: m.indicator })}</span>
                          ) : null}
                          {m.years.length ? (
                            <span class="row-detail">{t("strategy.yearsAre", { years: m.years.join(", ") })}</span>
                          ) : null}
                          {m.projects.length ? (
                            <span class="row-detail">
                              {t("strategy.carriedOutBy")}{" "}
                              {m.projects.map((p, i) => (
                                <span key={p.id}>
                                  {i > 0 ? ", " : null}
                                  <a class="ds-link" href={`/projects/${p.id}`}>
                                    {p.title}
                                  </a>
                                </span>
                              ))}
                            </span>
                          ) : null}
                          {m.expectedBenefits ? (
                            <span class="row-detail">{t("strategy.expectedBenefitsAre", { benefits: m.expectedBenefits })}</span>
                          ) : null}
                          {m.benefits.length ? (
                            <span class="row-detail">
                              {t("strategy.givesBenefits")}{" "}
                              <LinkList
                                links={m.benefits.map((b) => ({
                                  href: `/projects/${b.projectId}/benefits/${b.id}`,
                                  label: b.title,
                                }))}
                              />
                            </span>
                          ) : null}
                        </th>
                        <td>{[m.responsibleName, m.responsible].filter(Boolean).join(", ") || "–"}</td>
                        <td>
                          {m.deadlineDate ? date(m.deadlineDate) : (m.deadlineYear ?? "–")}
                          {isOverdue(m) ? (
                            <>
                              {" "}
                              <Tag color="danger">{t("strategy.overdue")}</Tag>
                            </>
                          ) : null}
                          {outside ? <span class="row-detail">{t("strategy.outsidePeriod")}</span> : null}
                        </td>
                        <td>
                          <Tag color={STATUS_COLOURS[m.status]!}>{measureStatusLabel(t, m.status)}</Tag>
                          {m.statusComment ? <span class="row-detail">{m.statusComment}</span> : null}
                          {m.reports[0] ? (
                            <span class="row-detail">
                              {t("strategy.reportedBy", { who: m.reports[0].byLabel, when: dateTime(m.reports[0].at) })}
                            </span>
                          ) : null}
                          {canEdit && s.status !== "replaced" ? (
                            <details class="no-print" open={forms.report?.measureId === m.id}>
                              <summary>{t("strategy.report", { measure: m.description.slice(0, 60) })}</summary>
                              <Form
                                ctx={ctx}
                                form={reportForm}
                                action={`${base}/measures/${m.id}/report`}
                                submitLabel={t("strategy.reportSave")}
                              >
                                <SelectField
                                  t={t}
                                  form={reportForm}
                                  name="status"
                                  label={t("strategy.statusLabel")}
                                  options={MEASURE_STATUSES.map((v) => ({ value: v, label: measureStatusLabel(t, v) }))}
                                />
                                <TextField t={t} form={reportForm} name="comment" label={t("strategy.comment")} />
                              </Form>
                            </details>
                          ) : null}
                          {editable ? <EditLink t={t} href={`${base}/measures/${m.id}/edit`} name={m.description} /> : null}
                          {editable ? (
                            <PostButton
                              ctx={ctx}
                              action={`${base}/measures/${m.id}/delete`}
                              label={t("common.remove")}
                              hiddenText={m.description}
                              variant="tertiary"
                              size="sm"
                            />
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          </div>
        ))}
        {editable ? (
          <details class="no-print" open={forms.measure.errors.length > 0}>
            <summary>{t("strategy.addMeasure")}</summary>
            <MeasureForm
              ctx={ctx}
              form={measureForm}
              action={`${base}/measures`}
              submitLabel={t("strategy.addMeasure")}
              areas={areaOptions}
              responsible={props.responsibleOptions}
              projects={props.projectOptions}
              benefits={props.benefitOptions}
              years={Array.from({ length: s.lastYear - s.firstYear + 1 }, (_, i) => s.firstYear + i)}
            />
          </details>
        ) : null}
      </section>

      {editable ? (
        <section aria-labelledby="adopt-heading" class="no-print">
          <h2 class="ds-heading" data-size="md" id="adopt-heading">
            {t("strategy.adopt")}
          </h2>
          <p class="ds-paragraph">{t("strategy.adoptHint")}</p>
          <Form ctx={ctx} form={adoptForm} action={`${base}/adopt`} submitLabel={t("strategy.adopt")}>
            <TextField
              t={t}
              form={adoptForm}
              name="adoptedOn"
              label={t("strategy.adoptedOn")}
              type="date"
              width="short"
              required
            />
            <TextField
              t={t}
              form={adoptForm}
              name="adoptedBy"
              label={t("strategy.adoptedBy")}
              description={t("strategy.adoptedByHint")}
              required
            />
          </Form>
        </section>
      ) : null}
    </article>
  );
}

/** A link to a part's edit page that names the part to screen readers. */
function EditLink({ t, href, name }: { t: Translate; href: string; name: string }) {
  return (
    <a class="ds-link no-print part-edit" href={href}>
      {t("common.edit")}
      <span class="ds-sr-only"> {name}</span>
    </a>
  );
}

function GoalFields({ t, form }: { t: Translate; form: FormState }) {
  return (
    <>
      <TextField t={t} form={form} name="title" label={t("strategy.goalTitle")} required />
      <TextArea t={t} form={form} name="description" label={t("strategy.description")} rows={2} />
    </>
  );
}

function FocusAreaFields({ t, form, goals }: { t: Translate; form: FormState; goals: { id: number; title: string }[] }) {
  return (
    <>
      <TextField t={t} form={form} name="title" label={t("strategy.focusAreaTitle")} required />
      <TextArea t={t} form={form} name="why" label={t("strategy.why")} rows={3} />
      <TextArea t={t} form={form} name="what" label={t("strategy.what")} rows={3} />
      {goals.length ? (
        <CheckboxGroup
          t={t}
          form={form}
          name="goalIds"
          label={t("strategy.servesGoals")}
          options={goals.map((g) => ({ value: String(g.id), label: g.title }))}
        />
      ) : null}
    </>
  );
}

/** Changing one goal, focus area or measure of a draft, with the same fields it was added with. */
export function PartEditPage(props: {
  ctx: PageContext;
  detail: Detail;
  part: "goal" | "focusArea" | "measure";
  action: string;
  form: FormState;
  responsibleOptions: Option[];
  projectOptions: Option[];
  benefitOptions: Option[];
}) {
  const { ctx, detail, part, form } = props;
  const { t } = ctx.i18n;
  const s = detail.strategy;
  const cancelHref = `/strategies/${s.id}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t(`strategy.editPart.${part}` as "strategy.editPart.goal")}
      </h1>
      <p class="ds-paragraph">{t("strategy.partOf", { title: s.title })}</p>
      {part === "measure" ? (
        <MeasureForm
          ctx={ctx}
          form={form}
          action={props.action}
          submitLabel={t("common.save")}
          cancelHref={cancelHref}
          areas={detail.focusAreas.map((a) => ({ value: String(a.id), label: a.title }))}
          responsible={props.responsibleOptions}
          projects={props.projectOptions}
          benefits={props.benefitOptions}
          years={Array.from({ length: s.lastYear - s.firstYear + 1 }, (_, i) => s.firstYear + i)}
        />
      ) : (
        <Form ctx={ctx} form={form} action={props.action} submitLabel={t("common.save")} cancelHref={cancelHref}>
          {part === "goal" ? <GoalFields t={t} form={form} /> : <FocusAreaFields t={t} form={form} goals={detail.goals} />}
        </Form>
      )}
    </>
  );
}

function MeasureForm(props: {
  ctx: PageContext;
  form: FormState;
  action: string;
  submitLabel: string;
  cancelHref?: string;
  areas: Option[];
  responsible: Option[];
  projects: Option[];
  benefits: Option[];
  years: number[];
}) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <Form
      ctx={ctx}
      form={form}
      action={props.action}
      submitLabel={props.submitLabel}
      {...(props.cancelHref ? { cancelHref: props.cancelHref } : {})}
    >
      <TextArea t={t} form={form} name="description" label={t("strategy.measure")} rows={2} required />
      {props.areas.length ? (
        <SelectField t={t} form={form} name="focusAreaId" label={t("strategy.focusArea")} placeholder="" options={props.areas} />
      ) : null}
      <TextField t={t} form={form} name="goal" label={t("strategy.concreteGoal")} />
      <TextField t={t} form={form} name="indicator" label={t("strategy.indicator")} />
      <TextArea
        t={t}
        form={form}
        name="expectedBenefits"
        label={t("strategy.expectedBenefits")}
        description={t("strategy.expectedBenefitsHint")}
        rows={2}
      />
      <SelectField
        t={t}
        form={form}
        name="responsibleOrganisationId"
        label={t("strategy.responsibleOrganisation")}
        placeholder=""
        options={props.responsible}
      />
      <TextField
        t={t}
        form={form}
        name="responsible"
        label={t("strategy.responsibleOther")}
        description={t("strategy.responsibleHint")}
      />
      <div class="field-pair">
        <TextField t={t} form={form} name="deadlineYear" label={t("strategy.deadlineYear")} inputMode="numeric" width="short" />
        <TextField t={t} form={form} name="deadlineDate" label={t("strategy.deadlineDate")} type="date" width="short" />
      </div>
      <CheckboxGroup
        t={t}
        form={form}
        name="years"
        label={t("strategy.years")}
        options={props.years.map((y) => ({ value: String(y), label: String(y) }))}
      />
      {props.projects.length ? (
        <CheckboxGroup t={t} form={form} name="projectIds" label={t("strategy.projects")} options={props.projects} />
      ) : null}
      {props.benefits.length ? (
        <CheckboxGroup
          t={t}
          form={form}
          name="benefitIds"
          label={t("strategy.benefits")}
          description={t("strategy.benefitsHint")}
          options={props.benefits}
        />
      ) : null}
    </Form>
  );
}

/**
 * The changes from the previous revision, in words: "Added goal: …", "Changed measure: …" with each
 * changed field's value before and after.
 */
function RevisionChanges({
  t,
  date,
  changes,
}: {
  t: Translate;
  date: (value: string) => string;
  changes: ReturnType<typeof compareRevisions>;
}) {
  const field = (f: string) => t(`strategy.field.${f}` as "strategy.field.title");
  const value = (v: string) => (v === "" ? t("strategy.change.empty") : /^\d{4}-\d{2}-\d{2}$/.test(v) ? date(v) : v);
  const fieldList = (fields: FieldChange[]) => (
    <ul>
      {fields.map((f) => (
        <li key={f.field}>
          {t("strategy.change.field", { field: field(f.field), before: value(f.before), after: value(f.after) })}
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="changes-heading">
      <h2 class="ds-heading" data-size="md" id="changes-heading">
        {t("strategy.compare")}
      </h2>
      {changes.details.length === 0 && changes.parts.length === 0 ? (
        <p class="ds-paragraph">{t("strategy.noChanges")}</p>
      ) : (
        <ul>
          {changes.details.length ? (
            <li>
              {t("strategy.changedDetails", { fields: changes.details.map((f) => field(f.field)).join(", ") })}
              {fieldList(changes.details)}
            </li>
          ) : null}
          {changes.parts.map((c, i) => (
            // Titles need not be unique: the position keeps the key so.
            <li key={`${c.kind}-${c.change}-${i}`}>
              {t(`strategy.change.${c.change}` as "strategy.change.added", {
                kind: t(`strategy.part.${c.kind}` as "strategy.part.goal"),
                title: c.title,
              })}
              {c.fields.length ? fieldList(c.fields) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * What an edit link of an adopted or replaced strategy opens: not a form that saving would refuse,
 * but why it cannot change, and the way on (start a new revision, or go to the one started).
 */
export function NotEditablePage(props: { ctx: PageContext; detail: Detail; title: string }) {
  const { ctx, detail } = props;
  const { t } = ctx.i18n;
  const s = detail.strategy;
  const base = `/strategies/${s.id}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <Notice kind="warning">
        <p class="ds-paragraph">{t(s.status === "replaced" ? "errors.strategyReplaced" : "errors.strategyFrozen")}</p>
      </Notice>
      <div class="button-row">
        {s.status === "adopted" && !detail.next ? (
          <PostButton ctx={ctx} action={`${base}/revisions`} label={t("strategy.newRevision")} variant="primary" />
        ) : null}
        {detail.next ? (
          <a class="ds-button" data-variant="primary" href={`/strategies/${detail.next.id}`}>
            {t("strategy.nextRevision")}
          </a>
        ) : null}
        <a class="ds-button" data-variant="tertiary" href={base}>
          {t("strategy.backToStrategy")}
        </a>
      </div>
    </>
  );
}
