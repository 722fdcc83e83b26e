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
