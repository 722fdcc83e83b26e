import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { ADMIN, createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { systemActor } from "../../../platform/access/actor.ts";
import { UserService } from "../../../platform/auth/users.ts";
import { auditLog, users } from "../../../platform/schema.ts";
import { people } from "../../directory/index.ts";

/**
 * Issue 19, decision 0018: a network's secretariat gains, grants and exposes nothing in another
 * network through the person records and organisations networks share. The auditor's attack: the
 * secretariat of Digi Rogaland (which also had member access to Digi Nordland) seated Digi
 * Nordland's steering group leader in one of its bodies, linked its own account to that person
 * record, and so held the leader's seat in Digi Nordland; it also published the leader as its
 * contact, which made their e-mail and phone public.
 */
let t: TestApp;
let rogaland: { id: number; slug: string; name: string };
let nordland: { id: number; slug: string; name: string };
/** Digi Nordland's steering group leader, who takes part in Digi Nordland only. */
let leader: { personId: number; email: string; name: string };
let rogalandBodyId: number;
let nordlandBodyId: number;
let secretariatId: number;
const PASSWORD = "a secretariat's long password";
const BASE = "https://samverk.test.example";

async function account(email: string, grants: { networkId: number; role: "member" | "secretariat" }[]) {
  await new UserService(t.database.db).createAdmin({ email, password: PASSWORD, name: email.split("@")[0] });
  const [row] = await t.database.db.update(users).set({ isAdmin: false }).where(eq(users.email, email)).returning();
  for (const g of grants) await t.app.services.access.repo.setAccess(g.networkId, row!.id, g.role, []);
  return row!.id;
}

/** The newest confirmation link mailed to this address that names this account. */
async function linkFor(to: string, accountEmail: string) {
  const mails = await t.app.services.mail.outbox.to(to);
  const mail = mails.find((m) => m.body.includes(accountEmail) && m.body.includes("/person-link/"));
  return { mail, path: mail?.body.match(new RegExp(`${BASE}(/person-link/[\\w-]+)`))?.[1] };
}

const personRow = async (id: number) => (await t.database.db.select().from(people).where(eq(people.id, id)))[0]!;
const seatIn = (bodyId: number, personId: number) =>
  t.app.services.networks.repo.insertBodyMembers([{ bodyId, personId, role: "member" }]);

before(async () => {
  t = await createTestApp({ env: { SAMVERK_PUBLIC_URL: BASE } });
  const { networks } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  nordland = (await networks.bySlug("digi-nordland"))!;
  const steering = (await networks.bodiesOf(nordland.id)).find((b) => b.kind === "steering_group")!;
  nordlandBodyId = steering.id;
  const seat = (await networks.repo.membersOfBodies([steering.id])).find((m) => m.role === "leader")!;
  const person = await personRow(seat.personId);
  leader = { personId: person.id, email: person.email, name: person.name };
  assert.ok(leader.email, "the demo leader has an e-mail address");
  assert.equal(person.userId, null);
  rogalandBodyId = (await networks.bodiesOf(rogaland.id)).find((b) => b.kind === "working_committee")!.id;
  secretariatId = await account("sekretariat@rogaland.example", [
    { networkId: rogaland.id, role: "secretariat" },
    { networkId: nordland.id, role: "member" },
  ]);
});
after(() => t.close());

test("the auditor's attack: seating, linking and publishing another network's leader gains nothing there", async () => {
  const s = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  assert.equal((await s.get("/n/digi-nordland/priorities/rank")).statusCode, 403, "a member of Digi Nordland only");

  // 1. Seating Digi Nordland's leader in a Digi Rogaland body is refused with a field error.
  const seatsBefore = await t.app.services.networks.repo.membersOfBodies([rogalandBodyId]);
  await s.get(`/n/digi-rogaland/bodies/${rogalandBodyId}?lang=en`);
  const seated = await s.post(`/n/digi-rogaland/bodies/${rogalandBodyId}/members?lang=en`, {
    personId: String(leader.personId),
    organisationId: "",
    role: "member",
    fromDate: "",
    toDate: "",
  });
  assert.equal(seated.statusCode, 422);
  assert.ok(seated.body.includes("This person takes part in another network (Digi Nordland)"), seated.body.slice(0, 200));
  assert.ok(seated.body.includes('href="#field-personId"'));
  assert.deepEqual(await t.app.services.networks.repo.membersOfBodies([rogalandBodyId]), seatsBefore, "nothing changed");

  // 2. A seat there made some other way (before this change, or by an administrator) lets the
  // secretariat choose the person, but the link waits for the person's own confirmation.
  await seatIn(rogalandBodyId, leader.personId);
  const form = await s.get(`/n/digi-rogaland/people/${secretariatId}/edit?lang=en`);
  assert.ok(form.body.includes(`${leader.name} (confirms by e-mail)`));
  const linked = await s.post(`/n/digi-rogaland/people/${secretariatId}?lang=en`, {
    role: "secretariat",
    personId: String(leader.personId),
  });
  assert.equal(linked.statusCode, 303);
  assert.equal(linked.headers.location, "/n/digi-rogaland/people?done=asked");
  assert.equal((await personRow(leader.personId)).userId, null, "no link until the person confirms");

  // 3. No rights in Digi Nordland: no seat, no ranking, no body kept to its members.
  const grants = await t.app.services.access.grantsFor(secretariatId);
  assert.deepEqual(grants[nordland.id]?.bodies, []);
  assert.deepEqual(grants[rogaland.id]?.bodies, [], "nor the seat in Digi Rogaland, until confirmed");
  assert.equal((await s.get("/n/digi-nordland/priorities/rank")).statusCode, 403);
  assert.equal((await s.post("/n/digi-nordland/priorities", { track: "national" })).statusCode, 403);
  const closed = await t.app.services.networks.createBody(systemActor(), "digi-nordland", {
    kind: "working_group",
    name: "Nordland's closed group",
    visibility: "body",
  });
  assert.ok(closed.ok);
  await t.app.services.networks.addBodyMember(systemActor(), "digi-nordland", closed.value.id, {
    personId: leader.personId,
    role: "leader",
  });
  assert.equal((await s.get(`/n/digi-nordland/bodies/${closed.value.id}`)).statusCode, 404);

  // The person was asked, at their own address, naming the network and the account that asks.
  const { mail, path } = await linkFor(leader.email, "sekretariat@rogaland.example");
  assert.ok(mail && path);
  assert.ok(mail.subject.includes("Digi Rogaland"));
  assert.ok(mail.body.includes("Digi Rogaland") && mail.body.includes("sekretariat@rogaland.example"));
  const page = await s.get("/n/digi-rogaland/people?lang=en");
  assert.ok(page.body.includes(`Waiting for ${leader.name} to confirm the link`));

  // 4. Publishing the leader as Digi Rogaland's contact is refused; their e-mail stays private.
  const edit = await s.get("/n/digi-rogaland/edit");
  assert.equal(edit.statusCode, 200);
  const contacts = (await t.app.services.networks.repo.contactsOf(rogaland.id)).map((c) => String(c.personId));
  const full = (await t.app.services.networks.bySlug("digi-rogaland"))!;
  const network = {
    name: full.name,
    shortName: full.shortName,
    slug: full.slug,
    description: full.description,
    hostOrganisationId: full.hostOrganisationId ? String(full.hostOrganisationId) : "",
    counties: full.counties,
  };
  const published = await s.post("/n/digi-rogaland?lang=en", { ...network, contactIds: [...contacts, String(leader.personId)] });
  assert.equal(published.statusCode, 422);
  assert.ok(published.body.includes(`${leader.name} cannot be published here`));
  assert.deepEqual(
    (await t.app.services.networks.repo.contactsOf(rogaland.id)).map((c) => String(c.personId)),
    contacts,
  );
  assert.ok(!(await new Session(t.app).get("/n/digi-rogaland")).body.includes(leader.email));

  // The network's own contacts can still be saved as they are.
  assert.equal((await s.post("/n/digi-rogaland", { ...network, contactIds: contacts })).statusCode, 303);
});

test("an invitation cannot carry another network's seats either", async () => {
  const colleagueId = await account("kollega@rogaland.example", [{ networkId: nordland.id, role: "member" }]);
  const s = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  await s.get("/n/digi-rogaland/people");
  const sent = await s.post("/n/digi-rogaland/people", {
    email: "kollega@rogaland.example",
    role: "member",
    personId: String(leader.personId),
  });
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
  const [invitation] = await t.app.services.mail.outbox.to("kollega@rogaland.example");
  const path = invitation!.body.match(new RegExp(`${BASE}(/invitation/[\\w-]+)`))![1]!;
  const colleague = await new Session(t.app).login("kollega@rogaland.example", PASSWORD);
  await colleague.get(path);
  assert.equal((await colleague.post(`${path}/accept`, {})).statusCode, 303);
  const grants = await t.app.services.access.grantsFor(colleagueId);
  assert.ok(grants[rogaland.id], "the access itself is granted");
  assert.deepEqual(grants[nordland.id]?.bodies, []);
  assert.equal((await personRow(leader.personId)).userId, null);
  assert.ok((await linkFor(leader.email, "kollega@rogaland.example")).path, "the person is asked instead");
});

test("the person confirms through the link in the e-mail; only then does the link count, in each network they sit in", async () => {
  const { directory, networks } = t.app.services;
  // Kari sits in a body of each network (an administrator seated her); her account has access to both.
  const kari = await directory.createPerson(systemActor(), { name: "Kari Begge", email: "kari.begge@example.no" });
  assert.ok(kari.ok);
  assert.ok(
    (await networks.addBodyMember(systemActor(), "digi-rogaland", rogalandBodyId, { personId: kari.value.id, role: "member" }))
      .ok,
  );
  assert.ok(
    (await networks.addBodyMember(systemActor(), "digi-nordland", nordlandBodyId, { personId: kari.value.id, role: "member" }))
      .ok,
  );
  const kariAccount = await account("kari@konto.example", [
    { networkId: rogaland.id, role: "member" },
    { networkId: nordland.id, role: "member" },
  ]);
  const s = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  await s.get(`/n/digi-rogaland/people/${kariAccount}/edit`);
  const asked = await s.post(`/n/digi-rogaland/people/${kariAccount}`, { role: "member", personId: String(kari.value.id) });
  assert.equal(asked.headers.location, "/n/digi-rogaland/people?done=asked");
  assert.deepEqual((await t.app.services.access.grantsFor(kariAccount))[rogaland.id]?.bodies, []);
  // Saving the form again leaves the request waiting, without another e-mail.
  await s.get(`/n/digi-rogaland/people/${kariAccount}/edit`);
  assert.equal(
    (await s.post(`/n/digi-rogaland/people/${kariAccount}`, { role: "member", personId: String(kari.value.id) })).statusCode,
    303,
  );
  assert.equal((await t.app.services.mail.outbox.to("kari.begge@example.no")).length, 1);

  const { mail, path } = await linkFor("kari.begge@example.no", "kari@konto.example");
  assert.ok(mail && path);
  assert.ok(mail.body.includes("Digi Rogaland"));
  // Anyone holding the link sees what it asks, in their language; confirming takes a POST.
  const visitor = new Session(t.app);
  const page = await visitor.get(`${path}?lang=nn`);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes("Digi Rogaland") && page.body.includes("kari@konto.example"));
  assert.ok(page.body.includes("Stadfest at kontoen er min"));
  assert.equal(page.headers["referrer-policy"], "no-referrer");
  assert.equal((await personRow(kari.value.id)).userId, null, "reading the page changes nothing");
  const confirmed = await visitor.post(`${path}?lang=en`, {});
  assert.equal(confirmed.statusCode, 200);
  assert.ok(confirmed.body.includes("The link is confirmed"));

  const row = await personRow(kari.value.id);
  assert.equal(row.userId, kariAccount);
  assert.ok(row.userConfirmedAt);
  const grants = await t.app.services.access.grantsFor(kariAccount);
  assert.ok(grants[rogaland.id]?.bodies.some((b) => b.id === rogalandBodyId));
  assert.ok(
    grants[nordland.id]?.bodies.some((b) => b.id === nordlandBodyId),
    "a confirmed link counts where she sits",
  );
  assert.equal((await visitor.post(path, {})).statusCode, 410, "used once");
  const steps = await t.database.db
    .select({ action: auditLog.action, after: auditLog.after })
    .from(auditLog)
    .where(eq(auditLog.entity, "person_link_request"))
    .orderBy(auditLog.id);
  assert.ok(steps.some((e) => e.action === "create" && (e.after as { personId: number }).personId === kari.value.id));
  assert.ok(steps.some((e) => e.action === "update" && (e.after as { confirmed?: boolean }).confirmed));
  const list = await s.get("/n/digi-rogaland/people?lang=en");
  assert.ok(list.body.includes("The link is confirmed."));

  // The secretariat cannot undo a link that reaches another network; an administrator can.
  await s.get(`/n/digi-rogaland/people/${kariAccount}/edit`);
  const unlink = await s.post(`/n/digi-rogaland/people/${kariAccount}?lang=en`, { role: "member", personId: "" });
  assert.equal(unlink.statusCode, 422);
  assert.ok(unlink.body.includes("Only an administrator can change that link"));
  assert.equal((await personRow(kari.value.id)).userId, kariAccount);
});

test("a withdrawn request, or a person whose address changed since, cannot be confirmed", async () => {
  const { directory, networks } = t.app.services;
  const anna = await directory.createPerson(systemActor(), { name: "Anna Grense", email: "anna@example.no" });
  assert.ok(anna.ok);
  await networks.addBodyMember(systemActor(), "digi-rogaland", rogalandBodyId, { personId: anna.value.id, role: "member" });
  await networks.addBodyMember(systemActor(), "digi-nordland", nordlandBodyId, { personId: anna.value.id, role: "member" });
  const annaAccount = await account("anna@konto.example", [{ networkId: rogaland.id, role: "member" }]);
  const s = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  await s.get(`/n/digi-rogaland/people/${annaAccount}/edit`);
  await s.post(`/n/digi-rogaland/people/${annaAccount}`, { role: "member", personId: String(anna.value.id) });
  const first = (await linkFor("anna@example.no", "anna@konto.example")).path!;
  const [request] = await t.app.services.access.repo.openLinkRequests(rogaland.id, annaAccount);
  // Another network's secretariat cannot withdraw it.
  await account("sek@nordland.example", [{ networkId: nordland.id, role: "secretariat" }]);
  const other = await new Session(t.app).login("sek@nordland.example", PASSWORD);
  await other.get("/n/digi-nordland/people");
  assert.equal((await other.post(`/n/digi-rogaland/person-links/${request!.id}/withdraw`, {})).statusCode, 403);
  assert.equal((await other.post(`/n/digi-nordland/person-links/${request!.id}/withdraw`, {})).statusCode, 404);
  await s.get("/n/digi-rogaland/people");
  const withdrawn = await s.post(`/n/digi-rogaland/person-links/${request!.id}/withdraw`, {});
  assert.equal(withdrawn.headers.location, "/n/digi-rogaland/people?done=link-withdrawn");
  const gone = await new Session(t.app).post(`${first}?lang=en`, {});
  assert.equal(gone.statusCode, 410);
  assert.ok(gone.body.includes("withdrawn or replaced"));

  // Asked again; then the person's address is changed (by an administrator): the old link is void.
  await s.get(`/n/digi-rogaland/people/${annaAccount}/edit`);
  await s.post(`/n/digi-rogaland/people/${annaAccount}`, { role: "member", personId: String(anna.value.id) });
  const second = (await linkFor("anna@example.no", "anna@konto.example")).path!;
  assert.notEqual(second, first);
  await directory.updatePerson(systemActor(), anna.value.id, { name: "Anna Grense", email: "anna.ny@example.no" });
  const changed = await new Session(t.app).post(`${second}?lang=en`, {});
  assert.equal(changed.statusCode, 410);
  assert.ok(changed.body.includes("e-mail address has changed"));
  assert.equal((await personRow(anna.value.id)).userId, null);
  assert.equal((await new Session(t.app).get("/person-link/not-a-real-token-at-all-xxxxxx")).statusCode, 404);
});

test("an administrator links directly, and only an administrator links a person without an e-mail address", async () => {
  const { directory, networks } = t.app.services;
  const ola = await directory.createPerson(systemActor(), { name: "Ola Utan Epost" });
  assert.ok(ola.ok);
  await networks.addBodyMember(systemActor(), "digi-rogaland", rogalandBodyId, { personId: ola.value.id, role: "member" });
  await networks.addBodyMember(systemActor(), "digi-nordland", nordlandBodyId, { personId: ola.value.id, role: "member" });
  const olaAccount = await account("ola@konto.example", [
    { networkId: rogaland.id, role: "member" },
    { networkId: nordland.id, role: "member" },
  ]);
  const s = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  const form = await s.get(`/n/digi-rogaland/people/${olaAccount}/edit?lang=en`);
  assert.ok(form.body.includes("Ola Utan Epost (only an administrator can link)"));
  const mailsBefore = (await t.app.services.mail.outbox.list(1, 0)).total;
  const refused = await s.post(`/n/digi-rogaland/people/${olaAccount}?lang=en`, {
    role: "member",
    personId: String(ola.value.id),
  });
  assert.equal(refused.statusCode, 422);
  assert.ok(refused.body.includes("only an administrator can link it"));
  assert.equal((await personRow(ola.value.id)).userId, null);
  assert.equal((await t.app.services.mail.outbox.list(1, 0)).total, mailsBefore, "no mail");

  const admin = await new Session(t.app).login(ADMIN.email, ADMIN.password);
  await admin.get(`/n/digi-rogaland/people/${olaAccount}/edit`);
  const linked = await admin.post(`/n/digi-rogaland/people/${olaAccount}`, { role: "member", personId: String(ola.value.id) });
  assert.equal(linked.headers.location, "/n/digi-rogaland/people?done=saved");
  const row = await personRow(ola.value.id);
  assert.equal(row.userId, olaAccount);
  assert.ok(row.userConfirmedAt, "an administrator's link is confirmed");
  const grants = await t.app.services.access.grantsFor(olaAccount);
  assert.ok(grants[nordland.id]?.bodies.some((b) => b.id === nordlandBodyId));
  const history = await t.app.services.audit.history("network_access", `${rogaland.id}:${olaAccount}`);
  assert.equal((history[0]!.after as { personLink: string }).personLink, "confirmed");
});

test("a person of one network alone is linked at once, and that link counts in that network only", async () => {
  const { directory, networks } = t.app.services;
  const siri = await directory.createPerson(systemActor(), { name: "Siri Heime", email: "siri@example.no" });
  assert.ok(siri.ok);
  const s = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  // A new person belongs to no network: the secretariat seats her in its own body.
  await s.get(`/n/digi-rogaland/bodies/${rogalandBodyId}`);
  const seated = await s.post(`/n/digi-rogaland/bodies/${rogalandBodyId}/members`, {
    personId: String(siri.value.id),
    organisationId: "",
    role: "member",
    fromDate: "",
    toDate: "",
  });
  assert.equal(seated.statusCode, 303);
  const siriAccount = await account("siri@konto.example", [
    { networkId: rogaland.id, role: "member" },
    { networkId: nordland.id, role: "member" },
  ]);
  await s.get(`/n/digi-rogaland/people/${siriAccount}/edit`);
  const linked = await s.post(`/n/digi-rogaland/people/${siriAccount}`, { role: "member", personId: String(siri.value.id) });
  assert.equal(linked.headers.location, "/n/digi-rogaland/people?done=saved");
  const row = await personRow(siri.value.id);
  assert.equal(row.userId, siriAccount);
  assert.equal(row.userConfirmedAt, null);
  assert.equal(row.userNetworkId, rogaland.id);
  assert.ok((await t.app.services.access.grantsFor(siriAccount))[rogaland.id]?.bodies.some((b) => b.id === rogalandBodyId));
  assert.ok(
    (await s.get("/n/digi-rogaland/people?lang=en")).body.includes("Linked by the secretariat; counts in this network only."),
  );

  // She is later seated in Digi Nordland too: the link Digi Rogaland made carries nothing there.
  await networks.addBodyMember(systemActor(), "digi-nordland", nordlandBodyId, { personId: siri.value.id, role: "member" });
  assert.deepEqual((await t.app.services.access.grantsFor(siriAccount))[nordland.id]?.bodies, []);

  // Now that she takes part in Digi Nordland, Digi Rogaland may no longer publish her as a contact.
  const contacts = (await networks.repo.contactsOf(rogaland.id)).map((c) => c.personId);
  const refused = await networks.update(
    { ...systemActor(), isAdmin: false, userId: secretariatId, networks: await t.app.services.access.grantsFor(secretariatId) },
    "digi-rogaland",
    { ...(await networks.bySlug("digi-rogaland")), contactIds: [...contacts, siri.value.id] },
  );
  assert.deepEqual(refused.ok ? [] : refused.errors.map((e) => e.key), ["errors.contactNotOwn"]);
});

test("the secretariat publishes its own people as contacts", async () => {
  const { directory, networks } = t.app.services;
  const per = await directory.createPerson(systemActor(), {
    name: "Per Kontakt",
    email: "per.kontakt@example.no",
    phone: "+47 400 00 000",
  });
  assert.ok(per.ok);
  await networks.addBodyMember(systemActor(), "digi-rogaland", rogalandBodyId, { personId: per.value.id, role: "member" });
  const actor = {
    ...systemActor(),
    isAdmin: false,
    userId: secretariatId,
    networks: await t.app.services.access.grantsFor(secretariatId),
  };
  const contacts = (await networks.repo.contactsOf(rogaland.id)).map((c) => c.personId);
  const network = (await networks.bySlug("digi-rogaland"))!;
  const saved = await networks.update(actor, "digi-rogaland", { ...network, contactIds: [...contacts, per.value.id] });
  assert.ok(saved.ok);
  assert.ok((await new Session(t.app).get("/n/digi-rogaland")).body.includes("per.kontakt@example.no"));
  // A person seated nowhere in Digi Rogaland does not belong to it.
  const stranger = await directory.createPerson(systemActor(), { name: "Ukjend Person", email: "ukjend@example.no" });
  assert.ok(stranger.ok);
  const refused = await networks.update(actor, "digi-rogaland", {
    ...network,
    contactIds: [...contacts, per.value.id, stranger.value.id],
  });
  assert.equal(refused.ok, false);
});

test("an organisation that is a member of another network is added only by an administrator", async () => {
  const [nordlandMember] = await t.app.services.access.repo.memberOrganisations(nordland.id);
  const s = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  await s.get("/n/digi-rogaland/members/new?lang=en");
  const refused = await s.post("/n/digi-rogaland/members?lang=en", {
    organisationIds: [String(nordlandMember!.id)],
    level: "observer",
    fromDate: "",
    toDate: "",
    representedById: "",
  });
  assert.equal(refused.statusCode, 422);
  assert.ok(refused.body.includes("is already a member of another network"));
  assert.equal(await t.app.services.networks.repo.membershipFor(rogaland.id, nordlandMember!.id), undefined);
  // Nor does the secretariat then act for it in what it shares (its adoption, strategies, solutions).
  assert.equal((await t.app.services.access.organisationResource(nordlandMember!.id)).networkIds.includes(rogaland.id), false);

  const admin = await new Session(t.app).login(ADMIN.email, ADMIN.password);
  await admin.get("/n/digi-rogaland/members/new");
  const added = await admin.post("/n/digi-rogaland/members", {
    organisationIds: [String(nordlandMember!.id)],
    level: "observer",
    fromDate: "",
    toDate: "",
    representedById: "",
  });
  assert.equal(added.statusCode, 303);
});

test("the JSON API says which person is asked, and keeps the request when the field is left out", async () => {
  const { directory, networks } = t.app.services;
  const lise = await directory.createPerson(systemActor(), { name: "Lise Api", email: "lise@example.no" });
  assert.ok(lise.ok);
  await networks.addBodyMember(systemActor(), "digi-rogaland", rogalandBodyId, { personId: lise.value.id, role: "member" });
  await networks.addBodyMember(systemActor(), "digi-nordland", nordlandBodyId, { personId: lise.value.id, role: "member" });
  const liseAccount = await account("lise@konto.example", [{ networkId: rogaland.id, role: "member" }]);
  const s = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  const asked = await s.api("PATCH", `/api/v1/networks/digi-rogaland/access/${liseAccount}`, { personId: lise.value.id });
  assert.equal(asked.statusCode, 200, asked.body);
  assert.equal(asked.json().personId, null);
  assert.equal(asked.json().pendingPersonId, lise.value.id);
  const role = await s.api("PATCH", `/api/v1/networks/digi-rogaland/access/${liseAccount}`, { role: "member" });
  assert.equal(role.json().pendingPersonId, lise.value.id);
  assert.equal((await t.app.services.mail.outbox.to("lise@example.no")).length, 1);
  const bad = await s.api("PATCH", `/api/v1/networks/digi-rogaland/access/${liseAccount}`, {
    personId: leader.personId + 999999,
  });
  assert.equal(bad.statusCode, 422);
  assert.equal(bad.json().error.fields[0].field, "personId");
  const [open] = await t.database.db
    .select()
    .from(people)
    .where(and(eq(people.id, lise.value.id), eq(people.userId, liseAccount)));
  assert.equal(open, undefined);
});

test("a person is attached only to an organisation of a network the secretariat runs", async () => {
  const [nordlandOrg] = await t.app.services.access.repo.memberOrganisations(nordland.id);
  const own = await t.app.services.directory.createOrganisation(systemActor(), { kind: "company", name: "Heime AS" });
  assert.ok(own.ok);
  await t.app.services.networks.addMembers(systemActor(), rogaland.slug, { organisationIds: [own.value.id], level: "member" });
  const rogalandOrg = own.value;
  const s = await new Session(t.app).login("sekretariat@rogaland.example", PASSWORD);
  await s.get("/people/new?lang=en");
  const refused = await s.post("/people?lang=en", { name: "Grense Person", organisationId: String(nordlandOrg!.id) });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /member of a network you do not run/);
  assert.match(refused.body, /Grense Person/, "what was typed is kept");
  const viaApi = await t.app.inject({
    method: "POST",
    url: "/api/v1/people",
    headers: { cookie: s.cookies, "content-type": "application/json" },
    payload: { name: "Grense Api", organisationId: nordlandOrg!.id },
  });
  assert.equal(viaApi.statusCode, 422);
  const nobody = await t.database.db.select().from(people).where(eq(people.organisationId, nordlandOrg!.id));
  assert.ok(!nobody.some((p) => p.name.startsWith("Grense")), "nothing stored");
  // Its own network's member is fine, and moving that person to the other network's organisation is refused.
  const created = await s.post("/people?lang=en", { name: "Heime Person", organisationId: String(rogalandOrg!.id) });
  assert.equal(created.statusCode, 303);
  const id = Number(created.headers.location?.match(/\/people\/(\d+)/)?.[1]);
  await s.get(`/people/${id}/edit?lang=en`);
  const moved = await s.post(`/people/${id}?lang=en`, { name: "Heime Person", organisationId: String(nordlandOrg!.id) });
  assert.equal(moved.statusCode, 422);
  assert.equal((await personRow(id)).organisationId, rogalandOrg!.id);
});
