import type { Translate } from "../../platform/i18n/i18n.ts";
import {
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
  Tag,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { DocumentsSection } from "../../platform/ui/documents.tsx";
import type { AssessmentService } from "./assessment.service.ts";
import { eventNote, type NeedService } from "./needs.service.ts";
import type { NeedListQuery } from "./params.ts";
import { EFFORTS, NEED_KINDS, NEED_STATES, URGENCIES } from "./schema.ts";

type ListItem = Awaited<ReturnType<NeedService["list"]>>["items"][number];
type Detail = Awaited<ReturnType<NeedService["get"]>>;
type Similar = Awaited<ReturnType<NeedService["similar"]>>;
type Assessments = Awaited<ReturnType<AssessmentService["ofNeed"]>>;

export const stateLabel = (t: Translate, s: string) => t(`need.state.${s}` as "need.state.registered");
export const kindLabel = (t: Translate, k: string) => t(`need.kind.${k}` as "need.kind.need");
export const urgencyLabel = (t: Translate, u: string) => t(`need.urgency.${u}` as "need.urgency.medium");
const effortLabel = (t: Translate, e: string) => t(`need.effort.${e}` as "need.effort.unknown");
export const recommendationLabel = (t: Translate, r: string) =>
  t(`assessment.recommendation.${r}` as "assessment.recommendation.recommend");

const STATE_COLOURS: Record<string, string> = {
  registered: "neutral",
  in_assessment: "info",
  assessed: "info",
  prioritised: "success",
  approved: "success",
  parked: "warning",
  rejected: "danger",
  merged: "neutral",
};

export const StateTag = ({ t, state }: { t: Translate; state: string }) => (
  <Tag color={STATE_COLOURS[state] ?? "neutral"}>{stateLabel(t, state)}</Tag>
);

export function NeedsPage(props: {
  ctx: PageContext;
  items: ListItem[];
  total: number;
  filter: NeedListQuery;
  limit: number;
  csvHref: string;
  xlsxHref: string;
  networks: Option[];
  organisations: Option[];
  /** Networks the viewer may register needs in. */
  registerIn: { slug: string; name: string }[];
}) {
  const { ctx, items, total, filter } = props;
  const { t, number, date } = ctx.i18n;
  const form: FormState = { values: { ...filter }, errors: [] };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("need.listTitle")}
      </h1>
      <p class="ds-paragraph">{t("need.listIntro")}</p>
      {props.registerIn.length ? (
        <div class="button-row">
          {props.registerIn.map((n) => (
            <a key={n.slug} class="ds-button" data-variant="secondary" href={`/n/${n.slug}/needs/new`}>
              {props.registerIn.length > 1 ? t("need.newIn", { network: n.name }) : t("need.new")}
            </a>
          ))}
        </div>
      ) : null}
      <FilterForm t={t} action="/needs" resetHref="/needs">
        <TextField t={t} form={form} name="q" label={t("need.search")} type="search" />
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
          name="state"
          label={t("need.state")}
          placeholder={t("need.allOpen")}
          options={NEED_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="kind"
          label={t("need.kind")}
          placeholder={t("list.all")}
          options={NEED_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="organisation"
          label={t("need.organisationFilter")}
          placeholder={t("list.all")}
          options={props.organisations}
        />
        <input type="hidden" name="sort" value={filter.sort} />
      </FilterForm>
      <ListStatus
        ctx={ctx}
        total={total}
        page={filter.page}
        limit={props.limit}
        links={[
          { href: props.csvHref, label: t("list.downloadCsv", { n: number(total) }), download: true },
          { href: props.xlsxHref, label: t("list.downloadXlsx"), download: true },
        ]}
      />
      {items.length === 0 ? (
        <Notice>{t("list.empty")}</Notice>
      ) : (
        <TableScroll label={t("need.listTitle")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <SortHeader t={t} url={ctx.url} column="title" label={t("need.title")} sort={filter.sort} />
                <th scope="col">{t("need.organisation")}</th>
                <th scope="col">{t("need.state")}</th>
                <th scope="col">{t("need.urgency")}</th>
                <SortHeader t={t} url={ctx.url} column="supporters" label={t("need.sharedBy")} sort={filter.sort} />
                <SortHeader t={t} url={ctx.url} column="inhabitants" label={t("need.inhabitants")} sort={filter.sort} />
                <SortHeader t={t} url={ctx.url} column="created" label={t("need.registered")} sort={filter.sort} />
              </tr>
            </thead>
            <tbody>
              {items.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    <a class="ds-link" href={`/needs/${n.id}`}>
                      {n.title}
                    </a>
                    <span class="row-detail">
                      {kindLabel(t, n.kind)} · {n.networkName}
                    </span>
                  </th>
                  <td>{n.organisationName}</td>
                  <td>
                    <StateTag t={t} state={n.state} />
                  </td>
                  <td>{urgencyLabel(t, n.urgency)}</td>
                  <td class="numeric">{number(n.supporters)}</td>
                  <td class="numeric">{number(n.inhabitants)}</td>
                  <td>{date(n.createdAt)}</td>
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

/** The suggestions shown while a need is typed: needs and projects that share its words. */
export function SimilarList({ t, similar }: { t: Translate; similar: Similar }) {
  if (similar.needs.length === 0 && similar.projects.length === 0) return <p class="ds-paragraph">{t("need.similarNone")}</p>;
  return (
    <>
      {similar.needs.length ? (
        <>
          <h3 class="ds-heading" data-size="2xs">
            {t("need.similarNeeds")}
          </h3>
          <ul class="ds-list">
            {similar.needs.map((n) => (
              <li key={n.id}>
                <a class="ds-link" href={`/needs/${n.id}`}>
                  {n.title}
                </a>{" "}
                ({n.organisationName}, {n.networkName}, {stateLabel(t, n.state).toLowerCase()},{" "}
                {t("need.sharedByN", { n: n.supporters })})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {similar.projects.length ? (
        <>
          <h3 class="ds-heading" data-size="2xs">
            {t("need.similarProjects")}
          </h3>
          <ul class="ds-list">
            {similar.projects.map((p) => (
              <li key={p.id}>
                <a class="ds-link" href={`/projects/${p.id}`}>
                  {p.title}
                </a>{" "}
                ({p.networkName})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export function NeedFormPage(props: {
  ctx: PageContext;
  form: FormState;
  title: string;
  action: string;
  cancelHref: string;
  organisations: Option[];
  networkName: string;
  similar: Similar | null;
  excludeId: number | null;
}) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <p class="ds-paragraph">{t("need.formIntro", { network: props.networkName })}</p>
      <Form ctx={ctx} form={form} action={props.action} submitLabel={t("common.save")} cancelHref={props.cancelHref}>
        <SelectField
          t={t}
          form={form}
          name="organisationId"
          label={t("need.organisation")}
          required
          placeholder={props.organisations.length > 1 ? t("form.choose") : undefined}
          options={props.organisations}
        />
        <SelectField
          t={t}
          form={form}
          name="kind"
          label={t("need.kind")}
          options={NEED_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
        />
        <div class="similar-watch stack" data-similar-exclude={props.excludeId ?? undefined}>
          <TextField t={t} form={form} name="title" label={t("need.title")} required />
          <TextArea
            t={t}
            form={form}
            name="problem"
            label={t("need.problem")}
            description={t("need.problemHint")}
            required
            rows={6}
          />
          <section class="similar-box" aria-labelledby="similar-heading">
            <h2 class="ds-heading" data-size="xs" id="similar-heading">
              {t("need.similarTitle")}
            </h2>
            <div id="similar-results" aria-live="polite">
              {props.similar ? (
                <SimilarList t={t} similar={props.similar} />
              ) : (
                <p class="ds-paragraph">{t("need.similarHint")}</p>
              )}
            </div>
            <button class="ds-button" data-variant="secondary" type="submit" name="check" value="1" formnovalidate>
              {t("need.checkSimilar")}
            </button>
          </section>
        </div>
        <TextArea t={t} form={form} name="affected" label={t("need.affected")} description={t("need.affectedHint")} />
        <TextArea t={t} form={form} name="benefit" label={t("need.benefit")} />
        <SelectField
          t={t}
          form={form}
          name="urgency"
          label={t("need.urgency")}
          options={URGENCIES.map((u) => ({ value: u, label: urgencyLabel(t, u) }))}
        />
        <TextField
          t={t}
          form={form}
          name="legalRequirement"
          label={t("need.legalRequirement")}
          description={t("need.legalRequirementHint")}
        />
        <TextField
          t={t}
          form={form}
          name="costEstimate"
          label={t("need.costEstimate")}
          description={t("need.costEstimateHint")}
          inputMode="numeric"
          width="short"
        />
        <SelectField
          t={t}
          form={form}
          name="effort"
          label={t("need.effort")}
          options={EFFORTS.map((e) => ({ value: e, label: effortLabel(t, e) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="visibility"
          label={t("need.visibility")}
          options={[
            { value: "public", label: t("visibility.public") },
            { value: "network", label: t("visibility.network") },
          ]}
        />
      </Form>
      <script type="module" src="/assets/similar.js" />
    </>
  );
}

export function NeedPage(props: {
  ctx: PageContext;
  detail: Detail;
  assessments: Assessments;
  decisions: {
    decision: { id: number; meetingId: number; text: string; outcome: string; decidedOn: string; projectId: number | null };
    meetingTitle: string;
    bodyName: string;
  }[];
  canEdit: boolean;
  canManage: boolean;
  /** Organisations the viewer acts for, to say "we have this need too". */
  mine: Option[];
  supportForm: FormState;
  documentForm: FormState;
  mergeForm: FormState;
  moveForm: FormState;
  splitForm: FormState;
  networks: Option[];
  /** The network's other open needs, to merge this one into. */
  mergeOptions: Option[];
  maxUploadMb: number;
  history: Parameters<typeof History>[0]["entries"];
}) {
  const { ctx, detail, canEdit, canManage, decisions, assessments } = props;
  const { need, supporters } = detail;
  const { t, date, dateTime, number } = ctx.i18n;
  const mineIds = new Set(props.mine.map((o) => Number(o.value)));
  // A refused "we have it too" comes back with every organisation, so its error is shown by its field.
  const supportable = props.supportForm.errors.length
    ? props.mine
    : props.mine.filter((o) => Number(o.value) !== need.organisationId);
  const open = !["merged", "approved", "rejected"].includes(need.state);
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {need.title} {need.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <p>
        <StateTag t={t} state={need.state} /> {kindLabel(t, need.kind)} · {detail.networkName}
      </p>
      {detail.mergedInto ? (
        <Notice>
          {t("need.mergedIntoNotice")}{" "}
          <a class="ds-link" href={`/needs/${detail.mergedInto.id}`}>
            {detail.mergedInto.title}
          </a>
        </Notice>
      ) : null}
      {detail.project ? (
        <Notice kind="success">
          {t("need.becameProject")}{" "}
          <a class="ds-link" href={`/projects/${detail.project.id}`}>
            {detail.project.title}
          </a>
        </Notice>
      ) : null}
      <p class="ds-paragraph lead">
        {t("need.sharedSummary", {
          organisations: number(detail.shared.organisations),
          inhabitants: number(detail.shared.inhabitants),
        })}
      </p>
      <dl class="facts">
        <dt>{t("need.organisation")}</dt>
        <dd>
          <a class="ds-link" href={`/organisations/${need.organisationId}`}>
            {detail.organisationName}
          </a>
        </dd>
        <dt>{t("need.registered")}</dt>
        <dd>
          {date(need.createdAt)}, {need.createdByLabel}
        </dd>
        <dt>{t("need.urgency")}</dt>
        <dd>{urgencyLabel(t, need.urgency)}</dd>
        {need.legalRequirement ? (
          <>
            <dt>{t("need.legalRequirement")}</dt>
            <dd>{need.legalRequirement}</dd>
          </>
        ) : null}
        {need.costEstimate !== null ? (
          <>
            <dt>{t("need.costEstimate")}</dt>
            <dd>{t("project.kroner", { amount: number(need.costEstimate) })}</dd>
          </>
        ) : null}
        <dt>{t("need.effort")}</dt>
        <dd>{effortLabel(t, need.effort)}</dd>
        <dt>{t("need.visibility")}</dt>
        <dd>{t(`visibility.${need.visibility}` as "visibility.public")}</dd>
      </dl>
      {canEdit && open ? (
        <div class="button-row">
          <a class="ds-button" data-variant="secondary" href={`/needs/${need.id}/edit`}>
            {t("need.edit")}
          </a>
        </div>
      ) : null}
      <h2 class="ds-heading" data-size="sm">
        {t("need.problem")}
      </h2>
      <p class="ds-paragraph prewrap">{need.problem}</p>
      {need.affected ? (
        <>
          <h2 class="ds-heading" data-size="sm">
            {t("need.affected")}
          </h2>
          <p class="ds-paragraph prewrap">{need.affected}</p>
        </>
      ) : null}
      {need.benefit ? (
        <>
          <h2 class="ds-heading" data-size="sm">
            {t("need.benefit")}
          </h2>
          <p class="ds-paragraph prewrap">{need.benefit}</p>
        </>
      ) : null}

      <section aria-labelledby="supporters-heading">
        <h2 class="ds-heading" data-size="md" id="supporters-heading">
          {t("need.supporters")}
        </h2>
        <TableScroll label={t("need.supporters")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("need.organisation")}</th>
                <th scope="col">{t("need.inhabitants")}</th>
                <th scope="col">{t("need.supportNote")}</th>
                <th scope="col">{t("need.since")}</th>
                {mineIds.size ? <th scope="col">{t("participant.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">
                  <a class="ds-link" href={`/organisations/${need.organisationId}`}>
                    {detail.organisationName}
                  </a>
                  <span class="row-detail">{t("need.registeredIt")}</span>
                </th>
                <td class="numeric">{detail.organisationPopulation === null ? "–" : number(detail.organisationPopulation)}</td>
                <td />
                <td>{date(need.createdAt)}</td>
                {mineIds.size ? <td /> : null}
              </tr>
              {supporters.map((s) => (
                <tr key={s.organisationId}>
                  <th scope="row">
                    <a class="ds-link" href={`/organisations/${s.organisationId}`}>
                      {s.organisationName}
                    </a>
                  </th>
                  <td class="numeric">{s.population === null ? "–" : number(s.population)}</td>
                  <td class="prewrap">{s.note}</td>
                  <td>{date(s.createdAt)}</td>
                  {mineIds.size ? (
                    <td>
                      {mineIds.has(s.organisationId) ? (
                        <PostButton
                          ctx={ctx}
                          action={`/needs/${need.id}/supporters/${s.organisationId}/delete`}
                          label={t("need.withdrawSupport")}
                          hiddenText={s.organisationName}
                          size="sm"
                          danger
                        />
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        {supportable.length && need.state !== "merged" ? (
          <>
            <h3 class="ds-heading" data-size="sm">
              {t("need.weHaveItToo")}
            </h3>
            <Form ctx={ctx} form={props.supportForm} action={`/needs/${need.id}/supporters`} submitLabel={t("need.addSupport")}>
              <SelectField
                t={t}
                form={props.supportForm}
                name="organisationId"
                label={t("need.organisation")}
                required
                placeholder={supportable.length > 1 ? t("form.choose") : undefined}
                options={supportable}
              />
              <TextArea
                t={t}
                form={props.supportForm}
                name="note"
                label={t("need.supportNote")}
                description={t("need.supportNoteHint")}
              />
            </Form>
          </>
        ) : null}
      </section>

      <DocumentsSection
        ctx={ctx}
        id="documents-heading"
        title={t("need.documents")}
        emptyText={t("need.noDocuments")}
        base={`/needs/${need.id}/documents`}
        documents={detail.documents}
        canRemove={canEdit}
        upload={canEdit && open ? { form: props.documentForm, maxUploadMb: props.maxUploadMb } : null}
      />

      <section aria-labelledby="assessment-heading">
        <h2 class="ds-heading" data-size="md" id="assessment-heading">
          {t("need.assessments")}
        </h2>
        {props.assessments.length === 0 ? (
          <p class="ds-paragraph">{t("need.notAssessed")}</p>
        ) : (
          <ul class="ds-list">
            {props.assessments.map((a) => (
              <li key={a.round.id}>
                <a class="ds-link" href={`/rounds/${a.round.id}/needs/${need.id}`}>
                  {a.round.title}
                </a>{" "}
                ({a.bodyName}, {t("assessment.deadline")} {date(a.round.deadline)}):{" "}
                {a.summary.total === null
                  ? t("assessment.noScores")
                  : t("assessment.totalBand", { total: number(a.summary.total), band: a.summary.band ?? "–" })}
                {a.recommendation ? (
                  <>
                    {". "}
                    <strong>{recommendationLabel(t, a.recommendation.recommendation)}</strong>: {a.recommendation.justification}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="decisions-heading">
        <h2 class="ds-heading" data-size="md" id="decisions-heading">
          {t("need.decisions")}
        </h2>
        {props.decisions.length === 0 ? (
          <p class="ds-paragraph">{t("need.noDecisions")}</p>
        ) : (
          <ul class="ds-list">
            {props.decisions.map((d) => (
              <li key={d.decision.id}>
                {date(d.decision.decidedOn)},{" "}
                <a class="ds-link" href={`/meetings/${d.decision.meetingId}`}>
                  {d.meetingTitle}
                </a>{" "}
                ({d.bodyName}): <strong>{t(`decision.outcome.${d.decision.outcome}` as "decision.outcome.other")}</strong>.{" "}
                {d.decision.text}
              </li>
            ))}
          </ul>
        )}
      </section>

      {detail.mergedFrom.length ? (
        <section aria-labelledby="merged-heading">
          <h2 class="ds-heading" data-size="md" id="merged-heading">
            {t("need.mergedFrom")}
          </h2>
          <ul class="ds-list">
            {detail.mergedFrom.map((m) => (
              <li key={m.id}>
                <a class="ds-link" href={`/needs/${m.id}`}>
                  {m.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="events-heading">
        <h2 class="ds-heading" data-size="md" id="events-heading">
          {t("need.events")}
        </h2>
        <ol class="ds-list">
          {detail.events.map((e) => {
            const note = eventNote(e, { decisions, rounds: assessments });
            return (
              <li key={e.id}>
                {dateTime(e.createdAt)}: {stateLabel(t, e.toState)} ({e.byLabel}){note ? ` – ${note}` : ""}
              </li>
            );
          })}
        </ol>
      </section>

      {canManage && open ? (
        <section aria-labelledby="manage-heading">
          <h2 class="ds-heading" data-size="md" id="manage-heading">
            {t("need.manage")}
          </h2>
          <p class="ds-paragraph">{t("need.manageIntro")}</p>
          <h3 class="ds-heading" data-size="sm">
            {t("need.merge")}
          </h3>
          <Form ctx={ctx} form={props.mergeForm} action={`/needs/${need.id}/merge`} submitLabel={t("need.merge")}>
            <SelectField
              t={t}
              form={props.mergeForm}
              name="intoId"
              label={t("need.mergeInto")}
              description={t("need.mergeIntoHint")}
              required
              placeholder={t("form.choose")}
              options={props.mergeOptions}
            />
            <TextField t={t} form={props.mergeForm} name="note" label={t("need.eventNote")} />
          </Form>
          <h3 class="ds-heading" data-size="sm">
            {t("need.move")}
          </h3>
          <Form ctx={ctx} form={props.moveForm} action={`/needs/${need.id}/move`} submitLabel={t("need.move")}>
            <SelectField
              t={t}
              form={props.moveForm}
              name="networkId"
              label={t("need.moveTo")}
              required
              placeholder={t("form.choose")}
              options={props.networks}
            />
            <TextField t={t} form={props.moveForm} name="note" label={t("need.eventNote")} />
          </Form>
          <h3 class="ds-heading" data-size="sm">
            {t("need.split")}
          </h3>
          <Form ctx={ctx} form={props.splitForm} action={`/needs/${need.id}/split`} submitLabel={t("need.split")}>
            <TextField t={t} form={props.splitForm} name="title" label={t("need.splitTitle")} required />
            <TextArea t={t} form={props.splitForm} name="problem" label={t("need.problem")} required />
            {supporters.length ? (
              <fieldset class="ds-fieldset">
                <legend class="ds-label">{t("need.splitSupporters")}</legend>
                {supporters.map((s) => (
                  <div class="ds-field" key={s.organisationId}>
                    <input
                      class="ds-input"
                      type="checkbox"
                      id={`field-split-supporter-${s.organisationId}`}
                      name="supporterIds"
                      value={String(s.organisationId)}
                      checked
                    />
                    <label class="ds-label" for={`field-split-supporter-${s.organisationId}`}>
                      {s.organisationName}
                    </label>
                  </div>
                ))}
              </fieldset>
            ) : null}
          </Form>
        </section>
      ) : null}
      {canEdit ? <History ctx={ctx} entries={props.history} /> : null}
    </>
  );
}

export function DigestPage(props: { ctx: PageContext; optedOut: boolean }) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("need.digestTitle")}
      </h1>
      <p class="ds-paragraph">{t("need.digestIntro")}</p>
      <p class="ds-paragraph">
        <strong>{props.optedOut ? t("need.digestOff") : t("need.digestOn")}</strong>
      </p>
      <form method="post" action="/needs/digest" class="inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <input type="hidden" name="optedOut" value={props.optedOut ? "0" : "1"} />
        <button class="ds-button" data-variant="secondary" type="submit">
          {props.optedOut ? t("need.digestTurnOn") : t("need.digestTurnOff")}
        </button>
      </form>
    </>
  );
}
