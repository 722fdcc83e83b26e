/**
 * Charts drawn on the server as SVG: no script, readable by screen readers through the title and
 * description, and always shown beside a table with the same numbers (the table is the equivalent
 * WCAG 1.1.1 asks for; the chart is for seeing the pattern).
 */

export interface ScatterPoint {
  id: string | number;
  label: string;
  /** 0-100 */
  x: number;
  /** 0-100 */
  y: number;
}

const SIZE = 420;
const PAD = 48;
const INNER = SIZE - PAD - 16;
const scale = (v: number) => (Math.max(0, Math.min(100, v)) / 100) * INNER;

/** Two axes from 0 to 100, split into quadrants, one numbered dot per point (the number is its row in the table). The svg is one image to assistive technology: its title and description speak for it. */
export function ScatterChart(props: {
  id: string;
  title: string;
  description: string;
  xLabel: string;
  yLabel: string;
  points: ScatterPoint[];
}) {
  const { id, points } = props;
  const left = PAD;
  const top = 16;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      width={SIZE}
      height={SIZE}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      focusable="false"
    >
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{props.description}</desc>
      <rect x={left} y={top} width={INNER} height={INNER} class="chart-frame" />
      <line x1={left + INNER / 2} y1={top} x2={left + INNER / 2} y2={top + INNER} class="chart-grid" />
      <line x1={left} y1={top + INNER / 2} x2={left + INNER} y2={top + INNER / 2} class="chart-grid" />
      {[0, 50, 100].map((v) => (
        <g key={v}>
          <text x={left + scale(v)} y={top + INNER + 16} class="chart-tick" text-anchor="middle">
            {v}
          </text>
          <text x={left - 6} y={top + INNER - scale(v) + 4} class="chart-tick" text-anchor="end">
            {v}
          </text>
        </g>
      ))}
      <text x={left + INNER / 2} y={SIZE - 6} class="chart-axis" text-anchor="middle">
        {props.xLabel} →
      </text>
      <text x={14} y={top + INNER / 2} class="chart-axis" text-anchor="middle" transform={`rotate(-90 14 ${top + INNER / 2})`}>
        {props.yLabel} →
      </text>
      {points.map((p, i) => {
        const cx = left + scale(p.x);
        const cy = top + INNER - scale(p.y);
        // The dots are not links: inside role="img" they would be focusable yet unnamed; the table has the links.
        return (
          <g class="chart-point" key={p.id}>
            <title>{`${i + 1}. ${p.label}: ${props.xLabel} ${Math.round(p.x)}, ${props.yLabel} ${Math.round(p.y)}`}</title>
            <circle cx={cx} cy={cy} r={11} />
            <text x={cx} y={cy + 4} text-anchor="middle">
              {i + 1}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface LineSeries {
  name: string;
  /** One value per label, 0-100; null where there is none (a period not yet measured): the line breaks there. */
  values: (number | null)[];
}

const LINE_W = 640;
const LINE_H = 300;
/** Each series has its own colour and its own dash, so the lines differ without colour too (WCAG 1.4.1). */
const LINE_STYLES = [
  { stroke: "#1e40af", dash: "" },
  { stroke: "#b45309", dash: "8 4" },
  { stroke: "#047857", dash: "2 4" },
];

/** The chart's tick text is 12px (app.css); a character is at most about 0.62em wide in Inter. */
const TICK_CHAR = 7.5;
const TICK_GAP = 12;
const tickWidth = (label: string) => label.length * TICK_CHAR;

/**
 * Which labels of the x axis to write, and where: every n-th counted back from the last (the latest
 * period is always named), n the smallest for which no two written labels overlap, each kept inside
 * the chart's width. Judged by an upper bound of each label's width, so they never touch.
 */
export function axisLabels(labels: string[], x: (i: number) => number, chartWidth: number) {
  const place = (i: number) => {
    const w = tickWidth(labels[i]!);
    const centre = Math.min(Math.max(x(i), w / 2 + 2), chartWidth - w / 2 - 2);
    return { index: i, label: labels[i]!, x: centre, from: centre - w / 2, to: centre + w / 2 };
  };
  for (let every = 1; every <= Math.max(1, labels.length); every++) {
    const shown: ReturnType<typeof place>[] = [];
    for (let i = labels.length - 1; i >= 0; i -= every) shown.unshift(place(i));
    if (shown.every((p, k) => k === 0 || shown[k - 1]!.to + TICK_GAP <= p.from)) return shown;
  }
  return labels.length ? [place(labels.length - 1)] : [];
}

/** The runs of a series between its gaps, as points. */
function runs(values: (number | null)[], point: (i: number, v: number) => string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) out.push(current);
      current = [];
    } else current.push(point(i, v));
  });
  if (current.length) out.push(current);
  return out;
}

/**
 * Shares over time, 0-100 per cent, one line a series, with a legend; the x axis names as many
 * periods as fit without overlapping. A marker (a deadline) is drawn as a labelled vertical line.
 */
export function LineChart(props: {
  id: string;
  title: string;
  description: string;
  yLabel: string;
  labels: string[];
  series: LineSeries[];
  marker?: { index: number; label: string } | undefined;
}) {
  const { id, labels, marker } = props;
  const left = 48;
  const top = 24;
  const width = LINE_W - left - 40;
  const height = LINE_H - top - 64;
  const x = (i: number) => left + (labels.length > 1 ? (i / (labels.length - 1)) * width : width / 2);
  const y = (v: number) => top + height - (Math.max(0, Math.min(100, v)) / 100) * height;
  const markerX = marker ? x(marker.index) : 0;
  const markerW = marker ? tickWidth(marker.label) : 0;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${LINE_W} ${LINE_H}`}
      width={LINE_W}
      height={LINE_H}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      focusable="false"
    >
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{props.description}</desc>
      <rect x={left} y={top} width={width} height={height} class="chart-frame" />
      {[0, 25, 50, 75, 100].map((v) => (
        <g key={v}>
          {v > 0 && v < 100 ? <line x1={left} y1={y(v)} x2={left + width} y2={y(v)} class="chart-grid" /> : null}
          <text x={left - 6} y={y(v) + 4} class="chart-tick" text-anchor="end">
            {v}
          </text>
        </g>
      ))}
      {axisLabels(labels, x, LINE_W).map((l) => (
        <text key={l.index} x={l.x} y={top + height + 16} class="chart-tick" text-anchor="middle">
          {l.label}
        </text>
      ))}
      {marker ? (
        <g>
          <line x1={markerX} y1={top} x2={markerX} y2={top + height} class="chart-marker" />
          <text
            x={Math.min(Math.max(markerX, markerW / 2 + 2), LINE_W - markerW / 2 - 2)}
            y={top - 8}
            class="chart-axis"
            text-anchor="middle"
          >
            {marker.label}
          </text>
        </g>
      ) : null}
      <text x={14} y={top + height / 2} class="chart-axis" text-anchor="middle" transform={`rotate(-90 14 ${top + height / 2})`}>
        {props.yLabel}
      </text>
      {props.series.map((s, n) => {
        const style = LINE_STYLES[n % LINE_STYLES.length]!;
        return (
          <g key={s.name}>
            {runs(s.values, (i, v) => `${x(i)},${y(v)}`).map((run) =>
              run.length === 1 ? (
                <circle key={run[0]} cx={run[0]!.split(",")[0]} cy={run[0]!.split(",")[1]} r={4} fill={style.stroke} />
              ) : (
                <polyline
                  key={run[0]}
                  points={run.join(" ")}
                  fill="none"
                  stroke={style.stroke}
                  stroke-width={3}
                  stroke-dasharray={style.dash || undefined}
                />
              ),
            )}
            <line
              x1={left + n * 190}
              y1={LINE_H - 14}
              x2={left + n * 190 + 32}
              y2={LINE_H - 14}
              stroke={style.stroke}
              stroke-width={3}
              stroke-dasharray={style.dash || undefined}
            />
            <text x={left + n * 190 + 38} y={LINE_H - 10} class="chart-tick">
              {s.name}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Bar {
  id: string | number;
  label: string;
  value: number;
  /** The value as written in the table beside the chart (a number with its unit, a per cent). */
  text: string;
  /** Drawn apart (the member a report is about), with a pattern as well as a colour (WCAG 1.4.1). */
  highlight?: boolean;
}

const BAR_W = 640;
const BAR_H = 22;
const BAR_GAP = 6;
const BAR_LABEL = 200;

/**
 * One value per row as horizontal bars from zero, each named at its left and valued at its end, with
 * an optional reference line (a median). For comparing many rows on one figure; the table beside it
 * holds the same numbers. Labels longer than the left margin are shortened (the table has them whole).
 */
export function BarChart(props: {
  id: string;
  title: string;
  description: string;
  bars: Bar[];
  reference?: { value: number; label: string } | undefined;
}) {
  const { id, bars, reference } = props;
  const top = reference ? 24 : 8;
  const width = BAR_W - BAR_LABEL - 64;
  const max = Math.max(0, reference?.value ?? 0, ...bars.map((b) => b.value)) || 1;
  const x = (v: number) => BAR_LABEL + (Math.max(0, v) / max) * width;
  const height = top + bars.length * (BAR_H + BAR_GAP) + 8;
  const short = (s: string) => (s.length > 26 ? `${s.slice(0, 25)}…` : s);
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${BAR_W} ${height}`}
      width={BAR_W}
      height={height}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      focusable="false"
    >
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{props.description}</desc>
      <defs>
        <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#b45309" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2" />
        </pattern>
      </defs>
      {bars.map((b, i) => {
        const y = top + i * (BAR_H + BAR_GAP);
        return (
          <g key={b.id}>
            <text x={BAR_LABEL - 8} y={y + BAR_H / 2 + 4} class="chart-tick" text-anchor="end">
              {short(b.label)}
            </text>
            <rect
              x={BAR_LABEL}
              y={y}
              width={Math.max(1, x(b.value) - BAR_LABEL)}
              height={BAR_H}
              fill={b.highlight ? `url(#${id}-hatch)` : "#1e40af"}
            />
            <text x={x(b.value) + 6} y={y + BAR_H / 2 + 4} class="chart-tick">
              {b.text}
            </text>
          </g>
        );
      })}
      {reference ? (
        <g>
          <line x1={x(reference.value)} y1={top - 4} x2={x(reference.value)} y2={height - 4} class="chart-marker" />
          <text x={Math.min(x(reference.value), BAR_W - 80)} y={14} class="chart-axis" text-anchor="middle">
            {reference.label}
          </text>
        </g>
      ) : null}
    </svg>
  );
}
