import type { ComponentChildren } from "preact";
import type { Translate } from "../i18n/i18n.ts";
import { FilterForm, type LinkItem, ListStatus, Notice, Pagination, SortHeader, TableScroll } from "./components.tsx";
import type { PageContext } from "./context.ts";

/**
 * A column of a list's table: its header (a sort link when it has a `sort` key), and its cell. The
 * column that names the record is the row's header (`th scope="row"`): the first, unless the table
 * says another (`rowHeader`, for a list ordered by a date shown first).
 */
export interface Column<T> {
  label: string;
  /** The `sort` value that orders the list by this column; absent for columns that do not sort. */
  sort?: string;
  numeric?: boolean;
  /** The cells' class (for example `prewrap` for text typed with line breaks). */
  class?: string;
  cell: (row: T) => ComponentChildren;
}

/**
 * The column of a row's actions (remove, withdraw) under the common "Actions" header, where the reader
 * may act on the table's rows; no column where they may not.
 */
export const actionsColumn = <T,>(t: Translate, shown: boolean, cell: (row: T) => ComponentChildren): Column<T>[] =>
  shown ? [{ label: t("common.actions"), cell }] : [];

/** A list's rows as a table with sortable headers, or the empty notice when there are none. */
export function ListTable<T>(props: {
  ctx: PageContext;
  /** The table's accessible name (its scroll region is labelled with it too). */
  label: string;
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  columns: readonly Column<T>[];
  /** Which column names the record (the row's header); the first when absent. */
  rowHeader?: number;
  /** The sort in force (`name`, `-name`); needed when any column sorts. */
  sort?: string;
  /** What stands when there are no rows: a notice with this text (a general one when absent), or nothing (`false`). */
  empty?: ComponentChildren | false;
  size?: "sm";
}) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  if (props.rows.length === 0) return props.empty === false ? null : <Notice>{props.empty ?? t("list.empty")}</Notice>;
  if (props.columns.length === 0) return null;
  const rowHeader = props.rowHeader ?? 0;
  const cellClass = (c: Column<T>) => [c.numeric ? "numeric" : "", c.class ?? ""].join(" ").trim() || undefined;
  const header = (c: Column<T>) =>
    c.sort !== undefined && props.sort !== undefined ? (
      <SortHeader t={t} url={ctx.url} column={c.sort} label={c.label} sort={props.sort} />
    ) : (
      <th scope="col" class={c.numeric ? "numeric" : undefined}>
        {c.label}
      </th>
    );
  return (
    <TableScroll label={props.label}>
      <table class="ds-table" data-border data-size={props.size}>
        <thead>
          <tr>{props.columns.map(header)}</tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((c, i) =>
                i === rowHeader ? (
                  <th scope="row" class={cellClass(c)}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td class={cellClass(c)}>{c.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * A paged list page, the shape every list in Samverk has: heading and intro, the actions the reader may
 * take, the filters as a GET form (so every view is a link), which rows of how many are shown with the
 * downloads of the whole filtered list, the table (or the empty notice) and the page links.
 */
export function ListPage<T>(props: {
  ctx: PageContext;
  title: string;
  intro?: ComponentChildren;
  /** Buttons above the filters (for example "New solution"), shown only to those who may. */
  actions?: ComponentChildren;
  filters?: {
    action: string;
    resetHref?: string;
    /** The filters in force: the fields take their values from here. */
    values: Record<string, unknown>;
    fields: ComponentChildren;
  };
  paging: { total: number; page: number; limit: number };
  downloads?: LinkItem[];
  table: Omit<Parameters<typeof ListTable<T>>[0], "ctx" | "label"> & { label?: string };
}) {
  const { ctx, paging } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      {props.intro ? <p class="ds-paragraph">{props.intro}</p> : null}
      {props.actions ? <div class="button-row">{props.actions}</div> : null}
      {props.filters ? (
        <FilterForm
          t={t}
          action={props.filters.action}
          values={props.filters.values}
          {...(props.filters.resetHref ? { resetHref: props.filters.resetHref } : {})}
        >
          {props.filters.fields}
          {props.table.sort !== undefined ? <input type="hidden" name="sort" value={props.table.sort} /> : null}
        </FilterForm>
      ) : null}
      <ListStatus ctx={ctx} total={paging.total} page={paging.page} limit={paging.limit} links={props.downloads ?? []} />
      <ListTable ctx={ctx} label={props.table.label ?? props.title} {...props.table} />
      <Pagination t={t} url={ctx.url} total={paging.total} limit={paging.limit} offset={(paging.page - 1) * paging.limit} />
    </>
  );
}
