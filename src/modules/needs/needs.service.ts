import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { actsForOrganisation, can, isSecretariat } from "../../platform/access/authorize.ts";
import { canSee, readableByAll } from "../../platform/access/visibility.ts";
import { changedFields, recordAudit } from "../../platform/audit/audit.ts";
import { audited } from "../../platform/audit/audited.ts";
import type { Db, DbOrTx } from "../../platform/db/client.ts";
import { readFile, removeTitledFile, storeTitledFile } from "../../platform/files/files.ts";
import { ForbiddenError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import { idList, kroner, optionalText, requiredId, requiredText, toFieldErrors } from "../../platform/http/validation.ts";
import { neighboursIfNothing, type SearchWords } from "../../platform/search/terms.ts";
import type { AccessService, NetworkService } from "../networks/index.ts";
import type { ProjectService } from "../projects/index.ts";
import { AssessmentRepo } from "./assessment/assessment.repo.ts";
import { unlinkNeed } from "./national/national.service.ts";
import { type Need, type NeedFilter, NeedRepo, type NeedSort } from "./needs.repo.ts";
import type { NeedResource } from "./policy.ts";
import { EFFORTS, NEED_KINDS, type NeedKind, type NeedState, OPEN_NEED_STATES, URGENCIES } from "./schema.ts";

export const needInput = z.object({
  kind: z.enum(NEED_KINDS, "errors.choice").default("need"),
  organisationId: requiredId,
  title: requiredText(200),
  problem: requiredText(10_000),
  affected: optionalText(2000),
  benefit: optionalText(4000),
  urgency: z.enum(URGENCIES, "errors.choice").default("medium"),
  legalRequirement: optionalText(500),
  costEstimate: kroner,
  effort: z.enum(EFFORTS, "errors.choice").default("unknown"),
  visibility: z.enum(["public", "network"], "errors.choice").default("public"),
});
export const supportInput = z.object({ organisationId: requiredId, note: optionalText(2000) });
export const mergeInput = z.object({ intoId: requiredId, note: optionalText(1000) });
export const moveInput = z.object({ networkId: requiredId, note: optionalText(1000) });
export const splitInput = z.object({
  title: requiredText(200),
  problem: requiredText(10_000),
  /** Supporters that share the new part too; they stay on the original as well. */
  supporterIds: idList,
});

export interface NeedSearch {
  q?: string | undefined;
  network?: string | undefined;
  organisation?: number | undefined;
  state?: NeedState | undefined;
  kind?: NeedKind | undefined;
}

/**
 * What an entry of a need's history says beyond its state: the note typed with it, else the text
 * of the decision or the title of the round that made the change, if the reader may see it. The
 * caller passes only the decisions and rounds the reader may see.
 */
export function eventNote(
  event: { note: string; decisionId: number | null; roundId: number | null },
  visible: {
    decisions: readonly { decision: { id: number; text: string } }[];
    rounds: readonly { round: { id: number; title: string } }[];
  },
): string {
  if (event.note) return event.note;
  const decision = visible.decisions.find((d) => d.decision.id === event.decisionId);
  if (decision) return decision.decision.text;
  return visible.rounds.find((r) => r.round.id === event.roundId)?.round.title ?? "";
}

/** How many suggestions the "similar needs" box shows of each kind. */
const SIMILAR_LIMIT = 5;

/** Commands on needs and ideas: registration, support, attachments, merge, split and move. All audited. */
export class NeedService {
  readonly repo: NeedRepo;

  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly networks: NetworkService,
    private readonly projects: ProjectService,
    /** Reads the search box's query in both written standards (decision 0034). */
    private readonly words: Pick<SearchWords, "terms">,
  ) {
    this.repo = new NeedRepo(db);
  }

  /** The need as the rules see it; 404 when it does not exist. */
  async resource(id: number): Promise<NeedResource & Need> {
    const need = await this.repo.byId(id);
    if (!need) throw new NotFoundError();
    return need;
  }

  /** A need the viewer may see, else 404 (a hidden need is not admitted to exist). */
  async visible(id: number, viewer: Actor | null): Promise<Need> {
    const need = await this.repo.byId(id);
    if (!need || !canSee(viewer, need)) throw new NotFoundError();
    return need;
  }

  // Reads other modules ask for (decisions, the assessment); the repository stays behind the service.
  byId(id: number) {
    return this.repo.byId(id);
  }
  byIds(ids: number[]) {
    return this.repo.byIds(ids);
  }
  /** A need's supporters, read through the caller's transaction when given. */
  supportersOf(needIds: number[], db: DbOrTx = this.db) {
    return this.repo.with(db).supportersOf(needIds);
  }

  list(filter: NeedFilter, viewer: Actor | null, sort: NeedSort, limit: number, offset: number) {
    return this.repo.list(filter, viewer, sort, limit, offset);
  }

  /** The list as its page and the API filter it: a network by its slug (an unknown one matches nothing). */
  async search(filter: NeedSearch, viewer: Actor | null, sort: NeedSort, limit: number, offset: number) {
    const network = filter.network ? await this.networks.bySlug(filter.network) : undefined;
    const where: NeedFilter = {
      networkId: filter.network ? (network?.id ?? -1) : undefined,
      organisationId: filter.organisation,
      state: filter.state,
      kind: filter.kind,
    };
    if (!filter.q) return this.repo.list(where, viewer, sort, limit, offset);
    return neighboursIfNothing(
      await this.words.terms(filter.q),
      (q) => this.repo.list({ ...where, q }, viewer, sort, limit, offset),
      (found) => found.total === 0,
    );
  }

  /** Everything a need's page shows. */
  async get(id: number, viewer: Actor | null) {
    const need = await this.visible(id, viewer);
    const [detail, supporters, documents, events, mergedInto, mergedFrom, project] = await Promise.all([
      this.repo.detail(id),
      this.repo.supportersOf([id]),
      this.repo.documents.list(id),
      this.repo.eventsOf(id),
      need.mergedIntoId ? this.repo.byId(need.mergedIntoId) : undefined,
      this.repo.mergedInto(id),
      need.projectId ? this.projects.byId(need.projectId) : undefined,
    ]);
    const organisations = [
      { id: need.organisationId, population: detail!.organisationPopulation },
      ...supporters.map((s) => ({ id: s.organisationId, population: s.population })),
    ];
    return {
      ...detail!,
      supporters,
      documents,
      events,
      mergedInto: mergedInto && canSee(viewer, mergedInto) ? mergedInto : undefined,
      mergedFrom: mergedFrom.filter((n) => canSee(viewer, n)),
      project: project && canSee(viewer, project) ? project : undefined,
      shared: { organisations: organisations.length, inhabitants: organisations.reduce((s, o) => s + (o.population ?? 0), 0) },
    };
  }

  /** Needs and projects like the text being typed, across every network, to catch duplicates early. */
  async similar(text: string, viewer: Actor | null, excludeId: number | null = null) {
    const words = text.trim().slice(0, 2000);
    if (words.length < 3) return { needs: [], projects: [] };
    const [needs, projects] = await Promise.all([
      this.repo.similar(words, viewer, excludeId, SIMILAR_LIMIT),
      this.projects.similar(words, viewer, SIMILAR_LIMIT),
    ]);
    return { needs, projects };
  }

  /** The organisation must be a member of the network today, and the actor must act for it there. */
  private async checkOrganisation(actor: Actor, networkId: number, organisationId: number) {
    const org = await this.access.organisationResource(organisationId);
    if (!org.networkIds.includes(networkId)) return { field: "organisationId", key: "errors.notMemberOfNetwork" } as const;
    if (!can(actor, "need.update", { networkId, organisationId }))
      return { field: "organisationId", key: "errors.notYourOrganisation" } as const;
    return null;
  }

  async create(actor: Actor, networkId: number, input: unknown): Promise<Result<Need>> {
    const parsed = needInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problem = await this.checkOrganisation(actor, networkId, parsed.data.organisationId);
    if (problem) return invalid([problem]);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const need = await repo.insert({
          ...parsed.data,
          networkId,
          createdById: actor.userId,
          createdByLabel: actor.label,
        });
        await repo.insertEvent({
          needId: need.id,
          fromState: null,
          toState: need.state,
          byId: actor.userId,
          byLabel: actor.label,
        });
        await audit({ action: "create", entity: "need", entityId: need.id, after: need });
        return need;
      }),
    );
  }

  async update(actor: Actor, id: number, input: unknown): Promise<Result<Need>> {
    const existing = await this.resource(id);
    if (existing.state === "merged") return invalid([{ field: "_", key: "errors.needMerged" }]);
    const parsed = needInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    if (parsed.data.organisationId !== existing.organisationId) {
      const problem = await this.checkOrganisation(actor, existing.networkId, parsed.data.organisationId);
      if (problem) return invalid([problem]);
    }
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const diff = changedFields(existing as unknown as Record<string, unknown>, parsed.data);
        if (!diff.changed) return existing;
        const saved = await this.repo.with(tx).update(id, parsed.data);
        await audit({ action: "update", entity: "need", entityId: id, before: diff.before, after: diff.after });
        return saved;
      }),
    );
  }

  /**
   * Moves a need to another state and records it, in the caller's transaction: the history on its
   * page and what the next digest tells its submitter and supporters.
   */
  async changeState(
    tx: DbOrTx,
    actor: Actor,
    need: Need,
    toState: NeedState,
    note = "",
    extra: Partial<Need> = {},
    /** The decision or round that made the change: referred to, never copied (see needEvents). */
    source: { decisionId?: number; roundId?: number } = {},
  ) {
    const repo = this.repo.with(tx);
    await repo.update(need.id, { state: toState, ...extra });
    await repo.insertEvent({
      needId: need.id,
      fromState: need.state,
      toState,
      note,
      ...source,
      byId: actor.userId,
      byLabel: actor.label,
    });
    await recordAudit(tx, actor, {
      action: "update",
      entity: "need",
      entityId: need.id,
      before: { state: need.state },
      after: { state: toState, ...extra },
    });
  }

  // "We have this need too"

  async support(actor: Actor, id: number, input: unknown): Promise<Result<true>> {
    const need = await this.visible(id, actor);
    if (need.state === "merged") return invalid([{ field: "_", key: "errors.needMerged" }]);
    const parsed = supportInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { organisationId, note } = parsed.data;
    if (organisationId === need.organisationId) return invalid([{ field: "organisationId", key: "errors.ownNeed" }]);
    if (!actsForOrganisation(actor, await this.access.organisationResource(organisationId)))
      return invalid([{ field: "organisationId", key: "errors.notYourOrganisation" }]);
    const before = await this.repo.supporter(id, organisationId);
    await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      await repo.upsertSupporter({ needId: id, organisationId, note, userId: actor.userId, userLabel: actor.label });
      await audit({
        action: before ? "update" : "create",
        entity: "need_supporter",
        entityId: `${id}:${organisationId}`,
        before,
        after: { needId: id, organisationId, note },
      });
    });
    return ok(true);
  }

  async withdrawSupport(actor: Actor, id: number, organisationId: number) {
    await this.visible(id, actor);
    if (!actsForOrganisation(actor, await this.access.organisationResource(organisationId))) throw new ForbiddenError();
    await audited(this.db, actor, async (tx, audit) => {
      const removed = await this.repo.with(tx).deleteSupporter(id, organisationId);
      if (!removed) throw new NotFoundError();
      await audit({
        action: "delete",
        entity: "need_supporter",
        entityId: `${id}:${organisationId}`,
        before: removed,
      });
    });
  }

  // Attachments

  async addDocument(actor: Actor, id: number, input: unknown, maxBytes: number): Promise<Result<number>> {
    await this.resource(id);
    return storeTitledFile(this.db, actor, input, maxBytes, {
      entity: "need_document",
      insert: (tx, fileId, title) => this.repo.with(tx).documents.insert({ needId: id, fileId, title }),
    });
  }

  async documentFile(id: number, documentId: number, viewer: Actor | null) {
    await this.visible(id, viewer);
    const doc = await this.repo.documents.find(id, documentId);
    const file = doc ? await readFile(this.db, doc.fileId) : undefined;
    if (!file) throw new NotFoundError();
    return file;
  }

  async removeDocument(actor: Actor, id: number, documentId: number) {
    const doc = await this.repo.documents.find(id, documentId);
    if (!doc) throw new NotFoundError();
    await removeTitledFile(this.db, actor, "need_document", doc, (tx) => this.repo.with(tx).documents.remove(doc.id));
  }

  // The secretariat tends the list

  /**
   * Merges a duplicate into another need: its supporters (notes kept, joined where an organisation
   * supported both), its registering organisation as a supporter with its own text, its attachments
   * and its rounds all go to the need that stays. The duplicate remains, marked merged, with a link.
   */
  async merge(actor: Actor, id: number, input: unknown): Promise<Result<Need>> {
    const source = await this.resource(id);
    const parsed = mergeInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    if (!OPEN_NEED_STATES.includes(source.state)) return invalid([{ field: "_", key: "errors.needClosed" }]);
    const target = await this.repo.byId(parsed.data.intoId);
    if (!target || target.id === source.id || !canSee(actor, target)) return invalid([{ field: "intoId", key: "errors.choice" }]);
    if (!can(actor, "need.manage", target)) return invalid([{ field: "intoId", key: "errors.notYourNetwork" }]);
    // The duplicate's text, supporters and attachments move into the need that stays: never into a
    // more public one (decision 0019).
    if (!readableByAll(source, target)) return invalid([{ field: "intoId", key: "errors.mergeIntoMorePublic" }]);
    if (!OPEN_NEED_STATES.includes(target.state)) return invalid([{ field: "intoId", key: "errors.needClosed" }]);
    return ok(
      await this.db.transaction(async (tx) => {
        const repo = this.repo.with(tx);
        await repo.moveSupporters(source.id, target.id);
        if (source.organisationId !== target.organisationId) {
          const existing = await repo.supporter(target.id, source.organisationId);
          const own = `${source.title}\n\n${source.problem}`.slice(0, 4000);
          await repo.upsertSupporter({
            needId: target.id,
            organisationId: source.organisationId,
            note: existing?.note ? `${existing.note}\n\n${own}` : own,
            userId: source.createdById,
            userLabel: source.createdByLabel,
          });
        }
        await repo.documents.move(source.id, target.id);
        await new AssessmentRepo(tx).moveRoundNeeds(source.id, target.id);
        await this.changeState(tx, actor, source, "merged", parsed.data.note, { mergedIntoId: target.id });
        await repo.insertEvent({
          needId: target.id,
          fromState: target.state,
          toState: target.state,
          note: parsed.data.note || source.title,
          byId: actor.userId,
          byLabel: actor.label,
        });
        return target;
      }),
    );
  }

  /**
   * Moves a need to another network, which the registering organisation must be a member of. Its
   * link to a national need is removed in the same transaction (decision 0027).
   */
  async move(actor: Actor, id: number, input: unknown): Promise<Result<Need>> {
    const need = await this.resource(id);
    const parsed = moveInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    if (!OPEN_NEED_STATES.includes(need.state)) return invalid([{ field: "_", key: "errors.needClosed" }]);
    const target = await this.networks.byId(parsed.data.networkId);
    if (!target || target.id === need.networkId) return invalid([{ field: "networkId", key: "errors.choice" }]);
    const org = await this.access.organisationResource(need.organisationId);
    if (!org.networkIds.includes(target.id)) return invalid([{ field: "networkId", key: "errors.notMemberOfNetwork" }]);
    // A secretariat writes only into networks it runs (decision 0018).
    if (!isSecretariat(actor, target.id)) return invalid([{ field: "networkId", key: "errors.notYourNetwork" }]);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const moved = await this.repo.with(tx).update(id, { networkId: target.id, bodyId: null });
        await this.repo.with(tx).insertEvent({
          needId: id,
          fromState: need.state,
          toState: need.state,
          note: parsed.data.note || target.name,
          byId: actor.userId,
          byLabel: actor.label,
        });
        await audit({
          action: "update",
          entity: "need",
          entityId: id,
          before: { networkId: need.networkId },
          after: { networkId: target.id },
        });
        // Its link to a national need was made by the old network's secretariat, which no longer
        // keeps the need: it goes, and the national need too if nothing is left in it.
        await unlinkNeed(tx, id, audit, "moved");
        return moved;
      }),
    );
  }

  /**
   * Splits a part off a need into a new need of the same organisation and network. The supporters
   * chosen share the new part too; all of them stay on the original.
   */
  async split(actor: Actor, id: number, input: unknown): Promise<Result<Need>> {
    const source = await this.resource(id);
    const parsed = splitInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    if (!OPEN_NEED_STATES.includes(source.state)) return invalid([{ field: "_", key: "errors.needClosed" }]);
    const supporters = await this.repo.supportersOf([id]);
    const chosen = supporters.filter((s) => parsed.data.supporterIds.includes(s.organisationId));
    if (chosen.length !== parsed.data.supporterIds.length) return invalid([{ field: "supporterIds", key: "errors.choice" }]);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const { id: _id, createdAt: _c, updatedAt: _u, state: _s, mergedIntoId: _m, projectId: _p, ...fields } = source;
        const part = await repo.insert({ ...fields, title: parsed.data.title, problem: parsed.data.problem });
        for (const s of chosen)
          await repo.upsertSupporter({
            needId: part.id,
            organisationId: s.organisationId,
            note: s.note,
            userId: s.userId,
            userLabel: s.userLabel,
          });
        await repo.insertEvent({
          needId: part.id,
          fromState: null,
          toState: part.state,
          note: source.title,
          byId: actor.userId,
          byLabel: actor.label,
        });
        await audit({ action: "create", entity: "need", entityId: part.id, after: { ...part, splitFrom: id } });
        return part;
      }),
    );
  }
}
