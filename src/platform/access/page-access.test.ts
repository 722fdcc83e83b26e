import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { FastifyRequest } from "fastify";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { ADMIN, createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { i18nFor } from "../i18n/i18n.ts";
import { authorized } from "./page-access.ts";

/**
 * The kernel authorises every page route before its handler runs (platform/access/page-access.ts):
 * these routes, added to a real app, record whether their record was loaded and their handler
 * reached. The app refuses to start when a route's policy needs a record and the route loads none.
 */

test("an app with a page route whose policy needs a record but that declares none refuses to start", async () => {
  await assert.rejects(
    createTestApp({
      extend: (app) => app.get("/n/:slug/sneaky", { config: { policy: "network.update" } }, async () => "no record here"),
    }),
    /Page routes the kernel cannot authorise: GET \/n\/:slug\/sneaky \(network\.update needs a resource\)/,
  );
});

test("an app with a page route whose policy no module declares refuses to start", async () => {
  await assert.rejects(
    createTestApp({ extend: (app) => app.post("/typo", { config: { policy: "network.updte" } }, async () => "") }),
    /POST \/typo \(unknown policy network\.updte\)/,
  );
});

const calls = { loaded: 0, handled: 0 };
/** The network by :slug, as the networks module's pages load it. */
const probeNetwork = async (req: FastifyRequest) => {
  calls.loaded++;
  return req.server.services.networks.get((req.params as { slug: string }).slug);
};

let t: TestApp;
let member: Session;
let secretariat: Session;
before(async () => {
  t = await createTestApp({
    extend: (app) => {
      for (const method of ["GET", "POST"] as const)
        app.route({
          method,
          url: "/n/:slug/probe",
          config: { policy: "network.update", resource: probeNetwork, refusal: "errors.notInCommittee" },
          handler: async (req) => {
            calls.handled++;
            const { actor, resource } = authorized(req, probeNetwork);
            return `${actor.userId} ${resource.slug}`;
          },
        });
      // A policy that takes no record needs no resource: anyone signed in.
      app.get("/probe/own", { config: { policy: "account.own" } }, async (req) => {
        calls.handled++;
        return String(authorized(req).actor.userId);
      });
      // A handler that reads another record than its route declares is a bug, not a way round the check.
      app.get("/n/:slug/probe-mismatch", { config: { policy: "network.update", resource: probeNetwork } }, async (req) => {
        calls.handled++;
        return String(authorized(req, async () => ({ id: 0 })).resource.id);
      });
    },
  });
  const { networks } = t.app.services;
  const rogaland = (await networks.bySlug("digi-rogaland"))!;
  await testAccount(t.app, t.database.db, "probe-member@test.example", { networkId: rogaland.id, role: "member" });
  await testAccount(t.app, t.database.db, "probe-secretariat@test.example", { networkId: rogaland.id, role: "secretariat" });
  member = await new Session(t.app).login("probe-member@test.example", PASSWORD);
  secretariat = await new Session(t.app).login("probe-secretariat@test.example", PASSWORD);
});
after(() => t?.close());

const reset = () => {
  calls.loaded = 0;
  calls.handled = 0;
};

test("an anonymous visitor is sent to sign in before the record is loaded or the handler reached", async () => {
  reset();
  const anonymous = new Session(t.app);
  const read = await anonymous.get("/n/digi-rogaland/probe");
  assert.equal(read.statusCode, 303);
  assert.match(read.headers.location ?? "", /^\/login\?returnTo=/);
  // A form post with its CSRF token, and one without: both sent to sign in, neither a server error.
  const post = await anonymous.post("/n/digi-rogaland/probe", {});
  const forged = await anonymous.post("/n/digi-rogaland/probe", {}, { csrf: null });
  for (const res of [post, forged]) {
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location ?? "", /^\/login/);
  }
  assert.deepEqual(calls, { loaded: 0, handled: 0 });
});

test("a signed-in user the policy refuses gets a 403 with the route's refusal, and the handler is never reached", async () => {
  reset();
  const read = await member.get("/n/digi-rogaland/probe");
  assert.equal(read.statusCode, 403);
  assert.ok(read.body.includes(i18nFor("nb").t("errors.notInCommittee")));
  const write = await member.post("/n/digi-rogaland/probe", {});
  assert.equal(write.statusCode, 403);
  // Without the CSRF token too: refused, never a server error.
  const forged = await member.post("/n/digi-rogaland/probe", {}, { csrf: null });
  assert.equal(forged.statusCode, 403);
  assert.equal(calls.handled, 0);
});

test("a record that does not exist is a 404 before the handler", async () => {
  reset();
  const res = await secretariat.get("/n/no-such-network/probe");
  assert.equal(res.statusCode, 404);
  const malformed = await secretariat.get("/n/NOT%20A%20SLUG/probe");
  assert.ok([400, 404].includes(malformed.statusCode), String(malformed.statusCode));
  assert.equal(calls.handled, 0);
});

test("the one the policy lets in reaches the handler, with the record the kernel loaded once", async () => {
  reset();
  const read = await secretariat.get("/n/digi-rogaland/probe");
  assert.equal(read.statusCode, 200);
  assert.match(read.body, / digi-rogaland$/);
  const write = await secretariat.post("/n/digi-rogaland/probe", {});
  assert.equal(write.statusCode, 200);
  assert.deepEqual(calls, { loaded: 2, handled: 2 });
  const admin = await new Session(t.app).login(ADMIN.email, ADMIN.password);
  assert.equal((await admin.get("/n/digi-rogaland/probe")).statusCode, 200);
});

test("a policy that takes no record needs no resource", async () => {
  reset();
  assert.equal((await new Session(t.app).get("/probe/own")).statusCode, 303);
  assert.equal(calls.handled, 0);
  const own = await member.get("/probe/own");
  assert.equal(own.statusCode, 200);
  assert.equal(calls.handled, 1);
});

test("a handler reading another record than its route declares fails instead of acting unchecked", async () => {
  const res = await secretariat.get("/n/digi-rogaland/probe-mismatch");
  assert.equal(res.statusCode, 500);
});
