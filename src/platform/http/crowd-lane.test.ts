import assert from "node:assert/strict";
import { request } from "node:http";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import Fastify from "fastify";
import { admitCrowds, CrowdLane } from "./crowd-lane.ts";

/** A lane on a clock the test moves; answers whether each entry has started. */
function laneOnClock(slots: number) {
  let clock = 0;
  const lane = new CrowdLane(slots, 0.5, () => clock);
  const enter = () => {
    // As the server counts every request it reads, the lane's own too.
    lane.arrived();
    lane.crowdArrived();
    const entry: { started: boolean; leave: () => void } = { started: false, leave: () => undefined };
    const turn = lane.enter().then((leave) => {
      entry.started = true;
      entry.leave = leave;
    });
    return Object.assign(entry, { turn });
  };
  return { lane, enter, at: (ms: number) => (clock = ms) };
}

test("no more requests run in the lane than it has slots, and they start in the order they came", async () => {
  const { lane, enter } = laneOnClock(2);
  const entries = [enter(), enter(), enter(), enter()];
  await Promise.all(entries.slice(0, 2).map((e) => e.turn));
  await sleep(5);
  assert.deepEqual(
    entries.map((e) => e.started),
    [true, true, false, false],
  );
  assert.deepEqual(lane.load, { running: 2, waiting: 2 });
  entries[1]!.leave();
  await entries[2]!.turn;
  assert.equal(entries[3]!.started, false);
  entries[0]!.leave();
  entries[0]!.leave(); // twice counts once
  await entries[3]!.turn;
  assert.deepEqual(lane.load, { running: 2, waiting: 0 });
});

test("with no one else asking, writes follow each other at once", async () => {
  const { enter, at } = laneOnClock(1);
  const first = enter();
  await first.turn;
  const second = enter();
  at(1000);
  first.leave();
  await second.turn;
  assert.equal(second.started, true);
});

test("while others arrive, the next write waits as long as the last one took, and only then", async () => {
  const { lane, enter, at } = laneOnClock(1);
  at(0);
  const first = enter();
  await first.turn;
  lane.arrived(); // a reader
  const second = enter();
  at(30);
  first.leave();
  await sleep(10);
  assert.equal(second.started, false, "readers have the process for as long as the write took");
  at(61);
  await second.turn;
  assert.equal(second.started, true);
  // No one else since: the next write follows at once.
  const third = enter();
  at(100);
  second.leave();
  await third.turn;
  assert.equal(third.started, true);
});

/**
 * A server with a lane of one turn: "/slow" holds it until released, "/input" answers at once with
 * when it was received and handled.
 */
async function laneServer() {
  const app = Fastify();
  admitCrowds(app, new CrowdLane(1));
  let release: () => void = () => undefined;
  app.post("/slow", { config: { policy: "public", crowd: true } }, async () => {
    await new Promise<void>((resolve) => (release = resolve));
    return {};
  });
  app.post("/input", { config: { policy: "public", crowd: true } }, async (req) => ({
    receivedAt: req.receivedAt?.getTime(),
    handledAt: Date.now(),
  }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  const port = (app.server.address() as { port: number }).port;
  return { app, port, base: `http://127.0.0.1:${port}`, release: () => release() };
}

test("a sender who goes away, while waiting or while served, gives the turn back", async () => {
  const { app, port, base, release } = await laneServer();
  const post = (path: string) => {
    const req = request({ host: "127.0.0.1", port, path, method: "POST" });
    req.on("error", () => undefined);
    req.end();
    return req;
  };
  try {
    const served = post("/slow"); // holds the one turn
    await sleep(50);
    const waiting = post("/input"); // waits for it
    await sleep(50);
    waiting.destroy();
    served.destroy();
    await sleep(50);
    release();
    // Both went away: the lane is free again.
    const answer = await fetch(`${base}/input`, { method: "POST", signal: AbortSignal.timeout(5000) });
    assert.equal(answer.status, 200);
  } finally {
    await app.close();
  }
});

test("a crowd request counts as received when it arrived, not when its turn came", async () => {
  const { app, base, release } = await laneServer();
  try {
    const slow = fetch(`${base}/slow`, { method: "POST" });
    await sleep(50);
    const sent = Date.now();
    const input = fetch(`${base}/input`, { method: "POST" });
    await sleep(300);
    release();
    await slow;
    const { receivedAt, handledAt } = (await (await input).json()) as { receivedAt: number; handledAt: number };
    assert.ok(receivedAt - sent < 250, "received when it arrived");
    assert.ok(handledAt - receivedAt >= 250, "handled once the slow one was done");
  } finally {
    await app.close();
  }
});
