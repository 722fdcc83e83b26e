import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { after, before, test } from "node:test";
import { inflateRawSync } from "node:zlib";
import { eq, max, sql } from "drizzle-orm";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { createTestApp, mergeCookies, type TestApp } from "../../../test/support/app.ts";
import { people } from "../../modules/directory/schema.ts";
import { needs } from "../../modules/needs/schema.ts";
import { publishEvent } from "../activity/activity.ts";
import { SESSION_COOKIE } from "../auth/sessions.ts";
import { auditLog, users } from "../schema.ts";
import { type Actor, systemActor } from "./actor.ts";

/**
 * The sweep (issue 19): restricted things of every kind are planted in a second network (Digi
 * Nordland), each carrying a marker ("LEAK-<kind>-<run>"), and every route in the route table is
 * requested as every role of the first network (Digi Rogaland): reads with every planted id the
 * route's path can take, lists and search pages also with the run's token as query, writes with
 * the first and the last planted id and a body that names the second network's ids. No role here
 * belongs to the second network, so any marker in any answer (headers, HTML, JSON, CSV, calendar,
 * workbook cells) is a leak, unless the request itself carried it; and any change to the second
 * network's rows (a fingerprint of them, taken after every write that was let in or audited) is a
 * write across networks.
 *
 * A route joins the sweep by being in the route table. Its path parameters are filled by the first
 * rule in FILL whose pattern matches the route (a path prefix); a route with a parameter no rule
 * fills fails the first test until a rule is added. Markers go only where an outsider must not
 * look; strategies and consultations are public by design, so they carry markers only in what is
 * not (input kept from the public, personal data, internal handling, review rounds).
 */

const FIRST = "digi-rogaland";
const SECOND = "digi-nordland";
/** This run's token, in every marker: letters only, so full-text search and slugs keep it whole. */
const RUN = Array.from({ length: 7 }, () => String.fromCharCode(97 + randomInt(26))).join("");
const ROLES = ["anonymous", "signed-in", "member", "representative", "committee", "secretariat"] as const;
type Role = (typeof ROLES)[number];

// Markers

/** What each marker was planted in, by its kind (lower case, as slugs and e-mail addresses keep it). */
const planted = new Map<string, string>();
/** A marker: "LEAK-<kind>-<run>"; kinds are letters and digits only. */
function marker(kind: string, what: string): string {
  assert.match(kind, /^[a-zA-Z0-9]+$/);
  assert.ok(!planted.has(kind.toLowerCase()), `marker kind ${kind} planted twice`);
  planted.set(kind.toLowerCase(), what);
  return `LEAK-${kind}-${RUN}`;
}
/** The smallest PNG, for a picture kept with a restricted record. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
/** An e-mail address that is a marker. */
const markerEmail = (kind: string, what: string) => `${marker(kind, what).toLowerCase()}@nordland.example`;
/** Phone numbers hold no letters: a phone marker is its digits, found as they are. */
const phones = new Map<string, string>();
function markerPhone(kind: string, what: string): string {
  const digits = `4799${String(randomInt(1_000_000)).padStart(6, "0")}`;
  phones.set(digits, kind.toLowerCase());
  planted.set(kind.toLowerCase(), what);
  return `+${digits}`;
}
const MARKER = new RegExp(`leak-([a-z0-9]+)-${RUN}`, "gi");

/** Every marker holds the run's token, whole (it is one word): most answers are passed at once. */
const mayHold = (text: string) => text.toLowerCase().includes(RUN) || [...phones.keys()].some((digits) => text.includes(digits));

/** The markers' kinds found in a text. */
function markersIn(text: string): Set<string> {
  const found = new Set<string>();
  if (!mayHold(text)) return found;
  for (const m of text.matchAll(MARKER)) found.add(m[1]!.toLowerCase());
  for (const [digits, kind] of phones) if (text.includes(digits)) found.add(kind);
  return found;
}

// Decoding answers

/** The entries of a ZIP archive (stored or deflated), as text. */
function unzip(archive: Buffer): string[] {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return [];
  const entries = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const texts: string[] = [];
  for (let i = 0; i < entries && archive.readUInt32LE(at) === 0x02014b50; i++) {
    const method = archive.readUInt16LE(at + 10);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const local = archive.readUInt32LE(at + 42);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const raw = archive.subarray(start, start + size);
    texts.push((method === 8 ? inflateRawSync(raw) : raw).toString("utf8"));
    at += 46 + nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
  }
  return texts;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", shy: "" };
/** Markup's text: tags dropped (a search page may wrap half a marker in <mark>), entities decoded. */
const textOf = (markup: string) =>
  markup
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) =>
      e[0] === "#"
        ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
        : (ENTITIES[e.toLowerCase()] ?? whole),
    );

/** Everything an answer says, decoded: headers, the body as sent, its text, a workbook's cells, a calendar unfolded. */
function decode(res: LightMyRequestResponse): string {
  const parts = [JSON.stringify(res.headers)];
  const bytes = res.rawPayload;
  const type = String(res.headers["content-type"] ?? "");
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    for (const xml of unzip(bytes)) parts.push(xml, textOf(xml));
    return parts.join("\n");
  }
  let body = bytes.toString("utf8");
  // A calendar folds its lines at 75 octets, anywhere in a word.
  if (/calendar/.test(type) || body.startsWith("BEGIN:VCALENDAR")) body = body.replace(/\r?\n[ \t]/g, "");
  parts.push(body);
  if (!mayHold(body)) return parts.join("\n");
  if (/html|xml/.test(type) || body.trimStart().startsWith("<")) parts.push(textOf(body));
  if (/json/.test(type)) {
    try {
      parts.push(JSON.stringify(JSON.parse(body)));
    } catch {}
  }
  return parts.join("\n");
}

// A browser of one role

class Client {
  cookies = "";
  csrf = "";
  constructor(
    private readonly app: FastifyInstance,
    readonly role: Role,
  ) {}

  private remember(res: LightMyRequestResponse) {
    this.cookies = mergeCookies(this.cookies, res);
    const token = res.body.match(/name="_csrf" value="([^"]+)"/);
    if (token) this.csrf = token[1]!;
  }

  async get(url: string) {
    const res = await this.app.inject({ method: "GET", url, headers: { cookie: this.cookies } });
    this.remember(res);
    return res;
  }

  /** A form post as a browser sends it: urlencoded, with the CSRF token of the last form seen. */
  async form(method: string, url: string, fields: Record<string, unknown>, remoteAddress?: string) {
    if (!this.csrf) await this.get("/login");
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields))
      for (const item of Array.isArray(v) ? v : [v]) if (item !== undefined && item !== null) body.append(k, String(item));
    body.append("_csrf", this.csrf);
    const options: InjectOptions = {
      method: method as "POST",
      url,
      headers: { cookie: this.cookies, "content-type": "application/x-www-form-urlencoded" },
      payload: body.toString(),
      ...(remoteAddress ? { remoteAddress } : {}),
    };
    const res = await this.app.inject(options);
    this.remember(res);
    return res;
  }

  /** A JSON API call. */
  async json(method: string, url: string, payload: unknown) {
    const res = await this.app.inject({
      method: method as "POST",
      url,
      headers: { cookie: this.cookies, "content-type": "application/json" },
      payload: JSON.stringify(payload),
    });
    this.remember(res);
    return res;
  }

  /**
   * Signs in as the account: a new session from the session store, as the sign-in form starts one
   * (without a password to hash, which would make the sweep's many new sign-ins slow).
   */
  async signIn(userId: number) {
    const { token } = await t.app.services.sessions.create(userId);
    this.cookies = `${SESSION_COOKIE}=${token}`;
    this.csrf = "";
    assert.equal((await this.get("/account/sessions")).statusCode, 200, `${this.role} is signed in`);
    return this;
  }
}

// The app, the plants and the roles

let t: TestApp;
let N: Awaited<ReturnType<typeof plant>>;
const clients = new Map<Role, Client>();
const accounts = new Map<Role, number>();
const tr = (key: string) => key;

/** An account without a password: the sweep signs it in with a session of its own. */
async function makeUser(email: string, name = email.split("@")[0]!): Promise<number> {
  const [row] = await t.database.db.insert(users).values({ email, name }).returning();
  return row!.id;
}

function must<T>(result: { ok: true; value: T } | { ok: false; errors?: unknown }, what: string): T {
  assert.ok(result.ok, `planting ${what}: ${JSON.stringify((result as { errors?: unknown }).errors)}`);
  return (result as { value: T }).value;
}

const file = (kind: string, what: string) => ({
  filename: `${marker(`${kind}file`, `${what}: its file name`).toLowerCase()}.txt`,
  data: Buffer.from(`${marker(`${kind}content`, `${what}: its content`)}\n`),
  truncated: false,
});

/**
 * Plants the second network's restricted records, every one through the services as the system.
 * Markers go only where an outsider must not look: restricted records, and the non-public parts
 * of public ones (a private phone number, a decision marked non-public, personal data in input).
 */
async function plant() {
  const s = t.app.services;
  const actor = systemActor("sweep");
  const db = t.database.db;
  const network = (await s.networks.bySlug(SECOND))!;
  const first = (await s.networks.bySlug(FIRST))!;
  const firstMembers = new Set((await s.access.repo.memberOrganisations(first.id)).map((o) => o.id));
  const orgs = (await s.access.repo.memberOrganisations(network.id)).map((o) => o.id).filter((id) => !firstMembers.has(id));
  assert.ok(orgs.length >= 3, "the second network has members of its own");
  const [orgA, orgB, orgC] = orgs as [number, number, number];
  const slug = SECOND;

  // People: public names, private e-mail and phone (none is a published contact).
  const person = async (kind: string, name: string) =>
    must(
      await s.directory.createPerson(actor, {
        name,
        organisationId: orgA,
        email: markerEmail(`${kind}Email`, `${name}: private e-mail`),
        phone: markerPhone(`${kind}Phone`, `${name}: private phone`),
      }),
      name,
    ).id;
  const personOpen = await person("personOpen", "Sweep Person On Open Body");
  const personHidden = await person("personHidden", "Sweep Person On Hidden Bodies");
  const personAssessor = await person("personAssessor", "Sweep Assessor");

  // Bodies: members-only and body-only working committees, and an open group.
  const body = async (kind: string, visibility: string, bodyKind: string, what: string) =>
    must(
      await s.networks.createBody(actor, slug, {
        kind: bodyKind,
        name: marker(`${kind}Name`, `${what}: name`),
        mandate: marker(`${kind}Mandate`, `${what}: mandate`),
        visibility,
      }),
      what,
    ).id;
  const bodyNet = await body("bodyNet", "network", "working_committee", "members-only working committee");
  const bodyBody = await body("bodyBody", "body", "working_committee", "body-only working committee");
  const bodyOpen = must(
    await s.networks.createBody(actor, slug, { kind: "working_group", name: "Sweep Open Group", visibility: "public" }),
    "open body",
  ).id;
  for (const [bodyId, personId] of [
    [bodyOpen, personOpen],
    [bodyNet, personHidden],
    [bodyBody, personHidden],
    [bodyNet, personAssessor],
    [bodyBody, personAssessor],
  ] as const)
    must(await s.networks.addBodyMember(actor, slug, bodyId, { personId, role: "leader", organisationId: orgA }), "seat");
  const seats = await s.networks.repo.membersOfBodies([bodyNet, bodyBody, bodyOpen]);
  const bodyDocs = new Map<number, number[]>();
  const bodyDoc = async (bodyId: number, kind: string, visibility: string, what: string) => {
    const id = must(
      await s.networks.addDocument(
        actor,
        slug,
        bodyId,
        { title: marker(`${kind}Title`, `${what}: title`), visibility, file: file(kind, what) },
        1 << 20,
      ),
      what,
    );
    bodyDocs.set(bodyId, [...(bodyDocs.get(bodyId) ?? []), id]);
  };
  await bodyDoc(bodyNet, "docOfBodyNet", "public", "public document of a members-only body");
  await bodyDoc(bodyBody, "docOfBodyBody", "network", "members-only document of a body-only body");
  await bodyDoc(bodyOpen, "docNetOfOpen", "network", "members-only document of an open body");
  await bodyDoc(bodyOpen, "docBodyOfOpen", "body", "body-only document of an open body");

  // Accounts of the second network: a member (with a saved view and a token) and an assessor.
  const memberEmail = markerEmail("userEmail", "second network member: e-mail");
  const memberUser = await makeUser(memberEmail, marker("userName", "second network member: name"));
  await s.access.repo.setAccess(network.id, memberUser, "member", [orgA]);
  const assessorUser = await makeUser(markerEmail("assessorEmail", "assessor account: e-mail"), "Sweep Assessor");
  await s.access.repo.setAccess(network.id, assessorUser, "member", []);
  await s.access.repo.linkPerson(assessorUser, personAssessor, { confirmed: true });
  const as = (userId: number): Actor => ({ ...actor, userId, label: "Sweep user" });
  const view = must(
    await s.projects.saveView(
      as(memberUser),
      { name: marker("savedView", "a member's saved view"), kind: "projects", query: "" },
      () => true,
    ),
    "saved view",
  ).id;
  must(
    await s.apiTokens.create(as(memberUser), { name: marker("apiToken", "a member's API token"), scopes: ["read"], days: 30 }),
    "token",
  );
  const [token] = await rows<{ id: number }>(sql`select id from api_tokens where user_id = ${memberUser}`);
  const invitation = must(
    await s.invitations.invite(
      actor,
      {
        email: markerEmail("inviteeEmail", "invitation: e-mail"),
        name: marker("inviteeName", "invitation: name"),
        networkId: network.id,
      },
      tr,
    ),
    "invitation",
  );

  // Projects kept to the members and to one body, with everything a project holds.
  const colours = { overall: "red", time: "red", cost: "red", quality: "red", risk: "red", benefit: "red" };
  const project = async (kind: string, visibility: string, bodyId: number | null, what: string) => {
    const id = must(
      await s.projects.create(actor, network.id, {
        title: marker(`${kind}Title`, `${what}: title`),
        summary: marker(`${kind}Summary`, `${what}: summary`),
        description: marker(`${kind}Description`, `${what}: description`),
        problem: marker(`${kind}Problem`, `${what}: problem`),
        kind: "regional",
        sector: "other",
        ownerOrganisationId: orgA,
        contactPersonId: personHidden,
        tags: [marker(`${kind}Tag`, `${what}: tag`).toLowerCase()],
        visibility,
        bodyId,
      }),
      what,
    ).id;
    must(await s.projects.setParticipant(actor, id, { organisationId: orgB, role: "participant" }), "participant");
    const report = must(
      await s.projects.addReport(actor, id, {
        reportDate: "2027-01-01",
        ...colours,
        overallComment: marker(`${kind}Report`, `${what}: status report`),
      }),
      "report",
    ).id;
    const benefit = must(
      await s.projects.addBenefit(actor, id, {
        title: marker(`${kind}Benefit`, `${what}: benefit`),
        type: "time",
        indicator: marker(`${kind}Indicator`, `${what}: benefit indicator`),
        unit: "t",
        baseline: 1,
        target: 2,
        ownerPersonId: personHidden,
      }),
      "benefit",
    ).id;
    const measurement = must(
      await s.projects.addMeasurement(actor, id, benefit, {
        measuredOn: "2027-01-01",
        value: 1.5,
        note: marker(`${kind}Measurement`, `${what}: measurement note`),
      }),
      "measurement",
    ).id;
    const funding = must(
      await s.projects.addFunding(actor, id, { source: marker(`${kind}Funding`, `${what}: funding source`), applied: 100 }),
      "funding",
    ).id;
    const link = must(
      await s.projects.addLink(actor, id, {
        title: marker(`${kind}Link`, `${what}: link title`),
        url: `https://example.org/${marker(`${kind}Url`, `${what}: link address`)}`,
      }),
      "link",
    ).id;
    const document = must(
      await s.projects.addDocument(
        actor,
        id,
        { title: marker(`${kind}Doc`, `${what}: document`), file: file(`${kind}Doc`, what) },
        1 << 20,
      ),
      "project document",
    );
    const request = must(
      await s.projects.requestToJoin(
        actor,
        id,
        { organisationId: orgC, note: marker(`${kind}Join`, `${what}: request to join`) },
        tr,
      ),
      "join request",
    );
    return { id, report, benefit, measurement, funding, link, document, request, organisationId: orgB, relation: 0 };
  };
  const projNet = await project("projNet", "network", null, "members-only project");
  const projBody = await project("projBody", "body", bodyBody, "body-only project");
  projNet.relation = must(
    await s.projects.addRelation(actor, projNet.id, { relatedProjectId: projBody.id, kind: "related" }),
    "relation",
  ).id;
  projBody.relation = must(
    await s.projects.addRelation(actor, projBody.id, { relatedProjectId: projNet.id, kind: "builds_on" }),
    "relation",
  ).id;

  // Needs kept to the members and to one body, and public needs the restricted things touch.
  const need = async (kind: string | null, what: string) => {
    const fields = kind
      ? {
          title: marker(`${kind}Title`, `${what}: title`),
          problem: marker(`${kind}Problem`, `${what}: problem`),
          affected: marker(`${kind}Affected`, `${what}: affected`),
          benefit: marker(`${kind}Benefit`, `${what}: benefit`),
          legalRequirement: marker(`${kind}Legal`, `${what}: legal requirement`),
          visibility: "network",
        }
      : { title: `Sweep ${what}`, problem: "Et offentlig behov.", visibility: "public" };
    const id = must(await s.needs.create(actor, network.id, { organisationId: orgA, ...fields }), what).id;
    const supporter = kind ? marker(`${kind}Support`, `${what}: supporter's note`) : "";
    must(await s.needs.support(actor, id, { organisationId: orgB, note: supporter }), "support");
    const document = kind
      ? must(
          await s.needs.addDocument(
            actor,
            id,
            { title: marker(`${kind}Doc`, `${what}: attachment`), file: file(`${kind}Doc`, what) },
            1 << 20,
          ),
          "need document",
        )
      : 0;
    return { id, document, organisationId: orgB };
  };
  const needNet = await need("needNet", "members-only need");
  const needBody = await need("needBody", "body-only need");
  // No command makes a need body-only yet; the column and canSee do.
  await db.update(needs).set({ visibility: "body", bodyId: bodyBody }).where(eq(needs.id, needBody.id));
  const needInRound = await need(null, "public need in a restricted round");
  const needDecided = await need(null, "public need with a non-public decision");
  const needToProject = await need(null, "public need approved as a project by a non-public decision");

  // Assessment rounds of the restricted committees: scores and recommendations.
  const round = async (kind: string, bodyId: number, needIds: number[], what: string) => {
    const r = must(
      await s.assessment.createRound(
        actor,
        network.id,
        {
          title: marker(`${kind}Title`, `${what}: title`),
          cycle: marker(`${kind}Cycle`, `${what}: cycle`),
          deadline: "2099-12-31",
          bodyId,
          needIds,
        },
        tr,
      ),
      what,
    );
    const criteria = await s.assessment.criteriaOfRound(r.id);
    for (const [i, needId] of needIds.entries()) {
      must(
        await s.assessment.score(as(assessorUser), r.id, needId, {
          scores: criteria.map((c) => ({
            criterionId: c.id,
            score: c.scaleMax,
            comment: marker(`${kind}Score${i}c${c.id}`, `${what}: score comment`),
          })),
        }),
        "scores",
      );
      must(
        await s.assessment.recommend(actor, r.id, needId, {
          recommendation: "recommend",
          justification: marker(`${kind}Recommendation${i}`, `${what}: recommendation`),
        }),
        "recommendation",
      );
    }
    return { roundId: r.id, needIds };
  };
  const roundNet = await round("roundNet", bodyNet, [needNet.id, needInRound.id], "round of the members-only committee");
  const roundBody = await round("roundBody", bodyBody, [needBody.id, needNet.id], "round of the body-only committee");

  // Meetings: restricted ones, a public one of a members-only body, and a public one of the open
  // body whose agenda points at restricted needs and projects and whose decisions are non-public.
  const meeting = async (kind: string | null, bodyId: number, visibility: string, what: string) => {
    const m = must(
      await s.meetings.create(actor, network.id, {
        title: kind ? marker(`${kind}Title`, `${what}: title`) : `Sweep ${what}`,
        bodyId,
        meetingDate: "2026-02-01",
        place: kind ? marker(`${kind}Place`, `${what}: place`) : "",
        link: kind ? `https://example.org/${marker(`${kind}Link`, `${what}: video link`)}` : "",
        visibility,
      }),
      what,
    );
    if (kind)
      must(await s.meetings.saveMinutes(actor, m.id, { minutesNote: marker(`${kind}Minutes`, `${what}: minutes`) }), "minutes");
    const paper = kind
      ? must(
          await s.meetings.addDocument(
            actor,
            m.id,
            { title: marker(`${kind}Paper`, `${what}: paper`), file: file(`${kind}Paper`, what) },
            1 << 20,
          ),
          "paper",
        )
      : 0;
    return { id: m.id, paper, items: [] as number[], decisions: [] as number[] };
  };
  const item = async (m: { id: number; items: number[] }, fields: Record<string, unknown>) => {
    const id = must(await s.meetings.addItem(actor, m.id, fields), "agenda item");
    m.items.push(id);
    return id;
  };
  const decide = async (m: { id: number; decisions: number[] }, agendaItemId: number, fields: Record<string, unknown>) => {
    const d = must(await s.meetings.decide(actor, m.id, { agendaItemId, decidedOn: "2026-02-01", ...fields }, tr), "decision");
    m.decisions.push(d.id);
    return d;
  };
  const meetingsPlanted = [];
  for (const [kind, bodyId, visibility, what] of [
    ["mtgNet", bodyOpen, "network", "members-only meeting"],
    ["mtgBody", bodyBody, "body", "body-only meeting"],
    ["mtgOfNetBody", bodyNet, "public", "public meeting of a members-only body"],
    ["mtgOfBodyBody", bodyBody, "public", "public meeting of a body-only body"],
  ] as const) {
    const m = await meeting(kind, bodyId, visibility, what);
    const withNeed = await item(m, {
      title: marker(`${kind}Item`, `${what}: agenda item`),
      description: marker(`${kind}ItemText`, `${what}: case presentation`),
      needId: needNet.id,
    });
    await item(m, { title: marker(`${kind}Item2`, `${what}: agenda item`), projectId: projNet.id, documentId: m.paper });
    const other = await item(m, { title: marker(`${kind}Item3`, `${what}: agenda item`) });
    await decide(m, withNeed, { text: marker(`${kind}Decision`, `${what}: decision`), outcome: "other" });
    await decide(m, other, {
      text: marker(`${kind}Decision2`, `${what}: non-public decision`),
      outcome: "other",
      isPublic: false,
    });
    meetingsPlanted.push(m);
  }
  const open = await meeting(null, bodyOpen, "public", "public meeting of the open body");
  await item(open, { title: "Sweep sak om et behov", needId: needNet.id });
  await item(open, { title: "Sweep sak om et prosjekt", projectId: projNet.id });
  await item(open, { title: "Sweep sak om et behov (2)", needId: needBody.id });
  await item(open, { title: "Sweep sak om et prosjekt (2)", projectId: projBody.id });
  const decided = await item(open, { title: "Sweep sak med unntatt vedtak", needId: needDecided.id });
  await decide(open, decided, {
    text: marker("openDecisionHidden", "non-public decision on a public need"),
    outcome: "prioritised",
    isPublic: false,
  });
  const toProject = await item(open, { title: "Sweep sak som blir prosjekt", needId: needToProject.id });
  const approval = await decide(open, toProject, {
    text: marker("openDecisionProject", "non-public decision that made a public need a project"),
    outcome: "approved_as_project",
    isPublic: false,
  });
  const projFromNeed = approval.projectId!;
  meetingsPlanted.push(open);

  // The network's ranking holds restricted needs and projects.
  must(
    await s.priorities.rank(actor, network.id, {
      decidedOn: "2027-03-01",
      entries: [
        { key: `need:${needNet.id}`, track: "local", rank: 1 },
        { key: `need:${needBody.id}`, track: "local", rank: 2 },
        { key: `project:${projNet.id}`, track: "national", rank: 1 },
        { key: `project:${projBody.id}`, track: "national", rank: 2 },
      ],
    }),
    "ranking",
  );

  // Strategies (public by design, even as drafts: no markers in them), measures carried out by restricted projects.
  const strategy = async (owner: { networkId: number } | { organisationId: number }, title: string) => {
    const id = must(await s.strategies.create(actor, owner, { title, firstYear: 2027, lastYear: 2030 }), title).id;
    const goal = must(await s.strategies.addGoal(actor, id, { title: "Sweep mål" }), "goal");
    const area = must(await s.strategies.addFocusArea(actor, id, { title: "Sweep område", goalIds: [goal] }), "area");
    const measure = must(await s.strategies.addMeasure(actor, id, { description: "Sweep tiltak", focusAreaId: area }), "measure");
    return { id, parts: { goals: goal, "focus-areas": area, measures: measure } as Record<string, number> };
  };
  const stratNet = await strategy({ networkId: network.id }, "Sweep delt strategi");
  const stratOrg = await strategy({ organisationId: orgA }, "Sweep kommunestrategi");
  const document = { filename: "sweep.txt", data: Buffer.from("Sweep\n"), truncated: false };
  must(await s.strategies.attachDocument(actor, stratNet.id, { file: document }, 1 << 20), "strategy document");
  must(await s.strategies.attachDocument(actor, stratOrg.id, { file: document }, 1 << 20), "strategy document");

  // Consultations: inputs with personal data, unpublished input, internal handling, a review round.
  const window = { opensDate: "2026-01-01", opensTime: "08:00", closesDate: "2099-12-31", closesTime: "12:00" };
  const consPublic = must(
    await s.consultations.openOnStrategy(
      actor,
      stratNet.id,
      { title: "Sweep høring", ...window, audience: "anyone", publishInputs: true },
      tr,
    ),
    "public consultation",
  ).id;
  const consMembers = must(
    await s.consultations.openOnStrategy(
      actor,
      stratNet.id,
      { title: "Sweep medlemshøring", ...window, audience: "members" },
      tr,
    ),
    "members' consultation",
  ).id;
  let sender = 0;
  const input = async (consultationId: number, fields: Record<string, unknown>) => {
    const given = must(
      await s.consultations.submit(
        consultationId,
        { formToken: await s.consultations.formToken(consultationId, new Date(Date.now() - 10_000)), ...fields },
        { actor, ipKey: `sweep-${++sender}`, locale: "nb" },
      ),
      "input",
    );
    return (await s.consultations.repo.inputByReference(consultationId, given.reference))!.id;
  };
  const personal = (kind: string, what: string) => ({
    name: marker(`${kind}Name`, `${what}: respondent's name`),
    organisation: marker(`${kind}Org`, `${what}: respondent's organisation`),
    email: markerEmail(`${kind}Email`, `${what}: respondent's e-mail`),
  });
  const inputPublished = await input(consPublic, {
    body: "Sweep innspill som publiseres.",
    ...personal("inputPub", "published input"),
  });
  must(
    await s.consultations.handle(actor, consPublic, inputPublished, {
      action: "category",
      category: marker("inputCategory", "input's category (internal)"),
    }),
    "category",
  );
  const inputSpam = await input(consPublic, {
    body: marker("inputSpam", "input marked as spam"),
    ...personal("inputSpam", "spam input"),
  });
  must(await s.consultations.handle(actor, consPublic, inputSpam, { action: "status", status: "spam" }), "spam");
  const inputAnswered = await input(consPublic, { body: "Sweep innspill med svar.", ...personal("inputAns", "answered input") });
  must(
    await s.consultations.handle(actor, consPublic, inputAnswered, {
      action: "answer",
      answer: marker("inputAnswer", "unpublished answer"),
    }),
    "answer",
  );
  must(
    await s.consultations.addTemplate(actor, consPublic, {
      title: marker("templateTitle", "answer template"),
      body: marker("templateBody", "answer template text"),
    }),
    "template",
  );
  const inputMembers = await input(consMembers, {
    body: marker("inputMembers", "input to an unpublished consultation"),
    ...personal("inputMem", "members' input"),
  });
  const review = must(
    await s.consultations.openReview(
      actor,
      consPublic,
      { bodyIds: [bodyNet], closesDate: "2099-12-31", closesTime: "12:00" },
      tr,
    ),
    "review",
  ).id;
  must(
    await s.consultations.addSection(actor, review, {
      heading: marker("reviewSection", "review round section"),
      body: marker("reviewSectionText", "review round text"),
    }),
    "section",
  );
  const inputReview = await input(review, {
    body: marker("inputReview", "review round input"),
    ...personal("inputRev", "review input"),
  });
  // A consultation on an uploaded document (public, like the document).
  const consDocument = must(
    await s.consultations.openOnNetwork(
      actor,
      network.id,
      { title: "Sweep dokumenthøring", ...window, subject: "document", file: document },
      1 << 20,
      tr,
    ),
    "consultation on a document",
  ).id;
  const inputDocument = await input(consDocument, {
    body: marker("inputDocument", "input to a consultation that keeps its inputs"),
  });

  // The rest the routes name: a roadmap initiative with its rollout, an ambition, a criterion, a
  // checklist item, a solution the restricted project introduced, a membership, the outbox.
  const initiative = must(
    await s.roadmap.create(actor, network.id, { name: "Sweep initiativ", owner: "Digi Nordland", category: "other" }),
    "initiative",
  ).id;
  const milestone = must(
    await s.roadmap.addMilestone(actor, initiative, { kind: "pilot", date: "2027-01-01", precision: "year" }),
    "milestone",
  ).id;
  const task = must(await s.roadmap.addTask(actor, initiative, { kind: "training", leadMonths: 3 }), "task");
  must(await s.roadmap.linkRollout(actor, initiative, { projectId: projFromNeed }), "rollout");
  const ambition = must(
    await s.ambitions.create(actor, network.id, {
      title: "Sweep ambisjon",
      kind: "joint_projects",
      target: 3,
      deadline: "2030-12-31",
    }),
    "ambition",
  ).id;
  const criterion = must(await s.assessment.saveCriterion(actor, network.id, null, { name: "Sweep kriterium" }), "criterion").id;
  const checklistItem = must(
    await s.projects.addChecklistItem(actor, network.id, { phase: "idea", text: "Sweep sjekkpunkt" }),
    "checklist",
  ).id;
  const solution = must(
    await s.solutions.create(actor, { name: "Sweep løsning", origin: "product", maturity: "stable", ownerOrganisationId: orgA }),
    "solution",
  ).id;
  must(await s.solutions.addUser(actor, solution, { organisationId: orgB }), "solution user");
  must(await s.solutions.addProject(actor, solution, { projectId: projNet.id }), "solution project");
  must(await s.solutions.addProject(actor, solution, { projectId: projBody.id }), "solution project");
  const membership = (await s.networks.membersOf(network.id)).find((m) => m.organisationId === orgA)!.id;
  // A request to link an account to a person record, where the app has them (decision 0018).
  const linkRequest = t.app.routePolicies.some((r) => r.url.includes("/person-links/"))
    ? (
        await rows<{ id: number }>(sql`insert into person_link_requests (person_id, user_id, network_id, email, expires_at)
          values (${personHidden}, ${memberUser}, ${network.id}, ${markerEmail("linkRequestEmail", "person link request: e-mail")},
          now() + interval '7 days') returning id`)
      )[0]!.id
    : 0;
  // Gatherings: a public one whose participants are personal data, and one kept to the network.
  const gatheringDay = { startsDate: "2099-03-01", startsTime: "09:00", endsDate: "2099-03-01", endsTime: "15:00" };
  const gatheringOpen = must(
    await s.gatherings.create(actor, network.id, { kind: "seminar", title: "Sweep samling", ...gatheringDay }),
    "public gathering",
  );
  const gatheringHidden = must(
    await s.gatherings.create(actor, network.id, {
      kind: "workshop",
      title: marker("gatheringTitle", "gathering kept to the network: title"),
      description: marker("gatheringText", "gathering kept to the network: description"),
      visibility: "network",
      ...gatheringDay,
    }),
    "network gathering",
  );
  // Open to anyone to see, but only the network's own people may register.
  const gatheringMembers = must(
    await s.gatherings.create(actor, network.id, {
      kind: "webinar",
      title: "Sweep medlemssamling",
      audience: "members",
      ...gatheringDay,
    }),
    "members' gathering",
  );
  const gatheringSession = must(
    await s.gatherings.addSession(actor, gatheringHidden, {
      date: "2099-03-01",
      time: "10:00",
      title: marker("gatheringSession", "a network gathering's programme"),
    }),
    "programme item",
  ).id;
  // Its materials: a document and a link, kept to the network with it.
  const gatheringDocument = must(
    await s.gatherings.addDocument(
      actor,
      gatheringHidden,
      {
        title: marker("gatheringDocTitle", "gathering kept to the network: document title"),
        file: {
          filename: "sweep.txt",
          data: Buffer.from(marker("gatheringDocFile", "gathering kept to the network: document")),
          truncated: false,
        },
      },
      1 << 20,
    ),
    "gathering document",
  );
  const gatheringLink = must(
    await s.gatherings.addLink(actor, gatheringHidden, {
      title: marker("gatheringLinkTitle", "gathering kept to the network: link title"),
      url: "https://video.example/sweep",
    }),
    "gathering link",
  ).id;
  const gatheringQuestion = must(
    await s.gatherings.addQuestion(actor, gatheringOpen, { text: "Sweep spørsmål", required: "1" }),
    "a gathering's question",
  ).id;
  must(
    await s.gatherings.register(
      gatheringOpen.id,
      {
        [`q${gatheringQuestion}`]: marker("participantAnswer", "participant: answer to a question"),
        name: marker("participantName", "participant: name"),
        email: markerEmail("participantEmail", "participant: e-mail"),
        organisationName: marker("participantOrg", "participant: organisation typed"),
        note: marker("participantNote", "participant: note"),
      },
      { actor: null, locale: "nb" },
    ),
    "registration",
  );
  // National needs (their titles are public by design): one of a public need with the restricted
  // ones linked to it, one of a body's need alone; a submission kept to the network with the
  // restricted needs in it, and a public one.
  const nationalOpen = must(
    await s.nationalNeeds.start(actor, needInRound.id, { title: "Sweep felles behov", description: "Offentlig tekst." }),
    "national need",
  ).id;
  must(await s.nationalNeeds.link(actor, needNet.id, { nationalNeedId: nationalOpen }), "national link");
  const nationalHidden = must(
    await s.nationalNeeds.start(actor, needBody.id, { title: "Sweep skjult felles behov" }),
    "national need",
  ).id;
  const submissionHidden = must(
    await s.needSubmissions.create(actor, network.id, {
      recipientKind: "other",
      recipientName: marker("submissionRecipient", "submission kept to the network: recipient"),
      title: marker("submissionTitle", "submission kept to the network: title"),
      coverNote: marker("submissionNote", "submission kept to the network: cover note"),
      sentOn: "2026-01-01",
      visibility: "network",
      needIds: [needNet.id, needBody.id, needInRound.id],
    }),
    "network submission",
  );
  must(
    await s.needSubmissions.recordAnswer(actor, submissionHidden, {
      answer: marker("submissionAnswer", "submission kept to the network: answer"),
      answeredOn: "2026-02-01",
    }),
    "answer",
  );
  const submissionOpen = must(
    await s.needSubmissions.create(actor, network.id, {
      recipientKind: "digdir",
      title: "Sweep innspill",
      sentOn: "2026-01-01",
      visibility: "public",
      needIds: [needInRound.id, needDecided.id],
    }),
    "public submission",
  ).id;
  // A gathering by invitation: the invited address is personal data, and its link the way in.
  const gatheringInvited = must(
    await s.gatherings.create(actor, network.id, {
      kind: "workshop",
      title: "Sweep invitasjonssamling",
      audience: "invited",
      ...gatheringDay,
    }),
    "gathering by invitation",
  );
  must(
    await s.gatherings.invite(
      actor,
      gatheringInvited,
      { emails: markerEmail("gatheringInviteeEmail", "gathering by invitation: invited address") },
      "nb",
    ),
    "invitation",
  );
  // A subject network Digi Nordland owns (its name and mandate are public by design), with a
  // coordinator whose address is private, its member (named by a marker) and one waiting; members-only
  // experience, a question and a document; a public note about the members-only project (whose title
  // must not follow it); a review of that project; a workshop only its people may register for.
  const subject = must(
    // Joining waits for a coordinator: anyone may ask (by design), and asking lets nobody read anything.
    await s.subjects.create(actor, {
      name: "Sweep fagnettverk",
      mandate: "Offentleg mandat.",
      joinPolicy: "approval",
      ownerNetworkId: String(network.id),
    }),
    "subject network",
  );
  const coordinatorUser = await makeUser(
    markerEmail("coordinatorEmail", "subject network coordinator: e-mail"),
    "Sweep Koordinator",
  );
  const waitingUser = await makeUser(
    markerEmail("waitingEmail", "subject network: one waiting, e-mail"),
    marker("waitingName", "subject network: one waiting, name"),
  );
  await s.subjects.repo.addMember({ subjectNetworkId: subject.id, userId: coordinatorUser, role: "coordinator" });
  await s.subjects.repo.addMember({ subjectNetworkId: subject.id, userId: memberUser, organisationId: orgA });
  await s.subjects.repo.addMember({ subjectNetworkId: subject.id, userId: waitingUser, approved: false });
  const subjectAccess = await s.subjects.accessFor(actor, subject.id);
  const noteHidden = must(
    await s.subjects.createNote(actor, subjectAccess, {
      title: marker("noteTitle", "members-only experience: title"),
      whatWeDid: marker("noteText", "members-only experience: text"),
      cost: marker("noteCost", "members-only experience: cost"),
      visibility: "members",
      contactUserId: String(coordinatorUser),
    }),
    "members-only note",
  ).id;
  const noteOpen = must(
    await s.subjects.createNote(actor, subjectAccess, {
      title: "Sweep erfaring",
      whatWeDid: "Offentleg erfaring.",
      projectId: String(projNet.id),
      contactUserId: String(coordinatorUser),
    }),
    "public note about a members-only project",
  ).id;
  const questionHidden = must(
    await s.subjects.ask(actor, subjectAccess, {
      title: marker("questionTitle", "members-only question: title"),
      body: marker("questionBody", "members-only question: text"),
      visibility: "members",
    }),
    "members-only question",
  );
  must(
    await s.subjects.answer(actor, questionHidden, { body: marker("answerHidden", "answer to a members-only question") }),
    "answer",
  );
  const questionOpen = must(
    await s.subjects.ask(actor, subjectAccess, { title: "Sweep spørsmål til fagnettverket" }),
    "question",
  );
  must(await s.subjects.answer(actor, questionOpen, { body: "Offentleg svar." }), "answer");
  const subjectFile = {
    filename: "sweep.txt",
    data: Buffer.from(marker("subjectFile", "members-only document: content")),
    truncated: false,
  };
  const subjectDocument = must(
    await s.subjects.addDocument(
      actor,
      subjectAccess,
      { title: marker("subjectDocTitle", "members-only document: title"), visibility: "members", file: subjectFile },
      1 << 20,
    ),
    "members-only document",
  );
  const projectReview = must(
    await s.subjects.requestReview(actor, projNet.id, {
      subjectNetworkId: String(subject.id),
      request: marker("reviewRequest", "review of a members-only project: request"),
    }),
    "review request",
  );
  must(
    await s.subjects.recordReview(actor, projectReview, {
      outcome: "reviewed",
      verdict: "sound",
      findings: marker("reviewFindings", "review of a members-only project: findings"),
    }),
    "review",
  );
  const gatheringSubject = must(
    await s.gatherings.create(actor, network.id, {
      kind: "workshop",
      title: "Sweep fagnettverkssamling",
      audience: "subject_network",
      subjectNetworkId: String(subject.id),
      ...gatheringDay,
    }),
    "subject network's gathering",
  );
  // A budget kept to the network: its note, a line and released time (who, and why) are markers.
  const budget = must(await s.economy.create(actor, network.id, { year: 2041 }), "budget");
  must(
    await s.economy.updateSettings(actor, budget, {
      visibility: "network",
      note: marker("budgetNote", "network budget: note"),
      feeMethod: "fixed",
      feeFixed: "1000",
      payingLevels: ["member", "observer", "project_only"],
    }),
    "budget settings",
  );
  const budgetLine = must(
    await s.economy.addLine(actor, budget, {
      category: "grant",
      label: marker("budgetLine", "network budget: line"),
      budgeted: "1",
    }),
    "budget line",
  );
  const released = must(
    await s.economy.addReleased(actor, budget, {
      organisationId: String(orgA),
      personName: marker("releasedName", "network budget: released person"),
      hours: "10",
      rate: "700",
      note: marker("releasedNote", "network budget: released time note"),
    }),
    "released time",
  );
  // A public budget whose released time names a body-only body, a person and a note: outsiders see
  // only what each member was paid back, never who, for which closed body, or why.
  const publicBudget = must(await s.economy.create(actor, network.id, { year: 2043 }), "public budget");
  must(
    await s.economy.updateSettings(actor, publicBudget, {
      visibility: "public",
      feeMethod: "fixed",
      feeFixed: "1000",
      payingLevels: ["member", "observer", "project_only"],
    }),
    "public budget settings",
  );
  const publicReleased = must(
    await s.economy.addReleased(actor, publicBudget, {
      organisationId: String(orgA),
      personName: marker("publicReleasedName", "public budget: released person"),
      bodyId: String(bodyBody),
      hours: "5",
      rate: "650",
      note: marker("publicReleasedNote", "public budget: released time note"),
    }),
    "public released time",
  );
  // A draft annual report, read by the network's people only: its title and a section are markers, and
  // its tables (drawn for the reader) hold the network's restricted projects.
  const annualDraft = must(
    await s.annual.create(actor, network.id, { kind: "report", year: 2042 }, () => ({
      title: marker("annualTitle", "draft annual report: title"),
      sections: [{ heading: "Sweep", body: marker("annualSection", "draft annual report: section") }],
    })),
    "annual report",
  );
  const outboxIds = (await rows<{ id: number }>(sql`select id from mail_outbox order by id desc limit 3`)).map((r) => r.id);
  // A survey kept to the network, sent and answered: its title, its recipient (name and address) and a
  // free text answer are markers (planted after the outbox's ids are taken: its mail is a marker too).
  const survey = must(
    await s.surveys.create(actor, network.id, {
      title: marker("surveyTitle", "network survey: title"),
      year: "2041",
      closesOn: "2099-12-31",
      visibility: "network",
    }),
    "survey",
  );
  const surveyQuestion = must(await s.surveys.addQuestion(actor, survey, { kind: "text", text: "Sweep" }), "survey question");
  const surveyRecipient = must(
    await s.surveys.addRecipient(actor, survey, {
      organisationId: String(orgA),
      name: marker("surveyRecipientName", "survey recipient: name"),
      email: markerEmail("surveyRecipientEmail", "survey recipient: e-mail"),
    }),
    "survey recipient",
  );
  must(await s.surveys.open(actor, survey), "survey opened");

  // News kept to the network, published (its network's followers hear of it), a public draft, and a
  // public item about a restricted project; a subscriber whose address is a marker, not confirmed.
  const newsMembers = must(
    await s.news.create(
      actor,
      { networkId: network.id },
      {
        title: marker("newsTitle", "members-only news: title"),
        intro: marker("newsIntro", "members-only news: introduction"),
        body: marker("newsBody", "members-only news: body"),
        visibility: "network",
        imageAlt: marker("newsAlt", "members-only news: picture's description"),
        image: { filename: "kart.png", data: PNG, truncated: false },
      },
      1024 * 1024,
    ),
    "members-only news",
  );
  await s.news.publish(actor, newsMembers);
  const newsDraft = must(
    await s.news.create(
      actor,
      { networkId: network.id },
      { title: marker("newsDraft", "draft news: title"), visibility: "public" },
      1024 * 1024,
    ),
    "draft news",
  );
  const newsAbout = must(
    await s.news.create(
      actor,
      { networkId: network.id },
      { title: "Sweep news", visibility: "public", related: `/projects/${projNet.id}` },
      1024 * 1024,
    ),
    "public news about a restricted project",
  );
  await s.news.publish(actor, newsAbout);
  // The subject network's own news: one for its members, published, and a public draft.
  const subjectNewsMembers = must(
    await s.news.create(
      actor,
      { subjectNetworkId: subject.id },
      {
        title: marker("subjectNewsTitle", "subject network's members-only news: title"),
        body: marker("subjectNewsBody", "subject network's members-only news: body"),
        visibility: "network",
        imageAlt: marker("subjectNewsAlt", "subject network's members-only news: picture's description"),
        image: { filename: "kart.png", data: PNG, truncated: false },
      },
      1024 * 1024,
    ),
    "subject network's members-only news",
  );
  await s.news.publish(actor, subjectNewsMembers);
  const subjectNewsDraft = must(
    await s.news.create(
      actor,
      { subjectNetworkId: subject.id },
      { title: marker("subjectNewsDraft", "subject network's draft news: title"), visibility: "public" },
      1024 * 1024,
    ),
    "subject network's draft news",
  );
  must(
    await s.news.subscribe(
      null,
      null,
      network,
      { email: markerEmail("subscriberEmail", "newsletter subscriber: address") },
      { locale: "nb", ipKey: "sweep" },
    ),
    "subscriber",
  );
  const [surveyLink] = (await s.surveys.recipients(survey.id)).map((r) => r.recipient);
  must(
    await s.surveys.answer(await s.surveys.tokenOf({ ...surveyLink!, email: surveyLink!.email ?? "" }), {
      [`q${surveyQuestion.id}`]: marker("surveyText", "network survey: free text answer"),
    }),
    "survey answer",
  );

  // An import kept between its steps: the file, its name and a saved mapping are the secretariat's.
  const importFile = Buffer.from(`Tittel;Fase\r\n${marker("importRow", "a row of an uploaded file")};Idé\r\n`, "utf8");
  const importRun = must(
    await s.imports.start(
      actor,
      network,
      { kind: "projects" },
      { name: `${marker("importFile", "an uploaded file's name")}.csv`, data: importFile },
    ),
    "import run",
  );
  must(
    await s.imports.saveMapping(actor, importRun, {
      "field.title": "0",
      "field.phase": "1",
      saveAs: marker("importMapping", "a saved mapping's name"),
    }),
    "saved mapping",
  );

  return {
    network,
    first,
    orgs: [orgA, orgB, orgC],
    people: [personOpen, personHidden, personAssessor],
    users: [memberUser, assessorUser],
    bodies: [bodyNet, bodyBody, bodyOpen].map((id) => ({
      id,
      documents: bodyDocs.get(id) ?? [],
      seats: seats.filter((x) => x.bodyId === id).map((x) => x.id),
    })),
    projects: [projNet, projBody, { id: projFromNeed }],
    needs: [needNet, needBody, needInRound, needDecided, needToProject],
    rounds: [roundNet, roundBody],
    meetings: meetingsPlanted,
    strategies: [stratNet, stratOrg],
    consultations: [
      { id: consPublic, inputs: [inputPublished, inputSpam, inputAnswered] },
      { id: consMembers, inputs: [inputMembers] },
      { id: review, inputs: [inputReview] },
      { id: consDocument, inputs: [inputDocument] },
    ],
    nationalNeeds: [nationalOpen, nationalHidden],
    submissions: [submissionHidden.id, submissionOpen],
    subject: {
      id: subject.id,
      slug: subject.slug,
      users: [coordinatorUser, memberUser, waitingUser],
      notes: [noteHidden, noteOpen],
      questions: [questionHidden.id, questionOpen.id],
      document: subjectDocument,
      review: projectReview.id,
    },
    gatherings: [gatheringOpen.id, gatheringHidden.id, gatheringMembers.id, gatheringSubject.id, gatheringInvited.id].map(
      (id) => ({
        id,
        sessionId: gatheringSession,
        questionId: gatheringQuestion,
        documentId: gatheringDocument,
        linkId: gatheringLink,
      }),
    ),
    view,
    token: token?.id ?? 0,
    invitation,
    initiative: { id: initiative, milestone, task, projectId: projFromNeed },
    ambition,
    criterion,
    checklistItem,
    solution,
    membership,
    linkRequest,
    outbox: outboxIds,
    budget: { year: budget.year, line: budgetLine.id, released: released.id, organisationId: orgA },
    publicBudget: { year: publicBudget.year, released: publicReleased.id },
    annual: { kind: annualDraft.kind, year: annualDraft.year },
    survey: { id: survey.id, questionId: surveyQuestion.id, recipientId: surveyRecipient.id },
    news: [newsMembers.id, newsDraft.id, newsAbout.id, subjectNewsMembers.id, subjectNewsDraft.id],
    importRuns: [importRun.id],
    newsPictures: (await s.news.picturesOf([newsMembers, subjectNewsMembers])).map(
      (p) => [p.newsItemId, p.id] as [number, number],
    ),
    memberEmail,
    ownOrganisations: orgs,
  };
}

// Filling the route table's paths with the second network's ids

type Fill = Record<string, string | number>;
type Plants = Awaited<ReturnType<typeof plant>>;
/** Secrets an outsider does not have: a link's token, a receipt. */
const GLOBAL: Fill = { slug: SECOND, token: "A".repeat(43), receipt: "B".repeat(43) };
const api = (path: string) => new RegExp(`^(/api/v1)?${path}`);
const netPath = (rest: string) => new RegExp(`^(/api/v1/networks|/n)/:slug${rest}`);

/**
 * Which planted ids fill a route's path, by the route's prefix: the first rule that matches gives
 * every set of parameters to try. A route with a parameter no rule fills fails the sweep.
 */
const FILL: [RegExp, (p: Plants, url: string) => Fill[]][] = [
  [
    netPath("/bodies/:id"),
    (p) =>
      p.bodies.flatMap((b) =>
        b.documents.flatMap((documentId) => b.seats.map((memberId) => ({ id: b.id, documentId, memberId }))),
      ),
  ],
  [netPath("/members/:id"), (p) => [{ id: p.membership }]],
  [netPath("/import/template/:kind"), () => [{ kind: "projects" }]],
  [netPath("/import/:id"), (p) => p.importRuns.map((id) => ({ id }))],
  [netPath("/(access|people)/:userId"), (p) => p.users.map((userId) => ({ userId }))],
  [netPath("/invitations/:id"), (p) => [{ id: p.invitation }]],
  [netPath("/ambitions/:id"), (p) => [{ id: p.ambition }]],
  [netPath("(/assessment)?/criteria/:criterionId"), (p) => [{ criterionId: p.criterion }]],
  [netPath("/checklists/:itemId"), (p) => [{ itemId: p.checklistItem }]],
  [netPath("/person-links/:id"), (p) => [{ id: p.linkRequest }]],
  [netPath("/gatherings/invitations/:id"), (p) => p.gatherings.map((g) => ({ id: g.id }))],
  [
    /^(\/api\/v1\/networks\/:slug\/budgets|\/n\/:slug\/economy)\/:year/,
    (p) => [
      {
        year: p.budget.year,
        lineId: p.budget.line,
        releasedId: p.budget.released,
        organisationId: p.budget.organisationId,
      },
      {
        year: p.publicBudget.year,
        lineId: p.budget.line,
        releasedId: p.publicBudget.released,
        organisationId: p.budget.organisationId,
      },
    ],
  ],
  // A member's report lists the restricted projects it takes part in (orgB) and the needs it raised (orgA).
  [
    netPath("/member-reports/:organisationId"),
    (p) => p.ownOrganisations.slice(0, 2).map((organisationId) => ({ organisationId })),
  ],
  [
    /^(\/api\/v1\/networks\/:slug\/annual-documents|\/n\/:slug\/annual)\/:kind/,
    (p) => [{ kind: p.annual.kind, year: p.annual.year, file: "projects.csv" }],
  ],
  [netPath(""), () => [{}]],
  [
    api("/subject-networks/:slug"),
    (p) =>
      p.subject.users.map((userId) => ({
        slug: p.subject.slug,
        userId,
        documentId: p.subject.document,
        reviewId: p.subject.review,
        networkId: p.network.id,
      })),
  ],
  [api("/experience/:id"), (p) => p.subject.notes.map((id) => ({ id }))],
  [api("/questions/:id"), (p) => p.subject.questions.map((id) => ({ id }))],
  // A person's calendar link the outsider does not have: signed for nobody.
  [/^\/calendar\/:feed/, (p) => p.subject.users.map((userId) => ({ feed: `${userId}.0.${"A".repeat(43)}.ics` }))],
  [api("/projects/saved-views/:viewId"), (p) => [{ viewId: p.view }]],
  [
    api("/projects/:id"),
    (p) =>
      p.projects.map((x) =>
        "report" in x
          ? {
              id: x.id,
              reportId: x.report,
              benefitId: x.benefit,
              measurementId: x.measurement,
              fundingId: x.funding,
              linkId: x.link,
              relationId: x.relation,
              documentId: x.document,
              requestId: x.request,
              organisationId: x.organisationId,
            }
          : { id: x.id },
      ),
  ],
  [/^(\/needs\/national|\/api\/v1\/national-needs)\/:id/, (p) => p.nationalNeeds.map((id) => ({ id }))],
  [/^(\/needs\/submissions|\/api\/v1\/need-submissions)\/:id/, (p) => p.submissions.map((id) => ({ id }))],
  [api("/needs/:id"), (p) => p.needs.map((n) => ({ id: n.id, documentId: n.document, organisationId: n.organisationId }))],
  [
    api("/meetings/:id"),
    (p) =>
      p.meetings.flatMap((m) =>
        m.items.map((itemId, i) => ({ id: m.id, documentId: m.paper, decisionId: m.decisions[i % m.decisions.length]!, itemId })),
      ),
  ],
  [api("/rounds/:roundId"), (p) => p.rounds.flatMap((r) => r.needIds.map((needId) => ({ roundId: r.roundId, needId })))],
  [api("/consultations/:id"), (p) => p.consultations.flatMap((c) => c.inputs.map((inputId) => ({ id: c.id, inputId })))],
  [
    api("/strategies/:id"),
    (p, url) =>
      p.strategies.map((x) => ({
        id: x.id,
        partId: x.parts[url.match(/\/(goals|focus-areas|measures)\/:partId/)?.[1] ?? "goals"]!,
      })),
  ],
  [api("/gatherings/:id"), (p) => p.gatherings],
  [api("/surveys/:id"), (p) => [{ id: p.survey.id, questionId: p.survey.questionId, recipientId: p.survey.recipientId }]],
  [api("/people/:id"), (p) => p.people.map((id) => ({ id }))],
  [api("/organisations/:id"), (p) => p.orgs.map((id) => ({ id }))],
  [api("/solutions/:id"), (p) => [{ id: p.solution, organisationId: p.orgs[1]!, projectId: p.projects[0]!.id }]],
  [
    /^(\/roadmap|\/api\/v1\/national-solutions)\/:id/,
    (p) => [
      { id: p.initiative.id, milestoneId: p.initiative.milestone, taskId: p.initiative.task, projectId: p.initiative.projectId },
    ],
  ],
  [/^\/roadmap\/editors\/:id/, (p) => p.users.map((id) => ({ id }))],
  [/^\/admin\/outbox\/:id/, (p) => p.outbox.map((id) => ({ id }))],
  [/^\/admin\/invitations\/:id/, (p) => [{ id: p.invitation }]],
  // Word pairs are the installation's, not a network's: any id shows that only an administrator may remove one.
  [/^\/admin\/search-words\/:id/, () => [{ id: 1 }]],
  [/^\/account\/tokens\/:id/, (p) => [{ id: p.token }]],
  // A digest's stop link: a key the outsider does not have.
  [/^\/mail\/stop\/:key/, () => [{ key: "A".repeat(32) }]],
  [/^\/news\/:id\/pictures\/:pictureId/, (p) => p.newsPictures.map(([id, pictureId]) => ({ id, pictureId }))],
  [api("/news/:id"), (p) => p.news.map((id) => ({ id }))],
  [api("/following/:kind/:id"), (p) => followedRecords(p)],
  // A newsletter's confirmation and stop links: secrets the outsider does not have.
  [/^\/newsletter\/(confirm|stop)\/:secret/, () => [{ secret: "A".repeat(32) }]],
  [/^\/follow\/:kind\/:id/, (p) => followedRecords(p)],
];

/**
 * What the sweep follows in the second network: its restricted projects, needs, bodies, gatherings
 * and consultations, and the public network, body, subject network and needs whose events are about
 * restricted records (a non-public decision, a gathering kept to the network).
 */
const followedRecords = (p: Plants) => [
  { kind: "network", id: p.network.id },
  ...p.projects.slice(0, 2).map((x) => ({ kind: "project", id: x.id })),
  ...p.needs.map((x) => ({ kind: "need", id: x.id })),
  ...p.bodies.map((x) => ({ kind: "body", id: x.id })),
  ...p.gatherings.map((x) => ({ kind: "gathering", id: x.id })),
  ...p.consultations.map((x) => ({ kind: "consultation", id: x.id })),
  { kind: "subject_network", id: p.subject.id },
];

/** Every URL to try for a route; throws when a parameter has no mapping. */
function urlsFor(route: string, p: Plants): string[] {
  const params = [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  if (params.length === 0) return [route];
  const rule = FILL.find(([pattern]) => pattern.test(route));
  const fills = rule ? rule[1](p, route) : [{}];
  const urls = new Set<string>();
  const missing = new Set<string>();
  for (const fill of fills) {
    const values = { ...GLOBAL, ...fill };
    const lacking = params.filter((name) => values[name] === undefined || values[name] === 0);
    // A planted record without this child (a public need has no attachment) gives no URL here.
    for (const name of lacking) missing.add(name);
    if (lacking.length === 0) urls.add(route.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(values[name]))));
  }
  if (urls.size === 0)
    throw new Error(
      `The sweep does not know how to fill :${[...missing].join(", :")} in ${route}: add a rule to FILL in src/platform/access/sweep.test.ts that names planted ids of the second network`,
    );
  return [...urls];
}

/**
 * The query that looks for the markers without being one (a page that repeats the query must not
 * look like a leak): the run's token, which every marker holds, as search words and as similar text.
 */
const SEARCH = `q=${RUN}&text=${RUN}`;

// Bodies for writes: the second network's ids under every name a form or the API uses

function idsByName(p: Plants): Record<string, unknown> {
  const [orgA, orgB] = p.orgs;
  const projectId = p.projects[0]!.id;
  const needId = p.needs[0]!.id;
  return {
    networkId: p.network.id,
    bodyId: p.bodies[0]!.id,
    personId: p.people[1],
    organisationId: orgA,
    ownerOrganisationId: orgA,
    responsibleOrganisationId: orgA,
    representedById: orgB,
    contactPersonId: p.people[1],
    ownerPersonId: p.people[1],
    needId,
    intoId: needId,
    // A national need holding the second network's needs, to link to.
    nationalNeedId: p.nationalNeeds[0],
    projectId,
    relatedProjectId: projectId,
    meetingId: p.meetings[0]!.id,
    agendaItemId: p.meetings[0]!.items[0],
    supersedesId: p.meetings[0]!.decisions[0],
    roundId: p.rounds[0]!.roundId,
    criterionId: p.criterion,
    solutionId: p.initiative.id,
    userId: p.users[0],
    focusAreaId: p.strategies[0]!.parts["focus-areas"],
    templateId: 1,
    sectionId: 1,
    hostOrganisationId: orgA,
    otherOrganisationId: orgB,
    organisationIds: [orgA, orgB],
    memberIds: [orgA],
    needIds: [needId],
    projectIds: [projectId],
    bodyIds: [p.bodies[0]!.id],
    supporterIds: [orgB],
    // A gathering's invitation to hold it together, and the subject network it is for.
    invitedNetworkIds: [p.network.id],
    subjectNetworkId: p.subject.id,
    contactIds: [p.people[0]],
    goalIds: [p.strategies[0]!.parts.goals],
    benefitIds: [],
    slug: SECOND,
    email: p.memberEmail,
  };
}

/** A form's fields: the ids, and enough ordinary values that a form naming them gets past its checks. */
function formBody(p: Plants): Record<string, unknown> {
  return {
    ...idsByName(p),
    title: "Sweep write",
    name: "Sweep write",
    text: "Sweep write",
    description: "Sweep write",
    problem: "Sweep write",
    body: "Sweep write",
    note: "Sweep write",
    kind: "company",
    // A new strategy's owner: the second network.
    owner: `n:${p.network.id}`,
    origin: "product",
    maturity: "stable",
    firstYear: "2027",
    lastYear: "2030",
    role: "participant",
    level: "member",
    phase: "concept",
    status: "handled",
    outcome: "other",
    recommendation: "recommend",
    justification: "Sweep write",
    decidedOn: "2026-01-01",
    meetingDate: "2026-01-01",
  };
}

/** A JSON body from the route's schema in the OpenAPI document, ids by name from the second network. */
function sample(schema: Record<string, unknown> | undefined, name: string, ids: Record<string, unknown>, depth = 0): unknown {
  if (name in ids) return ids[name];
  if (!schema || depth > 6) return "Sweep write";
  const options = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  if (options) return sample(options.find((o) => o.type !== "null") ?? options[0], name, ids, depth + 1);
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== "null") : schema.type;
  if (type === "object" || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>))
      out[key] = sample(value, key, ids, depth + 1);
    return out;
  }
  if (type === "array") return [sample(schema.items as Record<string, unknown>, name.replace(/s$/, ""), ids, depth + 1)];
  if (type === "integer" || type === "number") return (schema.minimum as number | undefined) ?? 1;
  if (type === "boolean") return true;
  if (schema.format === "date") return "2027-01-01";
  if (schema.format === "email") return ids.email;
  if (/url|website|link/i.test(name)) return "https://example.org/sweep";
  return "Sweep write";
}

// What the second network holds, to see whether a write changed it

let fingerprintSql = sql`select 1`;
const EXCLUDED = new Set(["audit_log", "sessions", "throttles", "mail_outbox", "files", "auth_tokens", "app_settings"]);
const SHARED = new Set(["organisations", "people", "users"]);
/**
 * Writes anyone may make to any network by design, and the one table each may change there:
 * registering for the planted public gathering open to everyone stores a registration (a
 * consultation's input would too, but the sweep's forms carry no valid form token), and asking to
 * join (or leaving) the planted subject network stores a request a coordinator must approve, and
 * subscribing to a network's newsletter stores an address its owner must confirm. The same write
 * to the gathering kept to the network, or to the one for its members, is still a cross-network
 * write, and so is any other table such a write changes.
 */
const openToAll = (method: string, url: string): string | undefined =>
  method !== "POST"
    ? undefined
    : new RegExp(`^(/api/v1)?/gatherings/${N.gatherings[0]!.id}/(register|registrations)$`).test(url)
      ? "gathering_registrations"
      : new RegExp(`^(/api/v1)?/subject-networks/${N.subject.slug}/(join|leave)$`).test(url)
        ? "subject_network_members"
        : url === `/n/${SECOND}/newsletter`
          ? "newsletter_subscribers"
          : undefined;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await t.database.db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/**
 * Builds one query that hashes every row of the second network: rows with its network_id, rows
 * that point (by a foreign key) at its rows, its own member organisations, the people in its bodies
 * and the accounts with access to it, and everything that points at those.
 */
async function prepareFingerprint(p: Plants) {
  const columns = await rows<{ table_name: string; column_name: string }>(
    sql`select table_name, column_name from information_schema.columns where table_schema = 'public'`,
  );
  const foreign = await rows<{ tbl: string; col: string; ref: string }>(sql`
    select c.conrelid::regclass::text as tbl, a.attname as col, c.confrelid::regclass::text as ref
    from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and array_length(c.conkey, 1) = 1 and n.nspname = 'public'`);
  const tables = new Map<string, Set<string>>();
  for (const c of columns) {
    if (!tables.has(c.table_name)) tables.set(c.table_name, new Set());
    tables.get(c.table_name)!.add(c.column_name);
  }
  for (const name of [...tables.keys()]) if (EXCLUDED.has(name) || name.startsWith("__")) tables.delete(name);
  const owned = new Map<string, Set<number>>();
  const list = (ids: Iterable<number>) => sql.raw(`'{${[...ids].join(",")}}'::int[]`);
  owned.set("networks", new Set([p.network.id]));
  owned.set("organisations", new Set(p.ownOrganisations));
  const seated = await rows<{ id: number }>(sql`
    select person_id as id from body_members where body_id in (select id from bodies where network_id = ${p.network.id})
    union select person_id from network_contacts where network_id = ${p.network.id}`);
  owned.set("people", new Set(seated.map((r) => r.id)));
  const accounts = await rows<{ id: number }>(sql`select user_id as id from network_access where network_id = ${p.network.id}`);
  owned.set("users", new Set(accounts.map((r) => r.id)));
  const subjects = await rows<{ id: number }>(
    sql`select subject_network_id as id from subject_network_owners where network_id = ${p.network.id}`,
  );
  owned.set("subject_networks", new Set(subjects.map((r) => r.id)));
  const condition = (table: string) => {
    const cols = tables.get(table)!;
    const parts = [] as ReturnType<typeof sql>[];
    if (cols.has("network_id")) parts.push(sql`network_id = ${p.network.id}`);
    if (cols.has("id") && owned.get(table)?.size) parts.push(sql`id = any(${list(owned.get(table)!)})`);
    for (const f of foreign)
      if (f.tbl === table && f.ref !== table && owned.get(f.ref)?.size && tables.has(f.ref))
        parts.push(sql`${sql.identifier(f.col)} = any(${list(owned.get(f.ref)!)})`);
    return parts.length ? sql.join(parts, sql` or `) : null;
  };
  // The rows that belong to the second network through a chain of keys.
  for (let round = 0; round < 6; round++) {
    let grew = false;
    for (const [table, cols] of tables) {
      if (!cols.has("id") || SHARED.has(table) || table === "networks") continue;
      const where = condition(table);
      if (!where) continue;
      const ids = await rows<{ id: number }>(sql`select id from ${sql.identifier(table)} where ${where}`);
      const set = owned.get(table) ?? new Set<number>();
      for (const r of ids) {
        if (set.has(r.id)) continue;
        set.add(r.id);
        grew = true;
      }
      owned.set(table, set);
    }
    if (!grew) break;
  }
  const parts = [...tables.keys()]
    .sort()
    .map((table) => {
      const where = condition(table);
      return where
        ? sql`select ${table} as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${sql.identifier(table)} x where ${where}`
        : null;
    })
    .filter((q) => q !== null);
  fingerprintSql = sql.join(parts, sql` union all `);
}
async function fingerprint(): Promise<Map<string, string>> {
  return new Map((await rows<{ t: string; h: string }>(fingerprintSql)).map((r) => [r.t, r.h]));
}

async function lastAudit(): Promise<number> {
  const [row] = await t.database.db.select({ id: max(auditLog.id) }).from(auditLog);
  return row?.id ?? 0;
}

/**
 * Every account follows the second network's records (`followedRecords`), and something happens to
 * each, besides the events the planting itself told (decisions, gatherings announced): a reader's list
 * of follows and activity must leave out what they may not see (decision 0035).
 * Run again for accounts made later; an event is published once.
 */
let eventsPublished = false;
async function followRestricted(p: Plants) {
  for (const ref of followedRecords(p)) {
    await t.database.db.execute(
      sql`insert into follows (user_id, kind, record_id, state) select id, ${ref.kind}, ${ref.id}, 'following' from users on conflict do nothing`,
    );
    if (!eventsPublished) await publishEvent(t.database.db, { ...ref, type: "phase_changed", data: { phase: "execution" } });
  }
  eventsPublished = true;
}

before(async () => {
  t = await createTestApp({ env: { SAMVERK_API_RATE_PER_MINUTE: "1000000" } });
  const { access, networks, assessment } = t.app.services;
  const rogaland = (await networks.bySlug(FIRST))!;
  N = await plant();
  // The first network's roles.
  const [rogalandOrg] = await access.repo.memberOrganisations(rogaland.id);
  const [committee] = await assessment.committeesOf(rogaland.id);
  assert.ok(rogalandOrg && committee, "Digi Rogaland has members and a working committee");
  accounts.set("signed-in", await makeUser("sweep-plain@test.example"));
  accounts.set("member", await makeUser("sweep-member@test.example"));
  accounts.set("representative", await makeUser("sweep-rep@test.example"));
  accounts.set("committee", await makeUser("sweep-committee@test.example"));
  accounts.set("secretariat", await makeUser("sweep-secretariat@test.example"));
  await access.repo.setAccess(rogaland.id, accounts.get("member")!, "member", []);
  await access.repo.setAccess(rogaland.id, accounts.get("representative")!, "member", [rogalandOrg.id]);
  await access.repo.setAccess(rogaland.id, accounts.get("committee")!, "member", []);
  const [seated] = await t.database.db.insert(people).values({ name: "Sweep Committee Member" }).returning();
  await networks.repo.insertBodyMembers([{ bodyId: committee.id, personId: seated!.id, role: "member" }]);
  await access.repo.linkPerson(accounts.get("committee")!, seated!.id, { confirmed: true });
  await access.repo.setAccess(rogaland.id, accounts.get("secretariat")!, "secretariat", []);
  await followRestricted(N);
  for (const role of ROLES) {
    const client = new Client(t.app, role);
    if (role === "anonymous") await client.get("/login");
    else await client.signIn(accounts.get(role)!);
    clients.set(role, client);
  }
  await prepareFingerprint(N);
});
after(() => t?.close());

// The sweep

/** Refused: an error status, or a page that sends the visitor to sign in. */
const refused = (res: LightMyRequestResponse) =>
  res.statusCode >= 400 || (res.statusCode >= 300 && String(res.headers.location ?? "").startsWith("/login"));

interface Leak {
  role: Role;
  method: string;
  url: string;
  kind: string;
}

/** Every request of the sweep, from the route table; and the routes the mapping does not know. */
function planSweep() {
  const unmapped: string[] = [];
  const plan: { method: string; route: string; urls: string[] }[] = [];
  for (const r of t.app.routePolicies) {
    try {
      const urls = urlsFor(r.url, N);
      // Lists and search pages (no id in the path) are asked for the markers too.
      const searches = r.method === "GET" && !/:(?!slug)\w+/.test(r.url) ? urls.map((u) => `${u}?${SEARCH}`) : [];
      // Writes try the first and the last planted record (the most and the least restricted).
      const tried = r.method === "GET" ? urls : [...new Set([urls[0]!, urls.at(-1)!])];
      plan.push({ method: r.method, route: r.url, urls: [...tried, ...searches] });
    } catch (error) {
      unmapped.push((error as Error).message);
    }
  }
  // Reads first, then writes; those that may end the session last, each followed by a new sign-in.
  plan.sort(
    (a, b) =>
      Number(a.method !== "GET") - Number(b.method !== "GET") ||
      Number(sessionEnding(a.route)) - Number(sessionEnding(b.route)) ||
      Number(a.route === "/account/delete") - Number(b.route === "/account/delete"),
  );
  return { plan, unmapped };
}
const sessionEnding = (url: string) => /^\/(logout|account\/(delete|sessions|email)|login|invitation)/.test(url);

test("every route's path parameters can be filled with the second network's ids", () => {
  const { unmapped } = planSweep();
  assert.deepEqual(unmapped, [], unmapped.join("\n"));
});

test("the sweep can see: the second network's secretariat finds the markers, reaches every route's records and its writes are caught", async () => {
  // A check of the sweep itself: were its markers not where an insider looks, finding none would prove nothing.
  const insider = new Client(t.app, "secretariat");
  const insiderId = await makeUser("sweep-insider@test.example");
  await t.app.services.access.repo.setAccess(N.network.id, insiderId, "secretariat", []);
  await insider.signIn(insiderId);
  await followRestricted(N);
  const seen = new Set<string>();
  for (const url of [
    `/needs?q=${RUN}`,
    `/projects?q=${RUN}`,
    `/search?q=${RUN}`,
    `/needs/${N.needs[1]!.id}`,
    `/projects/${N.projects[1]!.id}`,
    `/meetings/${N.meetings[1]!.id}`,
    `/n/${SECOND}/bodies/${N.bodies[1]!.id}`,
    `/people/${N.people[1]}`,
    `/rounds/${N.rounds[1]!.roundId}`,
    `/subject-networks/${N.subject.slug}`,
    `/gatherings/${N.gatherings[4]!.id}/participants`,
    `/n/${SECOND}/economy/${N.budget.year}`,
    `/n/${SECOND}/annual/${N.annual.kind}/${N.annual.year}`,
    `/n/${SECOND}/economy/${N.publicBudget.year}`,
    `/surveys/${N.survey.id}/results`,
    `/surveys/${N.survey.id}`,
  ])
    for (const kind of markersIn(decode(await insider.get(url)))) seen.add(kind);
  for (const kind of [
    "neednettitle",
    "projbodytitle",
    "bodybodyname",
    "mtgbodytitle",
    "personhiddenemail",
    "personhiddenphone",
    "roundbodytitle",
    "notetitle",
    "questiontitle",
    "subjectdoctitle",
    "waitingname",
    "gatheringinviteeemail",
    "budgetnote",
    "budgetline",
    "releasedname",
    "releasednote",
    "annualtitle",
    "annualsection",
    "publicreleasedname",
    "publicreleasednote",
    "surveytitle",
    "surveytext",
    "surveyrecipientname",
  ])
    assert.ok(seen.has(kind), `the secretariat of ${SECOND} sees ${kind}; seen: ${[...seen].sort().join(", ")}`);
  // The site search, page and API, finds restricted records of many kinds for the insider: so the
  // outsiders' searches for the same token, which find none, say something.
  for (const url of [`/search?q=${RUN}`, `/api/v1/search?q=${RUN}`]) {
    const found = markersIn(decode(await insider.get(url)));
    for (const kind of ["neednettitle", "projbodytitle", "mtgbodytitle", "notetitle", "bodybodyname"])
      assert.ok(found.has(kind), `${url} finds ${kind} for the secretariat of ${SECOND}; found: ${[...found].sort().join(", ")}`);
  }
  // What one follows and its activity show the restricted records followed, to the insider.
  for (const url of ["/following", "/activity"]) {
    const found = markersIn(decode(await insider.get(url)));
    for (const kind of ["projnettitle", "projbodytitle", "neednettitle"])
      assert.ok(found.has(kind), `${url} shows ${kind} to the secretariat of ${SECOND}; found: ${[...found].sort().join(", ")}`);
  }
  // A network's Atom feeds hold only what anyone may read, whoever asks: even its own secretariat
  // finds no marker in them, though they are read (the public gathering and consultation are there).
  const feeds = planSweep().plan.filter((p) => p.method === "GET" && p.route.endsWith(".atom"));
  assert.ok(feeds.length >= 4, "the network's feeds are in the route table");
  for (const { urls } of feeds)
    for (const url of urls) {
      const res = await insider.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers["content-type"]), /^application\/atom\+xml/, url);
      assert.deepEqual(
        [...markersIn(decode(res))],
        [],
        `${url} holds only what anyone may read, even for ${SECOND}'s secretariat`,
      );
    }
  const everything = (await insider.get(`/n/${SECOND}/feeds/all.atom`)).body;
  for (const title of ["Sweep samling", "Sweep høring"])
    assert.ok(everything.includes(title), `the feed of everything holds ${title}`);
  // The ids fill the paths with records that exist: the secretariat gets an answer from some
  // address of every route but those that need a secret (a token, a receipt). (Not from every one:
  // only one of the consultations is about a document.)
  const missing: string[] = [];
  for (const { method, route, urls } of planSweep().plan) {
    if (method !== "GET" || !/:(?!slug)\w+/.test(route) || /:(token|receipt|feed|key)\b/.test(route)) continue;
    const statuses: number[] = [];
    for (const url of urls) statuses.push((await insider.get(url)).statusCode);
    if (statuses.every((status) => status === 404 || status === 400)) missing.push(`${route}: ${statuses.join(", ")}`);
  }
  assert.deepEqual(missing, [], `addresses that name no record: fix FILL\n${missing.join("\n")}`);
  // And its writes, a form's and the API's, are seen: the CSRF token passes, the fingerprint changes.
  for (const write of [
    () => insider.form("POST", `/n/${SECOND}/bodies`, { kind: "working_group", name: "Sweep control (form)" }),
    () => insider.json("POST", `/api/v1/networks/${SECOND}/bodies`, { kind: "working_group", name: "Sweep control (API)" }),
  ]) {
    const before = await fingerprint();
    const res = await write();
    assert.ok(res.statusCode < 400, `the secretariat of ${SECOND} writes there: ${res.statusCode} ${res.body.slice(0, 200)}`);
    assert.notDeepEqual(await fingerprint(), before, "the fingerprint sees the write");
  }
});

interface Leak {
  role: Role;
  method: string;
  url: string;
  kind: string;
}

test("no role of one network sees or changes another network's restricted records", { timeout: 900_000 }, async () => {
  const started = Date.now();
  const openapi = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content: { "application/json": { schema: Record<string, unknown> } } } }>
    >;
  };
  const ids = idsByName(N);
  const form = formBody(N);
  const { plan } = planSweep();

  const counts = {
    requests: 0,
    refused: 0,
    notFound: 0,
    allowed: 0,
    serverErrors: 0,
    reads: 0,
    kept: 0,
    writes: 0,
    fingerprints: 0,
  };
  let fingerprintMs = 0;
  const leaks: Leak[] = [];
  const writes: string[] = [];
  const errors: string[] = [];
  let baseline = await fingerprint();
  let audit = await lastAudit();

  /** Counts the answer and looks for markers in it, but not those the request itself carried. */
  const check = (role: Role, method: string, url: string, res: LightMyRequestResponse, sent = "") => {
    counts.requests++;
    if (res.statusCode >= 500) {
      counts.serverErrors++;
      errors.push(`${role} ${method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    } else if (refused(res)) counts.refused++;
    else counts.allowed++;
    if (res.statusCode === 404) counts.notFound++;
    const echoed = markersIn(`${decodeURIComponent(url)}\n${sent}`);
    for (const kind of markersIn(decode(res))) if (!echoed.has(kind)) leaks.push({ role, method, url, kind });
  };

  const spent = new Map<string, number>();
  for (const { method, route, urls } of plan) {
    const routeStarted = Date.now();
    for (const role of ROLES) {
      const client = clients.get(role)!;
      for (const url of urls) {
        if (method === "GET") {
          counts.reads++;
          const res = await client.get(url);
          check(role, method, url, res);
          // Once more where the page cache kept the answer ("miss": made, and kept): what it kept for
          // this role is checked as well (decision 0043). An answer served from it was checked already.
          if (res.statusCode === 200 && res.headers["x-page-cache"] === "miss") {
            const again = await client.get(url);
            if (again.headers["x-page-cache"] === "hit") counts.kept++;
            check(role, method, `${url} (kept)`, again);
          }
          // One step of a redirect, unless it is to the sign-in page.
          const location = res.headers.location;
          if (typeof location === "string" && /^\/(?!\/|login)/.test(location) && res.statusCode >= 300 && res.statusCode < 400)
            check(role, "GET", `${location} (from ${url})`, await client.get(location));
          continue;
        }
        counts.writes++;
        const schema = openapi.paths[route.replace(/:(\w+)/g, "{$1}")]?.[method.toLowerCase()]?.requestBody;
        const body = url.startsWith("/api/") ? sample(schema?.content["application/json"].schema, "", ids) : form;
        const res = url.startsWith("/api/")
          ? await client.json(method, url, body)
          : await client.form(method, url, form, /^\/(login|password)/.test(route) ? "203.0.113.9" : undefined);
        check(role, method, url, res, JSON.stringify(body));
        // Every write is audited: a new entry, or an answer that says it was let in, and the second
        // network's rows are compared with what they were.
        const latest = await lastAudit();
        if (latest !== audit || !refused(res)) {
          const at = Date.now();
          const now = await fingerprint();
          counts.fingerprints++;
          fingerprintMs += Date.now() - at;
          const changed = [...now]
            .filter(([table, hash]) => baseline.get(table) !== hash && openToAll(method, url) !== table)
            .map(([table]) => table);
          if (changed.length) {
            const entries = await rows<{ action: string; entity: string; entity_id: string }>(
              sql`select action, entity, entity_id from audit_log where id > ${audit} order by id`,
            );
            const audited = entries.map((e) => `${e.action} ${e.entity} ${e.entity_id}`).join("; ") || "nothing audited";
            writes.push(`${role} ${method} ${url} → ${res.statusCode}: changed ${changed.join(", ")} (${audited})`);
          }
          baseline = now;
          audit = latest;
        }
        // A write may have ended the session (signing out, ending sessions): sign in again.
        if (role !== "anonymous" && sessionEnding(route) && route !== "/account/delete") {
          if ((await client.get("/account/sessions")).statusCode !== 200) await client.signIn(accounts.get(role)!);
        }
      }
    }
    spent.set(`${method} ${route}`, Date.now() - routeStarted);
  }
  // Whatever no request was seen to change: the second network is as it was planted.
  const final = await fingerprint();
  const drift = [...final].filter(([table, hash]) => baseline.get(table) !== hash).map(([table]) => table);
  if (drift.length) writes.push(`(not seen at any request) changed: ${drift.join(", ")}`);

  const unique = [...new Map(leaks.map((l) => [`${l.role} ${l.method} ${l.url} ${l.kind}`, l])).values()];
  const lines = unique.map((l) => `${l.role} ${l.method} ${l.url} → ${l.kind} (${planted.get(l.kind) ?? "?"})`);
  console.log(
    [
      `sweep of ${SECOND} as the roles of ${FIRST} (run ${RUN}) in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        ` (${counts.fingerprints} fingerprints in ${(fingerprintMs / 1000).toFixed(1)} s)`,
      `routes ${t.app.routePolicies.length}, roles ${ROLES.length}, markers ${planted.size}`,
      `slowest: ${[...spent]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([r, ms]) => `${r} ${(ms / 1000).toFixed(1)} s`)
        .join(", ")}`,
      `requests ${counts.requests} (${counts.reads} reads, each one kept by the page cache read again: ${counts.kept} of those from it; ${counts.writes} writes, the rest redirects followed):` +
        ` refused (4xx, or sent to sign in) ${counts.refused} (of them 404 ${counts.notFound}), allowed (2xx/3xx) ${counts.allowed}, server errors ${counts.serverErrors}`,
      `leaks ${unique.length} (in ${new Set(unique.map((l) => `${l.role} ${l.method} ${l.url}`)).size} answers), cross-network writes ${writes.length}`,
      ...lines.map((l) => `LEAK ${l}`),
      ...writes.map((w) => `WRITE ${w}`),
      ...errors.map((e) => `ERROR ${e}`),
    ].join("\n"),
  );
  assert.deepEqual(lines, [], `markers of ${SECOND} reached roles of ${FIRST}:\n${lines.join("\n")}`);
  assert.deepEqual(writes, [], `roles of ${FIRST} changed ${SECOND}:\n${writes.join("\n")}`);
  assert.deepEqual(errors, [], `server errors:\n${errors.join("\n")}`);
  assert.ok(counts.kept > 0, "no page was served from the page cache: the sweep would not see what it keeps");
});
