import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, count, eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { bodies } from "../../networks/index.ts";
import { assessmentRounds, assessmentScores, needs, recommendations } from "../schema.ts";
import { summarise } from "./summary.ts";

let t: TestApp;
let rogaland: { id: number; slug: string };
let committeeId: number;
let needIds: number[];

before(async () => {
  t = await createTestApp();
  const { networks, access } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  const db = t.database.db;
  [{ id: committeeId }] = (await db
    .select({ id: bodies.id })
    .from(bodies)
    .where(and(eq(bodies.networkId, rogaland.id), eq(bodies.kind, "working_committee")))) as [{ id: number }];
  const org = (await access.repo.memberOrganisations(rogaland.id))[0]!;
  await testAccount(t.app, db, "sek@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, db, "au1@rogaland.example", {
    networkId: rogaland.id,
    role: "member",
    seats: [{ bodyId: committeeId, role: "leader" }],
  });
  await testAccount(t.app, db, "au2@rogaland.example", {
    networkId: rogaland.id,
    role: "member",
    seats: [{ bodyId: committeeId, role: "member" }],
  });
  await testAccount(t.app, db, "rep@rogaland.example", { networkId: rogaland.id, role: "member", organisationIds: [org.id] });
  const rep = await new Session(t.app).login("rep@rogaland.example", PASSWORD);
  needIds = [];
  for (const title of ["Første behov til vurdering", "Andre behov til vurdering"]) {
    const res = await rep.post(`/n/${rogaland.slug}/needs`, {
      organisationId: String(org.id),
      title,
      problem: "Eit problem som arbeidsutvalet skal vurdere.",
    });
    needIds.push(Number(res.headers.location?.match(/\/needs\/(\d+)/)?.[1]));
  }
});
after(() => t.close());

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const scoreCount = async () => (await t.database.db.select({ n: count() }).from(assessmentScores))[0]!.n;

test("the weighted total puts each mean on its scale, turns risk round, weighs, and finds the band", () => {
  const criteria = [
    { id: 1, scaleMin: 1, scaleMax: 5, weight: 3, direction: "higher_is_better" as const },
    { id: 2, scaleMin: 1, scaleMax: 5, weight: 1, direction: "higher_is_worse" as const },
  ];
  const bands = [
    { name: "Må", min: 75 },
    { name: "Bør", min: 50 },
    { name: "Kan", min: 0 },
  ];
  const scores = [
    { criterionId: 1, assessorId: 10, score: 5 },
    { criterionId: 1, assessorId: 11, score: 3 },
    { criterionId: 2, assessorId: 10, score: 1 },
    { criterionId: 2, assessorId: 11, score: 1 },
  ];
  const s = summarise(criteria, scores, bands);
  // Benefit mean 4 → 0.75 of the scale; risk mean 1 → 0 risk → 1. (3 × 0.75 + 1 × 1) / 4 = 0.8125.
  assert.equal(s.total, 81.3);
  assert.equal(s.band, "Må");
  assert.equal(s.assessors, 2);
  assert.deepEqual(
    s.criteria.map((c) => [c.mean, c.spread]),
    [
      [4, 2],
      [1, 0],
    ],
  );
  const unscored = summarise(criteria, [], bands);
  assert.equal(unscored.total, null);
  assert.equal(unscored.band, null);
  // Only scored criteria count, so one assessor's partial scores still give a total.
  assert.equal(summarise(criteria, [{ criterionId: 2, assessorId: 1, score: 5 }], bands).total, 0);
});

async function createRound(deadline = "2099-12-31") {
  const sek = await login("sek@rogaland.example");
  await sek.get(`/n/${rogaland.slug}/rounds/new`);
  const res = await sek.post(`/n/${rogaland.slug}/rounds`, {
    title: `Runde ${deadline}`,
    cycle: "2027 K1",
    deadline,
    bodyId: String(committeeId),
    needIds: needIds.map(String),
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 200));
  return Number(res.headers.location?.match(/\/rounds\/(\d+)/)?.[1]);
}

test("the secretariat configures criteria and bands; a round keeps the criteria it was created with", async () => {
  const sek = await login("sek@rogaland.example");
  const settings = await sek.get(`/n/${rogaland.slug}/assessment?lang=en`);
  assert.equal(settings.statusCode, 200);
  assert.match(settings.body, /Strategisk verdi/, "the demo network has the default set");
  const bad = await sek.post(`/n/${rogaland.slug}/assessment/criteria?lang=en`, {
    name: "Gevinst",
    scaleMin: "5",
    scaleMax: "1",
    weight: "1",
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /The highest value must be greater than the lowest/);
  const roundId = await createRound();
  const before = await t.app.services.assessment.criteriaOfRound(roundId);
  assert.equal(before.length, 5);
  assert.equal((await t.app.services.needs.repo.byId(needIds[0]!))!.state, "in_assessment");
  // A new criterion and a changed weight reach new rounds only.
  assert.equal(
    (
      await sek.post(`/n/${rogaland.slug}/assessment/criteria`, {
        name: "Modenheit",
        scaleMin: "1",
        scaleMax: "3",
        weight: "1,5",
      })
    ).statusCode,
    303,
  );
  const [first] = (await t.app.services.assessment.configuration(rogaland.id)).criteria;
  await sek.post(`/n/${rogaland.slug}/assessment/criteria/${first!.id}`, {
    name: first!.name,
    scaleMin: "1",
    scaleMax: "5",
    weight: "9",
    direction: first!.direction,
  });
  const after = await t.app.services.assessment.criteriaOfRound(roundId);
  assert.deepEqual(after, before, "the round's own criteria did not change");
  const config = await t.app.services.assessment.configuration(rogaland.id);
  assert.equal(config.criteria.find((c) => c.name === "Modenheit")?.weight, 1.5, "a decimal comma is read");
  assert.equal(config.criteria[0]!.weight, 9);
  // Bands: names must differ.
  const dup = await sek.post(`/n/${rogaland.slug}/assessment/bands?lang=en`, {
    "bands.0.name": "Høg",
    "bands.0.min": "50",
    "bands.1.name": "høg",
    "bands.1.min": "0",
  });
  assert.equal(dup.statusCode, 422);
  assert.match(dup.body, /Each band must have a name of its own/);
  const member = await login("au1@rogaland.example");
  assert.equal((await member.get(`/n/${rogaland.slug}/assessment`)).statusCode, 403);
});

test("committee members score each need on each criterion; the round shows spread, total and band, and exports it", async () => {
  const roundId = await createRound();
  const criteria = await t.app.services.assessment.criteriaOfRound(roundId);
  const form = (scores: number[]) =>
    Object.fromEntries(
      criteria.flatMap((c, i) => [
        [`score_${c.id}`, String(Math.min(scores[i] ?? 2, c.scaleMax))],
        [`comment_${c.id}`, i === 0 ? "Viktig" : ""],
      ]),
    );
  const au1 = await login("au1@rogaland.example");
  const page = await au1.get(`/rounds/${roundId}/needs/${needIds[0]}?lang=en`);
  assert.match(page.body, /Your scores/);
  const first = await au1.post(`/rounds/${roundId}/needs/${needIds[0]}/scores`, form([5, 4, 4, 4, 1]));
  assert.equal(first.statusCode, 303, first.body.match(/error-summary[\s\S]*?<\/ul>/)?.[0]);
  const au2 = await login("au2@rogaland.example");
  await au2.get(`/rounds/${roundId}/needs/${needIds[0]}`);
  assert.equal((await au2.post(`/rounds/${roundId}/needs/${needIds[0]}/scores`, form([3, 4, 4, 4, 1]))).statusCode, 303);
  // Changing one's own scores replaces them.
  assert.equal((await au2.post(`/rounds/${roundId}/needs/${needIds[0]}/scores`, form([3, 4, 4, 4, 2]))).statusCode, 303);
  const { results } = await t.app.services.assessment.results(roundId, null);
  const result = results.find((r) => r.needId === needIds[0])!;
  assert.equal(result.summary.assessors, 2);
  assert.equal(result.summary.criteria[0]!.spread, 2);
  assert.ok(result.summary.total! > 70);
  const roundPage = await new Session(t.app).get(`/rounds/${roundId}?lang=en`);
  assert.match(roundPage.body, /Benefit against feasibility/);
  assert.match(roundPage.body, /<svg[^>]*role="img"/);
  assert.match(roundPage.body, /The numbers in the chart/);
  const csv = await new Session(t.app).get(`/rounds/${roundId}/results.csv?lang=en`);
  assert.match(csv.body, /Første behov til vurdering/);
  const xlsx = await t.app.inject({ url: `/rounds/${roundId}/results.xlsx` });
  assert.equal(xlsx.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  // Each assessor's scores are for the network's members; the public sees the result only.
  const publicView = await new Session(t.app).get(`/rounds/${roundId}/needs/${needIds[0]}?lang=en`);
  assert.ok(!publicView.body.includes(">au1<"));
  assert.match((await au2.get(`/rounds/${roundId}/needs/${needIds[0]}?lang=en`)).body, /Viktig/);
});

test("a score outside the scale, a score by someone outside the committee and a score after the deadline are refused and change nothing", async () => {
  const roundId = await createRound();
  const criteria = await t.app.services.assessment.criteriaOfRound(roundId);
  const before = await scoreCount();
  const au1 = await login("au1@rogaland.example");
  await au1.get(`/rounds/${roundId}/needs/${needIds[1]}`);
  const outside = await au1.post(`/rounds/${roundId}/needs/${needIds[1]}/scores?lang=en`, {
    [`score_${criteria[0]!.id}`]: "7",
    [`score_${criteria[1]!.id}`]: "3",
  });
  assert.equal(outside.statusCode, 422);
  assert.match(outside.body, new RegExp(`${criteria[0]!.name}: give a whole number from 1 to 5`));
  assert.match(outside.body, /value="7"/, "the typed score comes back");
  const notWhole = await au1.post(`/rounds/${roundId}/needs/${needIds[1]}/scores?lang=en`, {
    [`score_${criteria[0]!.id}`]: "2,5",
  });
  assert.equal(notWhole.statusCode, 422);
  assert.match(notWhole.body, new RegExp(`href="#field-score_${criteria[0]!.id}"`), "the error links to its field");
  const rep = await login("rep@rogaland.example");
  const notMember = await rep.post(`/rounds/${roundId}/needs/${needIds[1]}/scores?lang=en`, {
    [`score_${criteria[0]!.id}`]: "3",
  });
  assert.equal(notMember.statusCode, 403);
  assert.match(notMember.body, /Only the members of the working committee that assesses the round can give scores/);
  const api = await rep.api("PUT", `/api/v1/rounds/${roundId}/needs/${needIds[1]}/scores?lang=en`, {
    scores: [{ criterionId: criteria[0]!.id, score: 3 }],
  });
  assert.equal(api.statusCode, 403);
  assert.match(api.json().error.message, /Only the members of the working committee/);
  await t.database.db.update(assessmentRounds).set({ deadline: "2020-01-01" }).where(eq(assessmentRounds.id, roundId));
  const late = await au1.post(`/rounds/${roundId}/needs/${needIds[1]}/scores?lang=en`, { [`score_${criteria[0]!.id}`]: "3" });
  assert.equal(late.statusCode, 422);
  assert.match(late.body, /The round's deadline has passed/);
  const lateApi = await au1.api("PUT", `/api/v1/rounds/${roundId}/needs/${needIds[1]}/scores`, {
    scores: [{ criterionId: criteria[0]!.id, score: 3 }],
  });
  assert.equal(lateApi.statusCode, 422);
  assert.equal(await scoreCount(), before, "no score was saved");
  const notInRound = await au1.api("PUT", `/api/v1/rounds/${roundId}/needs/999999/scores`, {
    scores: [{ criterionId: criteria[0]!.id, score: 3 }],
  });
  assert.equal(notInRound.statusCode, 404);
});

test("the committee's leader recommends with a justification; the need is then assessed", async () => {
  const roundId = await createRound();
  const au2 = await login("au2@rogaland.example");
  const member = await au2.post(`/rounds/${roundId}/needs/${needIds[0]}/recommendation`, {
    recommendation: "recommend",
    justification: "x",
  });
  assert.equal(member.statusCode, 403, "an ordinary member does not");
  const au1 = await login("au1@rogaland.example");
  await au1.get(`/rounds/${roundId}/needs/${needIds[0]}`);
  const missing = await au1.post(`/rounds/${roundId}/needs/${needIds[0]}/recommendation?lang=en`, {
    recommendation: "recommend",
  });
  assert.equal(missing.statusCode, 422);
  assert.equal(
    (
      await au1.post(`/rounds/${roundId}/needs/${needIds[0]}/recommendation`, {
        recommendation: "needs_more_work",
        justification: "Kostnaden må greiast ut.",
      })
    ).statusCode,
    303,
  );
  const [row] = await t.database.db.select().from(recommendations).where(eq(recommendations.roundId, roundId));
  assert.equal(row!.recommendation, "needs_more_work");
  const [need] = await t.database.db.select().from(needs).where(eq(needs.id, needIds[0]!));
  assert.equal(need!.state, "assessed");
  const api = await new Session(t.app).api("GET", `/api/v1/rounds/${roundId}`);
  assert.equal(
    api.json().results.find((r: { needId: number }) => r.needId === needIds[0]).recommendation.recommendation,
    "needs_more_work",
  );
});
