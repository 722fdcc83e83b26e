import {
  FilterForm,
  FilterSelect,
  Link,
  Notice,
  type Option,
  optionsOf,
  TableScroll,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";
import { TimelineZoom, timelineWindow } from "../../projects/index.ts";
import { categoryLabel, milestoneKindLabel, milestoneName } from "../labels.ts";
import { periodEnd, periodLabel } from "../precision.ts";
import type { Milestone, NationalSolution } from "../roadmap.repo.ts";
import { MILESTONE_KINDS, SOLUTION_CATEGORIES } from "../schema.ts";

const LABEL_WIDTH = 280;
const CHART_WIDTH = 900;
const ROW_HEIGHT = 26;
const AXIS_HEIGHT = 36;

export interface TimelineRow {
  solution: NationalSolution;
  milestones: (Milestone & { movedFrom: { date: string; precision: Milestone["precision"] } | null })[];
}

const time = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
/** The first day after the period, for a bar that covers the whole period. */
const after = (date: string, precision: Milestone["precision"]) => time(periodEnd(date, precision)) + 24 * 3600_000;

/**
 * The national roadmap: one row per solution, each milestone a bar over the period it is known to
 * fall in (a day is a narrow mark), and a moved milestone's earlier period as a dashed outline.
 * Drawn on the server; the list below says the same in words.
 */
export function RoadmapTimeline(props: {
  ctx: PageContext;
  rows: TimelineRow[];
  view: "year" | "quarter";
  year: number;
  today: string;
}) {
  const { ctx, rows, view, year } = props;
  const { t } = ctx.i18n;
  const window = timelineWindow(view, year);
  const span = window.end - window.start;
  const x = (ms: number) =>
    LABEL_WIDTH + (Math.min(Math.max(ms, window.start), window.end) - window.start) * (CHART_WIDTH / span);
  const height = AXIS_HEIGHT + rows.length * ROW_HEIGHT + 8;
  const when = (date: string, precision: Milestone["precision"]) => periodLabel(ctx.i18n, date, precision);
  const todayX = x(time(props.today));
  return (
    <>
      <ul class="timeline-legend" aria-label={t("timeline.legend")}>
        {MILESTONE_KINDS.map((k) => (
          <li key={k}>
            <svg width="14" height="14" aria-hidden="true">
              <rect width="14" height="14" class={`milestone-${k}`} />
            </svg>{" "}
            {milestoneKindLabel(t, k)}
          </li>
        ))}
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <rect x="1" y="1" width="12" height="12" class="milestone-moved" />
          </svg>{" "}
          {t("roadmap.movedLegend")}
        </li>
      </ul>
      <TableScroll label={t("roadmap.timelineTitle")}>
        <svg
          class="timeline"
          viewBox={`0 0 ${LABEL_WIDTH + CHART_WIDTH} ${height}`}
          width={LABEL_WIDTH + CHART_WIDTH}
          height={height}
          role="img"
          aria-labelledby="roadmap-svg-title"
        >
          <title id="roadmap-svg-title">{t("roadmap.timelineSvgTitle", { n: rows.length })}</title>
          {window.ticks.map((tick) => (
            <g key={tick.at}>
              <line x1={x(tick.at)} x2={x(tick.at)} y1={AXIS_HEIGHT - 8} y2={height} class="timeline-grid" />
              <text x={x(tick.at) + 4} y={AXIS_HEIGHT - 14} class="timeline-tick">
                {tick.label}
              </text>
            </g>
          ))}
          {todayX > LABEL_WIDTH && todayX < LABEL_WIDTH + CHART_WIDTH ? (
            <line x1={todayX} x2={todayX} y1={AXIS_HEIGHT - 4} y2={height} class="timeline-today" />
          ) : null}
          {rows.map((row, i) => {
            const y = AXIS_HEIGHT + i * ROW_HEIGHT;
            const name = row.solution.name.length > 38 ? `${row.solution.name.slice(0, 36)}…` : row.solution.name;
            return (
              <g key={row.solution.id}>
                <text x={4} y={y + 17} class="timeline-label">
                  {name}
                </text>
                {row.milestones.map((m) => {
                  const from = x(time(m.date));
                  const to = Math.max(from + 6, x(after(m.date, m.precision)));
                  return (
                    <g key={m.id}>
                      {m.movedFrom ? (
                        <rect
                          x={x(time(m.movedFrom.date))}
                          y={y + 5}
                          width={Math.max(6, x(after(m.movedFrom.date, m.movedFrom.precision)) - x(time(m.movedFrom.date)))}
                          height={ROW_HEIGHT - 10}
                          class="milestone-moved"
                        />
                      ) : null}
                      <rect x={from} y={y + 5} width={to - from} height={ROW_HEIGHT - 10} class={`milestone-${m.kind}`} />
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      </TableScroll>
      <h2 class="ds-heading" data-size="md" id="roadmap-list-heading">
        {t("roadmap.timelineList")}
      </h2>
      <ListTable
        ctx={ctx}
        label={t("roadmap.timelineList")}
        size="sm"
        empty={false}
        rows={rows.flatMap((row) => row.milestones.map((m) => ({ ...m, solution: row.solution })))}
        rowKey={(m) => m.id}
        columns={[
          {
            label: t("roadmap.name"),
            cell: (m) => <Link href={`/roadmap/${m.solution.id}`}>{m.solution.name}</Link>,
          },
          { label: t("roadmap.milestoneKind"), cell: (m) => milestoneName(t, m) },
          { label: t("roadmap.when"), cell: (m) => when(m.date, m.precision) },
          {
            label: t("roadmap.movedFromColumn"),
            cell: (m) => (m.movedFrom ? when(m.movedFrom.date, m.movedFrom.precision) : ""),
          },
        ]}
      />
    </>
  );
}

/** The timeline page: filters, zoom by years or quarters, the drawing and its list. */
export function TimelinePage(props: {
  ctx: PageContext;
  rows: TimelineRow[];
  filter: { view: "year" | "quarter"; category?: string | undefined; owner?: string | undefined; network?: string | undefined };
  year: number;
  today: string;
  networks: Option[];
}) {
  const { ctx, filter, year } = props;
  const { t } = ctx.i18n;
  const link = (changes: Record<string, string | number>) => {
    const u = new URL(ctx.url, "http://x");
    for (const [k, v] of Object.entries(changes)) u.searchParams.set(k, String(v));
    return `${u.pathname}${u.search}`;
  };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("roadmap.timelineTitle")}
      </h1>
      <p class="ds-paragraph">{t("roadmap.timelineIntro")}</p>
      <FilterForm t={t} action="/roadmap/timeline" values={{ ...filter }}>
        <FilterSelect name="category" label={t("roadmap.category")} options={optionsOf(t, SOLUTION_CATEGORIES, categoryLabel)} />
        <TextField name="owner" label={t("roadmap.owner")} />
        <FilterSelect
          name="network"
          label={t("roadmap.withInitiativesOf")}
          placeholder={t("roadmap.allNetworks")}
          options={props.networks}
        />
        <input type="hidden" name="view" value={filter.view} />
      </FilterForm>
      <TimelineZoom t={t} view={filter.view} year={year} link={link} />
      {props.rows.length === 0 ? (
        <Notice>{t("list.empty")}</Notice>
      ) : (
        <RoadmapTimeline ctx={ctx} rows={props.rows} view={filter.view} year={year} today={props.today} />
      )}
    </>
  );
}
