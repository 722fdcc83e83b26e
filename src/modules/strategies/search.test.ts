import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { assertFound as found, marker, assertNotFound as notFound } from "../../../test/support/search.ts";
import { systemActor } from "../../platform/access/actor.ts";

/**
 * Strategies, their goals, focus areas and measures in the site search (issue 24): found by their
 * words, each linked to its place on the strategy's page, with the network and the day a reader
 * expects. Strategies are public by design, drafts too, so the search shows them to anyone.
 */
let t: TestApp;
let rogaland: { id: number; slug: string };
let member: { id: number };
const actor = systemActor("search test");

const ok = <T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
  if (!result.ok) assert.fail(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.value;
};

before(async () => {
  t = await createTestApp();
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  const [first] = await t.app.services.access.repo.memberOrganisations(rogaland.id);
  assert.ok(first);
  member = first;
});
after(() => t.close());

const anonymous = () => new Session(t.app);

test("a network's adopted strategy and its goal, focus area and measure are found by their words", async () => {
  const { strategies } = t.app.services;
  const m = marker();
  const id = ok(
    await strategies.create(
      actor,
      { networkId: rogaland.id },
      {
        title: `Digitaliseringsstrategi ${m}`,
        firstYear: 2026,
        lastYear: 2029,
        vision: "Innbyggjarane får betre tenester gjennom velferdsteknologien.",
      },
    ),
  ).id;
  const goal = ok(
    await strategies.addGoal(actor, id, {
      title: `Tryggare tenester ${m}`,
      description: "Informasjonstryggleiken i kommunane skal styrkjast.",
    }),
  );
  const area = ok(
    await strategies.addFocusArea(actor, id, {
      title: `Innsats ${m}`,
      why: "Heimetenestene treng nye verktøy.",
      what: "Vi tek i bruk digitale tilsynsløysingar.",
      goalIds: [goal],
    }),
  );
  const measure = ok(
    await strategies.addMeasure(actor, id, {
      description: `Innføre digitalt tilsyn ${m}`,
      focusAreaId: area,
      goal: "Alle kommunane har tilsyn på plass",
      indicator: "Talet på brukarar",
      expectedBenefits: "Færre køyreturar for heimesjukepleia.",
      responsibleOrganisationId: member.id,
    }),
  );
  ok(await strategies.adopt(actor, id, { adoptedOn: "2026-02-01", adoptedBy: "styringsgruppa" }));
  const reader = anonymous();
  const page = `/strategies/${id}`;
  // The vision, by an inflection ("velferdsteknologi" for "velferdsteknologien"); dated the day it was adopted.
  const strategy = await found(reader, `${m} velferdsteknologi`, "strategy", page);
  assert.deepEqual([strategy.network?.slug, strategy.date], [rogaland.slug, "2026-02-01"]);
  const goalHit = await found(reader, `${m} informasjonstryggleik`, "goal", `${page}#goal-${goal}`);
  assert.deepEqual([goalHit.network?.slug, goalHit.date], [rogaland.slug, "2026-02-01"]);
  // A part of the compound "tilsynsløysingar".
  const areaHit = await found(reader, `${m} tilsyn`, "focus-area", `${page}#area-${area}`);
  assert.deepEqual([areaHit.network?.slug, areaHit.date], [rogaland.slug, "2026-02-01"]);
  // The benefits it should give, by an inflection inside a compound ("køyretur" in "køyreturar").
  const measureHit = await found(reader, `${m} køyretur`, "measure", `${page}#measure-${measure}`);
  assert.deepEqual([measureHit.network?.slug, measureHit.date], [rogaland.slug, "2026-02-01"]);
  // A measure concerns the member responsible for it; the strategy is the network's own.
  await found(reader, m, "measure", `${page}#measure-${measure}`, `&organisation=${member.id}`);
  await notFound(reader, m, "strategy", page, "", `&organisation=${member.id}`);
  await found(reader, m, "strategy", page, `&network=${rogaland.slug}`);
  await notFound(reader, m, "strategy", page, "", "&network=digi-nordland");
  // Every part has its anchor on the strategy's page.
  const html = (await reader.get(page)).body;
  for (const anchor of [`goal-${goal}`, `area-${area}`, `measure-${measure}`]) assert.ok(html.includes(`id="${anchor}"`), anchor);
});

test("a member's draft strategy is found by anyone, as its page shows it to anyone", async () => {
  const { strategies } = t.app.services;
  const m = marker();
  const id = ok(
    await strategies.create(
      actor,
      { organisationId: member.id },
      { title: `Kommunal strategi ${m}`, firstYear: 2027, lastYear: 2030, vision: "Ein open kommune." },
    ),
  ).id;
  const href = `/strategies/${id}`;
  assert.equal((await anonymous().get(href)).statusCode, 200, "the draft's page is public");
  const hit = await found(anonymous(), m, "strategy", href);
  assert.equal(hit.network, null, "a member's strategy belongs to no network");
  assert.match(hit.date ?? "", /^\d{4}-\d{2}-\d{2}$/, "a draft is dated by its last change");
  await found(anonymous(), m, "strategy", href, `&organisation=${member.id}`);
});
