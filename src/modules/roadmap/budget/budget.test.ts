import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
});
after(() => t.close());

const year = Number(osloToday().slice(0, 4));

test("the network budget: each member's expected costs per year for what it has not adopted, as a page, CSV, xlsx and API", async () => {
  const visitor = new Session(t.app);
  const page = await visitor.get(`/n/${rogaland.slug}/roadmap/budget?lang=en`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Budget for national solutions/);
  assert.match(page.body, new RegExp(`<th scope="col" class="numeric">${year + 3}</th>`));
  const api = (await visitor.api("GET", `/api/v1/networks/${rogaland.slug}/roadmap-budget`)).json();
  assert.deepEqual(api.years, [year, year + 1, year + 2, year + 3]);
  assert.equal(api.members.length, (await t.app.services.adoption.repo.adopters({ networkId: rogaland.id })).length);
  // The totals are the sums of the members' rows, and the demo costs make them more than nothing.
  const sums = api.years.map((_: number, i: number) =>
    api.members.reduce((s: number, m: { perYear: number[] }) => s + (m.perYear[i] ?? 0), 0),
  );
  assert.deepEqual(api.totals, sums);
  assert.ok(sums.some((v: number) => v > 0));
  // A member that has every solution in use or not relevant costs nothing.
  const budget = await t.app.services.adoption.budget(rogaland.id);
  const member = budget.members.find((m) => m.total > 0)!;
  const catalogue = (await t.app.services.roadmap.list({ networkId: rogaland.id })).map((s) => s.solution.id);
  for (const solutionId of catalogue)
    await t.app.services.adoption.repo.upsert({
      organisationId: member.member.id,
      solutionId,
      status: "not_relevant",
      byLabel: "test",
    });
  const after = await t.app.services.adoption.budget(rogaland.id);
  assert.equal(after.members.find((m) => m.member.id === member.member.id)!.total, 0);
  const file = await visitor.get(`/n/${rogaland.slug}/roadmap/budget.csv`);
  assert.match(file.headers["content-type"] as string, /text\/csv/);
  assert.ok(file.body.includes(member.member.name));
  const xlsx = await visitor.get(`/n/${rogaland.slug}/roadmap/budget.xlsx`);
  assert.equal(xlsx.statusCode, 200);
  assert.equal((await visitor.get("/n/no-such-network/roadmap/budget")).statusCode, 404);
});
