import { launchBrowser } from "./test/support/browser.ts";

const base = "http://127.0.0.1:3103";
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`${base}/login`);
await page.fill("#field-email", "demo@samverk.example");
await page.fill("#field-password", "samverk-demo-2026");
await page.click("main form button[type=submit]");
const shots: [string, string][] = (process.argv[2] ?? "")
  .split(",")
  .map((s) => [s.slice(0, s.indexOf("=")), s.slice(s.indexOf("=") + 1)] as [string, string]);
for (const [name, path] of shots) {
  await page.goto(`${base}${path}`);
  await page.screenshot({ path: `/tmp/shot-${name}.png`, fullPage: true });
}
await browser.close();
