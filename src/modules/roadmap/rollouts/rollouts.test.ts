import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { projects } from "../../projects/index.ts";
import { rollouts } from "../schema.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };

before(async () => {
  t = await createTestApp();
  const { networks } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  await testAccount(t.app, t.database.db, "sek@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  const more = (await networks.bySlug("digi-more-og-romsdal"))!;
  await testAccount(t.app, t.database.db, "sek@more.example", { networkId: more.id, role: "secretariat" });
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);

test("joint rollout: a secretariat links its network's public project; the solution lists it with the municipalities taking part", async () => {
  const db = t.database.db;
  const solution = (await t.app.services.roadmap.list({})).find((s) => s.solution.key === "eformidling")!.solution;
  const [open, closed] = await db
    .select({ id: projects.id, title: projects.title, visibility: projects.visibility })
    .from(projects)
    .where(eq(projects.networkId, rogaland.id))
    .orderBy(projects.id)
    .then((rows) => [rows.find((r) => r.visibility === "public")!, rows.find((r) => r.visibility !== "public")]);
  const sek = await login("sek@rogaland.example");
  const page = await sek.get(`/roadmap/${solution.id}`);
  assert.match(page.body, /Koble til innføringsprosjekt/);
  const res = await sek.post(`/roadmap/${solution.id}/rollouts`, { projectId: String(open!.id) });
  assert.equal(res.statusCode, 303);
  const shown = await new Session(t.app).get(`/roadmap/${solution.id}?lang=en`);
  assert.ok(shown.body.includes(`href="/projects/${open!.id}"`));
  assert.match(shown.body, /Taking part: |The project has no participants yet/);
  // Twice, another network's secretariat, a project that is not public: refused, nothing added.
  // Sent again from the same sign-in it leads where the first did (decision 0022); from another, it is refused.
  const again = await sek.post(`/roadmap/${solution.id}/rollouts`, { projectId: String(open!.id) });
  assert.equal(again.headers.location, res.headers.location);
  const twice = await (await login("sek@rogaland.example")).post(`/roadmap/${solution.id}/rollouts`, {
    projectId: String(open!.id),
  });
  assert.equal(twice.statusCode, 422);
  assert.match(twice.body, /allerede koblet/);
  const other = await login("sek@more.example");
  const foreign = await other.post(`/roadmap/${solution.id}/rollouts`, { projectId: String(open!.id) });
  assert.equal(foreign.statusCode, 422);
  assert.match(foreign.body, /nettverk du er sekretariat for/);
  if (closed) {
    const hidden = await sek.post(`/roadmap/${solution.id}/rollouts`, { projectId: String(closed.id) });
    assert.equal(hidden.statusCode, 422);
    assert.match(hidden.body, /ikke offentlig/);
  }
  const links = () => db.select().from(rollouts).where(eq(rollouts.solutionId, solution.id));
  assert.equal((await links()).length, 1);
  const project = await new Session(t.app).get(`/projects/${open!.id}`);
  assert.ok(project.body.includes(`href="/roadmap/${solution.id}#rollout-heading"`), "the project names what it rolls out");
  const api = (await new Session(t.app).api("GET", `/api/v1/national-solutions/${solution.id}`)).json();
  assert.deepEqual(
    api.rollouts.map((r: { projectId: number; network: { slug: string } }) => [r.projectId, r.network.slug]),
    [[open!.id, rogaland.slug]],
  );
  // Only the project's own network removes the link.
  assert.equal((await other.post(`/roadmap/${solution.id}/rollouts/${open!.id}/delete`, {})).statusCode, 403);
  assert.equal((await sek.post(`/roadmap/${solution.id}/rollouts/${open!.id}/delete`, {})).statusCode, 303);
  assert.equal((await links()).length, 0);
});
