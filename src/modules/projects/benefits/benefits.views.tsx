import { labelFor, type Translate } from "../../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  Facts,
  Form,
  FormPage,
  type FormPageProps,
  type FormState,
  Link,
  NumberField,
  type Option,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { actionsColumn, ListTable } from "../../../platform/ui/list-page.tsx";
import type { ProjectDetail } from "../projects.service.ts";
import { BENEFIT_TYPES, type BenefitType } from "../schema.ts";

/** Benefits: the section of the project page, a benefit's page with its measurements, and its form. */

export const benefitTypeLabel = (t: Translate, type: BenefitType) => labelFor(t, "benefit.type", type);

/** The project's benefits with their latest measurement and achievement. */
export function BenefitsSection(props: {
  ctx: PageContext;
  projectId: number;
  benefits: ProjectDetail["benefits"];
  canEdit: boolean;
}) {
  const { ctx, projectId, benefits, canEdit } = props;
  const { t } = ctx.i18n;
  return (
    <Section id="benefits-heading" title={t("benefit.heading")}>
      {canEdit ? (
        <p>
          <ButtonLink href={`/projects/${projectId}/benefits/new`}>{t("benefit.new")}</ButtonLink>
        </p>
      ) : null}
      {benefits.length === 0 ? (
        <p class="ds-paragraph">{t("benefit.none")}</p>
      ) : (
        <BenefitTable
          ctx={ctx}
          label={t("benefit.heading")}
          rows={benefits.map((b) => ({
            ...b,
            projectId,
            detail: benefitTypeLabel(t, b.type),
            latest: b.measurements.at(-1)?.value ?? null,
          }))}
        />
      )}
    </Section>
  );
}

/** A benefit as a row of a benefits table. */
export interface BenefitRow {
  id: number;
  projectId: number;
  title: string;
  /** Under the title: the benefit's type on a project's page, its project in the overview. */
  detail: string;
  indicator: string;
  unit: string;
  baseline: number;
  target: number;
  latest: number | null;
  achievement: number | null;
  trend: "up" | "down" | "flat" | null;
}

/** Benefits with their indicator, baseline, target, latest measurement and achievement. */
export function BenefitTable(props: { ctx: PageContext; label: string; rows: BenefitRow[]; size?: "sm" }) {
  const { ctx } = props;
  const { t, number } = ctx.i18n;
  return (
    <ListTable
      ctx={ctx}
      label={props.label}
      rows={props.rows}
      rowKey={(b) => b.id}
      {...(props.size ? { size: props.size } : {})}
      columns={[
        {
          label: t("benefit.title"),
          cell: (b) => (
            <>
              <Link href={`/projects/${b.projectId}/benefits/${b.id}`}>{b.title}</Link>
              <span class="row-detail">{b.detail}</span>
            </>
          ),
        },
        { label: t("benefit.indicator"), cell: (b) => `${b.indicator} (${b.unit})` },
        { label: t("benefit.baseline"), numeric: true, cell: (b) => number(b.baseline) },
        { label: t("benefit.target"), numeric: true, cell: (b) => number(b.target) },
        { label: t("benefit.latest"), numeric: true, cell: (b) => (b.latest === null ? "–" : number(b.latest)) },
        {
          label: t("benefit.achievement"),
          numeric: true,
          cell: (b) => <Achievement t={t} number={number} value={b.achievement} trend={b.trend} />,
        },
      ]}
    />
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
          <span class="ds-sr-only">{labelFor(t, "benefit.trend", props.trend)}</span>
        </>
      ) : null}
    </>
  );
}

export function BenefitFormPage(
  props: FormPageProps & {
    people: Option[];
  },
) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage {...props}>
      <TextField name="title" label={t("benefit.title")} required />
      <SelectField name="type" label={t("benefit.type")} required options={optionsOf(t, BENEFIT_TYPES, benefitTypeLabel)} />
      <SelectField name="ownerPersonId" label={t("benefit.owner")} placeholder={t("form.none")} options={props.people} />
      <TextField name="indicator" label={t("benefit.indicator")} description={t("benefit.indicatorHint")} required />
      <TextField name="unit" label={t("benefit.unit")} width="short" required />
      <NumberField name="baseline" label={t("benefit.baseline")} required decimal />
      <NumberField name="target" label={t("benefit.target")} required decimal />
      <TextField name="targetDate" label={t("benefit.targetDate")} type="date" width="short" />
    </FormPage>
  );
}

export function BenefitPage(props: {
  ctx: PageContext;
  detail: ProjectDetail;
  benefit: ProjectDetail["benefits"][number];
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
      <Facts
        facts={[
          [t("benefit.project"), <Link href={`/projects/${detail.project.id}`}>{detail.project.title}</Link>],
          [t("benefit.type"), benefitTypeLabel(t, benefit.type)],
          !!benefit.ownerName && [t("benefit.owner"), benefit.ownerName],
          [t("benefit.indicator"), `${benefit.indicator} (${benefit.unit})`],
          [t("benefit.baseline"), number(benefit.baseline)],
          [
            t("benefit.target"),
            <>
              {number(benefit.target)}
              {benefit.targetDate ? ` ${t("benefit.by", { date: date(benefit.targetDate) })}` : ""}
            </>,
          ],
          [t("benefit.achievement"), <Achievement t={t} number={number} value={benefit.achievement} trend={benefit.trend} />],
        ]}
      />
      {props.canEdit ? (
        <div class="button-row">
          <ButtonLink href={`${base}/edit`}>{t("benefit.edit")}</ButtonLink>
          <PostButton ctx={ctx} action={`${base}/delete`} label={t("benefit.delete")} danger />
        </div>
      ) : null}
      {benefit.organisations.length ? (
        <>
          <h2 class="ds-heading" data-size="md">
            {t("benefit.perOrganisation")}
          </h2>
          <ListTable
            ctx={ctx}
            label={t("benefit.perOrganisation")}
            rows={benefit.organisations}
            rowKey={(o) => o.organisationId}
            columns={[
              {
                label: t("benefit.organisation"),
                cell: (o) => <Link href={`/organisations/${o.organisationId}`}>{o.organisationName}</Link>,
              },
              { label: t("benefit.measuredOn"), cell: (o) => date(o.measuredOn) },
              { label: t("benefit.latest"), numeric: true, cell: (o) => `${number(o.latest)} ${benefit.unit}` },
              {
                label: t("benefit.achievement"),
                numeric: true,
                cell: (o) => <Achievement t={t} number={number} value={o.achievement} trend={null} />,
              },
            ]}
          />
        </>
      ) : null}
      <h2 class="ds-heading" data-size="md">
        {t("benefit.measurements")}
      </h2>
      {benefit.measurements.length === 0 ? (
        <p class="ds-paragraph">{t("benefit.noMeasurements")}</p>
      ) : (
        <ListTable
          ctx={ctx}
          label={t("benefit.measurements")}
          rows={benefit.measurements}
          rowKey={(m) => m.id}
          columns={[
            { label: t("benefit.measuredOn"), cell: (m) => date(m.measuredOn) },
            { label: t("benefit.organisation"), cell: (m) => m.organisationName ?? t("benefit.wholeProject") },
            { label: t("benefit.value"), numeric: true, cell: (m) => `${number(m.value)} ${benefit.unit}` },
            { label: t("benefit.note"), cell: (m) => m.note },
            ...actionsColumn(t, props.canEdit, (m: (typeof benefit.measurements)[number]) => (
              <PostButton
                ctx={ctx}
                action={`${base}/measurements/${m.id}/delete`}
                label={t("benefit.deleteMeasurement")}
                hiddenText={date(m.measuredOn)}
                size="sm"
                danger
              />
            )),
          ]}
        />
      )}
      {props.canEdit ? (
        <>
          <h2 class="ds-heading" data-size="md">
            {t("benefit.addMeasurement")}
          </h2>
          <Form ctx={ctx} form={form} action={`${base}/measurements`} submitLabel={t("benefit.saveMeasurement")}>
            <TextField name="measuredOn" label={t("benefit.measuredOn")} type="date" width="short" required />
            <NumberField
              name="value"
              label={t("benefit.valueIn", { unit: benefit.unit })}
              description={t("benefit.valueHint")}
              required
              decimal
            />
            <SelectField
              name="organisationId"
              label={t("benefit.organisation")}
              description={t("benefit.organisationHint")}
              placeholder={t("benefit.wholeProject")}
              options={detail.participants.map((p) => ({ value: String(p.organisationId), label: p.organisationName }))}
            />
            <TextField name="note" label={t("benefit.note")} />
          </Form>
        </>
      ) : null}
    </>
  );
}
