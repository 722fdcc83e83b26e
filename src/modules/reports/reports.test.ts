import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { asc, isNull } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { sheetText } from "../../../test/support/xlsx.ts";
import { systemActor } from "../../platform/access/actor.ts";
import { consultationInputs, consultations } from "../consultations/index.ts";
import { organisations, people } from "../directory/index.ts";
import { gatheringRegistrations, gatherings } from "../gatherings/index.ts";
import { needSupporters, needs } from "../needs/index.ts";
import { bodies, bodyMembers, memberships, networks } from "../networks/index.ts";
import { benefitMeasurements, benefits, projectParticipants, projects } from "../projects/index.ts";
import { adoptions, nationalSolutions } from "../roadmap/index.ts";
import { solutionProjects, solutions, solutionUsers } from "../solutions/index.ts";
import { median } from "./reports.service.ts";

/*
 * A small network with known rows, worked by hand.
 *
 * Members: Aheim (3 000 inhabitants), Bstad (4 000) and Cvik (4 500) are under 5 000; Dby (12 000) is
 * 5 000–20 000. Fløy has no population registered: no size class, in no median. Gamle (30 000) was a
 * member in 2019–2020 only. Eøy is no member.
 *
 * Projects of the network (its members' roles):
 *   P1 "Felles arkiv", public, 2026:           Aheim lead, Bstad participant, Dby interested
 *   P2 "Velferdsteknologi", public, 2025 (H1): Aheim participant, Cvik lead
 *   P3 "Lukket prosjekt" (marker), network only, 2026: Aheim participant, Bstad participant
 * Joint projects taken part in (lead or participant; interested does not count), lifetime:
 *   anonymous:   Aheim 2 (P1, P2), Bstad 1, Cvik 1, Dby 0 → median under 5 000 = median(2, 1, 1) = 1
 *   secretariat: Aheim 3, Bstad 2, Cvik 1           → median under 5 000 = median(3, 2, 1) = 2
 *   2026, anonymous: Aheim 1 (P1), Bstad 1, Cvik 0 (P2 ended 2025-06-30) → median = 1
 * Benefit of P1 "Tid per sak", baseline 10, target 4: the project measured 8 (1 Feb 2026), Aheim 7
 * (1 Mar), Bstad 5 (1 May). Aheim's own achievement (7 − 10) / (4 − 10) = 50 %, the project's
 * (8 − 10) / (4 − 10) = 33 %. Benefits measured for itself: Aheim 1, Bstad 1, Cvik 0 → median 1.
 * Solution S introduced by P1: used by Aheim since 2026-04-01, Bstad (no date), Dby since 2024-05-01.
 *   lifetime: Aheim 1, Bstad 1, Cvik 0, Dby 1; 2026: Aheim 1, Bstad 0 (no date), Dby 0.
 * National solutions (N in the catalogue): Aheim has #1 in use since 2025-01-01 and #2 not relevant,
 *   Bstad #1 in use since 2026-06-01: shares 1/(N−1), 1/N, 0 → median under 5 000 = 1/N; in 2025 Bstad
 *   has none in use yet (0). Gamle, a member in 2019–2020, has #1 in use too: in 2026 the network's share
 *   with #1 in use is 2 of the year's 5 members (Gamle is not one of them), over the lifetime 3 of 6.
 * Needs: "Felles innbyggerdialog" (public, 2026) raised by Aheim, supported by Bstad, approved as P1;
 *   "Lukket behov" (network only, 2025) raised by Bstad, supported by Aheim.
 *   anonymous: Aheim raised 1, supported 0; Bstad raised 0, supported 1. Secretariat: 1 and 1 each.
 * Inputs: three from "Aheim" to a consultation that publishes its inputs (one spam, one merged into
 *   another: 1 counts), one from "bstad" and one handled from "Aheim" to one that does not (only the
 *   network's people count them). Outside the network only counts are shown, never a reference.
 * Gatherings: a public one (Aheim twice, one attended; Bstad cancelled), one for the network only
 *   (Bstad, attended). anonymous: Aheim 2 registered, 1 attended; Bstad 0.
 * Seats: a public steering group (Aheim's person, Bstad named on the seat), a closed body (Cvik).
 *   anonymous: Aheim 1, Bstad 1, Cvik 0; secretariat: Cvik 1.
 */

let t: TestApp;
let networkId: number;
const slug = "rapport-test";
const org: Record<"a" | "b" | "c" | "d" | "e" | "f" | "g", number> = { a: 0, b: 0, c: 0, d: 0, e: 0, f: 0, g: 0 };
let p1: number;
let p3: number;
let catalogue: number;
let bigSlug: string;

before(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const [network] = await db.insert(networks).values({ slug, name: "Rapportnettverket", shortName: "Rapport" }).returning();
  networkId = network!.id;
  const made = await db
    .insert(organisations)
    .values(
      (
        [
          ["Aheim", 3000],
          ["Bstad", 4000],
          ["Cvik", 4500],
          ["Dby", 12000],
          ["Eøy", 2000],
          ["Fløy", null],
          ["Gamle", 30000],
        ] as const
      ).map(([name, population]) => ({ kind: "other" as const, name, nameNorwegian: name, population })),
    )
    .returning();
  [org.a, org.b, org.c, org.d, org.e, org.f, org.g] = made.map((o) => o.id) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  await db.insert(memberships).values([
    { networkId, organisationId: org.a, level: "member" },
    { networkId, organisationId: org.b, level: "member" },
    { networkId, organisationId: org.c, level: "observer" },
    { networkId, organisationId: org.d, level: "project_only" },
    { networkId, organisationId: org.f, level: "member" },
    { networkId, organisationId: org.g, level: "member", fromDate: "2019-01-01", toDate: "2020-12-31" },
  ]);

  const [P1, P2, P3] = await db
    .insert(projects)
    .values([
      {
        networkId,
        title: "Felles arkiv",
        kind: "regional",
        sector: "archive",
        phase: "execution",
        startDate: "2026-01-01",
        endDate: "2026-12-31",
      },
      {
        networkId,
        title: "Velferdsteknologi",
        kind: "regional",
        sector: "health_care",
        startDate: "2025-01-01",
        endDate: "2025-06-30",
      },
      {
        networkId,
        title: "Lukket prosjekt MARKER-R1",
        kind: "regional",
        sector: "other",
        visibility: "network",
        startDate: "2026-01-01",
      },
    ])
    .returning();
  p1 = P1!.id;
  p3 = P3!.id;
  await db.insert(projectParticipants).values([
    { projectId: p1, organisationId: org.a, role: "lead" },
    { projectId: p1, organisationId: org.b, role: "participant" },
    { projectId: p1, organisationId: org.d, role: "interested" },
    { projectId: P2!.id, organisationId: org.a, role: "participant" },
    { projectId: P2!.id, organisationId: org.c, role: "lead" },
    { projectId: p3, organisationId: org.a, role: "participant" },
    { projectId: p3, organisationId: org.b, role: "participant" },
  ]);
  const [benefit, hidden] = await db
    .insert(benefits)
    .values([
      { projectId: p1, title: "Tid per sak", type: "time", indicator: "Dager", unit: "dager", baseline: 10, target: 4 },
      { projectId: p3, title: "Skjult gevinst", type: "time", indicator: "Dager", unit: "dager", baseline: 10, target: 4 },
    ])
    .returning();
  await db.insert(benefitMeasurements).values([
    { benefitId: benefit!.id, organisationId: null, measuredOn: "2026-02-01", value: 8 },
    { benefitId: benefit!.id, organisationId: org.a, measuredOn: "2026-03-01", value: 7 },
    { benefitId: benefit!.id, organisationId: org.b, measuredOn: "2026-05-01", value: 5 },
    { benefitId: hidden!.id, organisationId: org.c, measuredOn: "2026-05-01", value: 5 },
  ]);

  const [solution] = await db
    .insert(solutions)
    .values({ name: "Felles saksbehandling", origin: "product", maturity: "stable", ownerOrganisationId: org.a })
    .returning();
  await db.insert(solutionProjects).values({ solutionId: solution!.id, projectId: p1 });
  await db.insert(solutionUsers).values([
    { solutionId: solution!.id, organisationId: org.a, since: "2026-04-01" },
    { solutionId: solution!.id, organisationId: org.b },
    { solutionId: solution!.id, organisationId: org.d, since: "2024-05-01" },
    { solutionId: solution!.id, organisationId: org.e, since: "2026-04-01" },
  ]);

  const national = await db
    .select()
    .from(nationalSolutions)
    .where(isNull(nationalSolutions.networkId))
    .orderBy(asc(nationalSolutions.id));
  catalogue = national.length;
  await db.insert(adoptions).values([
    { organisationId: org.a, solutionId: national[0]!.id, status: "in_use", sinceDate: "2025-01-01", byLabel: "test" },
    { organisationId: org.a, solutionId: national[1]!.id, status: "not_relevant", byLabel: "test" },
    { organisationId: org.b, solutionId: national[0]!.id, status: "in_use", sinceDate: "2026-06-01", byLabel: "test" },
    { organisationId: org.g, solutionId: national[0]!.id, status: "in_use", sinceDate: "2020-01-01", byLabel: "test" },
  ]);

  const [n1, n2] = await db
    .insert(needs)
    .values([
      {
        networkId,
        organisationId: org.a,
        title: "Felles innbyggerdialog",
        problem: "-",
        state: "approved",
        projectId: p1,
        createdByLabel: "test",
        createdAt: new Date("2026-03-01T10:00:00Z"),
      },
      {
        networkId,
        organisationId: org.b,
        title: "Lukket behov MARKER-R2",
        problem: "-",
        visibility: "network",
        createdByLabel: "test",
        createdAt: new Date("2025-05-01T10:00:00Z"),
      },
    ])
    .returning();
  await db.insert(needSupporters).values([
    { needId: n1!.id, organisationId: org.b, userLabel: "test" },
    { needId: n2!.id, organisationId: org.a, userLabel: "test" },
  ]);

  const [open, closed] = await db
    .insert(consultations)
    .values([
      {
        networkId,
        title: "Strategihøring",
        opensAt: new Date("2026-01-01"),
        closesAt: new Date("2026-02-01"),
        publishInputs: true,
      },
      { networkId, title: "Lukket høring", opensAt: new Date("2026-01-01"), closesAt: new Date("2026-02-01") },
    ])
    .returning();
  // The organisation each input names, as the consultations module matches it when the input is stored.
  const input = (
    consultationId: number,
    n: number,
    organisationId: number,
    status: "received" | "handled" | "spam" | "merged" = "received",
  ) => ({
    consultationId,
    reference: `R-TEST-${n}`,
    formToken: `report-test-${n}`,
    receiptHash: `report-test-${n}`,
    body: "Innspill",
    organisationId,
    status,
    submittedAt: new Date("2026-01-15T10:00:00Z"),
  });
  await db
    .insert(consultationInputs)
    .values([
      input(open!.id, 1, org.a),
      input(open!.id, 2, org.a, "spam"),
      input(closed!.id, 3, org.b),
      input(open!.id, 4, org.a, "merged"),
      input(closed!.id, 5, org.a, "handled"),
    ]);

  const [g1, g2] = await db
    .insert(gatherings)
    .values([
      {
        networkId,
        kind: "seminar",
        title: "Arkivdagen",
        startsAt: new Date("2026-09-01T08:00:00Z"),
        endsAt: new Date("2026-09-01T14:00:00Z"),
      },
      {
        networkId,
        kind: "workshop",
        title: "Lukket verksted",
        visibility: "network",
        startsAt: new Date("2026-10-01T08:00:00Z"),
        endsAt: new Date("2026-10-01T14:00:00Z"),
      },
    ])
    .returning();
  await db.insert(gatheringRegistrations).values([
    { gatheringId: g1!.id, status: "confirmed", organisationId: org.a, attended: true, receiptHash: "rt-1" },
    { gatheringId: g1!.id, status: "confirmed", organisationId: org.a, receiptHash: "rt-2" },
    { gatheringId: g1!.id, status: "cancelled", organisationId: org.b, receiptHash: "rt-3" },
    { gatheringId: g2!.id, status: "confirmed", organisationId: org.b, attended: true, receiptHash: "rt-4" },
  ]);

  const [steering, closedBody] = await db
    .insert(bodies)
    .values([
      { networkId, kind: "steering_group", name: "Styringsgruppa" },
      { networkId, kind: "working_group", name: "Lukket gruppe", visibility: "body" },
    ])
    .returning();
  const [pa, pb, pc] = await db
    .insert(people)
    .values([
      { name: "Anne Aheim", organisationId: org.a },
      { name: "Bjørn Bstad", organisationId: null },
      { name: "Cecilie Cvik", organisationId: org.c },
    ])
    .returning();
  await db.insert(bodyMembers).values([
    { bodyId: steering!.id, personId: pa!.id, role: "leader" },
    { bodyId: steering!.id, personId: pb!.id, organisationId: org.b, role: "member" },
    { bodyId: closedBody!.id, personId: pc!.id, role: "member" },
  ]);

  // A 2026 budget kept to the network: a fixed fee of 1 000 for members and observers (Dby, in
  // projects only, pays none) and 10 hours released from Aheim at 700 = 7 000 paid back.
  const actor = systemActor("test");
  const economy = t.app.services.economy;
  const budget = must(await economy.create(actor, networkId, { year: 2026 }));
  must(
    await economy.updateSettings(actor, budget, {
      visibility: "network",
      feeMethod: "fixed",
      feeFixed: "1000",
      payingLevels: ["member", "observer"],
    }),
  );
  must(
    await economy.addReleased(actor, budget, {
      organisationId: String(org.a),
      personName: "Anne Aheim",
      hours: "10",
      rate: "700",
    }),
  );
  await testAccount(t.app, db, "sek@rapport.example", { networkId, role: "secretariat" });
  const rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  await testAccount(t.app, db, "sek@other.example", { networkId: rogaland.id, role: "secretariat" });

  // A network with many members and nothing else, for counting the queries.
  const [big] = await db
    .insert(networks)
    .values({ slug: "mange-medlemmer", name: "Mange medlemmer", shortName: "Mange" })
    .returning();
  bigSlug = big!.slug;
  const many = await db
    .insert(organisations)
    .values(
      Array.from({ length: 40 }, (_, i) => ({
        kind: "other" as const,
        name: `Medlem ${i}`,
        nameNorwegian: `Medlem ${i}`,
        population: 1000 * i,
      })),
    )
    .returning();
  await db.insert(memberships).values(many.map((o) => ({ networkId: big!.id, organisationId: o.id, level: "member" as const })));
});
after(() => t.close());

function must<T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T {
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return result.value;
}
const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const json = async (url: string, session?: Session) => {
  const res = session ? await session.api("GET", url) : await t.app.inject({ url });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  return res.json();
};
type Row = { organisationId: number; figures: Record<string, number | null> };
const figuresOf = (body: { members: Row[] }, id: number) => body.members.find((m) => m.organisationId === id)!.figures;

test("the median: the middle value, or the mean of the middle two; none of nothing", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([null, 5]), 5);
  assert.equal(median([]), null);
});

describe("the figures, worked by hand", () => {
  test("each figure for each member over the lifetime, as anonymous sees them, with the medians by size class", async () => {
    const body = await json(`/api/v1/networks/${slug}/member-reports`);
    assert.deepEqual(
      body.members.map((m: { name: string }) => m.name),
      ["Aheim", "Bstad", "Cvik", "Dby", "Fløy", "Gamle"],
      "Eøy is no member",
    );
    const a = figuresOf(body, org.a);
    const b = figuresOf(body, org.b);
    const c = figuresOf(body, org.c);
    const d = figuresOf(body, org.d);
    assert.deepEqual([a.projects, b.projects, c.projects, d.projects], [2, 1, 1, 0]);
    assert.deepEqual([a.led, b.led, c.led, d.led], [1, 0, 1, 0]);
    assert.deepEqual([a.benefits, b.benefits, c.benefits], [1, 1, 0], "Cvik's measurement is of the closed project");
    assert.deepEqual([a.solutions, b.solutions, c.solutions, d.solutions], [1, 1, 0, 1]);
    assert.ok(Math.abs(a.adoption! - 1 / (catalogue - 1)) < 1e-12);
    assert.ok(Math.abs(b.adoption! - 1 / catalogue) < 1e-12);
    assert.equal(c.adoption, 0);
    assert.deepEqual([a.needsRaised, a.needsSupported, b.needsRaised, b.needsSupported], [1, 0, 0, 1]);
    assert.deepEqual([a.inputs, b.inputs], [1, 0], "spam and merged inputs do not count");
    assert.deepEqual([a.registrations, a.attended, b.registrations, b.attended], [2, 1, 0, 0]);
    assert.deepEqual([a.seats, b.seats, c.seats], [1, 1, 0]);
    assert.deepEqual(
      [a.fee, a.releasedHours, a.surveyResponses],
      [null, null, 0],
      "the budget is the network's: nothing paid is known",
    );
    const small = body.medians.under_5000;
    assert.equal(small.members, 3, "Fløy, with no population, is in no size class");
    assert.equal(body.members.find((m: Row) => m.organisationId === org.f).sizeClass, null);
    assert.equal(small.figures.projects, 1);
    assert.equal(small.figures.benefits, 1);
    assert.ok(Math.abs(small.figures.adoption - 1 / catalogue) < 1e-12);
    assert.equal(small.figures.registrations, 0);
    assert.equal(body.medians["5000_20000"].figures.solutions, 1);
    assert.equal(body.medians.over_50000.members, 0);
    assert.equal(body.medians.over_50000.figures.projects, null);
  });

  test("a year counts only what happened in it", async () => {
    const y2026 = await json(`/api/v1/networks/${slug}/member-reports?year=2026`);
    assert.deepEqual(
      [figuresOf(y2026, org.a).projects, figuresOf(y2026, org.b).projects, figuresOf(y2026, org.c).projects],
      [1, 1, 0],
    );
    assert.deepEqual(
      [figuresOf(y2026, org.a).solutions, figuresOf(y2026, org.b).solutions, figuresOf(y2026, org.d).solutions],
      [1, 0, 0],
    );
    assert.equal(y2026.medians.under_5000.figures.projects, 1);
    const y2025 = await json(`/api/v1/networks/${slug}/member-reports?year=2025`);
    assert.deepEqual([figuresOf(y2025, org.a).projects, figuresOf(y2025, org.c).projects], [1, 1], "P2 ran in 2025");
    assert.equal(figuresOf(y2025, org.b).adoption, 0, "Bstad's national solution came in use in 2026");
    assert.equal(figuresOf(y2025, org.a).needsRaised, 0);
    assert.equal(figuresOf(y2025, org.a).registrations, 0);
    assert.equal(figuresOf(y2025, org.a).inputs, 0);
  });

  test("the network's secretariat counts what it may see, the medians too", async () => {
    const sek = await login("sek@rapport.example");
    const body = await json(`/api/v1/networks/${slug}/member-reports`, sek);
    const a = figuresOf(body, org.a);
    const b = figuresOf(body, org.b);
    assert.deepEqual([a.projects, b.projects], [3, 2]);
    assert.equal(body.medians.under_5000.figures.projects, 2, "median(3, 2, 1)");
    assert.deepEqual([a.needsRaised, a.needsSupported, b.needsRaised, b.needsSupported], [1, 1, 1, 1]);
    assert.deepEqual([b.inputs, b.registrations, b.attended], [1, 1, 1]);
    assert.equal(a.inputs, 2, "received and handled, not spam nor merged");
    assert.equal(figuresOf(body, org.c).seats, 1);
    assert.equal(figuresOf(body, org.c).benefits, 1);
    // The budget kept to the network: fees 1 000, 1 000, 1 000 and 0; Aheim's 10 hours at 700.
    assert.deepEqual(
      [org.a, org.b, org.c, org.d].map((id) => figuresOf(body, id).fee),
      [1000, 1000, 1000, 0],
    );
    assert.deepEqual([a.releasedHours, a.releasedAmount, b.releasedAmount], [10, 7000, 0]);
    assert.equal(body.medians.under_5000.figures.fee, 1000);
    assert.equal(body.medians.under_5000.figures.releasedAmount, 0, "median(7 000, 0, 0)");
    const y2025 = await json(`/api/v1/networks/${slug}/member-reports?year=2025`, sek);
    assert.equal(figuresOf(y2025, org.a).fee, null, "no budget for 2025");
    const report = await json(`/api/v1/networks/${slug}/member-reports/${org.a}?year=2026`, sek);
    assert.deepEqual(report.money, { fee: 1000, releasedHours: 10, releasedAmount: 7000 });
  });
});

describe("the member report", () => {
  test("lists what stands behind each figure, beside the median of its size class", async () => {
    const r = await json(`/api/v1/networks/${slug}/member-reports/${org.a}`);
    assert.equal(r.member.sizeClass, "under_5000");
    assert.equal(r.median.members, 3);
    assert.deepEqual(
      r.projects.map((p: { title: string; role: string }) => [p.title, p.role]),
      [
        ["Felles arkiv", "lead"],
        ["Velferdsteknologi", "participant"],
      ],
    );
    const benefit = r.projects[0].benefits[0];
    assert.equal(benefit.own, 7);
    assert.equal(benefit.ownAchievement, 0.5, "(7 − 10) / (4 − 10)");
    assert.equal(benefit.project, 8);
    assert.ok(Math.abs(benefit.projectAchievement - 1 / 3) < 1e-12, "(8 − 10) / (4 − 10)");
    assert.deepEqual(
      r.needs.map((n: { title: string; raised: boolean; state: string }) => [n.title, n.raised, n.state]),
      [["Felles innbyggerdialog", true, "approved"]],
    );
    assert.deepEqual(r.inputs, [
      {
        consultationId: r.inputs[0].consultationId,
        consultationTitle: "Strategihøring",
        published: true,
        inputs: 1,
        references: null,
      },
    ]);
    assert.ok(!JSON.stringify(r).includes("R-TEST"), "no reference outside the network");
    const share = (report: { adoption: { solutionId: number; networkShare: number }[] }) =>
      report.adoption.find((x) => x.solutionId === r.adoption.find((y: { inUse: boolean }) => y.inUse).solutionId)!.networkShare;
    assert.equal(share(r), 3 / 6, "Aheim, Bstad and Gamle of the lifetime's 6 members");
    const y2026 = await json(`/api/v1/networks/${slug}/member-reports/${org.a}?year=2026`);
    assert.equal(share(y2026), 2 / 5, "Gamle was no member in 2026: neither counted nor in use");
    assert.deepEqual(
      r.gatherings.map((g: { title: string; confirmed: number; attended: number }) => [g.title, g.confirmed, g.attended]),
      [["Arkivdagen", 2, 1]],
    );
    assert.deepEqual(
      r.seats.map((s: { bodyName: string; role: string }) => [s.bodyName, s.role]),
      [["Styringsgruppa", "leader"]],
    );
    assert.equal(r.adoption.length, catalogue);
    assert.equal(r.adoption.filter((x: { inUse: boolean }) => x.inUse).length, 1);
    assert.equal(r.money, null);

    const page = await t.app.inject({ url: `/n/${slug}/member-reports/${org.a}?lang=en` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Member report: Aheim/);
    assert.match(page.body, /Median, Under 5,000 inhabitants|Median, under/i);
    assert.match(page.body, /Felles arkiv/);
    assert.match(page.body, /Printable version/);
    assert.doesNotMatch(page.body, /MARKER-R/);
    assert.doesNotMatch(page.body, /R-TEST/);
    const print = await t.app.inject({ url: `/n/${slug}/member-reports/${org.a}?print=1&lang=en` });
    assert.equal(print.statusCode, 200);
    assert.match(print.body, /Back to the report/);
    assert.match(print.body, /print-document/);
  });

  test("the CSV and the Excel file hold the figures and the records", async () => {
    const csv = await t.app.inject({ url: `/n/${slug}/member-reports/${org.a}/report.csv?lang=en` });
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers["content-type"] as string, /text\/csv/);
    assert.equal(csv.headers["cache-control"], "private, no-store", "what is counted depends on the viewer");
    const lines = csv.body.replace(/^\uFEFF/, "").split(/\r?\n/);
    // Each section has its own header row, whose columns mean one thing in that section.
    assert.equal(lines[0], 'Part,Figure,This member,"Median, Under 5,000 inhabitants"');
    const section = (name: string) => {
      const at = lines.findIndex(
        (l, i) => i > 0 && lines[i - 1] === "" && l.startsWith("Part,") && lines[i + 1]?.startsWith(`${name},`),
      );
      return at < 0 ? [] : lines.slice(at, lines.indexOf("", at) < 0 ? undefined : lines.indexOf("", at));
    };
    assert.ok(lines.includes("The figures,Joint projects taken part in,2,1"), csv.body);
    // A share in whole per cent, as the page shows it, never a long float.
    assert.ok(
      lines.includes(
        `The figures,National solutions in use (%),${Math.round(100 / (catalogue - 1))},${Math.round(100 / catalogue)}`,
      ),
    );
    assert.doesNotMatch(csv.body, /\d\.\d{3,}/);
    assert.deepEqual(section("Joint projects").slice(0, 2), [
      "Part,Project,Role,Phase",
      "Joint projects,Felles arkiv,Lead,Execution",
    ]);
    const adoption = section("National solutions");
    assert.equal(adoption[0], "Part,Solution,Status,In use by this member,Share of the network's members using it (%)");
    assert.equal(
      adoption.filter((l) => /,Yes,50$/.test(l)).length,
      1,
      "Aheim, Bstad and Gamle of 6: 50 %, under its own heading",
    );
    assert.ok(adoption.slice(1).every((l) => /,(Yes|No),\d+$/.test(l)));
    assert.deepEqual(section("Inputs to consultations"), [
      "Part,Consultation,Inputs,Published",
      "Inputs to consultations,Strategihøring,1,Yes",
    ]);
    // No answers here: the section's header stands alone at the end.
    assert.equal(lines.at(-2), "Part,Survey,Year,Answers,Mean of the scale questions (0–1)");
    assert.doesNotMatch(csv.body, /R-TEST/);
    assert.doesNotMatch(csv.body, /MARKER-R/);
    const sek = await login("sek@rapport.example");
    const own = (await sek.get(`/n/${slug}/member-reports/${org.a}/report.csv?lang=en`)).body;
    assert.match(own, /Part,Consultation,Inputs,Published,Reference\r?\nInputs to consultations,Strategihøring,1,Yes,R-TEST-1/);
    const xlsx = await t.app.inject({ url: `/n/${slug}/member-reports/${org.a}/report.xlsx?year=2026&lang=en` });
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.headers["cache-control"], "private, no-store");
    const sheet = await sheetText(xlsx.rawPayload);
    // 2026: Aheim takes part in P1 only; the median of Aheim, Bstad and Cvik is median(1, 1, 0) = 1.
    assert.match(sheet, /(^|\t)Joint projects taken part in\t1\t1(\t|$)/m);
    assert.match(sheet, /Share of the network&apos;s members using it \(%\)|Share of the network's members using it \(%\)/);
    assert.doesNotMatch(sheet, /(^|\t)0\.\d{3,}(\t|$)/m, "no unrounded share");
    assert.match(sheet, /Felles arkiv/);
    assert.doesNotMatch(sheet, /Velferdsteknologi/, "P2 ended in 2025");
    const all = await t.app.inject({ url: `/n/${slug}/member-reports.csv?lang=en&sort=-projects` });
    assert.equal(all.statusCode, 200);
    assert.doesNotMatch(all.body, /\d\.\d{3,}/, "the comparison's shares are rounded too");
    assert.match(all.body, /National solutions in use \(%\)/);
    const rows = all.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    assert.match(rows[0]!, /^Member,Size class,Membership,Joint projects taken part in/);
    assert.match(rows[1]!, /^Aheim,/, "sorted by projects, most first");
    assert.equal(rows.length, 7);
    assert.equal(all.headers["cache-control"], "private, no-store");
    const allXlsx = await t.app.inject({ url: `/n/${slug}/member-reports.xlsx` });
    assert.equal(allXlsx.statusCode, 200);
    assert.equal(allXlsx.headers["cache-control"], "private, no-store");
  });

  test("a member with no population registered has no size class and no median, rather than the smallest's", async () => {
    const r = await json(`/api/v1/networks/${slug}/member-reports/${org.f}`);
    assert.equal(r.member.sizeClass, null);
    assert.equal(r.median, null);
    const page = await t.app.inject({ url: `/n/${slug}/member-reports/${org.f}?lang=en` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /none \(no population registered\)/);
    assert.match(page.body, /no median to compare with/);
    assert.doesNotMatch(page.body, /Median, /);
    const csv = await t.app.inject({ url: `/n/${slug}/member-reports.csv?lang=en` });
    assert.match(csv.body, /\nFløy,none \(no population registered\),/);
  });

  test("the network's people see the references of a member's inputs", async () => {
    const sek = await login("sek@rapport.example");
    const r = await json(`/api/v1/networks/${slug}/member-reports/${org.a}`, sek);
    assert.deepEqual(
      r.inputs.map((i: { consultationTitle: string; inputs: number; references: string[] }) => [
        i.consultationTitle,
        i.inputs,
        i.references,
      ]),
      [
        ["Strategihøring", 1, ["R-TEST-1"]],
        ["Lukket høring", 1, ["R-TEST-5"]],
      ],
    );
    assert.match((await sek.get(`/n/${slug}/member-reports/${org.a}`)).body, /R-TEST-5/);
  });

  test("bad input: an unknown organisation or one that is no member is not found; a bad year is a clear error", async () => {
    assert.equal((await t.app.inject({ url: `/n/${slug}/member-reports/${org.e}` })).statusCode, 404);
    assert.equal((await t.app.inject({ url: `/n/${slug}/member-reports/999999` })).statusCode, 404);
    assert.equal((await t.app.inject({ url: `/api/v1/networks/${slug}/member-reports/${org.e}` })).statusCode, 404);
    assert.equal((await t.app.inject({ url: `/n/no-such-network/member-reports` })).statusCode, 404);
    const far = await t.app.inject({ url: `/api/v1/networks/${slug}/member-reports?year=3000` });
    assert.equal(far.statusCode, 400);
    assert.equal(far.json().error.fields[0].field, "year");
    assert.equal((await t.app.inject({ url: `/n/${slug}/member-reports/abc` })).statusCode, 400);
    assert.equal((await t.app.inject({ url: `/n/${slug}/member-reports/${org.a}/report.csv?year=abc` })).statusCode, 400);
  });

  test("a period that is no year comes back on the page with its error, what was typed, and the lifetime's report", async () => {
    for (const path of [`/n/${slug}/member-reports/${org.a}`, `/n/${slug}/member-reports`])
      for (const [typed, message] of [
        ["abc", "Period: Write a whole number"],
        ["9999", "Period: Write a number no greater than 2200"],
        ["-1", "Period: Write a number no less than 1900"],
      ] as const) {
        const res = await t.app.inject({ url: `${path}?year=${encodeURIComponent(typed)}&lang=en` });
        assert.equal(res.statusCode, 422, `${path} ${typed}`);
        assert.match(res.body, /class="ds-error-summary"/);
        assert.ok(res.body.includes(message), `${path} ${typed}: ${message}`);
        assert.doesNotMatch(res.body, /href="#field-year">year/i, "the field by its label, not its name");
        assert.match(res.body, new RegExp(`name="year" type="text" value="${typed}"`), "what was typed is kept");
        assert.match(res.body, /The network&#39;s lifetime|The network's lifetime/, "the default period beneath");
        assert.match(res.body, /Aheim/);
      }
    // A blank year is the lifetime, no error.
    const blank = await t.app.inject({ url: `/n/${slug}/member-reports/${org.a}?year=%20&lang=nn` });
    assert.equal(blank.statusCode, 200);
    assert.doesNotMatch(blank.body, /ds-error-summary/);
    const nn = await t.app.inject({ url: `/n/${slug}/member-reports/${org.a}?year=abc&lang=nn` });
    assert.match(nn.body, /Periode: /);
    // An unknown sort or chart is not worth an error: the default one.
    const odd = await t.app.inject({ url: `/n/${slug}/member-reports?sort=nonsense&chart=bogus&lang=en` });
    assert.equal(odd.statusCode, 200);
    assert.match(odd.body, /Joint projects taken part in per member/, "the default chart");
    assert.match(
      odd.body,
      /<th scope="col" aria-sort="ascending"><a class="ds-link" href="[^"]*sort=-name[^"]*">Member/,
      "by name",
    );
    assert.equal((await t.app.inject({ url: `/n/${slug}/member-reports.csv?sort=nonsense` })).statusCode, 200);
  });
});

describe("visibility", () => {
  test("a restricted project is neither listed nor counted for anonymous or another network's secretariat", async () => {
    const other = await login("sek@other.example");
    for (const session of [undefined, other]) {
      const r = await json(`/api/v1/networks/${slug}/member-reports/${org.a}`, session);
      assert.equal(r.member.figures.projects, 2);
      assert.ok(!JSON.stringify(r).includes("MARKER-R"));
      const page = session
        ? await session.get(`/n/${slug}/member-reports/${org.b}`)
        : await t.app.inject({ url: `/n/${slug}/member-reports/${org.b}` });
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /MARKER-R/);
    }
    const sek = await login("sek@rapport.example");
    const own = await sek.get(`/n/${slug}/member-reports/${org.b}`);
    assert.match(own.body, /Lukket prosjekt MARKER-R1/);
    assert.match(own.body, /Lukket behov MARKER-R2/);
  });
});

describe("the comparison", () => {
  test("a sortable table with links for headers, a chart drawn on the server, and the medians", async () => {
    const page = await t.app.inject({ url: `/n/${slug}/member-reports?lang=en&sort=-projects&chart=seats` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /The members compared: Rapportnettverket/);
    assert.match(page.body, /aria-sort="descending"/);
    assert.match(page.body, /<svg class="chart"/);
    assert.match(page.body, /Seats in the network&#39;s bodies per member|Seats in the network's bodies per member/);
    assert.ok(page.body.indexOf(">Aheim<") < page.body.indexOf(">Bstad<"));
    assert.match(page.body, /Medians by size class/);
    const network = await t.app.inject({ url: `/n/${slug}` });
    assert.match(network.body, new RegExp(`/n/${slug}/member-reports`));
    const organisation = await t.app.inject({ url: `/organisations/${org.a}` });
    assert.match(organisation.body, new RegExp(`/n/${slug}/member-reports/${org.a}`));
  });

  test("the same number of queries for few members as for many, and for a year as for the lifetime", async () => {
    let n = 0;
    await t.app.inject({ url: `/n/${slug}/member-reports?warm=1` }); // the header's caches
    const queries = async (url: string) => {
      const before = t.database.queries.count;
      // A new query string each time: an anonymous page may come from the page cache.
      const res = await t.app.inject({ url: `${url}${url.includes("?") ? "&" : "?"}n=${n++}` });
      assert.equal(res.statusCode, 200, res.body.slice(0, 200));
      return t.database.queries.count - before;
    };
    const few = await queries(`/n/${slug}/member-reports`);
    const many = await queries(`/n/${bigSlug}/member-reports`);
    assert.equal(few, many);
    assert.equal(
      await queries(`/n/${slug}/member-reports/${org.a}?year=2026`),
      await queries(`/n/${slug}/member-reports/${org.a}`),
    );
    assert.ok(few <= 25, `${few} queries`);
    // The network's secretariat sees the budget, which the economy reads in a few more queries: still as many for a year as for the lifetime.
    const sek = await login("sek@rapport.example");
    const signedIn = async (url: string) => {
      const before = t.database.queries.count;
      // A new query string here too: a signed-in page may come from the page cache as well.
      assert.equal((await sek.get(`${url}${url.includes("?") ? "&" : "?"}n=${n++}`)).statusCode, 200);
      return t.database.queries.count - before;
    };
    await signedIn(`/n/${slug}/member-reports`);
    assert.equal(
      await signedIn(`/n/${slug}/member-reports/${org.a}?year=2026`),
      await signedIn(`/n/${slug}/member-reports/${org.a}`),
    );
    assert.equal(await signedIn(`/n/${slug}/member-reports?year=2026`), await signedIn(`/n/${slug}/member-reports`));
  });
});
