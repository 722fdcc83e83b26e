import type { Translate } from "../../../platform/i18n/i18n.ts";
import {
  ErrorSummary,
  FilterForm,
  FilterSelect,
  type FormState,
  Link,
  LinkList,
  Notice,
  type Option,
  optionsOf,
  Pagination,
  TableScroll,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { categoryLabel, statusLabel, statusShort } from "../labels.ts";
import { ADOPTION_STATUSES, SOLUTION_CATEGORIES } from "../schema.ts";
import type { AdoptionService } from "./adoption.service.ts";

type OrganisationAdoption = Awaited<ReturnType<AdoptionService["ofOrganisation"]>>;
type Matrix = Awaited<ReturnType<AdoptionService["matrix"]>>;

/** An organisation's statuses, one row per solution; for those who report for it, one form for all. */
export function OrganisationAdoptionPage(props: {
  ctx: PageContext;
  data: OrganisationAdoption;
  canReport: boolean;
  form: FormState;
}) {
  const { ctx, data, canReport, form } = props;
  const { t, date } = ctx.i18n;
  const value = (name: string) => {
    const v = form.values[name];
    return v === undefined || v === null ? "" : String(v);
  };
  const errorFor = (name: string) => form.errors.find((e) => e.field === name);
  const status = new Map(data.statuses.map((s) => [s.solutionId, s]));
  const field = (solutionId: number, name: string) => `s${solutionId}.${name}`;
  const id = (solutionId: number, name: string) => `field-s${solutionId}-${name}`;
  const described = (solutionId: number, name: string) =>
    errorFor(field(solutionId, name)) ? `${id(solutionId, name)}-error` : undefined;
  const message = (solutionId: number, name: string) => {
    const e = errorFor(field(solutionId, name));
    return e ? (
      <p class="ds-validation-message" data-color="danger" id={`${id(solutionId, name)}-error`}>
        {t(e.key, e.params)}
      </p>
    ) : null;
  };
  /** A status's date, labelled, with what was sent or else what is stored. */
  const dateField = (solutionId: number, name: "targetDate" | "sinceDate", stored: string | null | undefined) => (
    <>
      <label class="ds-label" for={id(solutionId, name)} data-size="sm">
        {t(`adoption.${name}`)}
      </label>
      <input
        class="ds-input"
        type="date"
        id={id(solutionId, name)}
        name={field(solutionId, name)}
        value={value(field(solutionId, name)) || stored || ""}
        aria-describedby={described(solutionId, name)}
        aria-invalid={errorFor(field(solutionId, name)) ? "true" : undefined}
      />
      {message(solutionId, name)}
    </>
  );
  // The summary names each field by its solution, since the fields are drawn by hand in the table.
  const labels = new Map(
    data.solutions.flatMap((s) => [
      [id(s.id, "status"), t("adoption.statusFor", { name: s.name })],
      [id(s.id, "targetDate"), t("adoption.fieldFor", { field: t("adoption.targetDate"), name: s.name })],
      [id(s.id, "sinceDate"), t("adoption.fieldFor", { field: t("adoption.sinceDate"), name: s.name })],
      [id(s.id, "comment"), t("adoption.commentFor", { name: s.name })],
    ]),
  );
  const table = (
    <TableScroll label={t("adoption.title", { name: data.organisation.name })}>
      <table class="ds-table" data-border>
        <thead>
          <tr>
            <th scope="col">{t("roadmap.name")}</th>
            <th scope="col">{t("adoption.status")}</th>
            <th scope="col">{t("adoption.date")}</th>
            <th scope="col">{t("adoption.comment")}</th>
          </tr>
        </thead>
        <tbody>
          {data.solutions.map((s) => {
            const now = status.get(s.id);
            if (!canReport)
              return (
                <tr key={s.id}>
                  <th scope="row">
                    <Link href={`/roadmap/${s.id}`}>{s.name}</Link>
                  </th>
                  <td>{now ? statusLabel(t, now.status) : t("adoption.notReported")}</td>
                  <td>{now?.targetDate ? date(now.targetDate) : now?.sinceDate ? date(now.sinceDate) : ""}</td>
                  <td>{now?.comment}</td>
                </tr>
              );
            const current = value(field(s.id, "status")) || now?.status || "";
            return (
              <tr key={s.id}>
                <th scope="row" id={`row-${s.id}`}>
                  <Link href={`/roadmap/${s.id}`}>{s.name}</Link>
                  <input type="hidden" name={field(s.id, "solutionId")} value={String(s.id)} />
                </th>
                <td>
                  <select
                    class="ds-input"
                    id={id(s.id, "status")}
                    name={field(s.id, "status")}
                    aria-label={t("adoption.statusFor", { name: s.name })}
                    aria-describedby={described(s.id, "status")}
                  >
                    <option value="">{t("adoption.notReported")}</option>
                    {ADOPTION_STATUSES.map((a) => (
                      <option key={a} value={a} selected={a === current}>
                        {statusLabel(t, a)}
                      </option>
                    ))}
                  </select>
                  {message(s.id, "status")}
                </td>
                <td>
                  {dateField(s.id, "targetDate", now?.targetDate)}
                  {dateField(s.id, "sinceDate", now?.sinceDate)}
                </td>
                <td>
                  <input
                    class="ds-input"
                    id={id(s.id, "comment")}
                    name={field(s.id, "comment")}
                    value={value(field(s.id, "comment")) || now?.comment || ""}
                    aria-label={t("adoption.commentFor", { name: s.name })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("adoption.title", { name: data.organisation.name })}
      </h1>
      <p class="ds-paragraph">{t("adoption.intro")}</p>
      <p>
        <Link href={`/organisations/${data.organisation.id}/roadmap`}>{t("plan.title", { name: data.organisation.name })}</Link>
        {" · "}
        <Link href={`/roadmap/calendar.ics?organisation=${data.organisation.id}`}>
          {t("roadmap.calendarFor", { name: data.organisation.name })}
        </Link>
      </p>
      {canReport ? (
        <form method="post" action={`/organisations/${data.organisation.id}/adoption`} novalidate class="stack">
          <ErrorSummary form={form} t={t} labels={labels} />
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          {table}
          <div class="button-row">
            <button class="ds-button" data-variant="primary" type="submit">
              {t("common.save")}
            </button>
          </div>
        </form>
      ) : (
        table
      )}
    </>
  );
}

const STATUS_COLOURS: Record<string, string> = {
  in_use: "adoption-in-use",
  in_progress: "adoption-in-progress",
  planned: "adoption-planned",
  not_started: "adoption-not-started",
  not_relevant: "adoption-not-relevant",
};

/**
 * Rows of the matrix on one page. The whole country is 372 organisations by every solution: as one
 * table, over ten thousand cells that take a phone seconds to lay out. The shares below the table
 * are always of every organisation in scope.
 */
export const MATRIX_PAGE_SIZE = 50;

/** Organisations by solutions: a table that is also a heat map, with each column's share in use. */
export function MatrixPage(props: {
  ctx: PageContext;
  matrix: Matrix;
  filter: Record<string, unknown>;
  networks: Option[];
  counties: Option[];
  /** The network filtered on, for links to its budget and, for its secretariat, the upload. */
  network?: { slug: string; canImport: boolean } | undefined;
}) {
  const { ctx, matrix, network } = props;
  const { t, number } = ctx.i18n;
  const percent = (v: number) => number(v, { style: "percent", maximumFractionDigits: 0 });
  const { rows, offset } = matrix;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("adoption.matrixTitle")}
      </h1>
      <p class="ds-paragraph">{t("adoption.matrixIntro")}</p>
      {network ? (
        <p class="ds-paragraph">
          <LinkList
            links={[
              { href: `/n/${network.slug}/roadmap/budget`, label: t("network.work.budget") },
              ...(network.canImport ? [{ href: `/n/${network.slug}/adoption/import`, label: t("import.link") }] : []),
            ]}
          />
        </p>
      ) : null}
      <FilterForm t={t} action="/roadmap/adoption" values={props.filter}>
        <ScopeFields t={t} networks={props.networks} counties={props.counties} />
        <FilterSelect name="category" label={t("roadmap.category")} options={optionsOf(t, SOLUTION_CATEGORIES, categoryLabel)} />
      </FilterForm>
      <ul class="timeline-legend" aria-label={t("adoption.legend")}>
        {ADOPTION_STATUSES.map((s) => (
          <li key={s}>
            <span class={`adoption-cell ${STATUS_COLOURS[s]}`}>{statusShort(t, s)}</span> {statusLabel(t, s)}
          </li>
        ))}
        <li>
          <span class="adoption-cell">–</span> {t("adoption.notReported")}
        </li>
      </ul>
      <p class="ds-paragraph" role="status">
        {t("adoption.matrixCount", { organisations: matrix.adopters.length, solutions: matrix.solutions.length })}
        {matrix.adopters.length > MATRIX_PAGE_SIZE && rows.length > 0
          ? `. ${t("list.showing", { from: offset + 1, to: offset + rows.length, total: matrix.adopters.length })}`
          : null}
      </p>
      {rows.length === 0 ? (
        <Notice>{t("list.empty")}</Notice>
      ) : (
        <TableScroll label={t("adoption.matrixTitle")}>
          <table class="ds-table adoption-matrix" data-size="sm">
            <thead>
              <tr>
                <th scope="col">{t("need.organisation")}</th>
                {matrix.solutions.map((s) => (
                  <th scope="col" key={s.id}>
                    <Link href={`/roadmap/${s.id}`}>{s.name}</Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link href={`/organisations/${a.id}/adoption`}>{a.name}</Link>
                  </th>
                  {matrix.solutions.map((s) => {
                    const status = matrix.statusOf(a.id, s.id)?.status;
                    return (
                      <td key={s.id} class={`adoption-cell ${status ? STATUS_COLOURS[status] : ""}`}>
                        {status ? (
                          <abbr title={statusLabel(t, status)}>{statusShort(t, status)}</abbr>
                        ) : (
                          <abbr title={t("adoption.notReported")}>–</abbr>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("adoption.shareInUse")}</th>
                {matrix.totals.map((c) => (
                  <td key={c.solutionId} class="numeric">
                    {percent(c.share)}
                    <span class="row-detail">{t("adoption.ofInhabitants", { share: percent(c.inhabitantShare) })}</span>
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      )}
      <Pagination t={t} url={ctx.url} total={matrix.adopters.length} limit={MATRIX_PAGE_SIZE} offset={offset} />
    </>
  );
}

/** Whose adoption a page shows: the whole country, a network's members or a county's. */
export function ScopeFields(props: { t: Translate; networks: Option[]; counties: Option[] }) {
  const { t } = props;
  return (
    <>
      <FilterSelect name="network" label={t("need.network")} placeholder={t("adoption.wholeCountry")} options={props.networks} />
      <FilterSelect name="county" label={t("adoption.county")} options={props.counties} />
    </>
  );
}
