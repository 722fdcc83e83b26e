import { ButtonLink, DemoTag, FilterSelect, Link, type Option, optionsOf, TextField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListPage } from "../../../platform/ui/list-page.tsx";
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
  const { ctx, filter } = props;
  const { t, number } = ctx.i18n;
  return (
    <ListPage<ListItem>
      ctx={ctx}
      title={t("solution.listTitle")}
      intro={t("solution.listIntro")}
      actions={
        props.canCreate ? (
          <>
            <ButtonLink href="/solutions/new">{t("solution.new")}</ButtonLink>
            <ButtonLink href="/solutions/import">{t("solution.import")}</ButtonLink>
          </>
        ) : undefined
      }
      filters={{
        action: "/solutions",
        resetHref: "/solutions",
        values: { ...filter },
        fields: (
          <>
            <TextField name="q" label={t("solution.search")} type="search" />
            <FilterSelect name="origin" label={t("solution.origin")} options={optionsOf(t, SOLUTION_ORIGINS, originLabel)} />
            <FilterSelect name="maturity" label={t("solution.maturity")} options={optionsOf(t, MATURITIES, maturityLabel)} />
            <FilterSelect name="network" label={t("solution.networkFilter")} options={props.networks} />
            <FilterSelect name="usedBy" label={t("solution.usedByFilter")} options={props.organisations} />
            <FilterSelect name="owner" label={t("solution.owner")} options={props.organisations} />
          </>
        ),
      }}
      paging={{ total: props.total, page: filter.page, limit: props.limit }}
      downloads={[
        { href: props.csvHref, label: t("list.downloadCsv", { n: number(props.total) }), download: true },
        { href: props.xlsxHref, label: t("list.downloadXlsx"), download: true },
      ]}
      table={{
        rows: props.items,
        rowKey: (s) => s.id,
        sort: filter.sort,
        columns: [
          {
            label: t("solution.name"),
            sort: "name",
            cell: (s) => (
              <>
                <Link href={`/solutions/${s.id}`}>{s.name}</Link> {s.isDemo ? <DemoTag t={t} /> : null}
                {s.summary ? <span class="row-detail">{s.summary}</span> : null}
              </>
            ),
          },
          {
            label: t("solution.owner"),
            cell: (s) => (
              <>
                {s.ownerName}
                {s.vendor ? <span class="row-detail">{s.vendor}</span> : null}
              </>
            ),
          },
          { label: t("solution.origin"), cell: (s) => originLabel(t, s.origin) },
          { label: t("solution.maturity"), cell: (s) => maturityLabel(t, s.maturity) },
          {
            label: t("solution.userCount"),
            sort: "users",
            numeric: true,
            cell: (s) => (
              <Link href={`/solutions/${s.id}#users-heading`}>
                {number(s.userCount)}
                <span class="ds-sr-only"> {t("solution.whoUses", { name: s.name })}</span>
              </Link>
            ),
          },
        ],
      }}
    />
  );
}
