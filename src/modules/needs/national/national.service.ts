import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { isSecretariat } from "../../../platform/access/authorize.ts";
import { visibilityKey } from "../../../platform/access/visibility.ts";
import type { AuditEntry } from "../../../platform/audit/audit.ts";
import { audited, updateAudited } from "../../../platform/audit/audited.ts";
import type { Db, Tx } from "../../../platform/db/client.ts";
import { type Keeper, keepUntilChange } from "../../../platform/db/data-version.ts";
import type { Page } from "../../../platform/db/paging.ts";
import { ForbiddenError, invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { optionalText, requiredId, requiredText, toFieldErrors } from "../../../platform/http/validation.ts";
import type { Need } from "../needs.repo.ts";
import type { NeedService } from "../needs.service.ts";
import {
  type NationalFilter,
  type NationalNeed,
  type NationalNeedRow,
  NationalRepo,
  type NationalRow,
  type NationalSort,
} from "./national.repo.ts";

/** A national need's text: written by secretariats, public to everyone. */
export const nationalNeedInput = z.object({
  title: requiredText(200),
  description: optionalText(4000),
});
export const linkInput = z.object({ nationalNeedId: requiredId });

/** An organisation behind a national need: a need's own or a supporter, once. */
export interface Behind {
  id: number;
  name: string;
  population: number | null;
}

/** A row of the national view with the needs, networks and organisations behind it that the viewer may see. */
export interface NationalEntry extends NationalRow {
  items: NationalNeedRow[];
  organisationList: Behind[];
  networkList: { id: number; slug: string; name: string }[];
}

/** What the rule on a national need's text is checked against: the networks whose needs are in it, and the one that started it. */
export interface NationalNeedResource {
  nationalNeed: NationalNeed;
  networkIds: number[];
}

type Audit = (entries: AuditEntry | AuditEntry[]) => Promise<void>;

/** A national need with no need left in it is removed, audited, in the caller's transaction. */
async function dropIfEmpty(tx: Tx, id: number, audit: Audit) {
  const repo = new NationalRepo(tx);
  if (await repo.hasLinks(id)) return;
  const gone = await repo.byId(id);
  await repo.delete(id);
  if (gone) await audit({ action: "delete", entity: "national_need", entityId: id, before: gone });
}

/**
 * Takes a need out of its national need in the caller's transaction, audited (with why, where it
 * was not its secretariat's choice: `moved` when the need went to another network), and removes
 * the national need if no need is left in it. False when the need was in none.
 */
export async function unlinkNeed(tx: Tx, needId: number, audit: Audit, reason?: "moved"): Promise<boolean> {
  const removed = await new NationalRepo(tx).unlink(needId);
  if (!removed) return false;
  await audit({
    action: "delete",
    entity: "national_need_link",
    entityId: needId,
    before: { nationalNeedId: removed.nationalNeedId, needId, linkedByLabel: removed.linkedByLabel },
    ...(reason ? { after: { reason } } : {}),
  });
  await dropIfEmpty(tx, removed.nationalNeedId, audit);
  return true;
}

/**
 * Needs passed on nationally: a network's secretariat links its own needs to a national need (the
 * same need in other networks) or starts one from a need, and the national view shows each with
 * what the viewer may see behind it. All changes audited.
 */
export class NationalNeedService {
  readonly repo: NationalRepo;

  constructor(
    private readonly db: Db,
    private readonly needs: NeedService,
    /** Pages of the view, kept until the data changes for every viewer who may see the same needs. */
    private readonly views: Keeper<{ items: NationalEntry[]; total: number }> = keepUntilChange(undefined),
  ) {
    this.repo = new NationalRepo(db);
  }

  /**
   * One page of the national view, each row with the needs, networks and organisations behind it:
   * four queries, counted over every need the viewer may see, so the page is kept until the data
   * changes, for all who may see the same (the access kernel's visibility key), never across them.
   */
  view(viewer: Actor | null, filter: NationalFilter, sort: NationalSort, page: Page) {
    return this.views.get(`${visibilityKey(viewer)}|${JSON.stringify([filter, sort, page])}`, async () => {
      const { items, total } = await this.repo.page(viewer, filter, sort, page);
      return { items: await this.entries(viewer, items), total };
    });
  }

  private async entries(viewer: Actor | null, rows: NationalRow[]): Promise<NationalEntry[]> {
    const groupIds = rows.flatMap((r) => (r.nationalNeedId === null ? [] : [r.nationalNeedId]));
    const loneIds = rows.flatMap((r) => (r.needId === null ? [] : [r.needId]));
    const items = await this.repo.needsOf(viewer, groupIds, loneIds);
    const supporters = await this.repo.supportersOf(items.map((n) => n.id));
    return rows.map((row) => {
      const own = items.filter((n) =>
        row.nationalNeedId !== null ? n.nationalNeedId === row.nationalNeedId : n.id === row.needId,
      );
      const ids = new Set(own.map((n) => n.id));
      const behind = new Map<number, Behind>();
      for (const n of own)
        behind.set(n.organisationId, { id: n.organisationId, name: n.organisationName, population: n.population });
      for (const s of supporters)
        if (ids.has(s.needId))
          behind.set(s.organisationId, { id: s.organisationId, name: s.organisationName, population: s.population });
      const networkList = new Map(own.map((n) => [n.networkId, { id: n.networkId, slug: n.networkSlug, name: n.networkName }]));
      return {
        ...row,
        items: own,
        organisationList: [...behind.values()].sort((a, b) => a.name.localeCompare(b.name, "nb")),
        networkList: [...networkList.values()],
      };
    });
  }

  /** A national need the viewer may see some need of (404 otherwise), with those needs. */
  async get(viewer: Actor | null, id: number): Promise<{ nationalNeed: NationalNeed; entry: NationalEntry }> {
    const nationalNeed = await this.repo.byId(id);
    if (!nationalNeed) throw new NotFoundError();
    const { items } = await this.repo.page(viewer, { only: id }, "title", { limit: 1, offset: 0 });
    const [entry] = await this.entries(viewer, items);
    if (!entry) throw new NotFoundError();
    return { nationalNeed, entry };
  }

  /** The national need as its rule sees it; 404 when there is none. */
  async resource(id: number): Promise<NationalNeedResource> {
    const nationalNeed = await this.repo.byId(id);
    if (!nationalNeed) throw new NotFoundError();
    const networkIds = await this.repo.networksOf(id);
    return { nationalNeed, networkIds: nationalNeed.networkId ? [...networkIds, nationalNeed.networkId] : networkIds };
  }

  /**
   * The national need as its rule sees it, and the one network the caller acts in on it (for a
   * network-limited API token, which writes only in its network): one whose secretariat they are
   * by a grant of their own (a limited token carries only its network's), else any they run.
   */
  async resourceFor(actor: Actor | null, id: number): Promise<NationalNeedResource & { networkId: number | null }> {
    const resource = await this.resource(id);
    const ids = resource.networkIds;
    const networkId =
      ids.find((n) => actor?.networks?.[n]?.role === "secretariat") ??
      ids.find((n) => isSecretariat(actor, n)) ??
      resource.nationalNeed.networkId ??
      ids[0] ??
      null;
    return { ...resource, networkId };
  }

  /** What a need's page shows: its national need and the other needs in it the viewer may see, and the national needs to choose from. */
  async ofNeed(viewer: Actor | null, need: Need, choices: boolean) {
    const link = await this.repo.linkOf(need.id);
    const nationalNeed = link ? await this.repo.byId(link.nationalNeedId) : undefined;
    const [others, all] = await Promise.all([
      nationalNeed ? this.repo.needsOf(viewer, [nationalNeed.id]) : Promise.resolve([]),
      choices ? this.repo.all() : Promise.resolve([]),
    ]);
    return {
      nationalNeed: nationalNeed ?? null,
      others: others.filter((n) => n.id !== need.id),
      choices: all.filter((g) => g.id !== nationalNeed?.id),
    };
  }

  /**
   * The need's network's secretariat, and only it, links or unlinks the need: a secretariat never
   * changes another network's needs. Merged needs live on in the need they were merged into.
   */
  private async ownNeed(actor: Actor, needId: number): Promise<Need> {
    const need = await this.needs.resource(needId);
    if (!isSecretariat(actor, need.networkId)) throw new ForbiddenError();
    return need;
  }

  /** Links a need of the secretariat's own network to a national need (moving it from another). */
  async link(actor: Actor, needId: number, input: unknown): Promise<Result<NationalNeed>> {
    const need = await this.ownNeed(actor, needId);
    if (need.state === "merged") return invalid([{ field: "_", key: "errors.needMerged" }]);
    const parsed = linkInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const target = await this.repo.byId(parsed.data.nationalNeedId);
    if (!target) return invalid([{ field: "nationalNeedId", key: "errors.choice" }]);
    const before = await this.repo.linkOf(need.id);
    if (before?.nationalNeedId === target.id) return ok(target);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo
        .with(tx)
        .link({ nationalNeedId: target.id, needId: need.id, linkedById: actor.userId, linkedByLabel: actor.label });
      await audit({
        action: before ? "update" : "create",
        entity: "national_need_link",
        entityId: need.id,
        before: before ? { nationalNeedId: before.nationalNeedId } : null,
        after: { nationalNeedId: target.id, needId: need.id },
      });
      if (before) await dropIfEmpty(tx, before.nationalNeedId, audit);
    });
    return ok(target);
  }

  /** Starts a national need from a need of the secretariat's own network, and links the need to it. */
  async start(actor: Actor, needId: number, input: unknown): Promise<Result<NationalNeed>> {
    const need = await this.ownNeed(actor, needId);
    if (need.state === "merged") return invalid([{ field: "_", key: "errors.needMerged" }]);
    const parsed = nationalNeedInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const before = await this.repo.linkOf(need.id);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const created = await repo.insert({
          ...parsed.data,
          networkId: need.networkId,
          createdById: actor.userId,
          createdByLabel: actor.label,
        });
        await repo.link({ nationalNeedId: created.id, needId: need.id, linkedById: actor.userId, linkedByLabel: actor.label });
        await audit([
          { action: "create", entity: "national_need", entityId: created.id, after: created },
          {
            action: before ? "update" : "create",
            entity: "national_need_link",
            entityId: need.id,
            before: before ? { nationalNeedId: before.nationalNeedId } : null,
            after: { nationalNeedId: created.id, needId: need.id },
          },
        ]);
        if (before) await dropIfEmpty(tx, before.nationalNeedId, audit);
        return created;
      }),
    );
  }

  /** Takes a need of the secretariat's own network out of its national need; a national need left empty goes. */
  async unlink(actor: Actor, needId: number): Promise<Result<true>> {
    const need = await this.ownNeed(actor, needId);
    if (need.state === "merged") return invalid([{ field: "_", key: "errors.needMerged" }]);
    await audited(this.db, actor, async (tx, audit) => {
      if (!(await unlinkNeed(tx, need.id, audit))) throw new NotFoundError();
    });
    return ok(true);
  }

  /** Changes a national need's title and description (the secretariat of a network with a need in it). */
  async update(actor: Actor, nationalNeed: NationalNeed, input: unknown): Promise<Result<NationalNeed>> {
    const parsed = nationalNeedInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await updateAudited(this.db, actor, "national_need", nationalNeed, parsed.data, (tx) =>
        this.repo.with(tx).update(nationalNeed.id, parsed.data),
      ),
    );
  }
}
