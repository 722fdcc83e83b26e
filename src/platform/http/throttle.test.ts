import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../../../test/support/db.ts";
import { throttles } from "../schema.ts";
import { Throttle, type ThrottleRule } from "./throttle.ts";

const RULE: ThrottleRule = { free: 5, windowMinutes: 15, maxDelaySeconds: 900 };

let database: TestDatabase;
let throttle: Throttle;
before(async () => {
  database = await createTestDatabase();
  throttle = new Throttle(database.db);
});
after(() => database.close());

const admitted = (states: { blocked: boolean }[]) => states.filter((s) => !s.blocked).length;

test("attempts made all at once meet the same limit as attempts made in turn", async () => {
  const inTurn: { blocked: boolean }[] = [];
  for (let i = 0; i < 30; i++) inTurn.push(await throttle.attempt("in-turn", RULE));
  const atOnce = await Promise.all(Array.from({ length: 30 }, () => throttle.attempt("at-once", RULE)));
  assert.equal(admitted(inTurn), RULE.free + 1, "the free attempts, and one more that starts the first wait");
  assert.equal(admitted(atOnce), admitted(inTurn));
  const refused = atOnce.find((s) => s.blocked) as { retryAfterSeconds: number };
  assert.ok(refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 2);
});

test("an attempt forgiven is taken back, with its wait while within the allowance", async () => {
  for (let i = 0; i < RULE.free; i++) await throttle.attempt("forgiven", RULE);
  assert.equal((await throttle.attempt("forgiven", RULE)).blocked, false, "the sixth goes ahead and starts a wait");
  assert.equal((await throttle.attempt("forgiven", RULE)).blocked, true);
  await throttle.forgive("forgiven", RULE);
  const [row] = await database.db.select().from(throttles).where(eq(throttles.key, "forgiven"));
  assert.equal(row!.failures, RULE.free);
  assert.equal(row!.blockedUntil, null, "back within the allowance: no wait");
  // Across two keys: when the second refuses, the first gets its attempt back.
  for (let i = 0; i <= RULE.free; i++) await throttle.attempt("second", RULE);
  const state = await throttle.attemptAll([
    ["first", RULE],
    ["second", RULE],
  ]);
  assert.equal(state.blocked, true);
  const [first] = await database.db.select().from(throttles).where(eq(throttles.key, "first"));
  assert.equal(first!.failures, 0);
});
