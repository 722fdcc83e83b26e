import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { PASSWORD, testAccount } from "../../../test/support/accounts.ts";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { systemActor } from "../../platform/access/actor.ts";
import { FEED_LIMIT } from "../../platform/feeds.ts";
import { osloParts } from "../../platform/i18n/i18n.ts";
import { gatherings } from "../gatherings/index.ts";

/**
 * A network's Atom feeds (decisions, gatherings, consultations, and all of them together) hold only
 * what a reader who is not signed in may read, whoever asks, as well-formed Atom with absolute links.
 */
const BASE = "https://samverk.feeds.example";
const FEEDS = ["decisions", "gatherings", "consultations", "news", "all"] as const;
let t: TestApp;
let rogaland: { id: number; slug: string };
const actor = systemActor("feeds test");
const run = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
/** Text that must never be in a feed: restricted records carry it. */
const hidden = (what: string) => `HIDDEN${what}${run}`;
const day = (offset: number) => osloParts(new Date(Date.now() + offset * 24 * 3600_000)).date;
/** Every markup character and a control character XML 1.0 does not allow (U+0001). */
const TRICKY = `<script>alert("x")</script> & 'Co' \u0001 > ${run}`;

const ok = <T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
  if (!result.ok) assert.fail(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.value;
};

let planted: {
  publicDecision: { id: number; meetingId: number; itemId: number };
  gatheringOpen: number;
  gatheringNetwork: number;
  consultationOpen: number;
  review: number;
};

before(async () => {
  t = await createTestApp({ env: { SAMVERK_PUBLIC_URL: BASE } });
  const s = t.app.services;
  rogaland = (await s.networks.bySlug("digi-rogaland"))!;
  await testAccount(t.app, t.database.db, "sek@feeds.example", { networkId: rogaland.id, role: "secretariat" });

  const body = async (visibility: string) =>
    ok(
      await s.networks.createBody(actor, rogaland.slug, {
        kind: "working_group",
        name: `Gruppe ${visibility} ${run}`,
        visibility,
      }),
    );
  const openBody = await body("public");
  const membersBody = await body("network");
  const meeting = async (bodyId: number, title: string) =>
    ok(await s.meetings.create(actor, rogaland.id, { title, bodyId, meetingDate: day(-3), visibility: "public" }));
  const decide = async (meetingId: number, title: string, text: string, isPublic: boolean) => {
    const itemId = ok(await s.meetings.addItem(actor, meetingId, { title }));
    const d = ok(
      await s.meetings.decide(
        actor,
        meetingId,
        { agendaItemId: itemId, text, outcome: "prioritised", decidedOn: day(-3), isPublic },
        (k) => k,
      ),
    );
    return { id: d.id, meetingId, itemId };
  };
  const open = await meeting(openBody.id, `Møte ${run}`);
  const publicDecision = await decide(open.id, `Sak ${TRICKY}`, `Vedtaket: ${TRICKY}`, true);
  // Not public: only the body and the secretariat read it.
  await decide(open.id, hidden("decisiontitle"), hidden("decisiontext"), false);
  // Public, but of a meeting of a body kept to the network's members.
  const closed = await meeting(membersBody.id, hidden("meetingtitle"));
  await decide(closed.id, hidden("membersdecisiontitle"), hidden("membersdecisiontext"), true);

  const when = { startsDate: day(30), startsTime: "09:00", endsDate: day(30), endsTime: "15:00" };
  const gatheringOpen = ok(
    await s.gatherings.create(actor, rogaland.id, {
      kind: "seminar",
      title: `Samling ${TRICKY}`,
      description: `Om ${TRICKY}`,
      place: "Stavanger",
      ...when,
    }),
  ).id;
  const gatheringNetwork = ok(
    await s.gatherings.create(actor, rogaland.id, {
      kind: "workshop",
      title: hidden("gatheringtitle"),
      description: hidden("gatheringtext"),
      visibility: "network",
      ...when,
    }),
  ).id;

  const strategy = ok(
    await s.strategies.create(actor, { networkId: rogaland.id }, { title: `Strategi ${run}`, firstYear: 2027, lastYear: 2030 }),
  );
  const window = { opensDate: day(-1), opensTime: "08:00", closesDate: day(20), closesTime: "12:00" };
  const consultationOpen = ok(
    await s.consultations.openOnStrategy(
      actor,
      strategy.id,
      { title: `Høring ${TRICKY}`, intro: `Innledning ${TRICKY}`, ...window, audience: "anyone" },
      (k) => k,
    ),
  ).id;
  // An internal review round: the members of the chosen bodies comment, nobody else reads it.
  const review = ok(
    await s.consultations.openReview(
      actor,
      consultationOpen,
      { bodyIds: [membersBody.id], closesDate: day(20), closesTime: "12:00" },
      (key) => (key === "consultation.reviewTitle" ? hidden("reviewtitle") : key),
    ),
  ).id;
  planted = { publicDecision, gatheringOpen, gatheringNetwork, consultationOpen, review };
});
after(() => t.close());

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  isArray: (name) => name === "entry" || name === "link",
});

interface AtomEntry {
  id: string;
  title: { "#text": string; type: string };
  link: { rel: string; type: string; href: string }[];
  published: string;
  updated: string;
  author: { name: string; uri: string };
  summary: { "#text": string; type: string };
}

/** A feed read and parsed, checked to be well-formed XML in Atom's shape. */
async function feed(name: string, session = new Session(t.app)) {
  const res = await session.get(`/n/${rogaland.slug}/feeds/${name}.atom`);
  assert.equal(res.statusCode, 200, `${name}: ${res.body.slice(0, 300)}`);
  assert.equal(res.headers["content-type"], "application/atom+xml; charset=utf-8");
  assert.equal(XMLValidator.validate(res.body), true, `${name} is well-formed XML`);
  const doc = parser.parse(res.body) as { feed: Record<string, unknown> };
  const f = doc.feed as {
    xmlns: string;
    id: string;
    title: { "#text": string };
    updated: string;
    link: { rel: string; href: string; type: string }[];
    author: { name: string; uri: string };
    entry?: AtomEntry[];
  };
  assert.equal(f.xmlns, "http://www.w3.org/2005/Atom");
  assert.equal(f.id, `${BASE}/n/${rogaland.slug}/feeds/${name}.atom`);
  assert.ok(f.title["#text"].endsWith("Digi Rogaland"), f.title["#text"]);
  assert.match(f.updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.deepEqual(
    f.link.map((l) => l.rel),
    ["self", "alternate"],
  );
  assert.equal(f.link[0]!.href, f.id);
  assert.ok(f.link[1]!.href.startsWith(`${BASE}/n/${rogaland.slug}`));
  assert.equal(f.author.name, "Digi Rogaland");
  const entries = f.entry ?? [];
  assert.ok(entries.length <= FEED_LIMIT, `${name} holds at most ${FEED_LIMIT}`);
  for (const e of entries) {
    assert.match(e.id, /^tag:samverk\.feeds\.example,2026:(decision|gathering|consultation|news)\/\d+$/);
    assert.equal(e.link[0]!.rel, "alternate");
    assert.ok(e.link[0]!.href.startsWith(`${BASE}/`), e.link[0]!.href);
    assert.match(e.published, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(e.updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(e.author.name, "Digi Rogaland");
    assert.equal(e.summary.type, "text");
  }
  // Newest first, and the feed as new as its newest entry.
  const times = entries.map((e) => Date.parse(e.updated));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
    `${name} is newest first`,
  );
  if (entries.length) assert.equal(f.updated, entries[0]!.updated);
  return { res, feed: f, entries, byId: new Map(entries.map((e) => [e.id, e])) };
}

const tag = (key: string) => `tag:samverk.feeds.example,2026:${key}`;
/** The tricky text as it reads after parsing: the character XML does not allow dropped, the rest as written. */
const TRICKY_READ = TRICKY.replace("\u0001", "");

test("each feed is Atom with the public records, their links absolute and their text escaped", async () => {
  const { publicDecision: d, gatheringOpen, consultationOpen } = planted;
  const decisions = await feed("decisions");
  const decision = decisions.byId.get(tag(`decision/${d.id}`));
  assert.ok(decision, "the public decision is in the feed");
  assert.equal(decision.title["#text"], `Sak ${TRICKY_READ}`);
  assert.equal(decision.link[0]!.href, `${BASE}/meetings/${d.meetingId}#item-${d.itemId}`);
  assert.ok(decision.summary["#text"].includes(`Vedtaket: ${TRICKY_READ}`), decision.summary["#text"]);
  assert.ok(decision.summary["#text"].startsWith("Prioritert"), "the outcome in the reader's language");

  const gatheringsFeed = await feed("gatherings");
  const gathering = gatheringsFeed.byId.get(tag(`gathering/${gatheringOpen}`));
  assert.ok(gathering, "the public gathering is in the feed");
  assert.equal(gathering.title["#text"], `Samling ${TRICKY_READ}`);
  assert.equal(gathering.link[0]!.href, `${BASE}/gatherings/${gatheringOpen}`);
  assert.ok(gathering.summary["#text"].includes("Stavanger"));

  const consultations = await feed("consultations");
  const consultation = consultations.byId.get(tag(`consultation/${consultationOpen}`));
  assert.ok(consultation, "the public consultation is in the feed");
  assert.equal(consultation.link[0]!.href, `${BASE}/consultations/${consultationOpen}`);
  assert.ok(consultation.summary["#text"].includes(`Innledning ${TRICKY_READ}`));

  const all = await feed("all");
  for (const key of [`decision/${d.id}`, `gathering/${gatheringOpen}`, `consultation/${consultationOpen}`])
    assert.ok(all.byId.has(tag(key)), `the feed of everything holds ${key}`);
  assert.equal(all.feed.link[1]!.href, `${BASE}/n/${rogaland.slug}`);

  // Escaped as text: no markup of the records' own reaches the document, nor the control character.
  for (const { res } of [decisions, gatheringsFeed, consultations, all]) {
    assert.ok(!res.body.includes("<script>"), "no markup from a record");
    assert.ok(!res.body.includes("\u0001"), "no character XML does not allow");
    assert.ok(res.body.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;Co&apos;"));
  }
  // In the reader's language.
  assert.match(
    (await new Session(t.app).get(`/n/${rogaland.slug}/feeds/decisions.atom?lang=en`)).body,
    /<title type="text">Decisions – Digi Rogaland<\/title>/,
  );
});

test("no feed holds a restricted record, whoever asks: not even the network's secretariat", async () => {
  const secretariat = await new Session(t.app).login("sek@feeds.example", PASSWORD);
  // The secretariat sees the restricted records on the pages: the markers are where a leak would show.
  assert.ok((await secretariat.get(`/n/${rogaland.slug}/decisions`)).body.includes(hidden("decisiontext")));
  assert.ok((await secretariat.get(`/gatherings/${planted.gatheringNetwork}`)).body.includes(hidden("gatheringtitle")));
  for (const session of [new Session(t.app), secretariat])
    for (const name of FEEDS) {
      const { res, byId } = await feed(name, session);
      assert.ok(!res.body.includes(`HIDDEN`), `${name}: ${res.body.match(/HIDDEN\w+/)?.[0]}`);
      assert.ok(!byId.has(tag(`gathering/${planted.gatheringNetwork}`)), `${name}: no gathering kept to the network`);
      assert.ok(!byId.has(tag(`consultation/${planted.review}`)), `${name}: no internal review round`);
    }
});

test("a gathering kept to the network after it was public leaves the feed at once, cached or not", async () => {
  const url = `/n/${rogaland.slug}/feeds/gatherings.atom`;
  const key = tag(`gathering/${planted.gatheringOpen}`);
  assert.ok((await feed("gatherings")).byId.has(key));
  // The same address again: from the page cache.
  const again = await new Session(t.app).get(url);
  assert.equal(again.headers["x-page-cache"], "hit");
  await t.database.db.update(gatherings).set({ visibility: "network" }).where(eq(gatherings.id, planted.gatheringOpen));
  try {
    assert.ok(!(await feed("gatherings")).byId.has(key), "gone from the gatherings' feed");
    assert.ok(!(await feed("all")).byId.has(key), "and from the feed of everything");
  } finally {
    await t.database.db.update(gatherings).set({ visibility: "public" }).where(eq(gatherings.id, planted.gatheringOpen));
  }
});

test("a reader that has the feed is answered 304 without it, from the page cache or not", async () => {
  const url = `/n/${rogaland.slug}/feeds/all.atom`;
  const first = await new Session(t.app).get(url);
  const etag = String(first.headers.etag);
  assert.match(etag, /^W\/"[\w-]+"$/);
  assert.ok(first.headers["last-modified"]);
  assert.equal(first.headers["cache-control"], "no-cache");
  const anonymous = await new Session(t.app).get(url, { "if-none-match": etag });
  assert.equal(anonymous.statusCode, 304);
  assert.equal(anonymous.headers["x-page-cache"], "hit");
  assert.equal(anonymous.body, "");
  // A signed-in reader's request runs the route itself, which answers the same.
  const secretariat = await new Session(t.app).login("sek@feeds.example", PASSWORD);
  const signedIn = await secretariat.get(url, { "if-none-match": etag });
  assert.equal(signedIn.statusCode, 304);
  assert.equal(signedIn.headers["x-page-cache"], undefined);
  assert.equal((await secretariat.get(url, { "if-none-match": 'W/"other"' })).statusCode, 200);
});

test("an unknown network or feed is not found", async () => {
  const anonymous = new Session(t.app);
  assert.equal((await anonymous.get("/n/no-such-network/feeds/decisions.atom")).statusCode, 404);
  assert.equal((await anonymous.get("/n/no-such-network/feeds/all.atom")).statusCode, 404);
  assert.equal((await anonymous.get(`/n/${rogaland.slug}/feeds/secrets.atom`)).statusCode, 404);
  assert.equal((await anonymous.get(`/n/${rogaland.slug}/feeds/decisions.rss`)).statusCode, 404);
});

test("the network's page and its lists announce their feeds, and the network's page lists them to subscribe to", async () => {
  const anonymous = new Session(t.app);
  const alternate = (href: string) =>
    new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="[^"]+" href="${href}"`);
  const page = (await anonymous.get(`/n/${rogaland.slug}?lang=en`)).body;
  for (const name of FEEDS) {
    assert.match(page, alternate(`/n/${rogaland.slug}/feeds/${name}.atom`));
    assert.match(page, new RegExp(`<a[^>]+href="/n/${rogaland.slug}/feeds/${name}.atom"`));
  }
  assert.match(page, /Subscribe in a feed reader/);
  assert.match(page, /title="Everything new – Digi Rogaland"/);
  for (const [list, name] of [
    ["decisions", "decisions"],
    ["gatherings", "gatherings"],
    ["consultations", "consultations"],
  ])
    assert.match((await anonymous.get(`/n/${rogaland.slug}/${list}`)).body, alternate(`/n/${rogaland.slug}/feeds/${name}.atom`));
});

test("a feed holds at most its limit, the newest", async () => {
  const when = { startsAt: new Date(Date.now() + 40 * 24 * 3600_000), endsAt: new Date(Date.now() + 41 * 24 * 3600_000) };
  const rows = await t.database.db
    .insert(gatherings)
    .values(
      Array.from({ length: FEED_LIMIT + 1 }, (_, i) => ({
        networkId: rogaland.id,
        kind: "webinar" as const,
        title: `Webinar ${i} ${run}`,
        ...when,
        updatedAt: new Date(Date.now() + i * 1000),
      })),
    )
    .returning({ id: gatherings.id });
  const { entries } = await feed("gatherings");
  assert.equal(entries.length, FEED_LIMIT);
  assert.equal(entries[0]!.id, tag(`gathering/${rows.at(-1)!.id}`), "the last changed first");
  assert.ok(!entries.some((e) => e.id === tag(`gathering/${rows[0]!.id}`)), "the oldest of them left out");
  assert.equal((await feed("all")).entries.length, FEED_LIMIT);
});
