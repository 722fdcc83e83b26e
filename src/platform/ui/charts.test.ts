import assert from "node:assert/strict";
import { test } from "node:test";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { BarChart, LineChart } from "./charts.tsx";

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

test("the bar chart draws a bar per row from zero, the longest the full width, one apart with a pattern, and a reference line", () => {
  const svg = renderToString(
    h(BarChart, {
      id: "b",
      title: "Prosjekter per medlem",
      description: "Én stolpe per medlem",
      bars: [
        { id: 1, label: "Aheim", value: 4, text: "4" },
        { id: 2, label: "Bstad", value: 2, text: "2", highlight: true },
        { id: 3, label: "Et svært langt kommunenavn som ikke får plass", value: 0, text: "0" },
      ],
      reference: { value: 1, label: "Median 1" },
    }),
  );
  assert.match(svg, /role="img" aria-labelledby="b-title b-desc"/);
  const widths = [...svg.matchAll(/<rect x="200" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
  // The chart is 640 wide, 200 for the names and 64 for the values: 376 for the longest bar.
  assert.deepEqual(widths, [376, 188, 1], "4 of 4, 2 of 4, and a hairline for zero");
  assert.match(svg, /fill="url\(#b-hatch\)"/);
  assert.match(svg, />Et svært langt kommunenav…</, "shortened to 25 characters; the table has it whole");
  assert.match(svg, /class="chart-marker"/);
  assert.match(svg, />Median 1</);
});
