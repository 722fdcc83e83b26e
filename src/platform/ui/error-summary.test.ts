import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { UserService } from "../auth/users.ts";
import { requiredId, toFieldErrors } from "../http/validation.ts";
import { users } from "../schema.ts";

// The error summary names each field by its visible label, says what is wrong with it and links to
// it (GOV.UK), in every language, for every form, without the form repeating its labels.

let t: TestApp;
let stavanger: { id: number; name: string };
let sandnes: { id: number; name: string };
const PASSWORD = "a representative's long password";

async function account(email: string, networkId: number, role: "member" | "secretariat", organisationIds: number[] = []) {
  await new UserService(t.database.db).createAdmin({ email, password: PASSWORD, name: email.split("@")[0] });
  const [row] = await t.database.db.update(users).set({ isAdmin: false }).where(eq(users.email, email)).returning();
  await t.app.services.access.repo.setAccess(networkId, row!.id, role, organisationIds);
}

before(async () => {
  t = await createTestApp();
  const { networks, access } = t.app.services;
  const rogaland = (await networks.bySlug("digi-rogaland"))!;
  [stavanger, sandnes] = (await access.repo.memberOrganisations(rogaland.id)) as [typeof stavanger, typeof sandnes];
  await account("rep@stavanger.example", rogaland.id, "member", [stavanger.id]);
  await account("rep@sandnes.example", rogaland.id, "member", [sandnes.id]);
});
after(() => t.close());

/** The summary's lines as text, each with the field it links to. */
function summaryLines(html: string): { href: string; text: string }[] {
  const summary = html.match(/<ds-error-summary[\s\S]*?<\/ds-error-summary>/)?.[0];
  assert.ok(summary, "an error summary");
  return [...summary.matchAll(/<li><a class="ds-link" href="([^"]+)">([^<]*)<\/a><\/li>/g)].map((m) => ({
    href: m[1]!,
    text: m[2]!.replace(/&#39;|&apos;/g, "'"),
  }));
}

test("a 100 kB e-mail address on sign-in: the summary names the field and its limit in nb, nn and en", async () => {
  const expected = {
    nb: "E-postadresse: Teksten kan ha høyst 254 tegn.",
    nn: "E-postadresse: Teksten kan ha høgst 254 teikn.",
    en: "Email address: The text can have at most 254 characters.",
  };
  for (const [lang, line] of Object.entries(expected)) {
    const visitor = new Session(t.app);
    await visitor.get(`/login?lang=${lang}`);
    const res = await visitor.post(`/login?lang=${lang}`, { email: `${"a".repeat(100_000)}@kommune.no`, password: "x" });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(summaryLines(res.body), [{ href: "#field-email", text: line }], lang);
    assert.ok(res.body.includes('id="field-email"'), "the link's target exists");
  }
  const empty = new Session(t.app);
  await empty.get("/login?lang=en");
  const res = await empty.post("/login?lang=en", { email: "", password: "" });
  assert.deepEqual(summaryLines(res.body), [
    { href: "#field-email", text: "Email address: Fill in this field." },
    { href: "#field-password", text: "Password: Fill in this field." },
  ]);
});

test("a big form: every line names its field's label, a wrong type is 'not valid', an over-long text 'at most'", async () => {
  const rep = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  await rep.get("/n/digi-rogaland/projects/new?lang=en");
  const res = await rep.post("/n/digi-rogaland/projects?lang=en", {
    title: "",
    summary: "x".repeat(301),
    kind: "regional",
    sector: "health_care",
    ownerOrganisationId: "abc",
    startDate: "2027-13-01",
    visibility: "public",
  });
  assert.equal(res.statusCode, 422);
  assert.deepEqual(summaryLines(res.body), [
    { href: "#field-title", text: "Title: Fill in this field." },
    { href: "#field-summary", text: "Short summary: The text can have at most 300 characters." },
    { href: "#field-ownerOrganisationId", text: "Owner: This value is not valid." },
    { href: "#field-startDate", text: "Start date: Write the date as yyyy-mm-dd, for example 2026-01-01." },
  ]);
  // The form around the summary is whole: its token, the fields with the input kept, and the button.
  const form = res.body.match(/<form method="post" action="\/n\/digi-rogaland\/projects"[\s\S]*?<\/form>/)?.[0] ?? "";
  assert.ok(form.indexOf("<ds-error-summary") < form.indexOf('id="field-title"'), "the summary comes first");
  assert.match(form, /name="_csrf" value="[^"]+"/);
  assert.ok(form.includes(`value="${"x".repeat(301)}"`) || form.includes(`>${"x".repeat(301)}<`), "input kept");
  assert.match(form, /<button class="ds-button" data-variant="primary" type="submit">/);
  const nn = await rep.post("/n/digi-rogaland/projects?lang=nn", { title: "", kind: "regional", sector: "health_care" });
  assert.deepEqual(summaryLines(nn.body)[0], { href: "#field-title", text: "Tittel: Fyll ut feltet." });
});

test("organisationId=abc is 'choose one of the options', not 'fill in', and an empty one is 'fill in'", async () => {
  const lead = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  await lead.get("/n/digi-rogaland/projects/new");
  const made = await lead.post("/n/digi-rogaland/projects", {
    title: "Felles innbyggerdialog",
    kind: "regional",
    sector: "health_care",
    ownerOrganisationId: String(stavanger.id),
    visibility: "public",
  });
  assert.equal(made.statusCode, 303);
  const id = Number(made.headers.location?.match(/\/projects\/(\d+)/)?.[1]);
  const asker = await new Session(t.app).login("rep@sandnes.example", PASSWORD);
  await asker.get(`/projects/${id}?lang=en`);
  const wrong = await asker.post(`/projects/${id}/join?lang=en`, { organisationId: "abc", role: "participant" });
  assert.equal(wrong.statusCode, 422);
  const [line] = summaryLines(wrong.body);
  assert.equal(line?.href, "#field-join-organisationId");
  assert.match(line?.text ?? "", /: Choose one of the options\.$/);
  assert.doesNotMatch(wrong.body, /Fill in this field/);
  await asker.get(`/projects/${id}?lang=en`);
  const empty = await asker.post(`/projects/${id}/join?lang=en`, { organisationId: "", role: "participant" });
  assert.match(summaryLines(empty.body)[0]?.text ?? "", /: Fill in this field\.$/);
});

test("a chosen id: missing is 'fill in', anything that is not an id is 'choose one of the options'", () => {
  const key = (value: unknown) => {
    const parsed = requiredId.safeParse(value);
    return parsed.success ? parsed.data : toFieldErrors(parsed.error)[0]?.key;
  };
  for (const missing of [undefined, null, "", "  "]) assert.equal(key(missing), "errors.required", String(missing));
  for (const wrong of ["abc", "-3", "1.5", "0", 0, "99999999999", [1, 2], {}])
    assert.equal(key(wrong), "errors.choice", String(wrong));
  assert.equal(key("42"), 42);
  assert.equal(key(" 42 "), 42);
  assert.equal(key(7), 7);
});

test("a wrong type is 'not valid', a missing value 'fill in', an over-long one 'at most N characters'", () => {
  const schema = z.object({ name: z.string().max(5), count: z.number().optional(), on: z.boolean() });
  const keys = (input: unknown) => {
    const parsed = schema.safeParse(input);
    return parsed.success ? [] : toFieldErrors(parsed.error).map((e) => [e.field, e.key, e.params?.max]);
  };
  assert.deepEqual(keys({ name: 5, count: "x", on: "yes" }), [
    ["name", "errors.invalid", undefined],
    ["count", "errors.invalid", undefined],
    ["on", "errors.invalid", undefined],
  ]);
  assert.deepEqual(keys({ name: null }), [
    ["name", "errors.required", undefined],
    ["on", "errors.required", undefined],
  ]);
  assert.deepEqual(keys({ name: "x".repeat(6), on: true }), [["name", "errors.tooLong", 5]]);
});

test("a problem of the whole form is said in the summary without a link to a field that is not there", async () => {
  const { renderToString } = await import("preact-render-to-string");
  const { ErrorSummary } = await import("./components.tsx");
  const { i18nFor } = await import("../i18n/i18n.ts");
  const summary = ErrorSummary({
    form: {
      values: {},
      errors: [
        { field: "_", key: "errors.choice" },
        { field: "title", key: "errors.required" },
      ],
    },
    t: i18nFor("en").t,
  });
  assert.ok(summary);
  const html = renderToString(summary);
  assert.doesNotMatch(html, /href="#field-_"/);
  assert.match(html, /Choose one of the options/);
  assert.match(html, /href="#field-title"/);
});
