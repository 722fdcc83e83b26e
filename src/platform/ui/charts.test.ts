import assert from "node:assert/strict";
import { test } from "node:test";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { LineChart } from "./charts.tsx";

/** The x axis's labels as drawn: their text and centre. */
function axisTexts(svg: string) {
  return [...svg.matchAll(/<text x="([\d.]+)" y="(\d+(?:\.\d+)?)" class="chart-tick" text-anchor="middle">([^<]+)<\/text>/g)].map(
    (m) => ({ x: Number(m[1]), y: Number(m[2]), label: m[3]! }),
  );
}

// 12px Inter: no character is wider than 0.62em, so this bounds a label's width from above.
const widthOf = (label: string) => label.length * 12 * 0.62;

const quarters = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => `${(i % 4) + 1}. kvartal ${from + Math.floor(i / 4)}`);

test("the line chart's axis labels never overlap, stay inside the chart and always name the last period", () => {
  for (const n of [1, 2, 5, 8, 13, 24, 25, 37, 60, 100]) {
    const labels = quarters(2015, n);
    const svg = renderToString(
      h(LineChart, {
        id: "c",
        title: "T",
        description: "D",
        yLabel: "%",
        labels,
        series: [{ name: "Verdi", values: labels.map((_, i) => (i * 7) % 100) }],
      }),
    );
    const texts = axisTexts(svg);
    assert.ok(texts.length >= 1, `${n}: at least one label`);
    assert.equal(texts.at(-1)!.label, labels.at(-1), `${n}: the last period is named`);
    for (const [i, t] of texts.entries()) {
      const w = widthOf(t.label);
      assert.ok(t.x - w / 2 >= 0 && t.x + w / 2 <= 640, `${n}: "${t.label}" inside the chart`);
      if (i > 0) {
        const before = texts[i - 1]!;
        assert.ok(before.x + widthOf(before.label) / 2 < t.x - w / 2, `${n}: "${before.label}" and "${t.label}" overlap`);
      }
    }
  }
});

test("a series breaks where it has no value, and a marker names its place", () => {
  const svg = renderToString(
    h(LineChart, {
      id: "c",
      title: "T",
      description: "D",
      yLabel: "%",
      labels: ["Q1", "Q2", "Q3", "Q4"],
      series: [
        { name: "Verdi", values: [10, 20, null, null] },
        { name: "Mål", values: [80, 80, 80, 80] },
      ],
      marker: { index: 3, label: "Frist" },
    }),
  );
  assert.equal((svg.match(/<polyline/g) ?? []).length, 2);
  assert.match(svg, /class="chart-marker"/);
  assert.match(svg, />Frist<\/text>/);
});
