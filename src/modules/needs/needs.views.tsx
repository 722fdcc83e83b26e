import { type KeySuffix, labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  DemoTag,
  Facts,
  FilterSelect,
  FormPage,
  type FormPageProps,
  type FormState,
  History,
  ItemList,
  Link,
  Notice,
  NumberField,
  type Option,
  optionsOf,
  Section,
  SelectField,
  Tag,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { DocumentsSection } from "../../platform/ui/documents.tsx";
import { FollowButton } from "../../platform/ui/follow-button.tsx";
import { ListPage } from "../../platform/ui/list-page.tsx";
import type { AssessmentService } from "./assessment/assessment.service.ts";
import { effortLabel, kindLabel, recommendationLabel, stateLabel, urgencyLabel } from "./labels.ts";
import { type NationalOfNeed, NationalSection } from "./national/national.views.tsx";
import { eventNote, type NeedService } from "./needs.service.ts";
import type { NeedListQuery } from "./params.ts";
import { EFFORTS, NEED_KINDS, NEED_STATES, type NeedState, URGENCIES } from "./schema.ts";
import { SupportersSection } from "./supporters/supporters.views.tsx";
import { TendingSection } from "./tending/tending.views.tsx";

type ListItem = Awaited<ReturnType<NeedService["list"]>>["items"][number];
type Detail = Awaited<ReturnType<NeedService["get"]>>;
type Similar = Awaited<ReturnType<NeedService["similar"]>>;
type Assessments = Awaited<ReturnType<AssessmentService["ofNeed"]>>;

const STATE_COLOURS: Record<NeedState, string> = {
  registered: "neutral",
  in_assessment: "info",
  assessed: "info",
  prioritised: "success",
  approved: "success",
  parked: "warning",
  rejected: "danger",
  merged: "neutral",
};

export const StateTag = ({ t, state }: { t: Translate; state: NeedState }) => (
  <Tag color={STATE_COLOURS[state]}>{stateLabel(t, state)}</Tag>
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
  return (
    <ListPage
      ctx={ctx}
      title={t("need.listTitle")}
      intro={t("need.listIntro")}
      actions={
        <>
          {props.registerIn.map((n) => (
            <ButtonLink key={n.slug} href={`/n/${n.slug}/needs/new`}>
              {props.registerIn.length > 1 ? t("need.newIn", { network: n.name }) : t("need.new")}
            </ButtonLink>
          ))}
          <ButtonLink href="/needs/national">{t("national.title")}</ButtonLink>
          {filter.network ? <ButtonLink href={`/n/${filter.network}/needs/submissions`}>{t("submission.nav")}</ButtonLink> : null}
        </>
      }
      filters={{
        action: "/needs",
        resetHref: "/needs",
        values: { ...filter },
        fields: (
          <>
            <TextField name="q" label={t("need.search")} type="search" />
            <FilterSelect name="network" label={t("need.network")} options={props.networks} />
            <FilterSelect
              name="state"
              label={t("need.state")}
              placeholder={t("need.allOpen")}
              options={optionsOf(t, NEED_STATES, stateLabel)}
            />
            <FilterSelect name="kind" label={t("need.kind")} options={optionsOf(t, NEED_KINDS, kindLabel)} />
            <FilterSelect name="organisation" label={t("need.organisationFilter")} options={props.organisations} />
          </>
        ),
      }}
      paging={{ total, page: filter.page, limit: props.limit }}
      downloads={[
        { href: props.csvHref, label: t("list.downloadCsv", { n: number(total) }), download: true },
        { href: props.xlsxHref, label: t("list.downloadXlsx"), download: true },
      ]}
      table={{
        rows: items,
        rowKey: (n) => n.id,
        sort: filter.sort,
        columns: [
          {
            label: t("need.title"),
            sort: "title",
            cell: (n) => (
              <>
                <Link href={`/needs/${n.id}`}>{n.title}</Link>
                <span class="row-detail">
                  {kindLabel(t, n.kind)} · {n.networkName}
                </span>
              </>
            ),
          },
          { label: t("need.organisation"), cell: (n) => n.organisationName },
          { label: t("need.state"), cell: (n) => <StateTag t={t} state={n.state} /> },
          { label: t("need.urgency"), cell: (n) => urgencyLabel(t, n.urgency) },
          { label: t("need.sharedBy"), sort: "supporters", numeric: true, cell: (n) => number(n.supporters) },
          { label: t("need.inhabitants"), sort: "inhabitants", numeric: true, cell: (n) => number(n.inhabitants) },
          { label: t("need.registered"), sort: "created", cell: (n) => date(n.createdAt) },
        ],
      }}
    />
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
                <Link href={`/needs/${n.id}`}>{n.title}</Link> ({n.organisationName}, {n.networkName},{" "}
                {stateLabel(t, n.state).toLowerCase()}, {t("need.sharedByN", { n: n.supporters })})
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
                <Link href={`/projects/${p.id}`}>{p.title}</Link> ({p.networkName})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export function NeedFormPage(
  props: FormPageProps & {
    organisations: Option[];
    networkName: string;
    similar: Similar | null;
    excludeId: number | null;
  },
) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <FormPage {...props} intro={<p class="ds-paragraph">{t("need.formIntro", { network: props.networkName })}</p>}>
        <SelectField
          name="organisationId"
          label={t("need.organisation")}
          required
          placeholder={props.organisations.length > 1 ? t("form.choose") : undefined}
          options={props.organisations}
        />
        <SelectField name="kind" label={t("need.kind")} options={optionsOf(t, NEED_KINDS, kindLabel)} />
        <div class="similar-watch stack" data-similar-exclude={props.excludeId ?? undefined}>
          <TextField name="title" label={t("need.title")} required />
          <TextArea name="problem" label={t("need.problem")} description={t("need.problemHint")} required rows={6} />
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
        <TextArea name="affected" label={t("need.affected")} description={t("need.affectedHint")} />
        <TextArea name="benefit" label={t("need.benefit")} />
        <SelectField name="urgency" label={t("need.urgency")} options={optionsOf(t, URGENCIES, urgencyLabel)} />
        <TextField name="legalRequirement" label={t("need.legalRequirement")} description={t("need.legalRequirementHint")} />
        <NumberField name="costEstimate" label={t("need.costEstimate")} description={t("need.costEstimateHint")} />
        <SelectField name="effort" label={t("need.effort")} options={optionsOf(t, EFFORTS, effortLabel)} />
        <SelectField
          name="visibility"
          label={t("need.visibility")}
          options={[
            { value: "public", label: t("visibility.public") },
            { value: "network", label: t("visibility.network") },
          ]}
        />
      </FormPage>
      <script type="module" src="/assets/similar.js" />
    </>
  );
}

export function NeedPage(props: {
  ctx: PageContext;
  detail: Detail;
  assessments: Assessments;
  decisions: {
    decision: {
      id: number;
      meetingId: number;
      text: string;
      outcome: KeySuffix<"decision.outcome">;
      decidedOn: string;
      projectId: number | null;
    };
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
  /** The same need in other networks, and the submissions that passed it on nationally. */
  national: NationalOfNeed;
  canLinkNational: boolean;
  nationalLinkForm: FormState;
  nationalStartForm: FormState;
  maxUploadMb: number;
  history: Parameters<typeof History>[0]["entries"];
  /** How the viewer follows the need; null for a reader not signed in. */
}) {
  const { ctx, detail, canEdit, canManage, decisions, assessments } = props;
  const { need, supporters } = detail;
  const { t, date, dateTime, number } = ctx.i18n;
  const open = !["merged", "approved", "rejected"].includes(need.state);
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {need.title} {need.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <p>
        <StateTag t={t} state={need.state} /> {kindLabel(t, need.kind)} · {detail.networkName}
      </p>
      <FollowButton ctx={ctx} />
      {detail.mergedInto ? (
        <Notice>
          {t("need.mergedIntoNotice")} <Link href={`/needs/${detail.mergedInto.id}`}>{detail.mergedInto.title}</Link>
        </Notice>
      ) : null}
      {detail.project ? (
        <Notice kind="success">
          {t("need.becameProject")} <Link href={`/projects/${detail.project.id}`}>{detail.project.title}</Link>
        </Notice>
      ) : null}
      <p class="ds-paragraph lead">
        {t("need.sharedSummary", {
          organisations: number(detail.shared.organisations),
          inhabitants: number(detail.shared.inhabitants),
        })}
      </p>
      <Facts
        facts={[
          [t("need.organisation"), <Link href={`/organisations/${need.organisationId}`}>{detail.organisationName}</Link>],
          [t("need.registered"), `${date(need.createdAt)}, ${need.createdByLabel}`],
          [t("need.urgency"), urgencyLabel(t, need.urgency)],
          need.legalRequirement ? [t("need.legalRequirement"), need.legalRequirement] : null,
          need.costEstimate !== null
            ? [t("need.costEstimate"), t("project.kroner", { amount: number(need.costEstimate) })]
            : null,
          [t("need.effort"), effortLabel(t, need.effort)],
          [t("need.visibility"), labelFor(t, "visibility", need.visibility)],
        ]}
      />
      {canEdit && open ? (
        <div class="button-row">
          <ButtonLink href={`/needs/${need.id}/edit`}>{t("need.edit")}</ButtonLink>
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

      <SupportersSection ctx={ctx} detail={detail} mine={props.mine} supportForm={props.supportForm} />

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

      <Section id="assessment-heading" title={t("need.assessments")}>
        <ItemList
          items={props.assessments}
          empty={t("need.notAssessed")}
          itemKey={(a) => a.round.id}
          item={(a) => (
            <>
              <Link href={`/rounds/${a.round.id}/needs/${need.id}`}>{a.round.title}</Link> ({a.bodyName},{" "}
              {t("assessment.deadline")} {date(a.round.deadline)}):{" "}
              {a.summary.total === null
                ? t("assessment.noScores")
                : t("assessment.totalBand", { total: number(a.summary.total), band: a.summary.band ?? "–" })}
              {a.recommendation ? (
                <>
                  {". "}
                  <strong>{recommendationLabel(t, a.recommendation.recommendation)}</strong>: {a.recommendation.justification}
                </>
              ) : null}
            </>
          )}
        />
      </Section>

      <Section id="decisions-heading" title={t("need.decisions")}>
        <ItemList
          items={props.decisions}
          empty={t("need.noDecisions")}
          itemKey={(d) => d.decision.id}
          item={(d) => (
            <>
              {date(d.decision.decidedOn)}, <Link href={`/meetings/${d.decision.meetingId}`}>{d.meetingTitle}</Link> ({d.bodyName}
              ): <strong>{labelFor(t, "decision.outcome", d.decision.outcome)}</strong>. {d.decision.text}
            </>
          )}
        />
      </Section>

      <NationalSection
        ctx={ctx}
        needId={need.id}
        national={props.national}
        canLink={props.canLinkNational}
        linkForm={props.nationalLinkForm}
        startForm={props.nationalStartForm}
      />

      {detail.mergedFrom.length ? (
        <Section id="merged-heading" title={t("need.mergedFrom")}>
          <ul class="ds-list">
            {detail.mergedFrom.map((m) => (
              <li key={m.id}>
                <Link href={`/needs/${m.id}`}>{m.title}</Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section id="events-heading" title={t("need.events")}>
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
      </Section>

      {canManage && open ? (
        <TendingSection
          ctx={ctx}
          need={need}
          supporters={supporters}
          mergeForm={props.mergeForm}
          moveForm={props.moveForm}
          splitForm={props.splitForm}
          networks={props.networks}
          mergeOptions={props.mergeOptions}
        />
      ) : null}
      {canEdit ? <History ctx={ctx} entries={props.history} /> : null}
    </>
  );
}
