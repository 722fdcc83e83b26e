import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../../test/support/accounts.ts";
import { ADMIN, createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { startSmtpServer } from "../../../../test/support/smtp.ts";
import { invitations, users } from "../../../platform/schema.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp({ env: { SAMVERK_PUBLIC_URL: "https://samverk.test.example" } });
});
after(() => t.close());

const linkTo = async (email: string) => {
  const [mail] = await t.app.services.mail.outbox.to(email);
  return mail?.body.match(/https:\/\/samverk\.test\.example(\/invitation\/[\w-]+)/)?.[1];
};

test("the administrator invites a person, who makes an account through the link once", async () => {
  const admin = await new Session(t.app).login();
  await admin.get("/admin/invitations?lang=en");
  const sent = await admin.post("/admin/invitations", {
    email: "Kari.Nordmann@Kommune.example",
    name: "Kari Nordmann",
    networkId: "",
  });
  assert.equal(sent.statusCode, 303);
  const list = await admin.get("/admin/invitations?lang=en&done=sent");
  assert.ok(list.body.includes("The invitation has been sent"));
  assert.ok(list.body.includes("kari.nordmann@kommune.example"));
  assert.ok(list.body.includes("Waiting"));

  const again = await admin.post("/admin/invitations", { email: "kari.nordmann@kommune.example", name: "" });
  assert.equal(again.statusCode, 422);
  assert.ok(again.body.includes("already has an invitation waiting"));
  const existing = await admin.post("/admin/invitations", { email: ADMIN.email, name: "" });
  assert.ok(existing.body.includes("already an account"));
  const malformed = await admin.post("/admin/invitations", { email: "kari at kommune", name: "Kari" });
  assert.equal(malformed.statusCode, 422);
  assert.ok(malformed.body.includes('value="kari at kommune"'));

  const path = await linkTo("kari.nordmann@kommune.example");
  assert.ok(path);
  const visitor = new Session(t.app);
  const form = await visitor.get(`${path}?lang=en`);
  assert.equal(form.statusCode, 200);
  assert.ok(form.body.includes("kari.nordmann@kommune.example"));
  assert.ok(form.body.includes('value="Kari Nordmann"'));
  const weak = await visitor.post(path, { name: "Kari N.", password: "password", repeat: "password" });
  assert.equal(weak.statusCode, 422);
  assert.ok(weak.body.includes('value="Kari N."'), "the name typed is kept");
  const created = await visitor.post(path, {
    name: "Kari Nordmann",
    password: "fjell og fjord og fjøre",
    repeat: "fjell og fjord og fjøre",
  });
  assert.equal(created.statusCode, 303);
  const home = await visitor.get("/");
  assert.ok(home.body.includes("Kari Nordmann"), "signed in at once");
  const [user] = await t.database.db.select().from(users).where(eq(users.email, "kari.nordmann@kommune.example"));
  assert.equal(user!.isAdmin, false);

  const reused = await new Session(t.app).get(`${path}?lang=en`);
  assert.equal(reused.statusCode, 410);
  // Someone with an account but not the administrator may not invite.
  assert.equal((await visitor.get("/admin/invitations")).statusCode, 403);
  await new Session(t.app).login("kari.nordmann@kommune.example", "fjell og fjord og fjøre");
});

test("resending replaces the link; withdrawn and expired invitations are refused with a clear message", async () => {
  const admin = await new Session(t.app).login();
  await admin.get("/admin/invitations");
  await admin.post("/admin/invitations", { email: "ola@kommune.example", name: "Ola" });
  const first = await linkTo("ola@kommune.example");
  const [row] = await t.database.db.select().from(invitations).where(eq(invitations.email, "ola@kommune.example"));
  await admin.post(`/admin/invitations/${row!.id}/resend`, {});
  const second = await linkTo("ola@kommune.example");
  assert.notEqual(first, second);
  assert.equal((await new Session(t.app).get(first!)).statusCode, 404, "the old link no longer works");
  assert.equal((await new Session(t.app).get(second!)).statusCode, 200);

  await admin.post(`/admin/invitations/${row!.id}/withdraw`, {});
  const withdrawn = await new Session(t.app).get(`${second}?lang=en`);
  assert.equal(withdrawn.statusCode, 410);
  assert.ok(withdrawn.body.includes("has been withdrawn"));
  const post = await new Session(t.app).post(second!, {
    name: "Ola",
    password: "fjell og fjord og fjøre",
    repeat: "fjell og fjord og fjøre",
  });
  assert.equal(post.statusCode, 410);
  assert.equal((await admin.post(`/admin/invitations/${row!.id}/withdraw`, {})).statusCode, 404, "withdrawn once");

  await admin.post("/admin/invitations", { email: "per@kommune.example", name: "Per" });
  const late = await linkTo("per@kommune.example");
  await t.database.db
    .update(invitations)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(invitations.email, "per@kommune.example"));
  const expired = await new Session(t.app).get(`${late}?lang=en`);
  assert.equal(expired.statusCode, 410);
  assert.ok(expired.body.includes("has expired"));
  const [none] = await t.database.db.select().from(users).where(eq(users.email, "per@kommune.example"));
  assert.equal(none, undefined);
});

test("my data: a person sees and downloads what is held about them, and deletion anonymises them", async () => {
  const admin = await new Session(t.app).login();
  await admin.get("/admin/invitations");
  await admin.post("/admin/invitations", { email: "slett.meg@kommune.example", name: "Slett Meg" });
  const person = await admin.api("POST", "/api/v1/people", { name: "Slett Meg", email: "slett.meg@kommune.example" });
  assert.equal(person.statusCode, 201);
  const path = await linkTo("slett.meg@kommune.example");
  const me = new Session(t.app);
  await me.get(path!);
  await me.post(path!, { name: "Slett Meg", password: "mitt hemmelege passord", repeat: "mitt hemmelege passord" });
  // Make a change, so the audit trail names this account.
  const page = await me.get("/account/data?lang=en");
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes("slett.meg@kommune.example"));
  const json = await me.get("/account/data.json");
  assert.equal(json.statusCode, 200);
  assert.match(String(json.headers["content-disposition"]), /attachment/);
  const data = JSON.parse(json.body);
  assert.equal(data.account.email, "slett.meg@kommune.example");
  assert.equal(data.directoryEntries[0].name, "Slett Meg");
  assert.ok(
    data.changesMade.some((c: { entity: string }) => c.entity === "user"),
    "the account's own creation",
  );
  assert.ok(data.sessions.length >= 1);

  const wrong = await me.post("/account/delete", { confirmEmail: "someone.else@kommune.example" });
  assert.equal(wrong.statusCode, 422);
  const deleted = await me.post("/account/delete", { confirmEmail: "Slett.Meg@kommune.example" });
  assert.equal(deleted.statusCode, 303);
  assert.equal((await me.get("/account/data")).statusCode, 303, "signed out");
  const [gone] = await t.database.db.select().from(users).where(eq(users.email, "slett.meg@kommune.example"));
  assert.equal(gone, undefined, "the e-mail is gone from the account");
  const login = await new Session(t.app).post("/login", {
    email: "slett.meg@kommune.example",
    password: "mitt hemmelege passord",
  });
  assert.equal(login.statusCode, 401);
  const trail = await admin.get("/admin/audit?entity=user&lang=en");
  assert.ok(trail.body.includes("deleted user"));
  const byName = await admin.get("/admin/audit?actor=Slett&lang=en");
  assert.match(byName.body, /0 in all/, "a deleted person's name cannot be searched for");
});

test("issue 20: an invitation mail names the network and the role, in the recipient's language where known, else the inviter's", async () => {
  const smtp = await startSmtpServer();
  const app = await createTestApp({
    env: {
      SAMVERK_PUBLIC_URL: "https://samverk.test.example",
      SMTP_URL: smtp.url,
      SAMVERK_MAIL_FROM: "Samverk <samverk@test.example>",
    },
  });
  try {
    const rogaland = (await app.app.services.networks.bySlug("digi-rogaland"))!;
    await testAccount(app.app, app.database.db, "sek.invite@rogaland.example", { networkId: rogaland.id, role: "secretariat" });
    // An account that reads Samverk in nynorsk (it last signed in so), with no access to Digi Rogaland yet.
    const reader = await testAccount(app.app, app.database.db, "lesar@kommune.example", {
      networkId: (await app.app.services.networks.bySlug("digi-nordland"))!.id,
      role: "member",
    });
    await app.app.services.activityDigests.rememberLocale(reader, "nn");
    const s = await new Session(app.app).login("sek.invite@rogaland.example", PASSWORD);
    await s.get("/n/digi-rogaland/people?lang=en");
    for (const [email, role] of [
      ["ny.person@kommune.example", "secretariat"],
      ["lesar@kommune.example", "member"],
    ] as const) {
      const sent = await s.post("/n/digi-rogaland/people?lang=en", { email, name: "", role });
      assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
    }
    // Sending also starts a delivery in the background; wait for what it or this one sends.
    const mailTo = async (address: string, n = 1) => {
      for (let i = 0; i < 100 && smtp.mails.filter((m) => m.to.includes(address)).length < n; i++) {
        await app.app.services.mail.delivery.deliverDue();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return smtp.mails.filter((m) => m.to.includes(address)).at(-1);
    };
    const newcomer = await mailTo("ny.person@kommune.example");
    assert.ok(newcomer, "delivered over SMTP");
    assert.equal(newcomer.subject, "Invitation to Digi Rogaland in Samverk", "in the inviter's language");
    assert.match(newcomer.text, /invites you to Digi Rogaland in Samverk/);
    assert.match(newcomer.text, /Your role in the network: Secretariat/);
    const known = await mailTo("lesar@kommune.example");
    assert.ok(known, "delivered over SMTP");
    assert.equal(known.subject, "Invitasjon til Digi Rogaland i Samverk", "in the recipient's own language");
    assert.match(known.text, /Rolla di i nettverket: Medlem/);

    // Sent again, the new link says the same.
    const [row] = await app.database.db.select().from(invitations).where(eq(invitations.email, "ny.person@kommune.example"));
    assert.equal((await s.post(`/n/digi-rogaland/invitations/${row!.id}/resend?lang=nb`, {})).statusCode, 303);
    const resent = (await mailTo("ny.person@kommune.example", 2))!;
    assert.match(resent.text, /Rollen din i nettverket: Sekretariat/);
  } finally {
    await app.close();
    await smtp.close();
  }
});
