import type { Translate } from "../../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  DemoTag,
  Facts,
  Form,
  type FormState,
  ItemList,
  Link,
  Notice,
  type Option,
  PostButton,
  Section,
  SelectField,
  Tag,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListPage, ListTable } from "../../../platform/ui/list-page.tsx";
import { recommendationLabel, stateLabel, urgencyLabel } from "../labels.ts";
import type { RecipientKind } from "../schema.ts";
import { recipientOf } from "./labels.ts";
import type { NationalNeed, NationalNeedRow, NationalSort } from "./national.repo.ts";
import type { NationalEntry } from "./national.service.ts";

/** Inhabitants behind a row: the sum the directory knows, and how many organisations it does not know. */
export function inhabitantsText(
  t: Translate,
  number: (n: number) => string,
  row: { inhabitants: number; unknown: number; organisations: number },
) {
  if (row.unknown === row.organisations) return t("national.inhabitantsUnknown");
  if (row.unknown === 0) return number(row.inhabitants);
  return t("national.inhabitantsPartly", { inhabitants: number(row.inhabitants), n: number(row.unknown) });
}

/** The priority one network gave its need: state, urgency and the working committee's latest recommendation. */
export function priorityText(t: Translate, n: Pick<NationalNeedRow, "state" | "urgency" | "recommendation">) {
  return [
    stateLabel(t, n.state),
    t("national.urgencyIs", { urgency: urgencyLabel(t, n.urgency).toLowerCase() }),
    n.recommendation ? recommendationLabel(t, n.recommendation) : t("national.noRecommendation"),
  ].join(" · ");
}

/** Each network's needs in the row, with the priority the network gave each. */
function Priorities({ t, items }: { t: Translate; items: NationalNeedRow[] }) {
  return (
    <ul class="ds-list">
      {items.map((n) => (
        <li key={n.id}>
          <strong>{n.networkName}</strong>: <Link href={`/needs/${n.id}`}>{n.title}</Link>
          <span class="row-detail">{priorityText(t, n)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The organisations behind a row, folded: the names can be many. */
function Organisations({ t, number, entry }: { t: Translate; number: (n: number) => string; entry: NationalEntry }) {
  return (
    <details>
      <summary>{t("national.organisationCount", { n: number(entry.organisations) })}</summary>
      {entry.organisationList.map((o) => o.name).join(", ")}
    </details>
  );
}

export const hrefOf = (row: { nationalNeedId: number | null; needId: number | null }) =>
  row.nationalNeedId !== null ? `/needs/national/${row.nationalNeedId}` : `/needs/${row.needId}`;

export function NationalPage(props: {
  ctx: PageContext;
  items: NationalEntry[];
  total: number;
  filter: { q?: string | undefined; unlinked?: boolean | undefined; sort: NationalSort; page: number };
  limit: number;
  csvHref: string;
  xlsxHref: string;
}) {
  const { ctx, items, total, filter } = props;
  const { t, number } = ctx.i18n;
  return (
    <ListPage
      ctx={ctx}
      title={t("national.title")}
      intro={t("national.intro")}
      actions={<ButtonLink href="/needs">{t("national.toAllNeeds")}</ButtonLink>}
      filters={{
        action: "/needs/national",
        resetHref: "/needs/national",
        values: { q: filter.q },
        fields: (
          <>
            <TextField name="q" label={t("national.search")} type="search" />
            <div class="ds-field">
              <input
                class="ds-input"
                type="checkbox"
                id="field-unlinked"
                name="unlinked"
                value="1"
                checked={filter.unlinked === true}
              />
              <label class="ds-label" for="field-unlinked">
                {t("national.showUnlinked")}
              </label>
            </div>
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
        rowKey: (r) => (r.nationalNeedId !== null ? `g${r.nationalNeedId}` : `n${r.needId}`),
        sort: filter.sort,
        empty: t("national.empty"),
        columns: [
          {
            label: t("national.need"),
            sort: "title",
            cell: (r) => (
              <>
                <Link href={hrefOf(r)}>{r.title}</Link>
                <span class="row-detail">
                  {r.nationalNeedId !== null ? t("national.kindNational") : t("national.kindUnlinked")}
                </span>
              </>
            ),
          },
          {
            label: t("national.networks"),
            sort: "networks",
            numeric: true,
            cell: (r) => (
              <>
                {number(r.networks)}
                <span class="row-detail">{r.networkList.map((n) => n.name).join(", ")}</span>
              </>
            ),
          },
          { label: t("national.organisations"), cell: (r) => <Organisations t={t} number={number} entry={r} /> },
          {
            label: t("national.inhabitants"),
            sort: "inhabitants",
            numeric: true,
            cell: (r) => inhabitantsText(t, number, r),
          },
          { label: t("national.priorities"), cell: (r) => <Priorities t={t} items={r.items} /> },
        ],
      }}
    />
  );
}

/** A national need's page: what it is, the networks and organisations behind it, each network's priority, and its text's form. */
export function NationalNeedPage(props: {
  ctx: PageContext;
  nationalNeed: NationalNeed;
  entry: NationalEntry;
  form: FormState | null;
}) {
  const { ctx, nationalNeed, entry } = props;
  const { t, number, date } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {nationalNeed.title} {nationalNeed.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <p>
        <Tag color="info">{t("national.kindNational")}</Tag>
      </p>
      {nationalNeed.description ? <p class="ds-paragraph prewrap">{nationalNeed.description}</p> : null}
      <Facts
        facts={[
          [t("national.networks"), entry.networkList.map((n) => n.name).join(", ")],
          [t("national.organisations"), number(entry.organisations)],
          [t("national.inhabitants"), inhabitantsText(t, number, entry)],
          [t("national.started"), `${date(nationalNeed.createdAt)}, ${nationalNeed.createdByLabel}`],
        ]}
      />
      <Section id="priorities-heading" title={t("national.priorities")}>
        <ListTable
          ctx={ctx}
          label={t("national.priorities")}
          rows={entry.items}
          rowKey={(n) => n.id}
          rowHeader={1}
          columns={[
            { label: t("need.network"), cell: (n) => n.networkName },
            { label: t("need.title"), cell: (n) => <Link href={`/needs/${n.id}`}>{n.title}</Link> },
            { label: t("need.organisation"), cell: (n) => n.organisationName },
            { label: t("need.state"), cell: (n) => stateLabel(t, n.state) },
            { label: t("need.urgency"), cell: (n) => urgencyLabel(t, n.urgency) },
            {
              label: t("national.recommendation"),
              cell: (n) => (n.recommendation ? recommendationLabel(t, n.recommendation) : t("national.noRecommendation")),
            },
          ]}
        />
      </Section>
      <Section id="organisations-heading" title={t("national.organisationsBehind")}>
        <ListTable
          ctx={ctx}
          label={t("national.organisationsBehind")}
          rows={entry.organisationList}
          rowKey={(o) => o.id}
          columns={[
            { label: t("need.organisation"), cell: (o) => <Link href={`/organisations/${o.id}`}>{o.name}</Link> },
            {
              label: t("national.inhabitants"),
              numeric: true,
              cell: (o) => (o.population === null ? t("national.unknown") : number(o.population)),
            },
          ]}
        />
      </Section>
      {props.form ? (
        <Section id="edit-heading" title={t("national.editText")}>
          <Form ctx={ctx} form={props.form} action={`/needs/national/${nationalNeed.id}`} submitLabel={t("common.save")}>
            <NationalTextFields t={t} />
          </Form>
        </Section>
      ) : null}
    </>
  );
}

/** A national need's title and description, with the notice that they are public. */
function NationalTextFields({ t }: { t: Translate }) {
  return (
    <>
      <p class="ds-paragraph" data-size="sm">
        {t("national.publicText")}
      </p>
      <TextField name="title" label={t("national.needTitle")} required />
      <TextArea name="description" label={t("national.description")} />
    </>
  );
}

/** What a need's page shows of it nationally: the same need in other networks, and where it was passed on. */
export interface NationalOfNeed {
  nationalNeed: NationalNeed | null;
  others: NationalNeedRow[];
  choices: { id: number; title: string }[];
  submissions: {
    id: number;
    title: string;
    recipientKind: RecipientKind;
    recipientName: string;
    sentOn: string;
    networkName: string;
  }[];
}

/** "Same need in other networks" on a need's page, with the secretariat's forms to link it. */
export function NationalSection(props: {
  ctx: PageContext;
  needId: number;
  national: NationalOfNeed;
  /** The need's own network's secretariat, on a need not merged. */
  canLink: boolean;
  linkForm: FormState;
  startForm: FormState;
}) {
  const { ctx, national, needId } = props;
  const { t, date } = ctx.i18n;
  const choices: Option[] = national.choices.map((g) => ({ value: g.id, label: g.title }));
  // A link refused where no form is drawn (the need was merged meanwhile) still says why.
  const refused = props.canLink ? [] : [...props.linkForm.errors, ...props.startForm.errors];
  return (
    <Section id="national-heading" title={t("national.sectionTitle")}>
      {refused.length ? <Notice kind="danger">{refused.map((e) => t(e.key, e.params)).join(" ")}</Notice> : null}
      {national.nationalNeed ? (
        <>
          <p class="ds-paragraph">
            {t("national.partOf")} <Link href={`/needs/national/${national.nationalNeed.id}`}>{national.nationalNeed.title}</Link>
          </p>
          <ItemList
            items={national.others}
            empty={t("national.noOthers")}
            itemKey={(n) => n.id}
            item={(n) => (
              <>
                <Link href={`/needs/${n.id}`}>{n.title}</Link> ({n.networkName}, {n.organisationName}): {priorityText(t, n)}
              </>
            )}
          />
        </>
      ) : (
        <p class="ds-paragraph">{t("national.notLinked")}</p>
      )}
      {props.canLink ? (
        <>
          {national.nationalNeed ? (
            <div class="button-row">
              <PostButton ctx={ctx} action={`/needs/${needId}/national/delete`} label={t("national.unlink")} />
            </div>
          ) : null}
          {choices.length ? (
            <>
              <h3 class="ds-heading" data-size="xs">
                {national.nationalNeed ? t("national.moveTo") : t("national.linkTo")}
              </h3>
              <Form
                ctx={ctx}
                form={{ ...props.linkForm, idPrefix: "national-" }}
                action={`/needs/${needId}/national`}
                submitLabel={t("national.link")}
              >
                <SelectField
                  name="nationalNeedId"
                  label={t("national.choose")}
                  required
                  placeholder={t("form.choose")}
                  options={choices}
                />
              </Form>
            </>
          ) : null}
          <h3 class="ds-heading" data-size="xs">
            {t("national.start")}
          </h3>
          <Form
            ctx={ctx}
            form={{ ...props.startForm, idPrefix: "national-start-" }}
            action={`/needs/${needId}/national/new`}
            submitLabel={t("national.startButton")}
          >
            <NationalTextFields t={t} />
          </Form>
        </>
      ) : null}
      <h3 class="ds-heading" data-size="xs">
        {t("national.passedOn")}
      </h3>
      <ItemList
        items={national.submissions}
        empty={t("national.notPassedOn")}
        itemKey={(s) => s.id}
        item={(s) => (
          <>
            {t("national.passedOnTo", { recipient: recipientOf(t, s), date: date(s.sentOn), network: s.networkName })}{" "}
            <Link href={`/needs/submissions/${s.id}`}>{s.title}</Link>
          </>
        )}
      />
    </Section>
  );
}
