import {
  DemoTag,
  FilterForm,
  type FormState,
  ListStatus,
  Notice,
  type Option,
  Pagination,
  SelectField,
  SortHeader,
  TableScroll,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { maturityLabel, originLabel } from "../labels.ts";
import type { SolutionListQuery } from "../params.ts";
import { MATURITIES, SOLUTION_ORIGINS } from "../schema.ts";
import type { SolutionService } from "../solutions.service.ts";

type ListItem = Awaited<ReturnType<SolutionService["list"]>>["items"][number];

/** The catalogue: filters, how many, the downloads, the sortable table and its pages. */
export function SolutionsPage(props: {
  ctx: PageContext;
  items: ListItem[];
  total: number;
  filter: SolutionListQuery;
  limit: number;
  csvHref: string;
  xlsxHref: string;
  canCreate: boolean;
  organisations: Option[];
  networks: Option[];
}) {
  const { ctx, items, total, filter } = props;
  const { t, number } = ctx.i18n;
  const form: FormState = { values: { ...filter }, errors: [] };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("solution.listTitle")}
      </h1>
      <p class="ds-paragraph">{t("solution.listIntro")}</p>
      {props.canCreate ? (
        <div class="button-row">
          <a class="ds-button" data-variant="secondary" href="/solutions/new">
            {t("solution.new")}
          </a>
          <a class="ds-button" data-variant="secondary" href="/solutions/import">
            {t("solution.import")}
          </a>
        </div>
      ) : null}
      <FilterForm t={t} action="/solutions" resetHref="/solutions">
        <TextField t={t} form={form} name="q" label={t("solution.search")} type="search" />
        <SelectField
          t={t}
          form={form}
          name="origin"
          label={t("solution.origin")}
          placeholder={t("list.all")}
          options={SOLUTION_ORIGINS.map((o) => ({ value: o, label: originLabel(t, o) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="maturity"
          label={t("solution.maturity")}
          placeholder={t("list.all")}
          options={MATURITIES.map((m) => ({ value: m, label: maturityLabel(t, m) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="network"
          label={t("solution.networkFilter")}
          placeholder={t("list.all")}
          options={props.networks}
        />
        <SelectField
          t={t}
          form={form}
          name="usedBy"
          label={t("solution.usedByFilter")}
          placeholder={t("list.all")}
          options={props.organisations}
        />
        <SelectField
          t={t}
          form={form}
          name="owner"
          label={t("solution.owner")}
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
        <TableScroll label={t("solution.listTitle")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <SortHeader t={t} url={ctx.url} column="name" label={t("solution.name")} sort={filter.sort} />
                <th scope="col">{t("solution.owner")}</th>
                <th scope="col">{t("solution.origin")}</th>
                <th scope="col">{t("solution.maturity")}</th>
                <SortHeader t={t} url={ctx.url} column="users" label={t("solution.userCount")} sort={filter.sort} />
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <a class="ds-link" href={`/solutions/${s.id}`}>
                      {s.name}
                    </a>{" "}
                    {s.isDemo ? <DemoTag t={t} /> : null}
                    {s.summary ? <span class="row-detail">{s.summary}</span> : null}
                  </th>
                  <td>
                    {s.ownerName}
                    {s.vendor ? <span class="row-detail">{s.vendor}</span> : null}
                  </td>
                  <td>{originLabel(t, s.origin)}</td>
                  <td>{maturityLabel(t, s.maturity)}</td>
                  <td class="numeric">
                    <a class="ds-link" href={`/solutions/${s.id}#users-heading`}>
                      {number(s.userCount)}
                      <span class="ds-sr-only"> {t("solution.whoUses", { name: s.name })}</span>
                    </a>
                  </td>
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
