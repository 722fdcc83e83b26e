import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { after, before } from "node:test";
import { type Browser, chromium, type Page } from "playwright-core";
import { createTestApp, type TestApp } from "./app.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's Chromium, headless, with the flags this sandbox needs (no network beyond loopback). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** The real app on a loopback port, with the demo data. */
export async function startServer(env: Record<string, string> = {}, wantedPort = 0): Promise<TestApp & { url: string }> {
  const t = await createTestApp({ env });
  await t.app.listen({ port: wantedPort, host: "127.0.0.1" });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, url: `http://127.0.0.1:${port}` };
}

/**
 * The app and Chromium for one test file: started before its tests, closed after them. Read
 * `suite.server` and `suite.browser` inside tests, once they have started.
 */
export function serverAndBrowser(env: Record<string, string> = {}) {
  const suite = {} as { server: TestApp & { url: string }; browser: Browser };
  before(async () => {
    suite.server = await startServer(env);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** axe-core's source, read once; injected into each page that is checked. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * WCAG 2.1 A and AA rules; returns the violations in a form that reads well in a failing test. axe runs
 * in the page itself and reports only violations: @axe-core/playwright's wrapper (frame by frame, every
 * result type) took five times as long, and the axe sweep of every page is the longest test file.
 * Samverk's pages have no frames.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    (tags) =>
      (
        globalThis as unknown as {
          axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
        }
      ).axe
        .run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
        .then((r) =>
          r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target })),
          })),
        ),
    WCAG_21_AA,
  );
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(" | ")}`,
  );
}

export async function login(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill("#field-email", email);
  await page.fill("#field-password", password);
  await page.click("form.stack button[type=submit]");
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A port nobody listens on yet, for a server whose address must be known before it starts. */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
