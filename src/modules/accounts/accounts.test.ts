import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { count, eq } from "drizzle-orm";
import { ADMIN, createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { startSmtpServer } from "../../../test/support/smtp.ts";
import { UserService } from "../../platform/auth/users.ts";
import { LOGIN_ACCOUNT } from "../../platform/http/throttle.ts";
import { authTokens, mailOutbox, sessions, users } from "../../platform/schema.ts";

const BASE = "https://samverk.test.example";

describe("password reset without SMTP: the mail waits in the outbox", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { SAMVERK_PUBLIC_URL: BASE } });
  });
  after(() => t.close());

  const mailCount = async () => (await t.database.db.select({ n: count() }).from(mailOutbox))[0]!.n;
  const linkIn = (body: string) => body.match(/https:\/\/samverk\.test\.example(\/password\/reset\/[\w-]+)/)?.[1];

  test("the answer is the same whether or not the address has an account", async () => {
    const s = new Session(t.app);
    await s.get("/password/forgot");
    const before = await mailCount();
    const unknown = await s.post("/password/forgot", { email: "nobody@example.no" });
    assert.equal(unknown.statusCode, 303);
    assert.equal(unknown.headers.location, "/password/forgot/sent");
    assert.equal(await mailCount(), before, "no mail for an unknown address");
    const known = await s.post("/password/forgot", { email: ADMIN.email.toUpperCase() });
    assert.equal(known.statusCode, 303);
    assert.equal(known.headers.location, "/password/forgot/sent");
    assert.equal(await mailCount(), before + 1);
    const malformed = await s.post("/password/forgot", { email: "not an address" });
    assert.equal(malformed.statusCode, 422);
    assert.ok(malformed.body.includes('value="not an address"'));
  });

  test("the link sets a new password once, signs out everywhere, and is refused afterwards", async () => {
    const other = await new Session(t.app).login();
    const s = new Session(t.app);
    await s.get("/password/forgot?lang=en");
    await s.post("/password/forgot", { email: ADMIN.email });
    const [mail] = await t.app.services.mail.outbox.to(ADMIN.email);
    assert.equal(mail!.subject, "A new password for Samverk");
    assert.ok(mail!.body.includes("60 minutes"));
    const path = linkIn(mail!.body);
    assert.ok(path, mail!.body);

    const form = await s.get(path);
    assert.equal(form.statusCode, 200);
    assert.equal(form.headers["referrer-policy"], "same-origin");
    const common = await s.post(path, { password: "1qaz2wsx3edc", repeat: "1qaz2wsx3edc" });
    assert.equal(common.statusCode, 422);
    assert.ok(common.body.includes("one of the most common passwords"));
    assert.ok(!common.body.includes("1qaz2wsx3edc"), "passwords are never echoed back");
    const short = await s.post(path, { password: "short", repeat: "short" });
    assert.ok(short.body.includes("at least 12 characters"));
    const mismatch = await s.post(path, { password: "a brand new passphrase", repeat: "another passphrase" });
    assert.ok(mismatch.body.includes("do not match"));

    const done = await s.post(path, { password: "a brand new passphrase", repeat: "a brand new passphrase" });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, "/login?reset=1");
    const [userRow] = await t.database.db.select().from(users).where(eq(users.email, ADMIN.email));
    const [left] = await t.database.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userRow!.id));
    assert.equal(left!.n, 0, "every session of the user has ended");
    const stale = await t.app.inject({ url: "/networks/new", headers: { cookie: other.cookies } });
    assert.equal(stale.statusCode, 303, "the other browser is signed out");

    await new Session(t.app).login(ADMIN.email, "a brand new passphrase");
    const reused = await s.get(path);
    assert.equal(reused.statusCode, 410);
    assert.ok(reused.body.includes("already been used"));
    const reusedPost = await s.post(path, { password: "yet another passphrase", repeat: "yet another passphrase" });
    assert.equal(reusedPost.statusCode, 410);
    await new Session(t.app).login(ADMIN.email, "a brand new passphrase");
  });

  test("expired, forged and malformed links are refused with a clear message and change nothing", async () => {
    const s = new Session(t.app);
    await s.get("/password/forgot?lang=en");
    await s.post("/password/forgot", { email: ADMIN.email });
    const [mail] = await t.app.services.mail.outbox.to(ADMIN.email);
    const path = linkIn(mail!.body)!;
    await t.database.db.update(authTokens).set({ expiresAt: new Date(Date.now() - 1000) });
    const expired = await s.get(path);
    assert.equal(expired.statusCode, 410);
    assert.ok(expired.body.includes("has expired"));
    const post = await s.post(path, { password: "does not matter at all", repeat: "does not matter at all" });
    assert.equal(post.statusCode, 410);
    const forged = await s.get("/password/reset/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    assert.equal(forged.statusCode, 404);
    assert.ok(forged.body.includes("do not recognise this link"));
    assert.equal((await s.get("/password/reset/%3Cscript%3E")).statusCode, 404);
    await new Session(t.app).login(ADMIN.email, "a brand new passphrase");
  });

  test("the administrator reads the outbox; nobody else does", async () => {
    assert.equal((await t.app.inject({ url: "/admin/outbox" })).statusCode, 303);
    const s = await new Session(t.app).login(ADMIN.email, "a brand new passphrase");
    const list = await s.get("/admin/outbox?lang=en");
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes("SMTP is not configured"));
    assert.ok(list.body.includes("A new password for Samverk"));
    const id = list.body.match(/href="\/admin\/outbox\/(\d+)"/)![1];
    const one = await s.get(`/admin/outbox/${id}?lang=en`);
    assert.equal(one.statusCode, 200);
    assert.ok(one.body.includes("/password/reset/"));
    assert.equal((await s.get("/admin/outbox/999999")).statusCode, 404);
  });
});

describe("mail through a real SMTP server", () => {
  test("a reset mail is delivered over SMTP and marked sent; a refusing server leaves it for a later attempt", async () => {
    const smtp = await startSmtpServer();
    const t = await createTestApp({
      env: { SAMVERK_PUBLIC_URL: BASE, SMTP_URL: smtp.url, SAMVERK_MAIL_FROM: "Samverk <samverk@test.example>" },
    });
    try {
      const s = new Session(t.app);
      await s.get("/password/forgot?lang=nn");
      await s.post("/password/forgot", { email: ADMIN.email });
      await t.app.services.mail.delivery.deliverDue();
      const mail = smtp.mails.find((m) => m.to.includes(ADMIN.email));
      assert.ok(mail, "delivered");
      assert.equal(mail.subject, "Nytt passord til Samverk");
      assert.equal(mail.from, "samverk@test.example");
      assert.ok(mail.text.includes("Lenkja verkar i 60 minutt"), mail.text);
      assert.match(smtp.linkTo(ADMIN.email), /^https:\/\/samverk\.test\.example\/password\/reset\/[\w-]+$/);
      const [row] = await t.app.services.mail.outbox.to(ADMIN.email);
      assert.equal(row!.status, "sent");
    } finally {
      await t.close();
      await smtp.close();
    }

    const refusing = await startSmtpServer({ reject: true });
    const t2 = await createTestApp({ env: { SMTP_URL: refusing.url } });
    try {
      const s = new Session(t2.app);
      await s.get("/password/forgot");
      await s.post("/password/forgot", { email: ADMIN.email });
      await t2.app.services.mail.delivery.deliverDue();
      const [row] = await t2.app.services.mail.outbox.to(ADMIN.email);
      assert.equal(row!.status, "pending");
      assert.equal(row!.attempts, 1);
      assert.match(row!.lastError ?? "", /550|mailbox unavailable/);
      assert.ok(row!.nextAttemptAt > new Date(), "retried later, not at once");
    } finally {
      await t2.close();
      await refusing.close();
    }
  });
});

describe("sessions", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { SAMVERK_SESSION_IDLE_MINUTES: "30" } });
  });
  after(() => t.close());

  const loginWith = async (userAgent: string) => {
    const s = new Session(t.app);
    await s.get("/login");
    const res = await t.app.inject({
      method: "POST",
      url: "/login",
      headers: { cookie: s.cookies, "content-type": "application/x-www-form-urlencoded", "user-agent": userAgent },
      payload: new URLSearchParams({ email: ADMIN.email, password: ADMIN.password, _csrf: s.token }).toString(),
    });
    assert.equal(res.statusCode, 303);
    const cookie = res.cookies.find((c: { name: string }) => c.name === "samverk_session")!;
    s.cookies = `${s.cookies}; samverk_session=${cookie.value}`;
    return s;
  };
  const signedIn = async (s: Session) =>
    (await t.app.inject({ url: "/account/sessions", headers: { cookie: s.cookies } })).statusCode === 200;

  test("a user sees their sessions and ends another one, or all others", async () => {
    const laptop = await loginWith("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0");
    const phone = await loginWith(
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1",
    );
    const page = await laptop.get("/account/sessions?lang=en");
    assert.ok(page.body.includes("Firefox / Windows (this one)"));
    assert.ok(page.body.includes("Safari / iOS"));
    // End the phone's session from the laptop.
    const ids = [...page.body.matchAll(/name="session" value="([^"]+)"/g)].map((m) => m[1]!);
    const rows = page.body.split("<tr");
    const phoneRow = rows.find((r) => r.includes("Safari / iOS"))!;
    const phoneSession = phoneRow.match(/name="session" value="([^"]+)"/)![1]!;
    assert.ok(ids.includes(phoneSession));
    const ended = await laptop.post("/account/sessions/end", { session: phoneSession });
    assert.equal(ended.statusCode, 303);
    assert.equal(await signedIn(phone), false, "the phone is signed out");
    assert.equal(await signedIn(laptop), true);

    const third = await loginWith("curl/8");
    await laptop.get("/account/sessions");
    await laptop.post("/account/sessions/end-others", {});
    assert.equal(await signedIn(third), false);
    assert.equal(await signedIn(laptop), true);
    const forged = await laptop.post("/account/sessions/end", { session: "not-a-session-of-mine" });
    assert.equal(forged.statusCode, 404);
    assert.equal((await t.app.inject({ url: "/account/sessions" })).statusCode, 303, "anonymous visitors sign in first");
  });

  test("a session ends after the idle timeout and at its absolute lifetime", async () => {
    const idle = await loginWith("idle");
    assert.equal(await signedIn(idle), true);
    await t.database.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) });
    assert.equal(await signedIn(idle), false);
    const old = await loginWith("old");
    await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) });
    assert.equal(await signedIn(old), false);
  });
});

describe("throttling sign-in", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  /** The sign-in form's token and cookies, as a browser (or a script) gets them. */
  const signInForm = async (ip: string, cookies = "") => {
    const form = await t.app.inject({ url: "/login", remoteAddress: ip, headers: { cookie: cookies } });
    const token = form.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const csrf = form.cookies.find((c: { name: string }) => c.name === "samverk_csrf");
    return { token, jar: [cookies, csrf ? `samverk_csrf=${csrf.value}` : ""].filter(Boolean).join("; ") };
  };
  const attempt = async (ip: string, email: string, password: string, cookies = "", form?: { token: string; jar: string }) => {
    const { token, jar } = form ?? (await signInForm(ip, cookies));
    return t.app.inject({
      method: "POST",
      url: "/login",
      remoteAddress: ip,
      headers: { cookie: jar, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ email, password, _csrf: token }).toString(),
    });
  };

  test("1 000 wrong passwords are throttled, and the real user still signs in afterwards", async () => {
    // The real user has signed in from their own browser before.
    const own = await attempt("198.51.100.7", ADMIN.email, ADMIN.password);
    assert.equal(own.statusCode, 303);
    const device = own.cookies.find((c: { name: string }) => c.name === "samverk_device")!;
    const deviceCookie = `samverk_device=${device.value}`;

    const statuses = new Map<number, number>();
    // A script fetches the form once and sends its token with every guess (fetching it 1 000 times
    // more took most of this test's time; the throttle, not the form, is what is tested here).
    const form = await signInForm("203.0.113.66");
    for (let i = 0; i < 1000; i++) {
      const res = await attempt("203.0.113.66", ADMIN.email, `wrong password number ${i}`, "", form);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    }
    assert.ok((statuses.get(401) ?? 0) <= 21, `only a few attempts were checked: ${JSON.stringify([...statuses])}`);
    assert.ok((statuses.get(429) ?? 0) >= 979, "the rest were refused without checking");
    const blocked = await attempt("203.0.113.66", ADMIN.email, ADMIN.password);
    assert.equal(blocked.statusCode, 429, "even the right password is refused from the attacking address");
    assert.ok(Number(blocked.headers["retry-after"]) > 0);

    // From another address the attacked account is slowed down too…
    const stranger = await attempt("192.0.2.44", ADMIN.email, ADMIN.password);
    assert.equal(stranger.statusCode, 429);
    assert.ok(stranger.body.includes("For mange forsøk"));
    // …but the real user's own browser is let through.
    const real = await attempt("198.51.100.7", ADMIN.email, ADMIN.password, deviceCookie);
    assert.equal(real.statusCode, 303);
  });

  test("30 wrong passwords sent at once are held like 30 in turn, and the owner's browser still signs in", async () => {
    const email = "at-once@test.samverk.example";
    await new UserService(t.database.db).createAdmin({ email, password: ADMIN.password, name: "At Once" });
    const own = await attempt("198.51.100.8", email, ADMIN.password);
    assert.equal(own.statusCode, 303);
    const device = own.cookies.find((c: { name: string }) => c.name === "samverk_device")!;

    const startedAt = Date.now();
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt("203.0.113.77", email, `wrong password number ${i}`)),
    );
    const seconds = (Date.now() - startedAt) / 1000;
    const checked = guesses.filter((r) => r.statusCode === 401).length;
    const refused = guesses.filter((r) => r.statusCode === 429).length;
    // In turn, the free attempts and one more (which starts the first wait) get their password checked,
    // and one more for each wait (2, 4, 8 … s) that ran out while the 30 were answered: on a loaded
    // machine answering them can take longer than the first wait of 2 s.
    let waitsOver = 0;
    while (2 ** (waitsOver + 2) - 2 <= seconds) waitsOver++;
    assert.ok(checked <= LOGIN_ACCOUNT.free + 1 + waitsOver, `${checked} passwords checked in ${seconds} s`);
    assert.equal(checked + refused, 30);

    const owner = await attempt("198.51.100.8", email, ADMIN.password, `samverk_device=${device.value}`);
    assert.equal(owner.statusCode, 303, "the owner's own browser is not held by attacks on the address");
  });

  test("throttled answers are the same for registered and unknown addresses", async () => {
    for (let i = 0; i < 7; i++) await attempt(`192.0.2.${100 + i}`, "nobody@example.no", "wrong password here");
    const unknown = await attempt("192.0.2.200", "nobody@example.no", "wrong password here");
    assert.equal(unknown.statusCode, 429, "unknown addresses are throttled exactly like known ones");
  });
});
