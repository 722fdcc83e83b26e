import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { isSecretariat } from "../../platform/access/authorize.ts";
import { canSee, VISIBILITY_VALUES } from "../../platform/access/visibility.ts";
import { changedFields } from "../../platform/audit/audit.ts";
import { audited, createAudited, deleteAudited, updateAudited } from "../../platform/audit/audited.ts";
import { type Db, type DbOrTx, isForeignKeyViolation } from "../../platform/db/client.ts";
import { checkUpload, deleteFile, readFile, saveFile } from "../../platform/files/files.ts";
import { ConflictError, type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import {
  idList,
  optionalDate,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
  toFieldErrors,
} from "../../platform/http/validation.ts";
import type { OrganisationReads, PeopleReads } from "../directory/index.ts";
import { type Network, NetworkRepo } from "./networks.repo.ts";
import { BODY_KINDS, BODY_ROLES, MEMBERSHIP_LEVELS } from "./schema.ts";

/** "Digi Møre og Romsdal" → "digi-more-og-romsdal" */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "a")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

const RESERVED_SLUGS = new Set(["new", "edit", "api", "admin"]);
const codeList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().regex(/^\d{2}$/, "errors.choice")).max(20),
);

export const networkInput = z.object({
  name: requiredText(200),
  shortName: requiredText(60),
  slug: z
    .string()
    .trim()
    .max(60)
    .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, "errors.slug")
    .default(""),
  description: optionalText(4000),
  hostOrganisationId: optionalId,
  counties: codeList,
  contactIds: idList,
});

const dates = { fromDate: optionalDate, toDate: optionalDate };
const datesInOrder: [(v: { fromDate: string | null; toDate: string | null }) => boolean, { message: string; path: string[] }] = [
  (v) => !v.fromDate || !v.toDate || v.fromDate <= v.toDate,
  { message: "errors.dateOrder", path: ["toDate"] },
];

export const membershipInput = z
  .object({
    organisationIds: idList.refine((ids) => ids.length > 0, "errors.chooseOrganisation"),
    level: z.enum(MEMBERSHIP_LEVELS, "errors.choice"),
    representedById: optionalId,
    ...dates,
  })
  .refine(...datesInOrder);
/** The fields of a membership that can change; without the date check so the API can make it partial. */
export const membershipFields = z.object({
  level: z.enum(MEMBERSHIP_LEVELS, "errors.choice"),
  representedById: optionalId,
  ...dates,
});
export const membershipUpdateInput = membershipFields.refine(...datesInOrder);

export const bodyInput = z.object({
  kind: z.enum(BODY_KINDS, "errors.choice"),
  name: requiredText(200),
  mandate: optionalText(4000),
  visibility: z.enum(VISIBILITY_VALUES, "errors.choice").default("public"),
});

/** A seat in a body, apart from who holds it; without the date check so the API can make it partial. */
export const bodyMemberFields = z.object({
  organisationId: optionalId,
  role: z.enum(BODY_ROLES, "errors.choice"),
  ...dates,
});
export const bodyMemberInput = bodyMemberFields.extend({ personId: requiredId }).refine(...datesInOrder);
export const bodyMemberUpdateInput = bodyMemberFields.refine(...datesInOrder);

export const documentInput = z.object({
  title: requiredText(200),
  visibility: z.enum(VISIBILITY_VALUES, "errors.choice").default("public"),
});

/** Commands on networks and everything that belongs to one. Every write is audited in its transaction. */
export class NetworkService {
  readonly repo: NetworkRepo;

  constructor(
    private readonly db: Db,
    private readonly organisations: OrganisationReads,
    private readonly people: PeopleReads,
  ) {
    this.repo = new NetworkRepo(db);
  }

  async get(slug: string) {
    const network = await this.repo.bySlug(slug);
    if (!network) throw new NotFoundError();
    return network;
  }

  // Reads that pages and other modules ask the service for; the repository stays behind it.
  list(limit?: number, offset?: number) {
    return this.repo.list(limit, offset);
  }
  byId(id: number) {
    return this.repo.byId(id);
  }
  bySlug(slug: string) {
    return this.repo.bySlug(slug);
  }
  bodiesOf(networkId: number) {
    return this.repo.bodiesOf(networkId);
  }
  body(networkId: number, id: number) {
    return this.repo.body(networkId, id);
  }
  /** The seats a person holds, with their bodies (the person's page filters them by who may see each body). */
  bodyMembershipsOf(personId: number) {
    return this.repo.bodyMembershipsOf(personId);
  }
  /** The networks a person acts in (through a seat or their organisation's membership). */
  networkIdsOfPerson(personId: number, organisationId: number | null) {
    return this.repo.networkIdsOfPerson(personId, organisationId);
  }
  /** The same, read through `db` (an import's transaction). */
  networkIdsOfPersonIn(db: DbOrTx, personId: number, organisationId: number | null) {
    return this.repo.with(db).networkIdsOfPerson(personId, organisationId);
  }
  /** The header's list of networks. */
  switcher() {
    return this.repo.switcher();
  }
  /**
   * The network's members whose membership has not ended, with their numbers, read through `db` (an
   * import's transaction, where a read beside it would wait on the embedded database).
   */
  currentMembersIn(db: DbOrTx, networkId: number) {
    return this.repo.with(db).currentMembers(networkId);
  }

  membersOf(networkId: number) {
    return this.repo.membersOf(networkId);
  }
  /** An organisation's memberships, for its page. */
  membershipsOf(organisationId: number) {
    return this.repo.membershipsOf(organisationId);
  }
  /** The networks an IT cooperation acts in through the members it represents. */
  representedIn(cooperationId: number) {
    return this.repo.representedIn(cooperationId);
  }
  memberOrganisationIds(slug: string) {
    return this.repo.memberOrganisationIds(slug);
  }
  /** Which of these people are a network's published contact persons (their details are public). */
  publishedContactIds(personIds: number[]) {
    return this.repo.publishedContactIds(personIds);
  }

  /** Every seat in the network's bodies, with the body's name and kind; for the secretariat, who sees every body. */
  async seatsIn(networkId: number) {
    const bodies = await this.repo.bodiesOf(networkId);
    const bodyById = new Map(bodies.map((b) => [b.id, b]));
    return (await this.repo.membersOfBodies(bodies.map((b) => b.id))).map((m) => ({
      personId: m.personId,
      bodyName: bodyById.get(m.bodyId)!.name,
      bodyKind: bodyById.get(m.bodyId)!.kind,
    }));
  }

  /** Everything the network page shows to this viewer, in a fixed number of queries. */
  async overview(slug: string, viewer: Actor | null) {
    const network = await this.get(slug);
    const [members, allBodies, contacts] = await Promise.all([
      this.repo.membersOf(network.id),
      this.repo.bodiesOf(network.id),
      this.repo.contactsOf(network.id),
    ]);
    const bodies = allBodies.filter((b) => canSee(viewer, { networkId: b.networkId, visibility: b.visibility, bodyId: b.id }));
    const bodyMembers = await this.repo.membersOfBodies(bodies.map((b) => b.id));
    return {
      network,
      members,
      bodies: bodies.map((b) => ({ ...b, members: bodyMembers.filter((m) => m.bodyId === b.id) })),
      contacts,
    };
  }

  async create(actor: Actor, input: unknown): Promise<Result<Network>> {
    const parsed = networkInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { counties, contactIds, ...values } = parsed.data;
    const slug = values.slug || slugify(values.shortName || values.name);
    const problems = await this.checkNetwork({ ...parsed.data, slug }, null);
    if (!problems.length) problems.push(...(await this.checkContacts(actor, null, contactIds, [])));
    if (problems.length) return invalid(problems);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const network = await repo.insert({ ...values, slug }, counties);
        await repo.setContacts(
          network.id,
          contactIds.map((personId) => ({ personId, role: "" })),
        );
        await audit({
          action: "create",
          entity: "network",
          entityId: network.id,
          after: { ...network, counties, contactIds },
        });
        return network;
      }),
    );
  }

  async update(actor: Actor, slug: string, input: unknown): Promise<Result<Network>> {
    const existing = await this.get(slug);
    const parsed = networkInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { counties, contactIds, ...values } = parsed.data;
    const newSlug = values.slug || existing.slug;
    const problems = await this.checkNetwork({ ...parsed.data, slug: newSlug }, existing.id);
    if (!problems.length) {
      const current = (await this.repo.contactsOf(existing.id)).map((c) => c.personId);
      problems.push(...(await this.checkContacts(actor, existing.id, contactIds, current)));
    }
    if (problems.length) return invalid(problems);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const previous = await repo.contactsOf(existing.id);
        const oldContacts = previous.map((c) => c.personId).sort((a, b) => a - b);
        // A contact person who stays keeps the role text they had.
        const roleOf = new Map(previous.map((c) => [c.personId, c.role]));
        const update = { ...values, slug: newSlug };
        const diff = changedFields(
          { ...existing, counties: existing.counties, contactIds: oldContacts } as Record<string, unknown>,
          { ...update, counties: [...counties].sort(), contactIds: [...new Set(contactIds)].sort((a, b) => a - b) },
        );
        const network = await repo.update(existing.id, update, [...new Set(counties)]);
        await repo.setContacts(
          existing.id,
          [...new Set(contactIds)].map((personId) => ({ personId, role: roleOf.get(personId) ?? "" })),
        );
        if (diff.changed) {
          await audit({
            action: "update",
            entity: "network",
            entityId: existing.id,
            before: diff.before,
            after: diff.after,
          });
        }
        return network;
      }),
    );
  }

  private async checkNetwork(
    v: { slug: string; hostOrganisationId: number | null; counties: string[]; contactIds: number[] },
    selfId: number | null,
  ): Promise<FieldError[]> {
    const problems: FieldError[] = [];
    if (!v.slug || RESERVED_SLUGS.has(v.slug)) problems.push({ field: "slug", key: "errors.slug" });
    else {
      const holder = await this.repo.bySlug(v.slug);
      if (holder && holder.id !== selfId) problems.push({ field: "slug", key: "errors.slugTaken" });
    }
    if (v.hostOrganisationId !== null) {
      const host = await this.organisations.byId(v.hostOrganisationId);
      if (!host || host.endedOn) problems.push({ field: "hostOrganisationId", key: "errors.choice" });
    }
    if (v.counties.length) {
      const known = new Set((await this.organisations.byKind("county")).map((c) => c.code));
      if (v.counties.some((c) => !known.has(c))) problems.push({ field: "counties", key: "errors.choice" });
    }
    if (v.contactIds.length) {
      const found = await this.people.byIds(v.contactIds);
      if (found.length !== new Set(v.contactIds).size) problems.push({ field: "contactIds", key: "errors.choice" });
    }
    return problems;
  }

  /**
   * A published contact's e-mail and phone are public, so a secretariat may add as contacts only
   * people of its own network (seated in one of its bodies, or with access to it) who take part in
   * no other network; anyone else only an administrator may publish (decision 0018). Contacts
   * already published stay.
   */
  private async checkContacts(actor: Actor, networkId: number | null, contactIds: number[], current: number[]) {
    const added = [...new Set(contactIds)].filter((id) => !current.includes(id));
    if (added.length === 0 || actor.isAdmin) return [];
    const belonging = networkId === null ? new Set<number>() : await this.repo.peopleBelongingTo(networkId, added);
    const refused: number[] = [];
    for (const id of added) {
      const person = (await this.people.byIds([id]))[0];
      const elsewhere = person
        ? (await this.repo.networkIdsOfPerson(person.id, person.organisationId)).some((n) => n !== networkId)
        : true;
      if (!belonging.has(id) || elsewhere) refused.push(id);
    }
    if (refused.length === 0) return [];
    const names = (await this.people.byIds(refused)).map((p) => p.name).join(", ");
    return [{ field: "contactIds", key: "errors.contactNotOwn" as const, params: { names } }];
  }

  /** The names of networks, for messages. */
  private async networkNames(ids: number[]): Promise<string> {
    const all = await this.repo.switcher();
    return all
      .filter((n) => ids.includes(n.id))
      .map((n) => n.name)
      .join(", ");
  }

  /**
   * Organisations that are members of another network today, which the actor does not run: making
   * them members here would let this secretariat act for them in what they share (their strategies,
   * adoption, solutions, requests to take part), so only an administrator, or a secretariat of those
   * networks too, may (decision 0018).
   */
  private async checkMembersElsewhere(
    actor: Actor,
    networkId: number,
    orgs: { id: number; name: string }[],
  ): Promise<FieldError[]> {
    if (actor.isAdmin || orgs.length === 0) return [];
    const elsewhere = await this.repo.membershipsElsewhere(
      orgs.map((o) => o.id),
      networkId,
    );
    const foreign = new Set(elsewhere.filter((m) => !isSecretariat(actor, m.networkId)).map((m) => m.organisationId));
    if (foreign.size === 0) return [];
    const names = orgs
      .filter((o) => foreign.has(o.id))
      .map((o) => o.name)
      .join(", ");
    return [{ field: "organisationIds", key: "errors.memberOfOtherNetwork", params: { names } }];
  }

  // Memberships

  async addMembers(actor: Actor, slug: string, input: unknown): Promise<Result<number>> {
    const network = await this.get(slug);
    const parsed = membershipInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { organisationIds, ...values } = parsed.data;
    const ids = [...new Set(organisationIds)];
    const orgs = await this.organisations.byIds(ids);
    if (orgs.length !== ids.length || orgs.some((o) => o.endedOn))
      return invalid([{ field: "organisationIds", key: "errors.choice" }]);
    const problems = await this.checkRepresentative(values.representedById, orgs);
    problems.push(...(await this.checkMembersElsewhere(actor, network.id, orgs)));
    if (problems.length) return invalid(problems);
    const current = new Set((await this.repo.membersOf(network.id)).map((m) => m.organisationId));
    const already = orgs.filter((o) => current.has(o.id));
    if (already.length) {
      return invalid([
        { field: "organisationIds", key: "errors.alreadyMember", params: { names: already.map((o) => o.name).join(", ") } },
      ]);
    }
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const rows = await this.repo
          .with(tx)
          .insertMemberships(ids.map((organisationId) => ({ networkId: network.id, organisationId, ...values })));
        await audit(rows.map((m) => ({ action: "create" as const, entity: "membership", entityId: m.id, after: m })));
        return rows.length;
      }),
    );
  }

  async getMembership(slug: string, id: number) {
    const network = await this.get(slug);
    const membership = await this.repo.membership(network.id, id);
    if (!membership) throw new NotFoundError();
    return { network, membership };
  }

  async updateMembership(actor: Actor, slug: string, id: number, input: unknown): Promise<Result<true>> {
    const { network, membership } = await this.getMembership(slug, id);
    const parsed = membershipUpdateInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    // A representative already on record stays, so the level and dates can be edited alone.
    const problems =
      parsed.data.representedById === membership.representedById
        ? []
        : await this.checkRepresentative(
            parsed.data.representedById,
            await this.organisations.byIds([membership.organisationId]),
          );
    // An ended membership opened again counts as a new one.
    if (membership.toDate !== null && parsed.data.toDate === null) {
      const org = await this.organisations.byId(membership.organisationId);
      const found = await this.checkMembersElsewhere(actor, network.id, org ? [org] : []);
      problems.push(...found.map((e) => ({ ...e, field: "toDate" })));
    }
    if (problems.length) return invalid(problems);
    await updateAudited(this.db, actor, "membership", membership, parsed.data, (tx) =>
      this.repo.with(tx).updateMembership(id, parsed.data),
    );
    return ok(true);
  }

  async removeMembership(actor: Actor, slug: string, id: number): Promise<void> {
    const { membership } = await this.getMembership(slug, id);
    await deleteAudited(this.db, actor, "membership", membership, (tx) => this.repo.with(tx).deleteMembership(id));
  }

  /**
   * An IT cooperation represents only its own member municipalities (the directory's list of its
   * members): one of another region, or one the municipality is not part of, cannot report for it.
   */
  private async checkRepresentative(id: number | null, orgs: { id: number; name: string }[]): Promise<FieldError[]> {
    if (id === null) return [];
    const org = await this.organisations.byId(id);
    if (org?.kind !== "it_cooperation") return [{ field: "representedById", key: "errors.representative" }];
    const members = new Set((await this.organisations.cooperationMembersOf(id)).map((m) => m.id));
    const outside = orgs.filter((o) => !members.has(o.id));
    if (outside.length === 0) return [];
    return [
      {
        field: "representedById",
        key: "errors.representativeNotMember",
        params: { cooperation: org.name, names: outside.map((o) => o.name).join(", ") },
      },
    ];
  }

  /**
   * The organisation a seat represents. A secretariat may name its own network's members, or an
   * organisation of no other network (bodies seat outsiders such as KS), but not another network's
   * member: that network would find its member on a body it cannot edit, and the secretariat could
   * not undo the choice there. An administrator, or a secretariat of those networks too, may.
   */
  private async checkSeatOrganisation(
    actor: Actor,
    networkId: number,
    organisationId: number | null,
    current: number | null = null,
  ): Promise<FieldError[]> {
    if (organisationId === null || organisationId === current) return [];
    if (!(await this.organisations.byId(organisationId))) return [{ field: "organisationId", key: "errors.choice" }];
    if (actor.isAdmin) return [];
    const networkIds = (await this.repo.membershipsElsewhere([organisationId], null)).map((m) => m.networkId);
    if (networkIds.includes(networkId) || networkIds.every((id) => isSecretariat(actor, id))) return [];
    return [{ field: "organisationId", key: "errors.organisationOfOtherNetwork" }];
  }

  // Bodies

  /** A body as this viewer may see it: one they may not see does not exist for them. */
  async visibleBody(slug: string, id: number, viewer: Actor | null) {
    const found = await this.getBody(slug, id);
    if (!canSee(viewer, { networkId: found.network.id, visibility: found.body.visibility, bodyId: found.body.id }))
      throw new NotFoundError();
    return found;
  }

  /** The body's documents this viewer may see. */
  async documentsOf(network: { id: number }, bodyId: number, viewer: Actor | null) {
    const all = await this.repo.bodyDocuments.list(bodyId);
    return all.filter((d) => canSee(viewer, { networkId: network.id, visibility: d.visibility, bodyId }));
  }

  /** Stores an uploaded document: the file is checked for size and (by its content) type first. */
  async addDocument(actor: Actor, slug: string, bodyId: number, input: unknown, maxBytes: number): Promise<Result<number>> {
    const { body } = await this.getBody(slug, bodyId);
    const parsed = documentInput.safeParse(input);
    const upload = await checkUpload("file", (input as Record<string, unknown> | undefined)?.file, maxBytes);
    const errors = [...(parsed.success ? [] : toFieldErrors(parsed.error)), ...upload.errors];
    if (!parsed.success || !upload.file || errors.length) return invalid(errors);
    const { title, visibility } = parsed.data;
    const file = upload.file;
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const saved = await saveFile(tx, file, actor.userId);
        const doc = await this.repo.with(tx).bodyDocuments.insert({ bodyId: body.id, fileId: saved.id, title, visibility });
        await audit({
          action: "create",
          entity: "body_document",
          entityId: doc.id,
          after: { bodyId: body.id, title, visibility, file: saved },
        });
        return doc.id;
      }),
    );
  }

  /** A document and its bytes, for a viewer who may see it; anything else does not exist. */
  async documentFile(slug: string, bodyId: number, id: number, viewer: Actor | null) {
    const { network, body } = await this.visibleBody(slug, bodyId, viewer);
    const doc = await this.repo.bodyDocuments.find(body.id, id);
    if (!doc || !canSee(viewer, { networkId: network.id, visibility: doc.visibility, bodyId: body.id }))
      throw new NotFoundError();
    const file = await readFile(this.db, doc.fileId);
    if (!file) throw new NotFoundError();
    return file;
  }

  async removeDocument(actor: Actor, slug: string, bodyId: number, id: number) {
    const { body } = await this.getBody(slug, bodyId);
    const doc = await this.repo.bodyDocuments.find(body.id, id);
    if (!doc) throw new NotFoundError();
    await deleteAudited(this.db, actor, "body_document", doc, async (tx) => {
      await this.repo.with(tx).bodyDocuments.remove(doc.id);
      await deleteFile(tx, doc.fileId);
    });
  }

  async getBody(slug: string, id: number) {
    const network = await this.get(slug);
    const body = await this.repo.body(network.id, id);
    if (!body) throw new NotFoundError();
    const members = await this.repo.membersOfBodies([body.id]);
    return { network, body, members };
  }

  async createBody(actor: Actor, slug: string, input: unknown) {
    const network = await this.get(slug);
    const parsed = bodyInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await createAudited(this.db, actor, "body", (tx) =>
        this.repo.with(tx).insertBody({ ...parsed.data, networkId: network.id }),
      ),
    );
  }

  async updateBody(actor: Actor, slug: string, id: number, input: unknown) {
    const { body } = await this.getBody(slug, id);
    const parsed = bodyInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await updateAudited(this.db, actor, "body", body, parsed.data, (tx) => this.repo.with(tx).updateBody(id, parsed.data)),
    );
  }

  /**
   * Removes a body with its seats and documents. A body with meetings or assessment rounds on
   * record stays: the database refuses, and the user is told why.
   */
  async deleteBody(actor: Actor, slug: string, id: number) {
    const { body, members } = await this.getBody(slug, id);
    const documents = await this.repo.bodyDocuments.list(id);
    try {
      await audited(this.db, actor, async (tx, audit) => {
        await this.repo.with(tx).deleteBody(id);
        // The body's documents go with it (by cascade); their files are removed here.
        for (const d of documents) await deleteFile(tx, d.fileId);
        await audit({
          action: "delete",
          entity: "body",
          entityId: id,
          before: { ...body, members, documents: documents.map((d) => ({ title: d.title, file: d.fileName })) },
        });
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new ConflictError([], "errors.bodyInUse");
      throw error;
    }
  }

  /**
   * Seats a person. The person record is shared by every network the person takes part in, so a
   * secretariat may seat someone here only if that adds no network to a record others share: they
   * take part in no other network (or only in ones it runs too), or already take part in this one.
   * Anyone else only an administrator may seat (decision 0018). A seat gives roles only in this
   * network, and only through an account link that reaches it.
   */
  async addBodyMember(actor: Actor, slug: string, bodyId: number, input: unknown) {
    const { network } = await this.getBody(slug, bodyId);
    const parsed = bodyMemberInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problems: FieldError[] = [];
    const [person] = await this.people.byIds([parsed.data.personId]);
    if (!person) problems.push({ field: "personId", key: "errors.choice" });
    else if (!actor.isAdmin) {
      const ids = await this.repo.networkIdsOfPerson(person.id, person.organisationId);
      const foreign = ids.includes(network.id) ? [] : ids.filter((id) => !isSecretariat(actor, id));
      if (foreign.length)
        problems.push({
          field: "personId",
          key: "errors.personInOtherNetwork",
          params: { networks: await this.networkNames(foreign) },
        });
    }
    problems.push(...(await this.checkSeatOrganisation(actor, network.id, parsed.data.organisationId)));
    if (problems.length) return invalid(problems);
    const organisationId = parsed.data.organisationId ?? person?.organisationId ?? null;
    return ok(
      await createAudited(this.db, actor, "body_member", async (tx) => {
        const [member] = await this.repo.with(tx).insertBodyMembers([{ ...parsed.data, organisationId, bodyId }]);
        return member!;
      }),
    );
  }

  async getBodyMember(slug: string, bodyId: number, id: number) {
    const found = await this.getBody(slug, bodyId);
    const member = found.members.find((m) => m.id === id);
    if (!member) throw new NotFoundError();
    return { ...found, member };
  }

  async updateBodyMember(actor: Actor, slug: string, bodyId: number, id: number, input: unknown): Promise<Result<true>> {
    const { network } = await this.getBody(slug, bodyId);
    const existing = await this.repo.bodyMember(bodyId, id);
    if (!existing) throw new NotFoundError();
    const parsed = bodyMemberUpdateInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problems = await this.checkSeatOrganisation(actor, network.id, parsed.data.organisationId, existing.organisationId);
    if (problems.length) return invalid(problems);
    await updateAudited(this.db, actor, "body_member", existing, parsed.data, (tx) =>
      this.repo.with(tx).updateBodyMember(id, parsed.data),
    );
    return ok(true);
  }

  async removeBodyMember(actor: Actor, slug: string, bodyId: number, id: number) {
    await this.getBody(slug, bodyId);
    const member = await this.repo.bodyMember(bodyId, id);
    if (!member) throw new NotFoundError();
    await deleteAudited(this.db, actor, "body_member", member, (tx) => this.repo.with(tx).deleteBodyMember(id));
  }
}
