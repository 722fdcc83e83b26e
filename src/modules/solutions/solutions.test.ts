import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { count, eq } from "drizzle-orm";
import { createTestApp, Session, type TestApp } from "../../../test/support/app.ts";
import { UserService } from "../../platform/auth/users.ts";
import { auditLog, users } from "../../platform/schema.ts";
import { VALID } from "./publiccode/publiccode.example.ts";
import { readPubliccode } from "./publiccode/publiccode.ts";
import { solutions } from "./schema.ts";

let t: TestApp;
let stavanger: { id: number; name: string };
let sandnes: { id: number; name: string };
const PASSWORD = "a representative's long password";

before(async () => {
  t = await createTestApp();
  const { networks, access } = t.app.services;
  const rogaland = (await networks.bySlug("digi-rogaland"))!;
  [stavanger, sandnes] = (await access.repo.memberOrganisations(rogaland.id)) as [typeof stavanger, typeof sandnes];
  await new UserService(t.database.db).createAdmin({ email: "rep@stavanger.example", password: PASSWORD, name: "Rep" });
  const [row] = await t.database.db
    .update(users)
    .set({ isAdmin: false })
    .where(eq(users.email, "rep@stavanger.example"))
    .returning();
  await access.repo.setAccess(rogaland.id, row!.id, "member", [stavanger.id]);
});
after(() => t.close());

const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]!.n;
const solutionCount = async () => (await t.database.db.select({ n: count() }).from(solutions))[0]!.n;

test("import through the page: errors are listed and the pasted text kept; a valid file creates the solution", async () => {
  const rep = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  await rep.get("/solutions/import");
  const before = [await solutionCount(), await auditCount()];
  const bad = await rep.post("/solutions/import?lang=en", {
    ownerOrganisationId: String(stavanger.id),
    publiccode: 'publiccodeYmlVersion: "0.4"\nname: Halv fil\n',
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Missing required key: url/);
  assert.match(bad.body, /Missing required key: legal.license/);
  assert.ok(bad.body.includes("name: Halv fil"), "the pasted text is kept");
  const noOwner = await rep.post("/solutions/import?lang=en", { ownerOrganisationId: "", publiccode: "name: [" });
  assert.match(
    noOwner.body,
    /Fill in this field[\s\S]*not valid YAML \(line 1\)/,
    "the owner and the file are reported together",
  );
  const foreign = await rep.post("/solutions/import?lang=en", { ownerOrganisationId: String(sandnes.id), publiccode: VALID });
  assert.equal(foreign.statusCode, 422);
  assert.match(foreign.body, /You can only choose organisations you act for/);
  assert.deepEqual([await solutionCount(), await auditCount()], before, "nothing saved");

  const uploaded = await rep.upload(
    "/solutions/import",
    { ownerOrganisationId: String(stavanger.id), publiccode: "" },
    { field: "file", filename: "publiccode.yml", data: Buffer.from(VALID), type: "application/yaml" },
  );
  assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 500));
  const id = Number(uploaded.headers.location?.match(/\/solutions\/(\d+)/)?.[1]);
  const solution = (await t.app.services.solutions.repo.byId(id))!;
  assert.equal(solution.name, "Kommunekart");
  assert.equal(solution.origin, "open_source");
  assert.equal(solution.ownerOrganisationId, stavanger.id);

  // Exported again, it reads back to the same fields.
  const exported = await new Session(t.app).get(`/solutions/${id}/publiccode.yml`);
  assert.equal(exported.statusCode, 200);
  assert.match(exported.headers["content-type"] as string, /yaml/);
  const again = readPubliccode(exported.body);
  assert.ok(again.ok, JSON.stringify(!again.ok && again.errors));
  assert.equal(again.value.name, "Kommunekart");
  assert.equal(again.value.licence, "EUPL-1.2");
  assert.equal(again.value.url, "https://git.example.org/kommunekart.git");
});

test("organisations say they use a solution; who else uses it shows on the solution and on the organisation", async () => {
  const rep = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  const [solution] = (await t.app.services.solutions.list({}, "name", 1, 0)).items;
  await rep.get(`/solutions/${solution!.id}`);
  const added = await rep.post(`/solutions/${solution!.id}/users`, {
    organisationId: String(stavanger.id),
    since: "2024-05-01",
    note: "Hele kommunen",
  });
  assert.equal(added.statusCode, 303);
  const notMine = await rep.post(`/solutions/${solution!.id}/users?lang=en`, { organisationId: String(sandnes.id) });
  assert.equal(notMine.statusCode, 422);
  const page = await new Session(t.app).get(`/solutions/${solution!.id}?lang=en`);
  assert.match(page.body, /Who else uses this\?/);
  assert.ok(page.body.includes(stavanger.name));
  const org = await new Session(t.app).get(`/organisations/${stavanger.id}?lang=en`);
  assert.match(org.body, /Solutions it uses[\s\S]*who else uses it\?/);
  assert.ok(org.body.includes(`/solutions/${solution!.id}`));
  const filtered = await t.app.services.solutions.list({ usedBy: stavanger.id }, "name", 50, 0);
  assert.ok(filtered.items.some((s) => s.id === solution!.id));
  // Through the API, the same rules: removing Sandnes' use is not the representative's to do.
  const api = await rep.api("DELETE", `/api/v1/solutions/${solution!.id}/users/${stavanger.id}`);
  assert.equal(api.statusCode, 204);
});

test("the API creates, reads and imports solutions, with a clear list of errors for a bad file", async () => {
  const rep = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  const created = await rep.api("POST", "/api/v1/solutions", {
    name: "Saksbehandler-app",
    origin: "in_house",
    maturity: "beta",
    ownerOrganisationId: stavanger.id,
    url: "https://git.example.org/sak",
  });
  assert.equal(created.statusCode, 201, created.body);
  const badUrl = await rep.api("PATCH", `/api/v1/solutions/${created.json().id}`, { url: "ikke en adresse" });
  assert.equal(badUrl.statusCode, 422);
  const bad = await rep.api("POST", "/api/v1/solutions/import", { ownerOrganisationId: stavanger.id, publiccode: "name: [" });
  assert.equal(bad.statusCode, 422);
  assert.equal(bad.json().error.code, "validation_failed");
  const listed = await new Session(t.app).api("GET", "/api/v1/solutions?q=saksbehandler");
  assert.ok(listed.json().items.some((s: { id: number }) => s.id === created.json().id));
  const other = await rep.api(
    "PATCH",
    `/api/v1/solutions/${(await t.app.services.solutions.list({ owner: sandnes.id }, "name", 1, 0)).items[0]?.id ?? 999999}`,
    {
      name: "Mine nå",
    },
  );
  assert.ok([403, 404].includes(other.statusCode));
});

test("the demo catalogue has solutions with users and introducing projects", async () => {
  const { items, total } = await t.app.services.solutions.list({}, "-users", 50, 0);
  assert.ok(total >= 24);
  const inNordland = await t.app.services.solutions.list({ network: "digi-nordland" }, "name", 50, 0);
  assert.ok(inNordland.total > 0 && inNordland.total < total, "a network's members offer or use some, not all");
  const page = await new Session(t.app).get("/solutions?network=digi-nordland&lang=en");
  assert.match(page.body, new RegExp(`Showing 1–${inNordland.total} of ${inNordland.total}`));
  assert.ok(items[0]!.userCount >= 3);
  const detail = await t.app.services.solutions.get(items.find((s) => s.name === "Innbyggerchat")!.id, null);
  assert.ok(detail.projects.length > 0);
});

test("a 60 kB name in publiccode.yml is reported as a name too long, with the limit, and nothing is saved", async () => {
  const long = readPubliccode(VALID.replace("name: Kommunekart", `name: ${"Kommunekart ".repeat(5000)}`));
  assert.ok(!long.ok);
  assert.deepEqual(
    long.errors.map((e) => [e.key, e.params?.key, e.params?.max]),
    [["errors.publiccodeTooLong", "name", 200]],
  );
  const categories = readPubliccode(VALID.replace("  - geographic-information-systems", `  - ${"c".repeat(101)}`));
  assert.ok(!categories.ok, "categories are refused, not cut to fit");
  const rep = await new Session(t.app).login("rep@stavanger.example", PASSWORD);
  await rep.get("/solutions/import");
  const before = [await solutionCount(), await auditCount()];
  for (const [lang, message] of [
    ["en", "name can have at most 200 characters, not 60000."],
    ["nb", "name kan ha høyst 200 tegn, ikke 60000."],
    ["nn", "name kan ha høgst 200 teikn, ikkje 60000."],
  ] as const) {
    const res = await rep.post(`/solutions/import?lang=${lang}`, {
      ownerOrganisationId: String(stavanger.id),
      publiccode: VALID.replace("name: Kommunekart", `name: ${"x".repeat(60_000)}`),
    });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.replace(/\s/g, " ").includes(message), lang);
    assert.doesNotMatch(res.body, /YAML/);
  }
  assert.deepEqual([await solutionCount(), await auditCount()], before);
});
