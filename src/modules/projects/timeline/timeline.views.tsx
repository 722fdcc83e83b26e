import type { Translate } from "../../../platform/i18n/i18n.ts";
import { ButtonLink, type FormState, Link, Notice, Pagination, TableScroll } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";
import { phaseLabel, StatusTag } from "../labels.tsx";
import type { TimelineQuery } from "../params.ts";
import { SavedViews } from "../portfolio/saved-views.views.tsx";
import type { ProjectService } from "../projects.service.ts";
import { PHASES } from "../schema.ts";

type Timeline = Awaited<ReturnType<ProjectService["timeline"]>>;
type Row = Timeline["rows"][number];

const LABEL_WIDTH = 300;
const CHART_WIDTH = 900;
const ROW_HEIGHT = 24;
const AXIS_HEIGHT = 36;

/** The window shown: five years, or eight quarters, from the first of January of `year`. */
export function timelineWindow(view: "year" | "quarter", year: number) {
  const start = Date.UTC(year, 0, 1);
  const end = view === "year" ? Date.UTC(year + 5, 0, 1) : Date.UTC(year + 2, 0, 1);
  const ticks: { at: number; label: string }[] = [];
  if (view === "year") for (let y = year; y < year + 5; y++) ticks.push({ at: Date.UTC(y, 0, 1), label: String(y) });
  else
    for (let q = 0; q < 8; q++)
      ticks.push({
        at: Date.UTC(year + Math.floor(q / 4), (q % 4) * 3, 1),
        label: `Q${(q % 4) + 1} ${year + Math.floor(q / 4)}`,
      });
  return { start, end, ticks };
}

const time = (iso: string | Date) => (iso instanceof Date ? iso.getTime() : Date.parse(`${iso}T00:00:00Z`));

/** Where each phase begins and ends within the project's period, from its phase changes. */
function phaseSegments(row: Row, fallbackEnd: number) {
  const start = row.startDate ? time(row.startDate) : undefined;
  const end = row.endDate ? time(row.endDate) : fallbackEnd;
  if (start === undefined) return [];
  const changes = row.phases.length ? row.phases : [{ toPhase: row.phase, at: new Date(start) }];
  return changes.map((c, i) => ({
    phase: c.toPhase,
    from: Math.max(start, time(c.at)),
    to: i + 1 < changes.length ? Math.max(start, time(changes[i + 1]!.at)) : end,
  }));
}

/** Earlier, by years, by quarters, later: links that keep every other filter. */
export function TimelineZoom(props: {
  t: Translate;
  view: "year" | "quarter";
  year: number;
  link: (changes: { year?: number; view?: "year" | "quarter" }) => string;
}) {
  const { t, view, year, link } = props;
  const step = view === "year" ? 5 : 2;
  return (
    <nav aria-label={t("timeline.zoom")} class="button-row">
      <ButtonLink href={link({ year: year - step })} variant="tertiary">
        {t("timeline.earlier")}
      </ButtonLink>
      <a
        class="ds-button"
        data-variant={view === "year" ? "primary" : "secondary"}
        href={link({ view: "year" })}
        aria-current={view === "year" ? "true" : undefined}
      >
        {t("timeline.years")}
      </a>
      <a
        class="ds-button"
        data-variant={view === "quarter" ? "primary" : "secondary"}
        href={link({ view: "quarter" })}
        aria-current={view === "quarter" ? "true" : undefined}
      >
        {t("timeline.quarters")}
      </a>
      <ButtonLink href={link({ year: year + step })} variant="tertiary">
        {t("timeline.later")}
      </ButtonLink>
    </nav>
  );
}

/** Bars across years or quarters, drawn on the server; the table below says the same in words. */
export function TimelinePage(props: {
  ctx: PageContext;
  timeline: Timeline;
  filter: TimelineQuery;
  year: number;
  limit: number;
  today: string;
  savedViews: Parameters<typeof SavedViews>[0]["views"] | null;
  viewForm: FormState;
}) {
  const { ctx, timeline, filter, year } = props;
  const { t, date, number } = ctx.i18n;
  const window = timelineWindow(filter.view, year);
  const span = window.end - window.start;
  const x = (ms: number) =>
    LABEL_WIDTH + (Math.min(Math.max(ms, window.start), window.end) - window.start) * (CHART_WIDTH / span);
  const rows = timeline.rows;
  const height = AXIS_HEIGHT + rows.length * ROW_HEIGHT + 8;
  const link = (changes: Partial<TimelineQuery>) => {
    const u = new URL(ctx.url, "http://x");
    for (const [k, v] of Object.entries(changes)) u.searchParams.set(k, String(v));
    u.searchParams.delete("page");
    return `${u.pathname}${u.search}`;
  };
  const step = filter.view === "year" ? 5 : 2;
  const todayX = x(time(props.today));
  const lastYear = year + step - 1;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("timeline.title")}
      </h1>
      <p class="ds-paragraph">
        {t("timeline.intro")} <Link href={link({}).replace("/projects/timeline", "/projects")}>{t("timeline.asList")}</Link>
      </p>
      <TimelineZoom t={t} view={filter.view} year={year} link={link} />
      {props.savedViews ? <SavedViews ctx={ctx} kind="timeline" views={props.savedViews} form={props.viewForm} /> : null}
      <p class="ds-paragraph" role="status">
        {t("timeline.showing", { from: year, to: lastYear, n: number(timeline.total) })}
      </p>
      {rows.length === 0 ? (
        <Notice>{t("list.empty")}</Notice>
      ) : (
        <>
          <ul class="timeline-legend" aria-label={t("timeline.legend")}>
            {PHASES.map((p) => (
              <li key={p}>
                <svg width="14" height="14" aria-hidden="true">
                  <rect width="14" height="14" class={`phase-${p}`} />
                </svg>{" "}
                {phaseLabel(t, p)}
              </li>
            ))}
          </ul>
          <TableScroll label={t("timeline.title")}>
            <svg
              class="timeline"
              viewBox={`0 0 ${LABEL_WIDTH + CHART_WIDTH} ${height}`}
              width={LABEL_WIDTH + CHART_WIDTH}
              height={height}
              role="img"
              aria-labelledby="timeline-svg-title"
            >
              <title id="timeline-svg-title">{t("timeline.svgTitle", { n: rows.length, from: year, to: lastYear })}</title>
              {window.ticks.map((tick) => (
                <g key={tick.at}>
                  <line x1={x(tick.at)} x2={x(tick.at)} y1={AXIS_HEIGHT - 8} y2={height} class="timeline-grid" />
                  <text x={x(tick.at) + 4} y={AXIS_HEIGHT - 14} class="timeline-tick">
                    {tick.label}
                  </text>
                </g>
              ))}
              {todayX > LABEL_WIDTH && todayX < LABEL_WIDTH + CHART_WIDTH ? (
                <g>
                  <line x1={todayX} x2={todayX} y1={AXIS_HEIGHT - 4} y2={height} class="timeline-today" />
                  <text x={todayX + 3} y={AXIS_HEIGHT - 2} class="timeline-today-label">
                    {t("timeline.today")}
                  </text>
                </g>
              ) : null}
              {rows.map((row, i) => {
                const y = AXIS_HEIGHT + i * ROW_HEIGHT;
                const title = row.title.length > 42 ? `${row.title.slice(0, 40)}…` : row.title;
                return (
                  <g key={row.id}>
                    <text x={4} y={y + 16} class="timeline-label">
                      {title}
                    </text>
                    {phaseSegments(row, window.end).map((s) =>
                      x(s.to) > x(s.from) ? (
                        <rect
                          key={`${s.phase}-${s.from}`}
                          x={x(s.from)}
                          y={y + 4}
                          width={x(s.to) - x(s.from)}
                          height={ROW_HEIGHT - 8}
                          class={`phase-${s.phase}`}
                        />
                      ) : null,
                    )}
                    {row.phases
                      .slice(1)
                      .map((c) =>
                        time(c.at) > window.start && time(c.at) < window.end ? (
                          <path
                            key={String(c.at)}
                            d={`M ${x(time(c.at))} ${y + 2} l 4 4 l -4 4 l -4 -4 z`}
                            class="timeline-milestone"
                          />
                        ) : null,
                      )}
                  </g>
                );
              })}
            </svg>
          </TableScroll>
          <h2 class="ds-heading" data-size="md" id="timeline-table-heading">
            {t("timeline.tableTitle")}
          </h2>
          <ListTable
            ctx={ctx}
            label={t("timeline.tableTitle")}
            size="sm"
            rows={rows}
            rowKey={(row) => row.id}
            columns={[
              {
                label: t("project.title"),
                cell: (row) => (
                  <>
                    <Link href={`/projects/${row.id}`}>{row.title}</Link>
                    <span class="row-detail">{row.ownerName ?? row.networkName}</span>
                  </>
                ),
              },
              { label: t("project.startDate"), cell: (row) => (row.startDate ? date(row.startDate) : "") },
              { label: t("project.endDate"), cell: (row) => (row.endDate ? date(row.endDate) : "") },
              { label: t("project.phase"), cell: (row) => phaseLabel(t, row.phase) },
              { label: t("timeline.milestones"), cell: (row) => milestoneText(t, date, row) },
              { label: t("project.status"), cell: (row) => <StatusTag t={t} colour={row.status} /> },
            ]}
          />
          <Pagination t={t} url={ctx.url} total={timeline.total} limit={props.limit} offset={(filter.page - 1) * props.limit} />
        </>
      )}
    </>
  );
}

const milestoneText = (t: Translate, date: (v: string | Date) => string, row: Row) =>
  row.phases.map((c) => `${phaseLabel(t, c.toPhase)} ${date(c.at)}`).join(", ");
