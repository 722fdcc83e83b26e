/**
 * npm run bench:pages -- [--scale 1] [--preset mobile|desktop] [--only front,project]
 *                        [--database-url postgres://…] [--out bench/results] [--readme]
 *
 * Lighthouse on the benchmark's HTML pages, with Debian's Chromium, anonymous and signed in (as a
 * network's secretariat): the performance, accessibility, best-practices and SEO scores, the
 * compressed bytes of HTML, CSS and JavaScript each page loads, and the audits that kept a score
 * under 100. The app runs as in production, on a generated data set (made if missing).
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Result } from "lighthouse";
import { makeDataSet } from "./data/make.ts";
import { dataTarget, readManifest } from "./data/target.ts";
import { signIn } from "./lib/load.ts";
import { SCRIPT_PAGES, selectPages } from "./lib/pages.ts";
import { startApp } from "./lib/processes.ts";
import { describeMachine, machine, writeIntoReadme, writeReport } from "./lib/report.ts";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    preset: { type: "string", default: "mobile" },
    only: { type: "string" },
    "database-url": { type: "string" },
    out: { type: "string", default: "bench/results" },
    readme: { type: "boolean", default: false },
  },
});
const scale = Number(values.scale);
const preset = values.preset;
const chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!(scale > 0 && scale <= 100) || (preset !== "mobile" && preset !== "desktop")) {
  console.error("--scale is a number above 0 and at most 100; --preset is mobile or desktop");
  process.exit(2);
}
const pages = selectPages(values.only, { forLighthouse: true });
if (!existsSync(chromePath)) {
  console.error(`No Chromium at ${chromePath}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH`);
  process.exit(2);
}

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
type Category = (typeof CATEGORIES)[number];
const VARIANTS = ["anonymous", "signed in"] as const;

interface PageQuality {
  page: string;
  path: string;
  variant: (typeof VARIANTS)[number];
  scores: Record<Category, number>;
  /** Bytes as sent over the wire (compressed), per kind of resource the page loads. */
  transferBytes: { html: number; css: number; js: number; fonts: number; total: number };
  /** The audits that kept a category under 100, with their score (null: informative only). */
  misses: { category: Category; audit: string; title: string; score: number | null }[];
  metrics: { firstContentfulPaintMs: number; largestContentfulPaintMs: number; totalBlockingTimeMs: number; cls: number };
}

function transferBytes(lhr: Result): PageQuality["transferBytes"] {
  const sums = { html: 0, css: 0, js: 0, fonts: 0, total: 0 };
  const items = (lhr.audits["network-requests"]?.details as { items?: { resourceType?: string; transferSize?: number }[] })
    ?.items;
  for (const item of items ?? []) {
    const bytes = item.transferSize ?? 0;
    sums.total += bytes;
    if (item.resourceType === "Document") sums.html += bytes;
    else if (item.resourceType === "Stylesheet") sums.css += bytes;
    else if (item.resourceType === "Script") sums.js += bytes;
    else if (item.resourceType === "Font") sums.fonts += bytes;
  }
  return sums;
}

function misses(lhr: Result): PageQuality["misses"] {
  const found: PageQuality["misses"] = [];
  for (const category of CATEGORIES) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
      found.push({ category, audit: ref.id, title: audit.title, score: audit.score });
    }
  }
  return found;
}

/**
 * One Lighthouse run of a page. Chromium now and then loses the trace of a page load (NO_NAVSTART,
 * NO_FCP); such a run is tried again, twice at most.
 */
async function audit(url: string, cookie: string): Promise<Result> {
  let failure = "no result";
  for (let attempt = 1; attempt <= 3; attempt++) {
    const run = await lighthouse(
      url,
      {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: [...CATEGORIES],
        extraHeaders: cookie ? { cookie } : undefined,
      },
      preset === "desktop" ? desktopConfig : undefined,
    );
    if (run?.lhr && !run.lhr.runtimeError) return run.lhr;
    failure = run?.lhr.runtimeError?.message ?? "no result";
    console.error(`  Lighthouse could not measure ${url} (attempt ${attempt}): ${failure}`);
  }
  throw new Error(`Lighthouse failed on ${url}: ${failure}`);
}

const metric = (lhr: Result, id: string) => Math.round(lhr.audits[id]?.numericValue ?? Number.NaN);

const serverUrl = values["database-url"] ?? process.env.DATABASE_URL;
const target = dataTarget(scale, serverUrl);
const manifest = readManifest(target) ?? (await makeDataSet({ scale, serverUrl })).manifest;
const app = await startApp(target);
const profile = await mkdtemp(path.join(os.tmpdir(), "samverk-lighthouse-"));
const chrome = await chromeLauncher.launch({
  chromePath,
  userDataDir: profile,
  // As the machine's Chromium must run here: no sandbox as root, no calls out to Google.
  chromeFlags: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const results: PageQuality[] = [];
let lighthouseVersion = "";
try {
  const cookies = { anonymous: "", "signed in": await signIn(app.url, manifest.secretariatEmail, manifest.password) };
  for (const page of pages) {
    for (const variant of VARIANTS) {
      if (page.signedInOnly && variant === "anonymous") continue;
      const url = `${app.url}${page.path(manifest)}`;
      const lhr = await audit(url, cookies[variant]);
      lighthouseVersion = lhr.lighthouseVersion;
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Record<
        Category,
        number
      >;
      results.push({
        page: page.name,
        path: page.path(manifest),
        variant,
        scores,
        transferBytes: transferBytes(lhr),
        misses: misses(lhr),
        metrics: {
          firstContentfulPaintMs: metric(lhr, "first-contentful-paint"),
          largestContentfulPaintMs: metric(lhr, "largest-contentful-paint"),
          totalBlockingTimeMs: metric(lhr, "total-blocking-time"),
          cls: Math.round((lhr.audits["cumulative-layout-shift"]?.numericValue ?? 0) * 1000) / 1000,
        },
      });
      console.log(`  ${page.name} (${variant}): ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(", ")}`);
    }
  }
} finally {
  chrome.kill();
  await app.stop();
  await rm(profile, { recursive: true, force: true });
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const lines = [
  `| Page | Who | Performance | Accessibility | Best practices | SEO | LCP ms | HTML KB | CSS KB | JS KB |`,
  "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
  ...results.map(
    (r) =>
      `| ${r.page} | ${r.variant} | ${r.scores.performance} | ${r.scores.accessibility} | ${r.scores["best-practices"]} | ${r.scores.seo} | ${r.metrics.largestContentfulPaintMs} | ${kb(r.transferBytes.html)} | ${kb(r.transferBytes.css)} | ${kb(r.transferBytes.js)} |`,
  ),
];
const scriptPages = new Set(SCRIPT_PAGES.map((p) => p.name));
const mostJs = Math.max(0, ...results.map((r) => r.transferBytes.js));
const jsWhereNoneNeeded = results.filter((r) => !scriptPages.has(r.page) && r.transferBytes.js > 0);
lines.push(
  "",
  `JavaScript: at most ${kb(mostJs)} KB compressed on any page measured; ${
    jsWhereNoneNeeded.length === 0
      ? "none on the pages that need none"
      : `also loaded by ${jsWhereNoneNeeded.map((r) => `${r.page} (${r.variant})`).join(", ")}`
  }.`,
);
const missed = [...new Set(results.flatMap((r) => r.misses.map((m) => `${m.category}: ${m.audit} (${m.title})`)))];
if (missed.length > 0) lines.push("", "Audits under full score on some page:", "", ...missed.map((m) => `- ${m}`));
const table = lines.join("\n");
console.log(`\n${table}`);

const measuredOn = machine();
const report = { date: new Date().toISOString(), machine: measuredOn, settings: { scale, preset, chromePath }, results };
console.log(`\nResults: ${writeReport(values.out, `pages-${target.label}`, "pages-latest.json", report)}`);
if (values.readme) {
  writeIntoReadme(
    "bench-pages",
    `Lighthouse ${lighthouseVersion}, ${preset} preset, Debian's Chromium; measured ${report.date.slice(0, 10)} on ${describeMachine(measuredOn)}, data set ${scale}×. Bytes are as sent, compressed.\n\n${table}`,
  );
  console.log("README.md: page quality section updated");
}
