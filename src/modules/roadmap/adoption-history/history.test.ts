import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, count, eq, inArray } from "drizzle-orm";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { adoptions } from "../schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
});
after(() => t.close());

test("adoption over time: the quarters from the first report, as a chart with a table, and in the API", async () => {
  const solution = (await t.app.services.roadmap.list({})).find((s) => s.solution.key === "digital-postkasse")!.solution;
  const visitor = new Session(t.app);
  const page = await visitor.get(`/roadmap/${solution.id}/adoption?network=${rogaland.slug}&lang=en`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<svg class="chart"[^>]*role="img"/);
  assert.match(page.body, /Share of inhabitants/);
  const api = (
    await visitor.api("GET", `/api/v1/national-solutions/${solution.id}/adoption-history?network=${rogaland.slug}`)
  ).json();
  assert.ok(api.quarters.length > 1);
  // In use never goes down in the demo data, and the last quarter matches the statuses today.
  const inUseNow = (
    await t.database.db
      .select({ n: count() })
      .from(adoptions)
      .where(
        and(
          eq(adoptions.solutionId, solution.id),
          eq(adoptions.status, "in_use"),
          inArray(
            adoptions.organisationId,
            (await t.app.services.adoption.repo.adopters({ networkId: rogaland.id })).map((m) => m.id),
          ),
        ),
      )
  )[0]!.n;
  assert.equal(api.quarters.at(-1).inUse, inUseNow);
  assert.equal((await visitor.get(`/roadmap/${solution.id}/adoption?county=xx`)).statusCode, 400);
});
