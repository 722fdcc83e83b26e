import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { ADMIN, createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { systemActor } from "../../../platform/access/actor.ts";
import { UserService } from "../../../platform/auth/users.ts";
import { users } from "../../../platform/schema.ts";
import { people } from "../../directory/index.ts";

let t: TestApp;
let rogaland: { id: number };
let nordland: { id: number };
const PASSWORD = "a secretariat's long password";

async function account(email: string, grant?: { networkId: number; role: "member" | "secretariat"; organisationIds?: number[] }) {
  await new UserService(t.database.db).createAdmin({ email, password: PASSWORD, name: email.split("@")[0] });
  const [row] = await t.database.db.update(users).set({ isAdmin: false }).where(eq(users.email, email)).returning();
  if (grant) await t.app.services.access.repo.setAccess(grant.networkId, row!.id, grant.role, grant.organisationIds ?? []);
  return row!.id;
}

before(async () => {
  t = await createTestApp({ env: { SAMVERK_PUBLIC_URL: "https://samverk.test.example", SAMVERK_INVITATIONS_PER_HOUR: "5" } });
  rogaland = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  nordland = (await t.app.services.networks.bySlug("digi-nordland"))!;
  await account("sekretariat@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
});
after(() => t.close());

const linkTo = async (email: string) => {
  const [mail] = await t.app.services.mail.outbox.to(email);
  return mail?.body.match(/https:\/\/samverk\.test\.example(\/invitation\/[\w-]+)/)?.[1];
};

test("the secretariat invites a representative, who makes an account and acts for that organisation only", async () => {
  const secretariat = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  const page = await secretariat.get("/n/digi-rogaland/people?lang=en");
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes("People and access"));
  const [stavanger, sandnes] = await t.app.services.access.repo.memberOrganisations(rogaland.id);
  const sent = await secretariat.post("/n/digi-rogaland/people", {
    email: "ola@stavanger.example",
    name: "Ola Normann",
    role: "member",
    organisationIds: [String(stavanger!.id)],
  });
  assert.equal(sent.statusCode, 303);
  const path = await linkTo("ola@stavanger.example");
  assert.ok(path);

  const ola = new Session(t.app);
  await ola.get(path);
  const created = await ola.post(path, {
    name: "Ola Normann",
    password: "fjell og fjord og fjøre",
    repeat: "fjell og fjord og fjøre",
  });
  assert.equal(created.statusCode, 303);
  const [user] = await t.database.db.select().from(users).where(eq(users.email, "ola@stavanger.example"));
  const grants = await t.app.services.access.grantsFor(user!.id);
  assert.deepEqual(grants[rogaland.id]?.organisationIds, [stavanger!.id]);
  assert.equal(grants[rogaland.id]?.role, "member");
  assert.equal(grants[nordland.id], undefined);

  const list = await secretariat.get("/n/digi-rogaland/people?lang=en");
  assert.ok(list.body.includes("Ola Normann"));
  assert.ok(list.body.includes(stavanger!.name));
  assert.ok(!list.body.includes(sandnes!.name) || list.body.includes(`>${sandnes!.name}<`), "only the organisation chosen");
  // A member cannot manage the network.
  assert.equal((await ola.get("/n/digi-rogaland/people")).statusCode, 403);
  assert.equal((await ola.post("/n/digi-rogaland/bodies", { kind: "other", name: "Mine" })).statusCode, 403);
});

test("a grant names only the network's own member organisations and its own seated people", async () => {
  const secretariat = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  await secretariat.get("/n/digi-rogaland/people?lang=en");
  const [nordlandOrg] = await t.app.services.access.repo.memberOrganisations(nordland.id);
  const foreignOrg = await secretariat.post("/n/digi-rogaland/people", {
    email: "x@example.org",
    role: "member",
    organisationIds: [String(nordlandOrg!.id)],
  });
  assert.equal(foreignOrg.statusCode, 422);
  assert.ok(foreignOrg.body.includes("only organisations that are members of the network"));
  assert.ok(foreignOrg.body.includes('value="x@example.org"'), "what was typed is kept");

  const [nordlandPerson] = await t.app.services.access.repo.seatedPeople(nordland.id);
  const foreignPerson = await secretariat.post("/n/digi-rogaland/people", {
    email: "y@example.org",
    role: "member",
    personId: String(nordlandPerson!.id),
  });
  assert.equal(foreignPerson.statusCode, 422);
  assert.ok(foreignPerson.body.includes("holds a seat in one of the network"));
  const badRole = await secretariat.post("/n/digi-rogaland/people", { email: "z@example.org", role: "owner" });
  assert.equal(badRole.statusCode, 422);
  const [pending] = await t.app.services.invitations
    .list(rogaland.id, 100, 0)
    .then((r) => r.items.filter((i) => i.email.endsWith("example.org")));
  assert.equal(pending, undefined, "nothing was sent");
});

test("someone with an account accepts by signing in; a seated person record gives the body's role", async () => {
  const userId = await account("kari@nordland.example", { networkId: nordland.id, role: "member" });
  const seated = (await t.app.services.access.repo.seatedPeople(rogaland.id)).find((p) => p.userId === null);
  const secretariat = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  await secretariat.get("/n/digi-rogaland/people");
  const sent = await secretariat.post("/n/digi-rogaland/people", {
    email: "kari@nordland.example",
    role: "member",
    personId: String(seated!.id),
  });
  assert.equal(sent.statusCode, 303);
  const path = (await linkTo("kari@nordland.example"))!;

  const kari = new Session(t.app);
  const signedOut = await kari.get(`${path}?lang=en`);
  assert.ok(signedOut.body.includes("Already have an account?"));
  await kari.login("kari@nordland.example", PASSWORD);
  const page = await kari.get(`${path}?lang=en`);
  assert.ok(page.body.includes("Digi Rogaland"));
  const accepted = await kari.post(`${path}/accept`, {});
  assert.equal(accepted.statusCode, 303);
  assert.equal(accepted.headers.location, "/n/digi-rogaland?joined=1");
  const grants = await t.app.services.access.grantsFor(userId);
  assert.ok(grants[nordland.id], "keeps the other network");
  assert.ok(grants[rogaland.id]?.bodies.length, "the seats of the linked person count");
  const [linked] = await t.database.db.select().from(people).where(eq(people.userId, userId));
  assert.equal(linked?.id, seated!.id);
  const again = await kari.post(`${path}/accept`, {});
  assert.equal(again.statusCode, 410, "used once");
});

test("the secretariat changes and removes access in its own network only, and cannot demote itself", async () => {
  const memberId = await account("member@rogaland.example", { networkId: rogaland.id, role: "member" });
  const otherId = await account("member@nordland.example", { networkId: nordland.id, role: "member" });
  const secretariat = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  await secretariat.get(`/n/digi-rogaland/people/${memberId}/edit`);
  const promoted = await secretariat.post(`/n/digi-rogaland/people/${memberId}`, { role: "secretariat" });
  assert.equal(promoted.statusCode, 303);
  assert.equal((await t.app.services.access.grantsFor(memberId))[rogaland.id]?.role, "secretariat");
  // Someone in another network is not found from here, for reading or writing.
  assert.equal((await secretariat.get(`/n/digi-rogaland/people/${otherId}/edit`)).statusCode, 404);
  assert.equal((await secretariat.post(`/n/digi-rogaland/people/${otherId}/remove`, {})).statusCode, 404);
  assert.equal((await secretariat.post(`/n/digi-nordland/people/${otherId}/remove`, {})).statusCode, 403);
  assert.ok((await t.app.services.access.grantsFor(otherId))[nordland.id]);

  const [self] = await t.database.db.select().from(users).where(eq(users.email, "sekretariat@rogaland.example"));
  const demote = await secretariat.post(`/n/digi-rogaland/people/${self!.id}?lang=en`, { role: "member" });
  assert.equal(demote.statusCode, 422);
  assert.ok(demote.body.includes("cannot take the secretariat role from yourself"));

  const removed = await secretariat.post(`/n/digi-rogaland/people/${memberId}/remove`, {});
  assert.equal(removed.statusCode, 303);
  assert.equal((await t.app.services.access.grantsFor(memberId))[rogaland.id], undefined);
  const history = await t.app.services.audit.history("network_access", `${rogaland.id}:${memberId}`);
  assert.deepEqual(
    history.map((h) => h.action),
    ["delete", "update"],
  );
});

test("invitations are limited per sender and hour, counted in the database", async () => {
  const senderId = await account("busy@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  const actor = { ...systemActor(), userId: senderId, isAdmin: false, networks: await t.app.services.access.grantsFor(senderId) };
  for (let i = 0; i < 5; i++) {
    const sent = await t.app.services.invitations.invite(
      actor,
      { email: `n${i}@limit.example`, networkId: rogaland.id },
      (k) => k,
    );
    assert.ok(sent.ok);
  }
  const refused = await t.app.services.invitations.invite(actor, { email: "n6@limit.example", networkId: rogaland.id }, (k) => k);
  assert.deepEqual(refused, { ok: false, errors: [{ field: "email", key: "errors.tooManyInvitations" }] });
  // Another network's secretariat cannot invite into Digi Rogaland at all.
  const otherId = await account("sek@nordland.example", { networkId: nordland.id, role: "secretariat" });
  const other = { ...systemActor(), userId: otherId, isAdmin: false, networks: await t.app.services.access.grantsFor(otherId) };
  const foreign = await t.app.services.invitations.invite(other, { email: "q@limit.example", networkId: rogaland.id }, (k) => k);
  assert.equal(foreign.ok, false);
});

test("a body kept to its members is hidden from everyone else, on pages and in the API", async () => {
  const { networks } = t.app.services;
  const created = await networks.createBody(systemActor(), "digi-rogaland", {
    kind: "working_group",
    name: "Closed procurement group",
    visibility: "body",
  });
  assert.ok(created.ok);
  const bodyId = created.value.id;
  const person = await t.app.services.directory.createPerson(systemActor(), { name: "Seated Person" });
  assert.ok(person.ok);
  await networks.addBodyMember(systemActor(), "digi-rogaland", bodyId, { personId: person.value.id, role: "member" });
  const seatedId = await account("seated@rogaland.example", { networkId: rogaland.id, role: "member" });
  // Linked as Digi Rogaland's secretariat links: the seats count in Digi Rogaland (decision 0018).
  await t.database.db.update(people).set({ userId: seatedId, userNetworkId: rogaland.id }).where(eq(people.id, person.value.id));
  await account("reader@rogaland.example", { networkId: rogaland.id, role: "member" });

  const anonymous = new Session(t.app);
  const member = await new Session(t.app).login("reader@rogaland.example", PASSWORD);
  const seated = await new Session(t.app).login("seated@rogaland.example", PASSWORD);
  const secretariat = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  for (const s of [anonymous, member]) {
    assert.equal((await s.get(`/n/digi-rogaland/bodies/${bodyId}`)).statusCode, 404);
    assert.ok(!(await s.get("/n/digi-rogaland")).body.includes("Closed procurement group"));
    const api = (await s.api("GET", "/api/v1/networks/digi-rogaland/bodies?limit=500")).json();
    assert.ok(!api.items.some((b: { id: number }) => b.id === bodyId));
  }
  for (const s of [seated, secretariat]) {
    const page = await s.get(`/n/digi-rogaland/bodies/${bodyId}?lang=en`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes("Not public"));
    assert.ok((await s.get("/n/digi-rogaland")).body.includes("Closed procurement group"));
  }

  // Network-only: every member sees it, the public does not.
  await networks.updateBody(systemActor(), "digi-rogaland", bodyId, {
    kind: "working_group",
    name: "Closed procurement group",
    visibility: "network",
  });
  assert.equal((await member.get(`/n/digi-rogaland/bodies/${bodyId}`)).statusCode, 200);
  assert.equal((await anonymous.get(`/n/digi-rogaland/bodies/${bodyId}`)).statusCode, 404);
  const admin = await new Session(t.app).login(ADMIN.email, ADMIN.password);
  assert.equal((await admin.get(`/n/digi-rogaland/bodies/${bodyId}`)).statusCode, 200);
});

test("a token limited to one network carries only that network's rights", async () => {
  const userId = await account("tokens@both.example", { networkId: rogaland.id, role: "secretariat" });
  await t.app.services.access.repo.setAccess(nordland.id, userId, "secretariat", []);
  const s = await new Session(t.app).login("tokens@both.example", PASSWORD);
  await s.get("/account/tokens");
  const made = await s.post("/account/tokens", {
    name: "Nordland only",
    scopes: ["read", "write"],
    networkId: String(nordland.id),
    days: "30",
  });
  assert.equal(made.statusCode, 201);
  const token = made.body.match(/svk_[\w-]+/)?.[0];
  assert.ok(token);
  const call = (method: "POST", url: string, payload: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      payload: JSON.stringify(payload),
    });
  const inRogaland = await call("POST", "/api/v1/networks/digi-rogaland/bodies", { kind: "other", name: "Via token" });
  assert.equal(inRogaland.statusCode, 403);
  const inNordland = await call("POST", "/api/v1/networks/digi-nordland/bodies", { kind: "other", name: "Via token" });
  assert.equal(inNordland.statusCode, 201);
});

test("my data lists network access, and deleting the account removes it", async () => {
  const userId = await account("leaving@rogaland.example", { networkId: rogaland.id, role: "member" });
  const s = await new Session(t.app).login("leaving@rogaland.example", PASSWORD);
  const data = (await s.get("/account/data.json")).json();
  assert.equal(data.networkAccess[0].network, "Digi Rogaland");
  const page = await s.get("/account/data?lang=en");
  assert.ok(page.body.includes(": Member"), "the page names the role in each network");
  const deleted = await s.post("/account/delete", { confirmEmail: "leaving@rogaland.example" });
  assert.equal(deleted.statusCode, 303);
  assert.deepEqual(await t.app.services.access.grantsFor(userId), {});
});

test("the JSON API: the secretariat lists, changes and removes access and invites; another network's secretariat is refused", async () => {
  const memberId = await account("api-member@rogaland.example", { networkId: rogaland.id, role: "member" });
  await account("api-sek@nordland.example", { networkId: nordland.id, role: "secretariat" });
  const secretariat = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  const other = await new Session(t.app).login("api-sek@nordland.example", PASSWORD);
  const list = await secretariat.api("GET", "/api/v1/networks/digi-rogaland/access");
  assert.equal(list.statusCode, 200);
  assert.ok(list.json().items.some((p: { userId: number }) => p.userId === memberId));
  assert.equal((await other.api("GET", "/api/v1/networks/digi-rogaland/access")).statusCode, 403);

  const [org] = await t.app.services.access.repo.memberOrganisations(rogaland.id);
  const [nordlandOrg] = await t.app.services.access.repo.memberOrganisations(nordland.id);
  const changed = await secretariat.api("PATCH", `/api/v1/networks/digi-rogaland/access/${memberId}`, {
    organisationIds: [org!.id],
  });
  assert.equal(changed.statusCode, 200, changed.body);
  assert.deepEqual(changed.json().organisationIds, [org!.id]);
  assert.equal(changed.json().role, "member", "fields left out keep their value");
  const foreign = await secretariat.api("PATCH", `/api/v1/networks/digi-rogaland/access/${memberId}`, {
    organisationIds: [nordlandOrg!.id],
  });
  assert.equal(foreign.statusCode, 422);
  assert.equal(foreign.json().error.fields[0].field, "organisationIds");
  const refused = await other.api("PATCH", `/api/v1/networks/digi-rogaland/access/${memberId}`, { role: "secretariat" });
  assert.equal(refused.statusCode, 403);
  assert.equal((await t.app.services.access.grantsFor(memberId))[rogaland.id]?.role, "member");

  const invited = await secretariat.api("POST", "/api/v1/networks/digi-rogaland/invitations", {
    email: "api-invitee@example.no",
    role: "member",
  });
  assert.equal(invited.statusCode, 201, invited.body);
  const pending = (await secretariat.api("GET", "/api/v1/networks/digi-rogaland/invitations")).json().items;
  assert.equal(pending[0].email, "api-invitee@example.no");
  assert.equal((await other.api("DELETE", `/api/v1/networks/digi-rogaland/invitations/${invited.json().id}`)).statusCode, 403);
  assert.equal(
    (await secretariat.api("DELETE", `/api/v1/networks/digi-rogaland/invitations/${invited.json().id}`)).statusCode,
    204,
  );
  assert.equal((await secretariat.api("DELETE", `/api/v1/networks/digi-rogaland/access/${memberId}`)).statusCode, 204);
  assert.equal((await t.app.services.access.grantsFor(memberId))[rogaland.id], undefined);
});

test("accepting an invitation never moves an account's existing person link, which another network may rely on", async () => {
  const userId = await account("linked@nordland.example", { networkId: nordland.id, role: "member" });
  const nordlandPerson = (await t.app.services.access.repo.seatedPeople(nordland.id)).find((p) => p.userId === null)!;
  await t.database.db.update(people).set({ userId, userNetworkId: nordland.id }).where(eq(people.id, nordlandPerson.id));
  const rogalandPerson = (await t.app.services.access.repo.seatedPeople(rogaland.id)).find((p) => p.userId === null)!;
  const secretariat = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  await secretariat.get("/n/digi-rogaland/people");
  await secretariat.post("/n/digi-rogaland/people", {
    email: "linked@nordland.example",
    role: "member",
    personId: String(rogalandPerson.id),
  });
  const path = (await linkTo("linked@nordland.example"))!;
  const invited = await new Session(t.app).login("linked@nordland.example", PASSWORD);
  await invited.get(path);
  assert.equal((await invited.post(`${path}/accept`, {})).statusCode, 303);
  assert.equal(await t.app.services.access.repo.personOf(userId), nordlandPerson.id);
  assert.ok((await t.app.services.access.grantsFor(userId))[rogaland.id], "the access itself is granted");
});

test("malformed ids, too long input and another network's invitation are refused and change nothing", async () => {
  const secretariat = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  await secretariat.get("/n/digi-rogaland/people?lang=en");
  assert.equal((await secretariat.get("/n/digi-rogaland/people/abc/edit")).statusCode, 400);
  assert.equal((await secretariat.post("/n/digi-rogaland/people/99999999", { role: "member" })).statusCode, 404);
  const long = await secretariat.post("/n/digi-rogaland/people?lang=en", {
    email: "long@example.no",
    name: "n".repeat(201),
    role: "member",
  });
  assert.equal(long.statusCode, 422);
  assert.ok(long.body.includes('value="long@example.no"'));
  const badOrg = await secretariat.post("/n/digi-rogaland/people", {
    email: "ids@example.no",
    role: "member",
    organisationIds: ["x"],
  });
  assert.equal(badOrg.statusCode, 422);
  // An invitation of Digi Nordland is not found through Digi Rogaland's pages.
  const nordlandSecretariat = { ...systemActor(), isAdmin: true };
  const foreign = await t.app.services.invitations.invite(
    nordlandSecretariat,
    { email: "nordland-only@example.no", networkId: nordland.id },
    (k) => k,
  );
  assert.ok(foreign.ok);
  assert.equal((await secretariat.post(`/n/digi-rogaland/invitations/${foreign.value}/withdraw`, {})).statusCode, 404);
  const [still] = (await t.app.services.invitations.list(nordland.id, 10, 0)).items.filter((i) => i.id === foreign.value);
  assert.equal(still?.status, "pending");
});
