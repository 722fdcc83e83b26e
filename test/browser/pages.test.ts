import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ADMIN } from "../support/app.ts";
import { axeViolations, launchBrowser, login, startServer } from "../support/browser.ts";

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const shots = "tmp/screenshots";

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const api = async (path: string) => (await fetch(`${server.url}${path}`)).json();

/** Every public page, by path. Ids come from the demo data through the API. */
async function publicPages(): Promise<[string, string][]> {
  const [molde] = (await api("/api/v1/organisations?q=1506")).items;
  const [coop] = (await api("/api/v1/organisations?kind=it_cooperation")).items;
  const bodies = (await api("/api/v1/networks/digi-rogaland/bodies")).items;
  const contact = (await api("/api/v1/networks/digi-rogaland")).contacts[0];
  const project = await demoProject();
  const [solution] = (await api("/api/v1/solutions?sort=-users&limit=1")).items;
  const ids = await decisionIds();
  return [
    ["front page", "/"],
    ["networks", "/networks"],
    ["network", "/n/digi-more-og-romsdal"],
    ["body", `/n/digi-rogaland/bodies/${bodies[0].id}`],
    ["organisations", "/organisations"],
    ["filtered organisations", "/organisations?kind=municipality&county=15&sort=-population"],
    ["municipality", `/organisations/${molde.id}`],
    ["IT cooperation", `/organisations/${coop.id}`],
    ["people", "/people"],
    ["person", `/people/${contact.personId}`],
    ["search", "/search?q=molde"],
    ["projects", "/projects"],
    ["filtered projects", "/projects?q=kommunane&phase=execution&sort=-start"],
    ["timeline", "/projects/timeline"],
    ["benefits overview", "/projects/benefits?network=digi-rogaland"],
    ["timeline by quarter", "/projects/timeline?view=quarter&year=2026&network=digi-nordland"],
    ["project", `/projects/${project.id}`],
    ["benefit", `/projects/${project.id}/benefits/${project.benefits[0].id}`],
    ["solutions", "/solutions"],
    ["filtered solutions", "/solutions?q=kart&sort=-users"],
    ["solution", `/solutions/${solution.id}`],
    ["needs", "/needs"],
    ["filtered needs", "/needs?network=digi-rogaland&state=prioritised&sort=-inhabitants"],
    ["need", `/needs/${ids.needId}`],
    ["assessment rounds", "/n/digi-rogaland/rounds"],
    ["round with chart", `/rounds/${ids.decidedRoundId}`],
    ["need in a round", `/rounds/${ids.decidedRoundId}/needs/${ids.decidedNeedId}`],
    ["meetings", "/n/digi-rogaland/meetings"],
    ["meeting with approved minutes", `/meetings/${ids.approvedMeetingId}`],
    ["invitation for printing", `/meetings/${ids.approvedMeetingId}/papers`],
    ["minutes for printing", `/meetings/${ids.approvedMeetingId}/minutes`],
    ["decision register", "/n/digi-rogaland/decisions"],
    ["priorities", "/n/digi-rogaland/priorities"],
    ["national solutions", "/roadmap"],
    ["filtered national solutions", "/roadmap?category=health&network=digi-rogaland"],
    ["national solution", `/roadmap/${ids.nationalSolutionId}`],
    ["roadmap timeline", "/roadmap/timeline"],
    ["roadmap timeline by quarter", "/roadmap/timeline?view=quarter&year=2027&category=health"],
    ["adoption matrix", "/roadmap/adoption?network=digi-rogaland"],
    ["adoption matrix by county", "/roadmap/adoption?county=15&category=messaging"],
    ["a municipality's adoption", `/organisations/${molde.id}/adoption`],
    ["a municipality's own roadmap", `/organisations/${molde.id}/roadmap`],
    ["a network's budget for national solutions", "/n/digi-rogaland/roadmap/budget"],
    ["adoption over time", `/roadmap/${ids.nationalSolutionId}/adoption?network=digi-rogaland`],
    ["a solution with joint rollouts", `/roadmap/${ids.rolloutSolutionId}`],
    ["strategies", "/strategies"],
    ["filtered strategies", "/strategies?network=digi-rogaland&status=adopted"],
    ["an adopted strategy", `/strategies/${ids.adoptedStrategyId}`],
    ["themes in common", "/n/digi-rogaland/strategies/themes"],
    ["a network's strategy dashboard", "/n/digi-rogaland/strategies"],
    ["an ambition of use", `/n/digi-rogaland/ambitions/${ids.adoptionAmbitionId}`],
    ["an ambition of joint projects", `/n/digi-rogaland/ambitions/${ids.projectsAmbitionId}`],
    ["a shared strategy drawn from the members'", `/strategies/${ids.sharedStrategyId}`],
    ["a network's consultations", "/n/digi-rogaland/consultations"],
    ["a consultation with published inputs", `/consultations/${ids.consultationId}`],
    ["giving input", `/consultations/${ids.consultationId}/input`],
    ["login", "/login"],
    ["login after a reset", "/login?reset=1"],
    ["forgotten password", "/password/forgot"],
    ["check your mail", "/password/forgot/sent"],
    ["unusable reset link", "/password/reset/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["accessibility statement", "/accessibility"],
    ["privacy", "/privacy"],
    ["API docs", "/api/docs"],
    ["not found", "/finst-ikkje"],
  ];
}

/** Demo needs, rounds and meetings of Digi Rogaland: the newest (open) ones and the oldest (decided) ones. */
async function decisionIds() {
  const { networks, needs, assessment, meetings } = server.app.services;
  const rogaland = (await networks.repo.bySlug("digi-rogaland"))!;
  const rounds = await assessment.roundsOf(rogaland.id, null);
  const meetingList = await meetings.list(rogaland.id, null);
  const decided = rounds.at(-1)!.round;
  const { items } = await needs.list({ networkId: rogaland.id }, null, "created", 1, 0);
  const ambitionsOfRogaland = await server.app.services.ambitions.repo.list(rogaland.id);
  const shared = await server.app.services.strategies.detail(
    (await server.app.services.strategies.currentOfNetwork(rogaland.id))!.id,
  );
  return {
    needId: items[0]!.id,
    openRoundId: rounds[0]!.round.id,
    openNeedId: (await assessment.results(rounds[0]!.round.id, null)).results[0]!.needId,
    decidedRoundId: decided.id,
    decidedNeedId: (await assessment.results(decided.id, null)).results[0]!.needId,
    openMeetingId: meetingList[0]!.meeting.id,
    approvedMeetingId: meetingList.at(-1)!.meeting.id,
    // A national solution with demo milestones, one of them moved.
    nationalSolutionId: (await server.app.services.roadmap.list({ q: "Digital postkasse" }))[0]!.solution.id,
    adoptedStrategyId: (await server.app.services.strategies.repo.list({ networkId: rogaland.id, status: "adopted" }))[0]!
      .strategy.id,
    // The demo's shared draft is out for consultation, which may still be changed.
    draftStrategyId: (await server.app.services.strategies.repo.list({ networkId: rogaland.id })).find((i) =>
      ["draft", "consultation"].includes(i.strategy.status),
    )!.strategy.id,
    adoptionAmbitionId: ambitionsOfRogaland.find((a) => a.kind === "solution_adoption")!.id,
    projectsAmbitionId: ambitionsOfRogaland.find((a) => a.kind === "joint_projects")!.id,
    sharedStrategyId: shared.strategy.id,
    consultationId: (await server.app.services.consultations.repo.ofNetwork(rogaland.id))[0]!.consultation.id,
    sharedFocusAreaId: shared.focusAreas[0]!.id,
    sharedMeasureId: shared.measures[0]!.id,
    // One that demo networks roll out together.
    rolloutSolutionId: (await server.app.services.roadmap.list({ q: "DigiSos" }))[0]!.solution.id,
  };
}

/** A demo project with status reports and a measured benefit, so every section of its page shows. */
async function demoProject() {
  const { items } = await api("/api/v1/projects?limit=500");
  for (const item of items) {
    const project = await api(`/api/v1/projects/${item.id}`);
    if (project.latestStatus && project.benefits.some((b: { measurements: unknown[] }) => b.measurements.length > 1))
      return project;
  }
  throw new Error("the demo data has a project with reports and measured benefits");
}

/** A demo project an organisation has asked to take part in, so the decision form shows. */
async function projectAskedToJoin(): Promise<number> {
  const { projects } = server.app.services;
  const { items } = await projects.repo.list({ phase: "idea" }, null, "title", 500, 0);
  for (const item of items) if ((await projects.repo.joinRequestsOf(item.id)).length) return item.id;
  throw new Error("the demo data has a project with a request to take part");
}

async function adminPages(): Promise<[string, string][]> {
  const project = await demoProject();
  const [solution] = (await api("/api/v1/solutions?sort=-users&limit=1")).items;
  const [molde] = (await api("/api/v1/organisations?q=1506")).items;
  const [coop] = (await api("/api/v1/organisations?kind=it_cooperation")).items;
  const members = (await api("/api/v1/networks/digi-rogaland/members?limit=1")).items;
  const bodies = (await api("/api/v1/networks/digi-rogaland/bodies")).items;
  const contact = (await api("/api/v1/networks/digi-rogaland")).contacts[0];
  const ids = await decisionIds();
  return [
    ["network (editor)", "/n/digi-rogaland"],
    ["new network", "/networks/new"],
    ["edit network", "/n/digi-rogaland/edit"],
    ["add members", "/n/digi-rogaland/members/new"],
    ["edit membership", `/n/digi-rogaland/members/${members[0].id}/edit`],
    ["new body", "/n/digi-rogaland/bodies/new"],
    ["body (editor)", `/n/digi-rogaland/bodies/${bodies[0].id}`],
    ["edit body", `/n/digi-rogaland/bodies/${bodies[0].id}/edit`],
    ["edit seat in body", `/n/digi-rogaland/bodies/${bodies[0].id}/members/${bodies[0].members[0].id}/edit`],
    ["new organisation", "/organisations/new"],
    ["edit municipality", `/organisations/${molde.id}/edit`],
    ["edit IT cooperation", `/organisations/${coop.id}/edit`],
    ["new person", "/people/new"],
    ["outbox", "/admin/outbox"],
    ["own sessions", "/account/sessions"],
    ["audit trail", "/admin/audit?entity=network"],
    ["invitations", "/admin/invitations"],
    ["my data", "/account/data"],
    ["API tokens", "/account/tokens"],
    ["change e-mail", "/account/email"],
    ["edit person", `/people/${contact.personId}/edit`],
    ["people and access", "/n/digi-rogaland/people"],
    ["change access", await firstAccessEditPath()],
    ["project (editor)", `/projects/${project.id}`],
    ["project with a request to take part", `/projects/${await projectAskedToJoin()}`],
    ["new project", "/n/digi-rogaland/projects/new"],
    ["network sectors", "/n/digi-rogaland/sectors"],
    ["phase checklists", "/n/digi-rogaland/checklists"],
    ["edit project", `/projects/${project.id}/edit`],
    ["project participants", `/projects/${project.id}/participants`],
    ["project funding, links and documents", `/projects/${project.id}/resources`],
    ["new status report", `/projects/${project.id}/reports/new?copy=1`],
    ["new benefit", `/projects/${project.id}/benefits/new`],
    ["edit benefit", `/projects/${project.id}/benefits/${project.benefits[0].id}/edit`],
    ["solution (editor)", `/solutions/${solution.id}`],
    ["new solution", "/solutions/new"],
    ["edit solution", `/solutions/${solution.id}/edit`],
    ["import publiccode.yml", "/solutions/import"],
    ["new need", "/n/digi-rogaland/needs/new"],
    ["need (secretariat)", `/needs/${ids.needId}`],
    ["edit need", `/needs/${ids.needId}/edit`],
    ["e-mail about needs", "/needs/digest"],
    ["assessment criteria", "/n/digi-rogaland/assessment"],
    ["new round", "/n/digi-rogaland/rounds/new"],
    ["scoring a need", `/rounds/${ids.openRoundId}/needs/${ids.openNeedId}`],
    ["open meeting (secretariat)", `/meetings/${ids.openMeetingId}`],
    ["new meeting", "/n/digi-rogaland/meetings/new"],
    ["edit meeting", `/meetings/${ids.openMeetingId}/edit`],
    ["new ranking", "/n/digi-rogaland/priorities/rank"],
    ["national solution (editor)", `/roadmap/${ids.nationalSolutionId}`],
    ["edit national solution", `/roadmap/${ids.nationalSolutionId}/edit`],
    ["new national solution", "/roadmap/new"],
    ["new regional initiative", "/n/digi-rogaland/initiatives/new"],
    ["reporting a municipality's adoption", `/organisations/${molde.id}/adoption`],
    ["uploading statuses", "/n/digi-rogaland/adoption/import"],
    ["national editors", "/roadmap/editors"],
    ["linking a rollout project", `/roadmap/${ids.rolloutSolutionId}`],
    ["new strategy", "/strategies/new"],
    ["a draft strategy (editor)", `/strategies/${ids.draftStrategyId}`],
    ["an adopted strategy (editor)", `/strategies/${ids.adoptedStrategyId}`],
    ["edit a strategy", `/strategies/${ids.draftStrategyId}/edit`],
    ["edit a focus area", `/strategies/${ids.sharedStrategyId}/focus-areas/${ids.sharedFocusAreaId}/edit`],
    ["edit a measure", `/strategies/${ids.sharedStrategyId}/measures/${ids.sharedMeasureId}/edit`],
    ["tagging a strategy with themes", `/strategies/${ids.adoptedStrategyId}/themes`],
    ["themes in common (secretariat)", "/n/digi-rogaland/strategies/themes"],
    ["a network's strategy dashboard (secretariat)", "/n/digi-rogaland/strategies"],
    ["new ambition", "/n/digi-rogaland/ambitions/new"],
    ["an ambition (secretariat)", `/n/digi-rogaland/ambitions/${ids.adoptionAmbitionId}`],
    ["a consultation (secretariat)", `/consultations/${ids.consultationId}`],
    ["handling inputs", `/consultations/${ids.consultationId}/inputs`],
    ["a consultation's summary", `/consultations/${ids.consultationId}/summary`],
    ["new consultation", `/strategies/${ids.sharedStrategyId}/consultations/new`],
  ];
}

/** The demo data gives each network's secretariat leader an account; its edit page is linked from the list. */
async function firstAccessEditPath(): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, server.url, ADMIN.email, ADMIN.password);
  await page.goto(`${server.url}/n/digi-rogaland/people`);
  const href = await page.getAttribute("a[href*='/people/'][href$='/edit']", "href");
  await context.close();
  assert.ok(href, "the demo secretariat is listed");
  return href;
}

async function checkPage(page: Page, name: string, path: string, lang: string) {
  const response = await page.goto(`${server.url}${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
  assert.ok(response, name);
  assert.ok(response.status() < 500, `${name}: ${response.status()}`);
  assert.equal(await page.getAttribute("html", "lang"), lang, `${name}: lang`);
  assert.equal(await page.locator("h1").count(), 1, `${name}: exactly one h1`);
  assert.equal(await page.locator("main#main").count(), 1, `${name}: main landmark`);
  assert.equal(await page.locator("a.ds-skip-link[href='#main']").count(), 1, `${name}: skip link`);
  const title = await page.title();
  assert.match(title, / – (Samverk|Digi [^–]+)$/, `${name}: title names the page and the network`);
  assert.deepEqual(await axeViolations(page), [], `${name} (${lang})`);
}

describe("every page has zero axe violations in nb, nn and en", () => {
  for (const lang of ["nb", "nn", "en"]) {
    test(`public pages in ${lang}`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      for (const [name, path] of await publicPages()) await checkPage(page, name, path, lang);
      await context.close();
    });

    test(`editor pages and a form with errors in ${lang}`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await login(page, server.url, ADMIN.email, ADMIN.password);
      for (const [name, path] of await adminPages()) await checkPage(page, name, path, lang);
      // A form re-rendered with errors: summary, messages, kept input.
      await page.goto(`${server.url}/networks/new?lang=${lang}`);
      await page.fill("#field-shortName", "Kept");
      await page.click("form.stack button[type=submit]");
      await page.waitForSelector(".ds-error-summary");
      assert.equal(await page.inputValue("#field-shortName"), "Kept");
      assert.deepEqual(await axeViolations(page), [], `form with errors (${lang})`);
      await context.close();
    });
  }
});

describe("by keyboard", () => {
  test("skip link, sign-in and the network switcher work with the keyboard alone", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=en`);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to main content");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "main");

    // The network switcher is a native disclosure: Enter opens it, Tab reaches its links.
    await page.focus("summary");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Digi Møre og Romsdal");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/n\/digi-more-og-romsdal/);

    // Sign in by typing and pressing Enter.
    await page.goto(`${server.url}/login?lang=en`);
    await page.focus("#field-email");
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/`);
    assert.match((await page.textContent(".account")) ?? "", /Sign out/);

    // A form's error summary links move focus to the field.
    await page.goto(`${server.url}/people/new?lang=en`);
    await page.focus("#field-email");
    await page.keyboard.type("not an address");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".ds-error-summary");
    await page.waitForFunction(() => document.activeElement?.id === "error-summary");
    await page.click(".ds-error-summary a[href='#field-name']");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "field-name");
    await context.close();
  });
});

describe("with JavaScript off", () => {
  let context: BrowserContext;
  before(async () => {
    context = await browser.newContext({ javaScriptEnabled: false, locale: "nb-NO" });
  });
  after(() => context.close());

  test("sign in, create a network with a mistake on the way, add members and a body, switch language", async () => {
    const page = await context.newPage();
    await login(page, server.url, ADMIN.email, ADMIN.password);
    await page.goto(`${server.url}/networks/new`);
    await page.fill("#field-name", "Digi Agder");
    await page.fill("#field-slug", "Ikke gyldig");
    await page.check("#field-counties-42");
    await page.click("form.stack button[type=submit]");
    await page.waitForSelector(".ds-error-summary");
    assert.equal(await page.inputValue("#field-name"), "Digi Agder", "input kept");
    assert.equal(await page.isChecked("#field-counties-42"), true, "checkbox kept");
    await page.fill("#field-shortName", "Digi Agder");
    await page.fill("#field-slug", "");
    await page.click("form.stack button[type=submit]");
    await page.waitForURL(/\/n\/digi-agder\?saved=1/);
    assert.match((await page.textContent("body")) ?? "", /Endringene er lagret/);

    await page.goto(`${server.url}/n/digi-agder/members/new`);
    const boxes = page.locator("input[name=organisationIds]");
    assert.equal(await boxes.count(), 26, "Agder's 25 municipalities and its county municipality are offered");
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.click("form.stack button[type=submit]");
    await page.waitForURL(/\/n\/digi-agder/);
    const members = await api("/api/v1/networks/digi-agder/members");
    assert.equal(members.total, 2);

    await page.goto(`${server.url}/n/digi-agder/bodies/new`);
    await page.selectOption("#field-kind", "steering_group");
    await page.fill("#field-name", "Styringsgruppe");
    await page.click("form.stack button[type=submit]");
    await page.waitForURL(/\/bodies\/\d+\?saved=1/);

    await page.click("a[hreflang=nn]");
    assert.equal(await page.getAttribute("html", "lang"), "nn");
    await page.goto(`${server.url}/`);
    assert.equal(await page.getAttribute("html", "lang"), "nn", "the language is remembered in a cookie");
    await page.screenshot({ path: `${shots}/no-js-front-nn.png`, fullPage: true });
  });

  test("the network switcher and search work without JavaScript", async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=en`);
    await page.click("summary");
    await page.click("text=Digi Trøndelag");
    await page.waitForURL(/\/n\/digi-trondelag/);
    await page.goto(`${server.url}/?lang=en`);
    await page.fill("#home-search", "Kautokeino");
    await page.click("search button[type=submit]");
    await page.waitForURL(/\/search\?q=Kautokeino/);
    assert.match((await page.textContent("main")) ?? "", /Guovdageaidnu - Kautokeino/);
  });
});

describe("at 320 px", () => {
  test("pages reflow without horizontal scrolling", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const paths = (await publicPages()).map(([, path]) => path);
    for (const path of paths) {
      await page.goto(`${server.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
      if (path === "/n/digi-more-og-romsdal") await page.screenshot({ path: `${shots}/320-network.png`, fullPage: false });
    }
    // Signed in, the header carries more links; it must still fit.
    await login(page, server.url, ADMIN.email, ADMIN.password);
    for (const path of ["/account/tokens", "/n/digi-rogaland", "/admin/audit"]) {
      await page.goto(`${server.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path} (signed in) overflows by ${overflow}px`);
    }
    await context.close();
  });

  test("screenshots of the main pages for people to look at", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const [name, path] of [
      ["front", "/"],
      ["network", "/n/digi-more-og-romsdal"],
      ["organisations", "/organisations?county=15"],
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
    }
    await page.emulateMedia({ media: "print" });
    await page.goto(`${server.url}/n/digi-rogaland`);
    await page.screenshot({ path: `${shots}/network-print.png`, fullPage: true });
    await context.close();
  });
});
