import type { Translate } from "../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  DemoTag,
  Facts,
  FilterForm,
  FilterSelect,
  FormPage,
  type FormPageProps,
  type FormState,
  Link,
  LinkList,
  Notice,
  NumberField,
  type Option,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  Tag,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { FollowButton } from "../../platform/ui/follow-button.tsx";
import { ListTable } from "../../platform/ui/list-page.tsx";
import { DocumentUpload } from "./document/document.views.tsx";
import { PlanWorkbookLink } from "./follow-up/follow-up.views.tsx";
import { planProgress } from "./follow-up/progress.ts";
import { STATUS_COLOURS, strategyStatusLabel } from "./labels.ts";
import { ActionPlanSection, FocusAreasSection, GoalsSection, type MeasureOptions } from "./plan/plan.views.tsx";
import type { compareRevisions } from "./revisions/compare.ts";
import { AdoptSection, RevisionChanges } from "./revisions/revisions.views.tsx";
import { STRATEGY_STATUSES } from "./schema.ts";
import type { StrategyRepo } from "./strategies.repo.ts";
import { isEditable, type StrategyDetail } from "./strategies.service.ts";

type ListItem = Awaited<ReturnType<StrategyRepo["list"]>>[number];

export function StrategyListPage(props: {
  ctx: PageContext;
  items: ListItem[];
  filter: Record<string, unknown>;
  networks: Option[];
  canCreate: boolean;
}) {
  const { ctx, items } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("strategy.listTitle")}
      </h1>
      <p class="ds-paragraph">{t("strategy.listIntro")}</p>
      {props.canCreate ? (
        <div class="button-row">
          <ButtonLink href="/strategies/new">{t("strategy.new")}</ButtonLink>
        </div>
      ) : null}
      <FilterForm t={t} action="/strategies" resetHref="/strategies" values={props.filter}>
        <FilterSelect name="network" label={t("need.network")} options={props.networks} />
        <FilterSelect
          name="status"
          label={t("strategy.statusLabel")}
          options={optionsOf(t, STRATEGY_STATUSES, strategyStatusLabel)}
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
      <ListTable
        ctx={ctx}
        label={t("strategy.listTitle")}
        rows={items}
        rowKey={(i) => i.strategy.id}
        columns={[
          {
            label: t("strategy.title"),
            cell: ({ strategy: s }) => (
              <>
                <Link href={`/strategies/${s.id}`}>{s.title}</Link> {s.isDemo ? <DemoTag t={t} /> : null}
                {s.revision > 1 ? <span class="row-detail">{t("strategy.revisionN", { n: s.revision })}</span> : null}
              </>
            ),
          },
          { label: t("strategy.owner"), cell: (i) => i.ownerName },
          { label: t("strategy.period"), cell: ({ strategy: s }) => `${s.firstYear}–${s.lastYear}` },
          {
            label: t("strategy.statusLabel"),
            cell: ({ strategy: s }) => <Tag color={STATUS_COLOURS[s.status]}>{strategyStatusLabel(t, s.status)}</Tag>,
          },
          { label: t("strategy.progress"), numeric: true, cell: (i) => t("strategy.doneOf", { done: i.done, n: i.measures }) },
        ]}
      />
    </>
  );
}

/** A strategy's title and period, the fields every way of starting one asks for. */
export function TitleAndPeriodFields({ t }: { t: Translate }) {
  return (
    <>
      <TextField name="title" label={t("strategy.title")} required />
      <div class="field-pair">
        <NumberField name="firstYear" label={t("strategy.firstYear")} required />
        <NumberField name="lastYear" label={t("strategy.lastYear")} required />
      </div>
    </>
  );
}

/** The fields of a strategy's details, for a new strategy and for editing one. */
function StrategyFields({ t }: { t: Translate }) {
  return (
    <>
      <TitleAndPeriodFields t={t} />
      <SelectField
        name="status"
        label={t("strategy.statusLabel")}
        options={optionsOf(t, ["draft", "consultation"] as const, strategyStatusLabel)}
      />
      <TextArea name="vision" label={t("strategy.vision")} rows={4} />
    </>
  );
}

export function StrategyFormPage(
  props: FormPageProps & {
    /** For a new strategy: whose it is ("o:<id>" or "n:<id>"), and the strategies it may start from. */
    owners?: Option[];
    templates?: Option[];
  },
) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage {...props}>
      {props.owners ? (
        <SelectField
          name="owner"
          label={t("strategy.owner")}
          description={t("strategy.ownerHint")}
          options={props.owners}
          required
        />
      ) : null}
      <StrategyFields t={t} />
      {props.templates?.length ? (
        <SelectField
          name="templateId"
          label={t("strategy.template")}
          description={t("strategy.templateHint")}
          placeholder={t("strategy.noTemplate")}
          options={props.templates}
        />
      ) : null}
    </FormPage>
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

/** The strategy's facts: owner, period, status, revisions, progress, consultations and its document. */
function StrategyFacts(props: {
  ctx: PageContext;
  detail: StrategyDetail;
  ownerName: string;
  ownerHref: string;
  consultations: { id: number; title: string }[];
}) {
  const { detail } = props;
  const { strategy: s } = detail;
  const { t, date } = props.ctx.i18n;
  const whole = planProgress(detail.measures);
  return (
    <Facts
      facts={[
        [t("strategy.owner"), <Link href={props.ownerHref}>{props.ownerName}</Link>],
        [t("strategy.period"), `${s.firstYear}–${s.lastYear}`],
        [
          t("strategy.statusLabel"),
          <>
            <Tag color={STATUS_COLOURS[s.status]}>{strategyStatusLabel(t, s.status)}</Tag>
            {s.status === "adopted" || s.status === "replaced"
              ? ` ${t("strategy.adoptedOnBy", { date: date(s.adoptedOn ?? ""), by: s.adoptedBy })}`
              : null}
          </>,
        ],
        [
          t("strategy.revision"),
          <>
            {s.revision}
            {detail.previous ? (
              <>
                {" · "}
                <Link href={`/strategies/${detail.previous.id}`}>{t("strategy.previousRevision")}</Link>
              </>
            ) : null}
            {detail.next ? (
              <>
                {" · "}
                <Link href={`/strategies/${detail.next.id}`}>{t("strategy.nextRevision")}</Link>
              </>
            ) : null}
          </>,
        ],
        [t("strategy.progress"), t("strategy.doneOf", { done: whole.done, n: whole.n })],
        props.consultations.length
          ? [
              t("consultation.link"),
              <LinkList links={props.consultations.map((c) => ({ href: `/consultations/${c.id}`, label: c.title }))} />,
            ]
          : null,
        [
          t("strategy.document"),
          detail.document ? (
            <a class="ds-link" href={`/strategies/${s.id}/document`} download>
              {t("strategy.documentLink", { name: detail.document.name, kb: Math.ceil(detail.document.size / 1024) })}
            </a>
          ) : (
            t("strategy.noDocument")
          ),
        ],
      ]}
    />
  );
}

/** What the keeper of a strategy may do with it as a whole: edit it, tag its themes, start a revision or a consultation. */
function StrategyActions(props: { ctx: PageContext; detail: StrategyDetail; editable: boolean; canConsult: boolean }) {
  const { ctx, detail, editable } = props;
  const s = detail.strategy;
  const { t } = ctx.i18n;
  const base = `/strategies/${s.id}`;
  return (
    <div class="button-row no-print">
      {editable ? <ButtonLink href={`${base}/edit`}>{t("strategy.edit")}</ButtonLink> : null}
      <ButtonLink href={`${base}/themes`}>{t("themes.link")}</ButtonLink>
      {s.status === "adopted" && !detail.next ? (
        <PostButton ctx={ctx} action={`${base}/revisions`} label={t("strategy.newRevision")} />
      ) : null}
      {props.canConsult && editable ? (
        <ButtonLink href={`${base}/consultations/new`}>{t("consultation.startOnStrategy")}</ButtonLink>
      ) : null}
    </div>
  );
}

export function StrategyPage(
  props: MeasureOptions & {
    ctx: PageContext;
    detail: StrategyDetail;
    ownerName: string;
    ownerHref: string;
    canEdit: boolean;
    forms: StrategyForms;
    maxUploadMb: number;
    /** Whether the viewer may put this draft out for consultation (a network's secretariat). */
    canConsult: boolean;
    /** The consultations on this strategy the viewer may see. */
    consultations: { id: number; title: string }[];
    /** What changed from the previous revision, when there is one. */
    changes: ReturnType<typeof compareRevisions> | null;
  },
) {
  const { ctx, detail, canEdit, forms } = props;
  const { strategy: s } = detail;
  const { t, date } = ctx.i18n;
  const editable = canEdit && isEditable(s);
  // A replaced revision is history: neither its document nor its measures' status change any more.
  const keptUp = canEdit && s.status !== "replaced";
  return (
    <article class="print-document">
      <h1 class="ds-heading" data-size="lg">
        {s.title} {s.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <FollowButton ctx={ctx} />
      <StrategyFacts
        ctx={ctx}
        detail={detail}
        ownerName={props.ownerName}
        ownerHref={props.ownerHref}
        consultations={props.consultations}
      />
      {keptUp ? (
        <DocumentUpload
          ctx={ctx}
          strategyId={s.id}
          hasDocument={detail.document !== null}
          form={forms.document}
          maxUploadMb={props.maxUploadMb}
        />
      ) : null}
      {s.status === "replaced" ? <Notice kind="warning">{t("strategy.replacedNotice")}</Notice> : null}
      {forms.refusal?.errors.length ? (
        <Notice kind="danger">{forms.refusal.errors.map((e) => t(e.key, e.params)).join(" ")}</Notice>
      ) : null}
      {canEdit ? <StrategyActions ctx={ctx} detail={detail} editable={editable} canConsult={props.canConsult} /> : null}
      <PlanWorkbookLink ctx={ctx} strategyId={s.id} />
      {props.changes ? <RevisionChanges t={t} date={date} changes={props.changes} /> : null}
      {s.vision ? (
        <Section id="vision-heading" title={t("strategy.vision")}>
          <p class="ds-paragraph prewrap">{s.vision}</p>
        </Section>
      ) : null}
      <GoalsSection ctx={ctx} detail={detail} editable={editable} form={forms.goal} />
      <FocusAreasSection ctx={ctx} detail={detail} editable={editable} form={forms.focusArea} />
      <ActionPlanSection
        ctx={ctx}
        detail={detail}
        editable={editable}
        form={forms.measure}
        canReport={keptUp}
        report={forms.report}
        responsibleOptions={props.responsibleOptions}
        projectOptions={props.projectOptions}
        benefitOptions={props.benefitOptions}
      />
      {editable ? <AdoptSection ctx={ctx} strategyId={s.id} form={forms.adopt} /> : null}
    </article>
  );
}
