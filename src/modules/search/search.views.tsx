import type { ComponentChildren } from "preact";
import type { I18n } from "../../platform/i18n/i18n.ts";
import type { SiteSearchGroup, SiteSearchHit, SiteSearchResult } from "../../platform/search/engine.ts";
import { PER_PAGE } from "../../platform/search/engine.ts";
import type { Marked } from "../../platform/search/highlight.ts";
import {
  FilterForm,
  FilterSelect,
  Form,
  type FormState,
  Link,
  Notice,
  Pagination,
  PostButton,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { actionsColumn, ListTable } from "../../platform/ui/list-page.tsx";
import type { FilterChoices } from "./search.ts";

/** A text with the query's words in <mark>: split into pieces, so nothing of the text is read as markup. */
export function MarkedText({ marked }: { marked: Marked }) {
  const pieces = [];
  let at = 0;
  for (const [start, end] of marked.marks) {
    if (start > at) pieces.push(marked.text.slice(at, start));
    pieces.push(<mark key={start}>{marked.text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < marked.text.length) pieces.push(marked.text.slice(at));
  return <>{pieces}</>;
}

/** The URL of the search with some parameters changed (undefined removes one), the page reset. */
function withParams(url: string, changes: Record<string, string | undefined>): string {
  const u = new URL(url, "http://x");
  u.searchParams.delete("page");
  for (const [key, value] of Object.entries(changes))
    if (value === undefined) u.searchParams.delete(key);
    else u.searchParams.set(key, value);
  return `${u.pathname}${u.search}`;
}

function Hit({ hit, i18n }: { hit: SiteSearchHit; i18n: I18n }) {
  const meta = [hit.network?.name, hit.date ? i18n.date(hit.date) : null].filter(Boolean).join(" · ");
  return (
    <li class="search-hit">
      <h3 class="ds-heading" data-size="2xs">
        <a class="ds-link" href={hit.href}>
          <MarkedText marked={hit.titleMarked} />
        </a>
      </h3>
      {meta ? (
        <p class="ds-paragraph search-hit__meta" data-size="sm">
          {meta}
        </p>
      ) : null}
      {hit.excerpt.text ? (
        <p class="ds-paragraph" data-size="sm">
          <MarkedText marked={hit.excerpt} />
        </p>
      ) : null}
    </li>
  );
}

/** A count as the page gives it: "at least" where more matched than the search read (READ_PER_SOURCE). */
function count(i18n: PageContext["i18n"], counted: { total: number; atLeast: boolean }): string {
  const n = i18n.number(counted.total);
  return counted.atLeast ? i18n.t("search.countAtLeast", { n }) : n;
}

function Group(props: { ctx: PageContext; group: SiteSearchGroup; url: string; chosen: boolean; page: number }) {
  const { t } = props.ctx.i18n;
  const { group } = props;
  const id = `kind-${group.kind}`;
  return (
    <section aria-labelledby={id} class="search-group">
      <h2 class="ds-heading" data-size="sm" id={id}>
        {t(group.label)} <span class="search-group__count">({count(props.ctx.i18n, group)})</span>
      </h2>
      <ol class="search-hits" start={props.chosen ? (props.page - 1) * PER_PAGE + 1 : undefined}>
        {group.hits.map((hit) => (
          <Hit key={`${hit.kind}-${hit.id}`} hit={hit} i18n={props.ctx.i18n} />
        ))}
      </ol>
      {!props.chosen && group.total > group.hits.length ? (
        <p class="ds-paragraph">
          <Link href={withParams(props.url, { kind: group.kind })}>
            {group.atLeast
              ? t("search.showMore", { kind: t(group.label) })
              : t("search.showAll", { n: group.total, kind: t(group.label) })}
          </Link>
        </p>
      ) : null}
      {props.chosen ? (
        <Pagination t={t} url={props.url} total={group.total} limit={PER_PAGE} offset={(props.page - 1) * PER_PAGE} />
      ) : null}
    </section>
  );
}

/** The kinds found, with their counts: each a link to that kind alone, the chosen one marked. */
function Kinds(props: { ctx: PageContext; result: SiteSearchResult; url: string; kind: string | undefined }) {
  const { t } = props.ctx.i18n;
  if (props.result.groups.length < 2 && !props.kind) return null;
  return (
    <nav aria-label={t("search.byKind")} class="search-kinds">
      <ul class="ds-list">
        <li>
          <a class="ds-link" href={withParams(props.url, { kind: undefined })} aria-current={props.kind ? undefined : "page"}>
            {t("search.allKinds", { n: count(props.ctx.i18n, props.result) })}
          </a>
        </li>
        {props.result.groups.map((g) => (
          <li key={g.kind}>
            <a
              class="ds-link"
              href={withParams(props.url, { kind: g.kind })}
              aria-current={props.kind === g.kind ? "page" : undefined}
            >
              {t(g.label)} ({count(props.ctx.i18n, g)})
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SearchPage(props: {
  ctx: PageContext;
  form: FormState;
  choices: FilterChoices;
  result: SiteSearchResult | null;
  q: string;
  kind: string | undefined;
  page: number;
  url: string;
}) {
  const { ctx, result, q } = props;
  const { t, number } = ctx.i18n;
  const { choices } = props;
  const filtered = ["kind", "network", "organisation", "county", "from", "to"].some((k) => props.form.values[k]);
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {q ? t("search.titleFor", { q }) : t("search.title")}
      </h1>
      <FilterForm
        t={t}
        action="/search"
        form={props.form}
        label={t("search.title")}
        submitLabel={t("search.submit")}
        {...(filtered ? { resetHref: q ? `/search?q=${encodeURIComponent(q)}` : "/search" } : {})}
      >
        <div class="search-query">
          <TextField name="q" label={t("search.everything")} type="search" />
        </div>
        <details class="search-filters" open={filtered || props.form.errors.length > 0}>
          <summary>{t("search.narrow")}</summary>
          <div class="filter-grid">
            <FilterSelect
              name="kind"
              label={t("search.kind")}
              options={choices.kinds.map((k) => ({ value: k.kind, label: t(k.label) }))}
            />
            <FilterSelect
              name="network"
              label={t("search.networkFilter")}
              options={choices.networks.map((n) => ({ value: n.slug, label: n.name }))}
            />
            <FilterSelect
              name="organisation"
              label={t("search.organisation")}
              options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
            />
            <FilterSelect
              name="county"
              label={t("search.county")}
              options={choices.counties.map((c) => ({ value: c.code ?? "", label: c.name }))}
            />
            {/* Text, not a date picker: a date mistyped comes back as it was typed, beside its error. */}
            <TextField name="from" label={t("search.from")} description={t("form.dateHint")} inputMode="numeric" width="short" />
            <TextField name="to" label={t("search.to")} description={t("form.dateHint")} inputMode="numeric" width="short" />
          </div>
        </details>
      </FilterForm>
      {result ? (
        <>
          <p class="ds-paragraph" role="status">
            {result.atLeast
              ? t("search.resultCountAtLeast", { n: number(result.total), q })
              : t("search.resultCount", { n: number(result.total), q })}
          </p>
          {result.didYouMean ? (
            <p class="ds-paragraph">
              {t("search.didYouMean")} <Link href={withParams(props.url, { q: result.didYouMean })}>{result.didYouMean}</Link>?
            </p>
          ) : null}
          <Kinds ctx={ctx} result={result} url={props.url} kind={props.kind} />
          {result.groups
            .filter((g) => g.hits.length)
            .map((g) => (
              <Group key={g.kind} ctx={ctx} group={g} url={props.url} chosen={props.kind === g.kind} page={props.page} />
            ))}
          {/* Nothing found, or nothing of the chosen kind, or a page beyond the last. */}
          {result.groups.some((g) => g.hits.length) ? null : <Notice>{t("search.nothing")}</Notice>}
        </>
      ) : null}
    </>
  );
}

export interface WordPairRow {
  id: number;
  nynorsk: string;
  bokmal: string;
  origin: "shipped" | "local";
}

/** The word pairs of the two written standards, for administrators: the shipped list and the installation's own. */
export function WordPairsPage(props: {
  ctx: PageContext;
  form: FormState;
  q: string;
  items: WordPairRow[];
  total: number;
  page: number;
  limit: number;
  url: string;
  saved: ComponentChildren;
}) {
  const { ctx } = props;
  const { t, number } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("search.words.title")}
      </h1>
      <p class="ds-paragraph">{t("search.words.intro")}</p>
      {props.saved}
      <section aria-labelledby="add-heading">
        <h2 class="ds-heading" data-size="sm" id="add-heading">
          {t("search.words.add")}
        </h2>
        <WordPairForm ctx={ctx} form={props.form} />
      </section>
      <section aria-labelledby="pairs-heading">
        <h2 class="ds-heading" data-size="sm" id="pairs-heading">
          {t("search.words.list", { n: number(props.total) })}
        </h2>
        <FilterForm
          t={t}
          action="/admin/search-words"
          values={{ q: props.q }}
          {...(props.q ? { resetHref: "/admin/search-words" } : {})}
        >
          <TextField name="q" label={t("search.words.find")} type="search" />
        </FilterForm>
        <ListTable
          ctx={ctx}
          label={t("search.words.list", { n: number(props.total) })}
          rows={props.items}
          rowKey={(p) => p.id}
          columns={[
            { label: t("search.words.nynorsk"), cell: (p) => <span lang="nn">{p.nynorsk}</span> },
            { label: t("search.words.bokmal"), cell: (p) => <span lang="nb">{p.bokmal}</span> },
            {
              label: t("search.words.origin"),
              cell: (p) => t(p.origin === "local" ? "search.words.local" : "search.words.shipped"),
            },
            ...actionsColumn<WordPairRow>(t, true, (p) =>
              p.origin === "local" ? (
                <PostButton
                  ctx={ctx}
                  action={`/admin/search-words/${p.id}/delete`}
                  label={t("search.words.remove")}
                  hiddenText={`${p.nynorsk} – ${p.bokmal}`}
                  size="sm"
                  danger
                  fields={props.q ? { q: props.q } : {}}
                />
              ) : null,
            ),
          ]}
        />
        <Pagination t={t} url={props.url} total={props.total} limit={props.limit} offset={(props.page - 1) * props.limit} />
      </section>
    </>
  );
}

function WordPairForm({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx.i18n;
  return (
    <Form ctx={ctx} form={form} action="/admin/search-words" submitLabel={t("search.words.addButton")}>
      <TextField name="nynorsk" label={t("search.words.nynorsk")} required width="short" />
      <TextField name="bokmal" label={t("search.words.bokmal")} required width="short" />
    </Form>
  );
}
