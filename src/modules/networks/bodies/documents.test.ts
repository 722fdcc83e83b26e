import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { count, eq } from "drizzle-orm";
import { createTestApp, Session, type TestApp } from "../../../../test/support/app.ts";
import { systemActor } from "../../../platform/access/actor.ts";
import { UserService } from "../../../platform/auth/users.ts";
import { files, users } from "../../../platform/schema.ts";

let t: TestApp;
let bodyUrl = "";
const PASSWORD = "a long password for documents";
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(2000, 0x41), Buffer.from("\n%%EOF\n")]);

async function account(email: string, networkSlug: string, role: "member" | "secretariat") {
  await new UserService(t.database.db).createAdmin({ email, password: PASSWORD, name: email });
  const [row] = await t.database.db.update(users).set({ isAdmin: false }).where(eq(users.email, email)).returning();
  const network = (await t.app.services.networks.bySlug(networkSlug))!;
  await t.app.services.access.repo.setAccess(network.id, row!.id, role, []);
  return new Session(t.app).login(email, PASSWORD);
}
const fileCount = async () => (await t.database.db.select({ n: count() }).from(files))[0]!.n;

before(async () => {
  t = await createTestApp({ env: { SAMVERK_UPLOAD_MAX_MB: "1" } });
  const body = await t.app.services.networks.createBody(systemActor(), "digi-rogaland", {
    kind: "working_group",
    name: "Documents group",
  });
  assert.ok(body.ok);
  bodyUrl = `/n/digi-rogaland/bodies/${body.value.id}`;
});
after(() => t.close());

test("the secretariat uploads a document; anyone downloads it as an attachment that cannot run", async () => {
  const secretariat = await account("docs-sek@rogaland.example", "digi-rogaland", "secretariat");
  await secretariat.get(bodyUrl);
  const res = await secretariat.upload(
    `${bodyUrl}/documents`,
    { title: "Mandat 2026", visibility: "public" },
    { field: "file", filename: "mandat.pdf", data: PDF, type: "text/html" },
  );
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  const page = await new Session(t.app).get(`${bodyUrl}?lang=en`);
  const href = page.body.match(/href="([^"]+\/documents\/\d+)"/)?.[1];
  assert.ok(href && page.body.includes("Mandat 2026"));
  const download = await t.app.inject({ url: href });
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers["content-type"], "application/pdf", "the type comes from the content, not the browser's claim");
  assert.match(String(download.headers["content-disposition"]), /^attachment; filename="mandat\.pdf"/);
  assert.equal(download.headers["x-content-type-options"], "nosniff");
  assert.match(String(download.headers["content-security-policy"]), /sandbox/);
  assert.ok(download.rawPayload.equals(PDF));
  const history = await t.app.services.audit.history("body_document", href.split("/").pop()!);
  assert.equal(history[0]?.action, "create");
});

test("a file of the wrong kind, a file too large or no file is refused with a message, keeps what was typed and stores nothing", async () => {
  const secretariat = await new Session(t.app).login("docs-sek@rogaland.example", PASSWORD);
  await secretariat.get(`${bodyUrl}?lang=en`);
  const before = await fileCount();
  const html = await secretariat.upload(
    `${bodyUrl}/documents?lang=en`,
    { title: "Looks like a PDF", visibility: "network" },
    { field: "file", filename: "evil.pdf", data: Buffer.from("<html><script>alert(1)</script></html>") },
  );
  assert.equal(html.statusCode, 422);
  assert.ok(html.body.includes("Samverk only accepts these file types"));
  assert.ok(html.body.includes('value="Looks like a PDF"'), "the title typed is kept");
  assert.match(html.body, /<option[^>]*value="network"[^>]*selected/);
  const exe = await secretariat.upload(
    `${bodyUrl}/documents?lang=en`,
    { title: "Program" },
    { field: "file", filename: "setup.exe", data: Buffer.from("MZ\x90\x00") },
  );
  assert.equal(exe.statusCode, 422);
  const big = await secretariat.upload(
    `${bodyUrl}/documents?lang=en`,
    { title: "Big" },
    { field: "file", filename: "big.pdf", data: Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]) },
  );
  assert.equal(big.statusCode, 422);
  assert.ok(big.body.includes("The file is too large. It can be at most 1 MB."));
  const none = await secretariat.upload(
    `${bodyUrl}/documents?lang=en`,
    { title: "" },
    { field: "file", filename: "", data: Buffer.alloc(0) },
  );
  assert.equal(none.statusCode, 422);
  assert.ok(none.body.includes("Choose a file."));
  const forged = await secretariat.upload(
    `${bodyUrl}/documents`,
    { title: "No token" },
    { field: "file", filename: "a.pdf", data: PDF },
    { csrf: "forged" },
  );
  assert.equal(forged.statusCode, 403);
  assert.equal(await fileCount(), before);
});

test("members and other networks' secretariats cannot upload or delete; a body-only document is hidden from all but its members", async () => {
  const member = await account("docs-member@rogaland.example", "digi-rogaland", "member");
  const other = await account("docs-other@nordland.example", "digi-nordland", "secretariat");
  const before = await fileCount();
  for (const s of [member, other]) {
    await s.get(bodyUrl);
    const res = await s.upload(`${bodyUrl}/documents`, { title: "Not mine" }, { field: "file", filename: "a.pdf", data: PDF });
    assert.equal(res.statusCode, 403);
  }
  assert.equal(await fileCount(), before);

  const secretariat = await new Session(t.app).login("docs-sek@rogaland.example", PASSWORD);
  await secretariat.get(bodyUrl);
  await secretariat.upload(
    `${bodyUrl}/documents`,
    { title: "Closed minutes", visibility: "body" },
    { field: "file", filename: "minutes.txt", data: Buffer.from("Møtereferat\n") },
  );
  const page = await secretariat.get(bodyUrl);
  const href = [...page.body.matchAll(/href="([^"]+\/documents\/\d+)"[^>]*>Closed minutes/g)][0]?.[1];
  assert.ok(href);
  assert.equal((await secretariat.get(href)).statusCode, 200);
  assert.equal((await member.get(href)).statusCode, 404);
  assert.equal((await new Session(t.app).get(href)).statusCode, 404);
  assert.ok(!(await member.get(bodyUrl)).body.includes("Closed minutes"));

  assert.equal((await other.post(`${href}/delete`, {})).statusCode, 403);
  assert.equal((await secretariat.post(`${href}/delete`, {})).statusCode, 303);
  assert.equal((await secretariat.get(href)).statusCode, 404);
  assert.equal(await fileCount(), before + 0, "the file went with the document");
});

test("routes that take no files refuse multipart posts before reading them", async () => {
  const secretariat = await new Session(t.app).login("docs-sek@rogaland.example", PASSWORD);
  await secretariat.get("/n/digi-rogaland/edit");
  const res = await secretariat.upload(
    "/n/digi-rogaland?lang=en",
    { name: "Changed" },
    { field: "file", filename: "a.pdf", data: PDF },
  );
  assert.equal(res.statusCode, 415);
  assert.ok(res.body.includes("This address does not take files."));
  const network = await t.app.services.networks.bySlug("digi-rogaland");
  assert.equal(network?.name, "Digi Rogaland");
});
