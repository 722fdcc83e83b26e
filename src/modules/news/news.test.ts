import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { mimePart, startSmtpServer } from "../../../test/support/smtp.ts";
import { files, users } from "../../platform/schema.ts";
import { projects } from "../projects/index.ts";

/**
 * News and the newsletter (issue 25): the secretariat writes in a safe Markdown subset with a
 * described picture and related records, publishes, and sends a newsletter by mail (plain text and
 * HTML) to addresses confirmed by their owners; every read path keeps members-only news and
 * restricted related records from those who may not see them; bad input changes nothing.
 */

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let rogaland: { id: number; slug: string };
let hiddenProject: number;
const BASE = "https://samverk.test.example";
// The smallest PNG: its signature and a header are what the type check reads.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

before(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ env: { SMTP_URL: smtp.url, SAMVERK_PUBLIC_URL: BASE } });
  const { networks, access } = t.app.services;
  rogaland = (await networks.bySlug("digi-rogaland"))!;
  const nordland = (await networks.bySlug("digi-nordland"))!;
  const db = t.database.db;
  await testAccount(t.app, db, "sek@news-rogaland.example", { networkId: rogaland.id, role: "secretariat" });
  await testAccount(t.app, db, "member@news-rogaland.example", { networkId: rogaland.id, role: "member" });
  await testAccount(t.app, db, "sek@news-nordland.example", { networkId: nordland.id, role: "secretariat" });
  const [owner] = await access.repo.memberOrganisations(rogaland.id);
  const [p] = await db
    .insert(projects)
    .values({
      networkId: rogaland.id,
      title: "MARK-hidden-project",
      kind: "regional",
      sector: "other",
      ownerOrganisationId: owner!.id,
      visibility: "network",
    })
    .returning();
  hiddenProject = p!.id;
});
after(async () => {
  await t.close();
  await smtp.close();
});

const login = (email: string) => new Session(t.app).login(email, PASSWORD);
const idFrom = (location: unknown) => Number(String(location).match(/\/news\/(\d+)/)![1]);
/** The address of the item's first picture. */
const pictureOf = async (id: number) => {
  const [first] = await t.app.services.news.repo.picturesOf([id]);
  assert.ok(first, "the item has a picture");
  return `/news/${id}/pictures/${first.id}`;
};

async function write(session: Session, fields: Record<string, string>, picture = true) {
  await session.get(`/n/${rogaland.slug}/news/new`);
  return picture
    ? session.upload(`/n/${rogaland.slug}/news/new`, fields, {
        field: "image",
        filename: "kart.png",
        data: PNG,
        type: "image/png",
      })
    : session.post(`/n/${rogaland.slug}/news/new`, fields);
}

test("bad input is refused with what to fix and saves nothing", async () => {
  const sek = await login("sek@news-rogaland.example");
  const before = (await t.app.services.news.page(null, { networkId: rogaland.id }, { limit: 100, offset: 0 })).total;
  const noAlt = await write(sek, { title: "Med bilde", body: "Tekst", visibility: "public", imageAlt: "" });
  assert.equal(noAlt.statusCode, 422);
  assert.match(noAlt.body, /Skriv hva bildet viser/);
  assert.match(noAlt.body, /value="Med bilde"/, "what was typed is kept");
  const badLink = await write(
    sek,
    { title: "Lenker", visibility: "public", related: "/nowhere/1\nhttps://evil.example/projects/2" },
    false,
  );
  assert.equal(badLink.statusCode, 422);
  assert.match(badLink.body, /Dette er ikke adresser til sider i Samverk: \/nowhere\/1, https:\/\/evil\.example\/projects\/2/);
  const notAPicture = await sek.upload(
    `/n/${rogaland.slug}/news/new`,
    { title: "Feil fil", visibility: "public", imageAlt: "Et kart" },
    { field: "image", filename: "kart.pdf", data: Buffer.from("%PDF-1.4 x"), type: "application/pdf" },
  );
  assert.equal(notAPicture.statusCode, 422);
  assert.match(notAPicture.body, /Bildet må være PNG eller JPEG/);
  const outsider = await login("sek@news-nordland.example");
  await outsider.get(`/n/${rogaland.slug}/news`);
  const refused = await outsider.post(`/n/${rogaland.slug}/news/new`, { title: "Ikke ditt nettverk", visibility: "public" });
  assert.ok([403, 404].includes(refused.statusCode), `another network's secretariat: ${refused.statusCode}`);
  assert.equal((await t.app.services.news.page(null, { networkId: rogaland.id }, { limit: 100, offset: 0 })).total, before);
});

test("a draft is the secretariat's until published; then anyone reads it, escaped, with its picture and what they may see of its records", async () => {
  const sek = await login("sek@news-rogaland.example");
  const created = await write(sek, {
    title: "Ny felles løsning for <varsling>",
    intro: "Kort om saken.",
    body: "# Bakgrunn\n\nVi <script>alert(1)</script> [klikk](javascript:alert(1)) og [prosjektet](/projects/1).\n\n- én\n- to",
    visibility: "public",
    imageAlt: "Kart over Rogaland",
    related: `${BASE}/projects/${hiddenProject}`,
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 300));
  const id = idFrom(created.headers.location);
  const anonymous = new Session(t.app);
  assert.equal((await anonymous.get(`/news/${id}`)).statusCode, 404, "a draft is not there for readers");
  assert.equal((await anonymous.get(await pictureOf(id))).statusCode, 404);
  assert.doesNotMatch((await anonymous.get(`/n/${rogaland.slug}/news`)).body, /felles løsning/);

  await sek.get(`/news/${id}`);
  assert.equal((await sek.post(`/news/${id}/publish`, {})).statusCode, 303);
  const page = (await anonymous.get(`/news/${id}`)).body;
  assert.match(page, /<h1[^>]*>Ny felles løsning for &lt;varsling>?(&gt;)?<\/h1>/);
  assert.match(page, /<h2 class="ds-heading"[^>]*>Bakgrunn<\/h2>/, "a # heading is the page's second level");
  assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(page, /<script>alert|href="javascript:/);
  assert.match(page, /<img src="\/news\/\d+\/pictures\/\d+" alt="Kart over Rogaland"\/?>/);
  assert.doesNotMatch(page, /MARK-hidden-project/, "a related record kept to the network is not named to visitors");
  assert.match((await sek.get(`/news/${id}`)).body, /MARK-hidden-project/, "but is to the network's people");
  const picture = await anonymous.get(await pictureOf(id));
  assert.deepEqual([picture.statusCode, picture.headers["content-type"]], [200, "image/png"]);
  assert.match((await anonymous.get(`/n/${rogaland.slug}`)).body, /Ny felles løsning for &lt;varsling>/, "on the network's page");
  assert.match((await anonymous.get("/")).body, /Nyheter[\s\S]*Ny felles løsning/, "on the front page");
  assert.match((await anonymous.get("/search?q=varsling")).body, /Ny felles løsning/, "found by the search");
  const feed = await anonymous.get(`/n/${rogaland.slug}/feeds/news.atom`);
  assert.match(feed.headers["content-type"] as string, /application\/atom\+xml/);
  assert.match(feed.body, new RegExp(`<link[^>]*href="${BASE}/news/${id}"`), "in the network's news feed");
});

test("news kept to members is read by the network's people only, on every path", async () => {
  const sek = await login("sek@news-rogaland.example");
  const created = await write(sek, { title: "MARK-members-news", visibility: "network", imageAlt: "Bilde" });
  const id = idFrom(created.headers.location);
  await sek.get(`/news/${id}`);
  await sek.post(`/news/${id}/publish`, {});
  const member = await login("member@news-rogaland.example");
  assert.equal((await member.get(`/news/${id}`)).statusCode, 200);
  for (const session of [new Session(t.app), await login("sek@news-nordland.example")]) {
    assert.equal((await session.get(`/news/${id}`)).statusCode, 404);
    assert.equal((await session.get(await pictureOf(id))).statusCode, 404);
    for (const url of [`/n/${rogaland.slug}/news`, `/n/${rogaland.slug}`, "/", `/n/${rogaland.slug}/feeds/news.atom`])
      assert.doesNotMatch((await session.get(url)).body, /MARK-members-news/, url);
    assert.doesNotMatch((await session.get("/search?q=MARK-members-news")).body, new RegExp(`href="/news/${id}"`), "search");
  }
});

test("a newsletter goes to confirmed addresses only, as text and HTML, each with a one-click way out", async () => {
  const sek = await login("sek@news-rogaland.example");
  const created = await write(sek, {
    title: "Nytt om digital postkasse",
    intro: "Les om planen.",
    visibility: "public",
    imageAlt: "Plan",
  });
  const id = idFrom(created.headers.location);
  await sek.get(`/news/${id}`);
  await sek.post(`/news/${id}/publish`, {});

  // An address confirmed by its owner, one never confirmed, and a bad one.
  const visitor = new Session(t.app);
  await visitor.get(`/n/${rogaland.slug}/newsletter`);
  const bad = await visitor.post(`/n/${rogaland.slug}/newsletter`, { email: "ikke en adresse" });
  assert.equal(bad.statusCode, 422);
  for (const email of ["lesar@kommune.example", "glemt@kommune.example"]) {
    const res = await visitor.post(`/n/${rogaland.slug}/newsletter`, { email });
    assert.match(res.body, /Sjekk e-posten din/);
  }
  await t.app.services.mail.delivery.deliverDue();
  const confirm = smtp.linkTo("lesar@kommune.example");
  assert.ok(confirm.startsWith(`${BASE}/newsletter/confirm/`));
  const path = confirm.slice(BASE.length);
  assert.match((await visitor.get(path)).body, /Meld meg på/, "the link's page asks, so a link checker confirms nothing");
  assert.match((await visitor.post(path, {})).body, /Påmeldingen er bekreftet/);
  assert.match((await visitor.post(path, {})).body, /Lenken er ikke gyldig lenger/, "a link works once");

  // The secretariat sends; members-only news cannot go in a letter.
  const counts = await t.app.services.news.subscriberCounts(rogaland.id);
  const page = (await sek.get(`/n/${rogaland.slug}/newsletters`)).body;
  assert.match(page, new RegExp(`${counts.confirmed} bekreftede abonnenter, ${counts.waiting} venter på bekreftelse`));
  const subscribers = (await t.app.services.news.repo.confirmedOf(rogaland.id)).map((s) => [s.email]);
  assert.ok(
    subscribers.some(([e]) => e === "lesar@kommune.example") && !subscribers.some(([e]) => e === "glemt@kommune.example"),
  );
  assert.doesNotMatch(page, /MARK-members-news/);
  const none = await sek.post(`/n/${rogaland.slug}/newsletters`, { subject: "Tomt brev" });
  assert.equal(none.statusCode, 422);
  const sent = await sek.post(`/n/${rogaland.slug}/newsletters`, {
    subject: "Nyhetsbrev desember",
    intro: "God jul.",
    itemIds: [String(id)],
  });
  assert.deepEqual([sent.statusCode, sent.headers.location], [303, `/n/${rogaland.slug}/newsletters?sent=${subscribers.length}`]);
  await t.app.services.mail.delivery.deliverDue();
  const letters = smtp.mails.filter((m) => m.subject === "Nyhetsbrev desember");
  assert.deepEqual(letters.map((m) => m.to).sort(), subscribers.sort(), "every confirmed address, and only those");
  const raw = letters.find((m) => m.to.includes("lesar@kommune.example"))!.raw;
  const text = mimePart(raw, "text/plain")!;
  const html = mimePart(raw, "text/html")!;
  assert.match(text, /NYTT OM DIGITAL POSTKASSE[\s\S]*Les om planen\.[\s\S]*https:\/\/samverk\.test\.example\/news\/\d+/);
  assert.match(html, /<html lang="nb">/);
  assert.match(html, /<img src="https:\/\/samverk\.test\.example\/news\/\d+\/pictures\/\d+" alt="Plan"/);
  const stop = raw.match(/^List-Unsubscribe:\s+<([^>]+)>/im)![1]!;
  assert.match(raw, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/i);
  assert.ok(stop.startsWith(`${BASE}/newsletter/stop/`));
  // A mail program's one click: a POST without the page's token.
  const left = await new Session(t.app).post(stop.slice(BASE.length), { "List-Unsubscribe": "One-Click" }, { csrf: null });
  assert.equal(left.statusCode, 200);
  assert.match(left.body, /Du er meldt av nyhetsbrevet/);
  assert.equal((await new Session(t.app).post(stop.slice(BASE.length), {}, { csrf: null })).statusCode, 404, "once");
  assert.match(
    (await sek.get(`/n/${rogaland.slug}/newsletters`)).body,
    new RegExp(`Nyhetsbrev desember[\\s\\S]*?<td class="numeric">${subscribers.length}</td>`),
  );
});

test("a signed-in person subscribes with their own address at once, and the network's followers hear of published news", async () => {
  const member = await login("member@news-rogaland.example");
  await member.get(`/n/${rogaland.slug}/newsletter`);
  const res = await member.post(`/n/${rogaland.slug}/newsletter`, { email: "member@news-rogaland.example" });
  assert.match(res.body, /Du får nå nyhetsbrevet/);
  const sek = await login("sek@news-rogaland.example");
  const id = idFrom((await write(sek, { title: "Fortalt til følgerne", visibility: "public", imageAlt: "x" })).headers.location);
  await sek.get(`/news/${id}`);
  await sek.post(`/news/${id}/publish`, {});
  assert.match((await member.get("/activity")).body, new RegExp(`Ny nyhet: <a[^>]*href="/news/${id}"[^>]*>Fortalt til følgerne`));
});

test("the API gives what the caller may read of the news, and subscribes with the same confirmation", async () => {
  const anonymous = new Session(t.app);
  const list = JSON.parse((await anonymous.api("GET", `/api/v1/networks/${rogaland.slug}/news`)).body);
  assert.ok(
    list.items.length > 0 &&
      list.items.every((i: { state: string; visibility: string }) => i.state === "published" && i.visibility === "public"),
  );
  const members = JSON.parse(
    (await (await login("member@news-rogaland.example")).api("GET", `/api/v1/networks/${rogaland.slug}/news`)).body,
  );
  const kept = members.items.find((i: { title: string }) => i.title === "MARK-members-news");
  assert.ok(kept, "the network's people read the members-only item");
  assert.equal((await anonymous.api("GET", `/api/v1/news/${kept.id}`)).statusCode, 404);
  const one = JSON.parse((await anonymous.api("GET", `/api/v1/news/${list.items[0].id}`)).body);
  assert.equal(typeof one.body, "string");
  assert.ok(!JSON.stringify(one).includes("MARK-hidden-project"), "no related record the caller may not see");
  const bad = await anonymous.api("POST", `/api/v1/networks/${rogaland.slug}/newsletter/subscribers`, { email: "nei" });
  assert.equal(bad.statusCode, 422);
  const ok = await anonymous.api("POST", `/api/v1/networks/${rogaland.slug}/newsletter/subscribers`, {
    email: "api@kommune.example",
  });
  assert.deepEqual([ok.statusCode, JSON.parse(ok.body)], [200, { confirmed: false }]);
  // Asking again mails the address again, a few times a day at most: nobody's inbox is a target.
  const answers: number[] = [];
  for (let i = 0; i < 5; i++)
    answers.push(
      (await anonymous.api("POST", `/api/v1/networks/${rogaland.slug}/newsletter/subscribers`, { email: "API@kommune.example" }))
        .statusCode,
    );
  assert.deepEqual(answers.slice(0, 2), [200, 200]);
  assert.ok(answers.includes(422), `refused after a few: ${answers}`);
});

test("several pictures: added one at a time, each described, one removed, at most ten; related pages the editor cannot see are kept", async () => {
  const sek = await login("sek@news-rogaland.example");
  const id = idFrom((await write(sek, { title: "Bildeserie", visibility: "public", imageAlt: "Første" })).headers.location);
  const png = { field: "image", filename: "b.png", data: PNG, type: "image/png" };
  const edit = async (fields: Record<string, string>, file = true) => {
    await sek.get(`/news/${id}/edit`);
    const item = (await t.app.services.news.repo.byId(id))!;
    const base = { title: item.title, visibility: item.visibility, ...fields };
    return file ? sek.upload(`/news/${id}/edit`, base, png) : sek.post(`/news/${id}/edit`, base);
  };
  const pictures = () => t.app.services.news.repo.picturesOf([id]);
  const [first] = await pictures();
  assert.equal((await edit({ imageAlt: "Andre", [`pictureAlt-${first!.id}`]: "Første, med ny tekst" })).statusCode, 303);
  assert.deepEqual(
    (await pictures()).map((p) => p.alt),
    ["Første, med ny tekst", "Andre"],
  );
  // A kept picture's description emptied: refused on that field, nothing changed.
  const emptied = await edit({ [`pictureAlt-${first!.id}`]: "" }, false);
  assert.equal(emptied.statusCode, 422);
  assert.match(emptied.body, new RegExp(`href="#field-pictureAlt-${first!.id}">Hva bilde 1 viser: Skriv hva bildet viser`));
  assert.equal((await pictures()).length, 2);
  // Removed, and its file no longer served.
  const removedUrl = `/news/${id}/pictures/${first!.id}`;
  const firstFile = (await t.app.services.news.repo.pictureFileId(id, first!.id))!;
  assert.equal((await edit({ [`removePicture-${first!.id}`]: "1" }, false)).statusCode, 303);
  assert.deepEqual(
    (await pictures()).map((p) => p.alt),
    ["Andre"],
  );
  assert.equal((await sek.get(removedUrl)).statusCode, 404);
  assert.equal((await t.database.db.select().from(files).where(eq(files.id, firstFile))).length, 0, "its file is gone");
  // Up to ten; the eleventh is refused.
  for (let n = 2; n <= 10; n++) assert.equal((await edit({ imageAlt: `Bilde ${n}` })).statusCode, 303);
  assert.equal((await pictures()).length, 10);
  assert.match((await sek.get(`/news/${id}/edit`)).body, /Nyheten har 10 bilder, som er det meste/);
  const eleventh = await edit({ imageAlt: "For mange" });
  assert.equal(eleventh.statusCode, 422);
  assert.match(eleventh.body, /En nyhet kan ha høyst 10 bilder/);
  assert.equal((await pictures()).length, 10);
  const page = (await sek.get(`/news/${id}`)).body;
  assert.equal(page.match(/<img src="\/news\/\d+\/pictures\/\d+"/g)?.length, 10, "all ten on the page, in order");

  // A page named by someone who may see it, later kept from this editor: saving keeps it.
  const nordland = (await t.app.services.networks.bySlug("digi-nordland"))!;
  const [owner] = await t.app.services.access.repo.memberOrganisations(nordland.id);
  const [elsewhere] = await t.database.db
    .insert(projects)
    .values({
      networkId: nordland.id,
      title: "Nordlands prosjekt",
      kind: "regional",
      sector: "other",
      ownerOrganisationId: owner!.id,
    })
    .returning();
  assert.equal((await edit({ related: `/projects/${elsewhere!.id}` }, false)).statusCode, 303);
  await t.database.db.update(projects).set({ visibility: "network" }).where(eq(projects.id, elsewhere!.id));
  const form = (await sek.get(`/news/${id}/edit?lang=en`)).body;
  assert.doesNotMatch(form, /Nordlands prosjekt|\/projects\/\d+/);
  assert.match(form, /One related page you cannot see is kept as it is/);
  assert.equal((await edit({ title: "Bildeserie, endret", related: "" }, false)).statusCode, 303);
  const saved = (await t.app.services.news.repo.byId(id))!;
  assert.equal(saved.title, "Bildeserie, endret");
  assert.deepEqual(saved.related, [{ kind: "project", id: elsewhere!.id }]);
});

test("a subject network's coordinator writes its news: on its page, members-only kept to its members, drafts to those who run it", async () => {
  const db = t.database.db;
  const { subjects, networks } = t.app.services;
  const nordland = (await networks.bySlug("digi-nordland"))!;
  // Rogaland's member coordinates a subject network Nordland owns; Rogaland's secretariat is not in it.
  const coordinatorId = (await db.select().from(users).where(eq(users.email, "member@news-rogaland.example")))[0]!.id;
  const memberId = await testAccount(t.app, db, "fag-medlem@news.example", { networkId: nordland.id, role: "member" });
  const created = await subjects.create(
    { userId: null, label: "test", isAdmin: true },
    { name: "Fagnettverk for nyheter", mandate: "Dele erfaringer.", joinPolicy: "approval", ownerNetworkId: String(nordland.id) },
  );
  assert.ok(created.ok);
  const subject = created.value;
  await subjects.repo.addMember({ subjectNetworkId: subject.id, userId: coordinatorId, role: "coordinator" });
  await subjects.repo.addMember({ subjectNetworkId: subject.id, userId: memberId });
  const base = `/subject-networks/${subject.slug}`;

  // Those who do not run it may not write: Rogaland's secretariat, a plain member, a visitor.
  for (const email of ["sek@news-rogaland.example", "fag-medlem@news.example"]) {
    const session = await login(email);
    await session.get(base);
    assert.equal((await session.get(`${base}/news/new`)).statusCode, 403, email);
    assert.equal((await session.post(`${base}/news/new`, { title: "Ikke din", visibility: "public" })).statusCode, 403, email);
  }
  assert.equal((await new Session(t.app).get(`${base}/news/new`)).statusCode, 303, "a visitor is sent to sign in");

  const coordinator = await login("member@news-rogaland.example");
  assert.match((await coordinator.get(base)).body, new RegExp(`href="${base}/news/new"`), "the subject page offers writing");
  const form = (await coordinator.get(`${base}/news/new?lang=en`)).body;
  assert.match(form, /Members of the subject network/);
  const write = await coordinator.post(`${base}/news/new`, {
    title: "MARK-subject-members",
    visibility: "network",
    body: "Kun for oss.",
  });
  assert.equal(write.statusCode, 303, write.body.slice(0, 300));
  const id = idFrom(write.headers.location);
  const item = (await t.app.services.news.repo.byId(id))!;
  assert.deepEqual([item.networkId, item.subjectNetworkId], [null, subject.id]);
  const member = await login("fag-medlem@news.example");
  assert.equal((await member.get(`/news/${id}`)).statusCode, 404, "a draft is not the members' yet");
  assert.equal((await coordinator.post(`/news/${id}/publish`, {})).statusCode, 303);

  const page = await member.get(`/news/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`href="${base}"`), "its page names the subject network");
  assert.match((await member.get(base)).body, /MARK-subject-members/, "on the subject network's page");
  assert.match((await member.get(`${base}/news`)).body, /MARK-subject-members/);
  assert.match(
    (await member.get("/search?q=MARK-subject-members")).body,
    new RegExp(`href="/news/${id}"`),
    "found by its members",
  );
  const listed = await member.api("GET", `/api/v1${base}/news`);
  assert.deepEqual(
    (listed.json() as { items: { id: number }[] }).items.map((i) => i.id),
    [id],
  );
  for (const session of [new Session(t.app), await login("sek@news-rogaland.example")]) {
    assert.equal((await session.get(`/news/${id}`)).statusCode, 404);
    for (const url of [base, `${base}/news`, "/", `/api/v1${base}/news`])
      assert.doesNotMatch((await session.get(url)).body, /MARK-subject-members/, url);
    assert.doesNotMatch((await session.get("/search?q=MARK-subject-members")).body, new RegExp(`href="/news/${id}"`));
  }
  // Its followers (members follow by their part) hear of it.
  const activity = (await member.get("/activity?lang=en")).body;
  assert.match(activity, /News published[\s\S]*MARK-subject-members/);
  // A public item is everyone's, on the front page too.
  const open = await coordinator.post(`${base}/news/new`, { title: "Aapen fagnyhet", visibility: "public" });
  const openId = idFrom(open.headers.location);
  await coordinator.post(`/news/${openId}/publish`, {});
  assert.match((await new Session(t.app).get("/")).body, /Aapen fagnyhet[\s\S]*?Fagnettverk for nyheter/);
  assert.match((await new Session(t.app).get(base)).body, /Aapen fagnyhet/);
});
