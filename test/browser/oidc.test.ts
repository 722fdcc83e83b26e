import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { DEMO_ADMIN } from "../../src/bootstrap.ts";
import { ADMIN } from "../support/app.ts";
import { axeViolations, freePort, launchBrowser, startServer } from "../support/browser.ts";
import { startOidcProvider } from "../support/oidc.ts";

let server: Awaited<ReturnType<typeof startServer>>;
let provider: Awaited<ReturnType<typeof startOidcProvider>>;
let browser: Browser;

before(async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({
    redirectUri: `${base}/login/oidc/callback`,
    postLogoutUri: `${base}/`,
    accounts: {
      kari: { email: "kari.oidc@kommune.example", email_verified: true, name: "Kari OIDC" },
      admin: { email: ADMIN.email, email_verified: true, name: "Admin via OIDC" },
      sneaky: { email: DEMO_ADMIN.email, email_verified: false, name: "Not verified" },
    },
  });
  server = await startServer(
    {
      SAMVERK_PUBLIC_URL: base,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_LABEL: "Test-ID",
    },
    port,
  );
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await provider?.close();
});

async function signInAtProvider(login: string) {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(`${server.url}/login?returnTo=%2Fnetworks`);
  assert.deepEqual(await axeViolations(page), [], "login page with the provider's button");
  await page.click("text=Sign in with Test-ID");
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.fill("input[name=login]", login);
  await page.fill("input[name=password]", "any password");
  await page.click("button[type=submit]");
  const consent = page.locator("button:has-text('Continue')");
  if (await consent.count()) await consent.click();
  await page.waitForURL((url) => url.origin === server.url);
  return { context, page };
}

test("a new person signs in through the provider (code flow with PKCE) and out at the provider too", async () => {
  const { context, page } = await signInAtProvider("kari");
  assert.equal(new URL(page.url()).pathname, "/networks", "back where they started");
  assert.match((await page.textContent(".account")) ?? "", /Kari OIDC/);

  await page.click(".account button[type=submit]");
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.click("button[value=yes]");
  await page.waitForURL(`${server.url}/`);
  assert.match((await page.textContent(".account")) ?? "", /Sign in/);
  await context.close();
});

test("a verified e-mail links the sign-in to the existing account; an unverified one never does", async () => {
  const linked = await signInAtProvider("admin");
  assert.match((await linked.page.textContent(".account")) ?? "", /Test Admin/, "the existing account, not a new one");
  await linked.context.close();

  const refused = await signInAtProvider("sneaky");
  assert.match((await refused.page.textContent("main")) ?? "", /has not verified your email address/);
  assert.match((await refused.page.textContent(".account")) ?? "", /Sign in/);
  await refused.context.close();
});

test("a callback without the sign-in's own state is refused", async () => {
  const res = await fetch(`${server.url}/login/oidc/callback?code=forged&state=forged&lang=en`);
  assert.equal(res.status, 400);
  assert.match(await res.text(), /took too long or was started elsewhere/);
});
