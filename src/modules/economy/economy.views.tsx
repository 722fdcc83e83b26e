import type { ComponentChildren } from "preact";
import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import { BarChart } from "../../platform/ui/charts.tsx";
import {
  ButtonLink,
  CheckboxGroup,
  Facts,
  Form,
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
  TableScroll,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { actionsColumn, type Column, ListTable } from "../../platform/ui/list-page.tsx";
import { MEMBERSHIP_LEVELS } from "../networks/index.ts";
import { SIZE_CLASSES } from "../roadmap/index.ts";
import type { Budget, BudgetLine, ReleasedTimeRow } from "./economy.repo.ts";
import {
  BUDGET_VISIBILITIES,
  type BudgetView,
  type FeeStatement,
  isIncome,
  type ReleasedCheck,
  releasedAmount,
  type Side,
  type Totals,
} from "./economy.service.ts";
import type { FeeCheck, PopulationSource } from "./fees.ts";
import { BUDGET_CATEGORIES, COST_CATEGORIES, FEE_METHODS, INCOME_CATEGORIES } from "./schema.ts";

interface NetworkRef {
  slug: string;
  name: string;
}

const kr = (ctx: PageContext, n: number) => ctx.i18n.t("economy.kr", { amount: ctx.i18n.number(n) });
const krOrDash = (ctx: PageContext, n: number | null) => (n === null ? "–" : kr(ctx, n));
const hoursOf = (ctx: PageContext, n: number) => ctx.i18n.number(n, { maximumFractionDigits: 1 });
export const categoryLabel = (t: Translate, c: BudgetLine["category"]) => labelFor(t, "economy.category", c);
export const methodLabel = (t: Translate, m: Budget["feeMethod"]) => labelFor(t, "economy.method", m);
/** A size class's label inside a sentence ("Amount for under 5 000 inhabitants"): its first letter lower-case. */
const sizeClassInSentence = (t: Translate, c: (typeof SIZE_CLASSES)[number]) => {
  const label = labelFor(t, "roadmap.size", c);
  return label.charAt(0).toLowerCase() + label.slice(1);
};
export const base = (network: NetworkRef, year?: number) => `/n/${network.slug}/economy${year ? `/${year}` : ""}`;

/** Where a member's population came from, in words (for the page and the statement's files). */
export function sourceText(t: Translate, date: (d: string) => string, source: PopulationSource, populationOn: string | null) {
  if (source.kind === "count") return t("economy.source.count", { date: date(source.countedOn) });
  if (source.kind === "organisation")
    return populationOn ? t("economy.source.organisationBefore", { date: date(populationOn) }) : t("economy.source.organisation");
  return t("economy.source.none");
}

/** How one member's fee was computed, in words: the key's parts with the member's figures. */
export function howText(t: Translate, number: (n: number) => string, budget: Budget, s: FeeStatement): string {
  if (!s.pays) return t("economy.how.notPaying");
  const pop = s.population === null ? "–" : number(s.population);
  const rate = number(budget.feePerInhabitant);
  switch (budget.feeMethod) {
    case "fixed":
      return t("economy.how.fixed", { fixed: number(s.fixedPart) });
    case "per_inhabitant":
      return t("economy.how.perInhabitant", { population: pop, rate, fee: number(s.fee) });
    case "size_class":
      return t("economy.how.sizeClass", {
        sizeClass: s.sizeClass ? labelFor(t, "roadmap.size", s.sizeClass) : "–",
        fee: number(s.fee),
      });
    case "fixed_plus_per_inhabitant":
      return t("economy.how.fixedPlus", {
        fixed: number(s.fixedPart),
        population: pop,
        rate,
        part: number(s.perInhabitantPart),
        fee: number(s.fee),
      });
  }
}

/** The key in one sentence. */
function keyText(ctx: PageContext, b: Budget): string {
  const { t, number } = ctx.i18n;
  switch (b.feeMethod) {
    case "fixed":
      return t("economy.key.fixed", { fixed: number(b.feeFixed) });
    case "per_inhabitant":
      return t("economy.key.perInhabitant", { rate: number(b.feePerInhabitant) });
    case "size_class":
      return t("economy.key.sizeClass", {
        classes: SIZE_CLASSES.map((c) => `${sizeClassInSentence(t, c)}: ${number(b.feeBySizeClass[c] ?? 0)}`).join("; "),
      });
    case "fixed_plus_per_inhabitant":
      return t("economy.key.fixedPlus", { fixed: number(b.feeFixed), rate: number(b.feePerInhabitant) });
  }
}

/**
 * The result's actual amount: over the lines with an actual amount recorded, saying how many of how
 * many those are while some are missing; a dash while none is recorded.
 */
function resultActualText(ctx: PageContext, totals: Totals): string {
  const { recorded, lines, actual } = totals.result;
  if (recorded === 0) return "–";
  if (recorded === lines) return kr(ctx, actual);
  return ctx.i18n.t("economy.resultActualPartial", { amount: kr(ctx, actual), recorded, lines });
}

/** An actual total: a dash while no line of it has an actual amount. */
const actualOrDash = (ctx: PageContext, side: Side) => (side.recorded ? kr(ctx, side.actual) : "–");

/** The network's years: each budget's totals, and the secretariat's form to start one. */
export function YearsPage(props: {
  ctx: PageContext;
  network: NetworkRef;
  years: { budget: Budget; totals: Totals }[];
  form: FormState | null;
  saved: ComponentChildren;
}) {
  const { ctx, network } = props;
  const { t } = ctx.i18n;
  const columns: Column<{ budget: Budget; totals: Totals }>[] = [
    { label: t("economy.year"), cell: (r) => <Link href={base(network, r.budget.year)}>{r.budget.year}</Link> },
    { label: t("economy.visibility"), cell: (r) => labelFor(t, "visibility", r.budget.visibility) },
    { label: t("economy.incomeBudgeted"), numeric: true, cell: (r) => kr(ctx, r.totals.income.budgeted) },
    { label: t("economy.costBudgeted"), numeric: true, cell: (r) => kr(ctx, r.totals.cost.budgeted) },
    { label: t("economy.resultBudgeted"), numeric: true, cell: (r) => kr(ctx, r.totals.result.budgeted) },
    { label: t("economy.incomeActual"), numeric: true, cell: (r) => actualOrDash(ctx, r.totals.income) },
    { label: t("economy.costActual"), numeric: true, cell: (r) => actualOrDash(ctx, r.totals.cost) },
    {
      label: t("economy.resultActual"),
      numeric: true,
      cell: (r) => (r.totals.result.recorded ? kr(ctx, r.totals.result.actual) : "–"),
    },
    {
      label: t("economy.linesRecorded"),
      numeric: true,
      cell: (r) => t("economy.ofLines", { recorded: r.totals.result.recorded, lines: r.totals.result.lines }),
    },
  ];
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("economy.title", { name: network.name })}
      </h1>
      {props.saved}
      <p class="ds-paragraph">{t("economy.intro")}</p>
      <Section id="years-heading" title={t("economy.years")}>
        <ListTable
          ctx={ctx}
          label={t("economy.years")}
          rows={props.years}
          rowKey={(r) => r.budget.id}
          columns={columns}
          empty={t("economy.noBudgets")}
        />
      </Section>
      {props.form ? (
        <Section id="new-budget-heading" title={t("economy.newBudget")}>
          <Form ctx={ctx} form={props.form} action={base(network)} submitLabel={t("economy.startBudget")}>
            <NumberField name="year" label={t("economy.year")} required />
            <SelectField
              name="visibility"
              label={t("economy.visibility")}
              description={t("economy.visibilityHelp")}
              options={optionsOf(t, BUDGET_VISIBILITIES, "visibility")}
            />
            <CheckboxGroup
              name="copyPrevious"
              label={t("economy.copyPrevious")}
              options={[{ value: "1", label: t("economy.copyPreviousOption") }]}
            />
          </Form>
        </Section>
      ) : null}
    </>
  );
}

function SideTable(props: {
  ctx: PageContext;
  network: NetworkRef;
  budget: Budget;
  title: string;
  id: string;
  lines: BudgetLine[];
  side: Side;
  released: number;
  manage: boolean;
}) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  const deviation = (l: { budgeted: number; actual: number | null }) => (l.actual === null ? null : l.actual - l.budgeted);
  return (
    <Section id={props.id} title={props.title}>
      {props.lines.length === 0 ? (
        <Notice>{t("economy.noLines")}</Notice>
      ) : (
        <TableScroll label={props.title}>
          <table class="ds-table" data-border>
            <caption class="ds-sr-only">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("economy.line")}</th>
                <th scope="col">{t("economy.category")}</th>
                <th scope="col" class="numeric">
                  {t("economy.budgeted")}
                </th>
                <th scope="col" class="numeric">
                  {t("economy.actual")}
                </th>
                <th scope="col" class="numeric">
                  {t("economy.deviation")}
                </th>
                {props.manage ? <th scope="col">{t("common.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {props.lines.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{l.label}</th>
                  <td>
                    {categoryLabel(t, l.category)}
                    {l.category === "released_time" ? (
                      <div class="ds-paragraph" data-size="sm">
                        {t("economy.releasedRecorded", { amount: kr(ctx, props.released) })}
                      </div>
                    ) : null}
                  </td>
                  <td class="numeric">{kr(ctx, l.budgeted)}</td>
                  <td class="numeric">{krOrDash(ctx, l.actual)}</td>
                  <td class="numeric">{krOrDash(ctx, deviation(l))}</td>
                  {props.manage ? (
                    <td>
                      <ButtonLink href={`${base(props.network, props.budget.year)}/lines/${l.id}`} variant="tertiary">
                        {t("common.edit")}
                        <span class="ds-sr-only"> {l.label}</span>
                      </ButtonLink>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("economy.total")}</th>
                <td />
                <td class="numeric">{kr(ctx, props.side.budgeted)}</td>
                <td class="numeric">{props.side.recorded ? kr(ctx, props.side.actual) : "–"}</td>
                <td class="numeric">{krOrDash(ctx, props.side.deviation)}</td>
                {props.manage ? <td /> : null}
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      )}
      {props.side.open > 0 ? (
        <p class="ds-paragraph" data-size="sm">
          {t("economy.recordedLines", { recorded: props.side.recorded, lines: props.side.lines })}{" "}
          {props.side.recorded ? t("economy.recordedOnly") : null}
        </p>
      ) : null}
    </Section>
  );
}

/** The check that the fees add up to the budgeted income from fees. */
export function FeeCheckNotice({ ctx, check }: { ctx: PageContext; check: FeeCheck }) {
  const { t } = ctx.i18n;
  const values = { fees: kr(ctx, check.fees), budgeted: kr(ctx, check.budgeted), difference: kr(ctx, check.difference) };
  if (check.differs) return <Notice kind="warning">{t("economy.check.differs", values)}</Notice>;
  if (check.difference !== 0) return <Notice kind="info">{t("economy.check.rounding", values)}</Notice>;
  return <Notice kind="success">{t("economy.check.equal", values)}</Notice>;
}

/** The recorded released time against the budget's released time line(s), like the fee check. */
export function ReleasedCheckNotice({ ctx, check }: { ctx: PageContext; check: ReleasedCheck }) {
  const { t } = ctx.i18n;
  if (check.noLine) return null;
  const values = { recorded: kr(ctx, check.recorded), line: kr(ctx, check.line), difference: kr(ctx, check.difference) };
  if (check.differs)
    return (
      <Notice kind="warning">
        {t(check.against === "actual" ? "economy.releasedCheck.differsActual" : "economy.releasedCheck.differsBudgeted", values)}
      </Notice>
    );
  return (
    <Notice kind="success">
      {t(check.against === "actual" ? "economy.releasedCheck.equalActual" : "economy.releasedCheck.equalBudgeted", values)}
    </Notice>
  );
}

/** Released time per member, for those who may not see who was released: hours and amount only. */
function ReleasedByMemberTable({ ctx, statements }: { ctx: PageContext; statements: FeeStatement[] }) {
  const { t } = ctx.i18n;
  return (
    <ListTable
      ctx={ctx}
      label={t("economy.releasedByMember")}
      rows={statements.filter((s) => s.releasedHours > 0 || s.releasedAmount > 0)}
      rowKey={(s) => s.organisationId}
      columns={[
        { label: t("economy.member"), cell: (s) => s.name },
        { label: t("economy.hours"), numeric: true, cell: (s) => hoursOf(ctx, s.releasedHours) },
        { label: t("economy.amount"), numeric: true, cell: (s) => kr(ctx, s.releasedAmount) },
      ]}
      empty={t("economy.noReleased")}
    />
  );
}

/** The fee statements of every member as a table: fee, how, released time paid back, net. */
export function StatementTable(props: { ctx: PageContext; network: NetworkRef; budget: Budget; statements: FeeStatement[] }) {
  const { ctx, budget } = props;
  const { t, number, date } = ctx.i18n;
  const columns: Column<FeeStatement>[] = [
    {
      label: t("economy.member"),
      cell: (s) => <Link href={`${base(props.network, budget.year)}/fees/${s.organisationId}`}>{s.name}</Link>,
    },
    { label: t("economy.level"), cell: (s) => (s.level ? labelFor(t, "membership.level", s.level as never) : "–") },
    {
      label: t("economy.population"),
      numeric: true,
      cell: (s) => (s.pays ? (s.population === null ? "–" : number(s.population)) : "–"),
    },
    {
      label: t("economy.populationSource"),
      cell: (s) => (s.pays ? sourceText(t, date, s.source, budget.populationOn) : "–"),
    },
    { label: t("economy.how"), cell: (s) => howText(t, number, budget, s) },
    { label: t("economy.fee"), numeric: true, cell: (s) => kr(ctx, s.fee) },
    { label: t("economy.releasedBack"), numeric: true, cell: (s) => kr(ctx, s.releasedAmount) },
    { label: t("economy.net"), numeric: true, cell: (s) => kr(ctx, s.net) },
  ];
  return (
    <ListTable
      ctx={ctx}
      label={t("economy.statements")}
      rows={props.statements}
      rowKey={(s) => s.organisationId}
      columns={columns}
      empty={t("economy.noMembers")}
    />
  );
}

function ReleasedTable(props: {
  ctx: PageContext;
  network: NetworkRef;
  budget: Budget;
  rows: ReleasedTimeRow[];
  manage: boolean;
}) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  const columns: Column<ReleasedTimeRow>[] = [
    { label: t("economy.who"), cell: (r) => r.personName },
    { label: t("economy.member"), cell: (r) => r.organisationName },
    { label: t("economy.body"), cell: (r) => r.bodyName ?? "–" },
    { label: t("economy.hours"), numeric: true, cell: (r) => hoursOf(ctx, r.hours) },
    { label: t("economy.rate"), numeric: true, cell: (r) => kr(ctx, r.rate) },
    { label: t("economy.amount"), numeric: true, cell: (r) => kr(ctx, releasedAmount(r)) },
    { label: t("economy.note"), cell: (r) => r.note },
    ...actionsColumn<ReleasedTimeRow>(t, props.manage, (r) => (
      <ButtonLink href={`${base(props.network, props.budget.year)}/released/${r.id}`} variant="tertiary">
        {t("common.edit")}
        <span class="ds-sr-only"> {r.personName}</span>
      </ButtonLink>
    )),
  ];
  return (
    <ListTable
      ctx={ctx}
      label={t("economy.released")}
      rows={props.rows}
      rowKey={(r) => r.id}
      columns={columns}
      empty={t("economy.noReleased")}
    />
  );
}

export interface ReleasedChoices {
  members: { organisationId: number; name: string }[];
  bodies: { id: number; name: string }[];
  people: { id: number; name: string; organisationName: string | null }[];
}

export function ReleasedFields({ t, choices }: { t: Translate; choices: ReleasedChoices }) {
  const members: Option[] = choices.members.map((m) => ({ value: m.organisationId, label: m.name }));
  return (
    <>
      <SelectField name="organisationId" label={t("economy.member")} options={members} placeholder="" required />
      <SelectField
        name="personId"
        label={t("economy.person")}
        description={t("economy.personHelp")}
        options={choices.people.map((p) => ({
          value: p.id,
          label: p.organisationName ? `${p.name} (${p.organisationName})` : p.name,
        }))}
        placeholder=""
      />
      <TextField name="personName" label={t("economy.personName")} />
      <SelectField
        name="bodyId"
        label={t("economy.body")}
        options={choices.bodies.map((b) => ({ value: b.id, label: b.name }))}
        placeholder=""
      />
      <NumberField name="hours" label={t("economy.hours")} decimal required />
      <NumberField name="rate" label={t("economy.rateLabel")} required />
      <TextField name="note" label={t("economy.note")} />
    </>
  );
}

export function LineFields({ t }: { t: Translate }) {
  return (
    <>
      <SelectField
        name="category"
        label={t("economy.category")}
        options={BUDGET_CATEGORIES.map((c) => ({
          value: c,
          label: `${categoryLabel(t, c)} (${t(isIncome(c) ? "economy.income" : "economy.cost")})`,
        }))}
        required
      />
      <TextField name="label" label={t("economy.line")} description={t("economy.lineHelp")} required />
      <NumberField name="budgeted" label={t("economy.budgetedKr")} required />
      <NumberField name="actual" label={t("economy.actualKr")} description={t("economy.actualHelp")} />
    </>
  );
}

/** A year's budget: its lines by side, the result, the fee key with the statements and the check, released time. */
export function BudgetPage(props: {
  ctx: PageContext;
  network: NetworkRef;
  view: BudgetView;
  manage: boolean;
  lineForm: FormState;
  releasedForm: FormState;
  choices: ReleasedChoices | null;
  saved: ComponentChildren;
}) {
  const { ctx, network, view, manage } = props;
  const { t, date } = ctx.i18n;
  const { budget, totals } = view;
  const url = base(network, budget.year);
  const income = view.lines.filter((l) => (INCOME_CATEGORIES as readonly string[]).includes(l.category));
  const cost = view.lines.filter((l) => (COST_CATEGORIES as readonly string[]).includes(l.category));
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("economy.budgetTitle", { year: budget.year, name: network.name })}
      </h1>
      {props.saved}
      <Facts
        facts={[
          [t("economy.visibility"), labelFor(t, "visibility", budget.visibility)],
          budget.note ? [t("economy.note"), <span class="prewrap">{budget.note}</span>] : null,
          [t("economy.resultBudgeted"), kr(ctx, totals.result.budgeted)],
          [t("economy.resultActual"), resultActualText(ctx, totals)],
        ]}
      />
      {manage ? (
        <div class="button-row">
          <ButtonLink href={`${url}/settings`}>{t("economy.editSettings")}</ButtonLink>
        </div>
      ) : null}
      <Section id="chart-heading" title={t("economy.chartTitle", { year: budget.year })}>
        {/* The same figures as the sums of the two tables below. */}
        <BarChart
          id="budget-chart"
          title={t("economy.chartTitle", { year: budget.year })}
          description={t("economy.chartDescription")}
          bars={[
            {
              id: "ib",
              label: t("economy.incomeBudgeted"),
              value: totals.income.budgeted,
              text: ctx.i18n.number(totals.income.budgeted),
            },
            {
              id: "ia",
              label: t("economy.incomeActual"),
              value: totals.income.actual,
              text: ctx.i18n.number(totals.income.actual),
            },
            {
              id: "cb",
              label: t("economy.costBudgeted"),
              value: totals.cost.budgeted,
              text: ctx.i18n.number(totals.cost.budgeted),
            },
            { id: "ca", label: t("economy.costActual"), value: totals.cost.actual, text: ctx.i18n.number(totals.cost.actual) },
          ]}
        />
      </Section>
      <SideTable
        ctx={ctx}
        network={network}
        budget={budget}
        id="income-heading"
        title={t("economy.incomeTitle")}
        lines={income}
        side={totals.income}
        released={view.releasedTotal.amount}
        manage={manage}
      />
      <SideTable
        ctx={ctx}
        network={network}
        budget={budget}
        id="cost-heading"
        title={t("economy.costTitle")}
        lines={cost}
        side={totals.cost}
        released={view.releasedTotal.amount}
        manage={manage}
      />
      {manage ? (
        <Section id="new-line-heading" title={t("economy.newLine")}>
          <Form ctx={ctx} form={props.lineForm} action={`${url}/lines`} submitLabel={t("economy.addLine")}>
            <LineFields t={t} />
          </Form>
        </Section>
      ) : null}
      <Section id="fees-heading" title={t("economy.fees")}>
        <Facts
          facts={[
            [t("economy.feeKey"), `${methodLabel(t, budget.feeMethod)}: ${keyText(ctx, budget)}`],
            [t("economy.populationOn"), budget.populationOn ? date(budget.populationOn) : t("economy.populationLatest")],
            [t("economy.payingLevels"), budget.payingLevels.map((l) => labelFor(t, "membership.level", l as never)).join(", ")],
          ]}
        />
        <FeeCheckNotice ctx={ctx} check={view.check} />
        <StatementTable ctx={ctx} network={network} budget={budget} statements={view.statements} />
        <LinkList
          links={[
            { href: `${url}/fees.xlsx`, label: t("economy.downloadXlsx"), download: true },
            { href: `${url}/fees.csv`, label: t("economy.downloadCsv"), download: true },
          ]}
        />
      </Section>
      <Section id="released-heading" title={t("economy.released")}>
        <p class="ds-paragraph">
          {t("economy.releasedSummary", {
            hours: hoursOf(ctx, view.releasedTotal.hours),
            amount: kr(ctx, view.releasedTotal.amount),
          })}
        </p>
        <ReleasedCheckNotice ctx={ctx} check={view.releasedCheck} />
        {view.releasedDetail ? (
          <ReleasedTable ctx={ctx} network={network} budget={budget} rows={view.released} manage={manage} />
        ) : (
          <>
            <p class="ds-paragraph">{t("economy.releasedPrivate")}</p>
            <ReleasedByMemberTable ctx={ctx} statements={view.statements} />
          </>
        )}
        {manage && props.choices ? (
          <>
            <h3 class="ds-heading" data-size="xs" id="new-released-heading">
              {t("economy.newReleased")}
            </h3>
            <Form ctx={ctx} form={props.releasedForm} action={`${url}/released`} submitLabel={t("economy.addReleased")}>
              <ReleasedFields t={t} choices={props.choices} />
            </Form>
          </>
        ) : null}
      </Section>
      {manage ? (
        <Section id="delete-heading" title={t("economy.deleteBudget")}>
          <p class="ds-paragraph">{t("economy.deleteHelp")}</p>
          <PostButton ctx={ctx} action={`${url}/delete`} label={t("economy.deleteBudget")} danger />
        </Section>
      ) : null}
    </>
  );
}

/** The budget's settings: visibility, note and the cost-sharing key. */
export function SettingsPage(props: FormPageProps) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage {...props}>
      <SelectField
        name="visibility"
        label={t("economy.visibility")}
        description={t("economy.visibilityHelp")}
        options={optionsOf(t, BUDGET_VISIBILITIES, "visibility")}
        required
      />
      <TextArea name="note" label={t("economy.note")} rows={3} />
      <SelectField
        name="feeMethod"
        label={t("economy.feeKey")}
        description={t("economy.feeKeyHelp")}
        options={optionsOf(t, FEE_METHODS, "economy.method")}
        required
      />
      <NumberField name="feeFixed" label={t("economy.feeFixed")} description={t("economy.feeFixedHelp")} />
      <NumberField
        name="feePerInhabitant"
        label={t("economy.feePerInhabitant")}
        description={t("economy.feePerInhabitantHelp")}
        decimal
      />
      {SIZE_CLASSES.map((c) => (
        <NumberField key={c} name={`size_${c}`} label={t("economy.feeForClass", { sizeClass: sizeClassInSentence(t, c) })} />
      ))}
      <TextField
        name="populationOn"
        label={t("economy.populationOn")}
        description={t("economy.populationOnHelp")}
        type="date"
        width="short"
      />
      <CheckboxGroup
        name="payingLevels"
        label={t("economy.payingLevels")}
        options={MEMBERSHIP_LEVELS.map((l) => ({ value: l, label: labelFor(t, "membership.level", l) }))}
      />
    </FormPage>
  );
}

export function LinePage(props: FormPageProps & { deleteAction: string }) {
  const { t } = props.ctx.i18n;
  return (
    <>
      <FormPage {...props}>
        <LineFields t={t} />
      </FormPage>
      <PostButton ctx={props.ctx} action={props.deleteAction} label={t("economy.deleteLine")} danger />
    </>
  );
}

export function ReleasedPage(props: FormPageProps & { deleteAction: string; choices: ReleasedChoices }) {
  const { t } = props.ctx.i18n;
  return (
    <>
      <FormPage {...props}>
        <ReleasedFields t={t} choices={props.choices} />
      </FormPage>
      <PostButton ctx={props.ctx} action={props.deleteAction} label={t("economy.deleteReleased")} danger />
    </>
  );
}

/** One member's statement for the year, a page to print. */
export function StatementPage(props: {
  ctx: PageContext;
  network: NetworkRef;
  budget: Budget;
  statement: FeeStatement;
  released: ReleasedTimeRow[];
  /** Whether the viewer may see who was released (the network's people); others see the member's total. */
  releasedDetail: boolean;
}) {
  const { ctx, network, budget, statement: s } = props;
  const { t, number, date } = ctx.i18n;
  const url = `${base(network, budget.year)}/fees/${s.organisationId}`;
  const file = `${url}/statement`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("economy.statementTitle", { name: s.name, year: budget.year })}
      </h1>
      <p class="ds-paragraph">{t("economy.statementIntro", { network: network.name, year: budget.year })}</p>
      <Facts
        facts={[
          [t("economy.feeKey"), `${methodLabel(t, budget.feeMethod)}: ${keyText(ctx, budget)}`],
          s.pays ? [t("economy.population"), s.population === null ? "–" : number(s.population)] : null,
          s.pays ? [t("economy.populationSource"), sourceText(t, date, s.source, budget.populationOn)] : null,
          [t("economy.how"), howText(t, number, budget, s)],
          [t("economy.fee"), kr(ctx, s.fee)],
          [t("economy.releasedHours"), hoursOf(ctx, s.releasedHours)],
          [t("economy.releasedBack"), kr(ctx, s.releasedAmount)],
          [t("economy.net"), <strong>{kr(ctx, s.net)}</strong>],
        ]}
      />
      {props.releasedDetail ? (
        <Section id="released-heading" title={t("economy.released")}>
          <ListTable
            ctx={ctx}
            label={t("economy.released")}
            rows={props.released}
            rowKey={(r) => r.id}
            columns={[
              { label: t("economy.who"), cell: (r) => r.personName },
              { label: t("economy.body"), cell: (r) => r.bodyName ?? "–" },
              { label: t("economy.hours"), numeric: true, cell: (r) => hoursOf(ctx, r.hours) },
              { label: t("economy.rate"), numeric: true, cell: (r) => kr(ctx, r.rate) },
              { label: t("economy.amount"), numeric: true, cell: (r) => kr(ctx, releasedAmount(r)) },
              { label: t("economy.note"), cell: (r) => r.note },
            ]}
            empty={t("economy.noReleased")}
          />
        </Section>
      ) : (
        <p class="ds-paragraph">{t("economy.releasedPrivate")}</p>
      )}
      {/* Printed, the statement is the page alone: its downloads and way back stay on screen. */}
      <div class="no-print">
        <LinkList
          links={[
            { href: `${file}.xlsx`, label: t("economy.downloadXlsx"), download: true },
            { href: `${file}.csv`, label: t("economy.downloadCsv"), download: true },
            { href: base(network, budget.year), label: t("economy.backToBudget") },
          ]}
        />
      </div>
    </>
  );
}
