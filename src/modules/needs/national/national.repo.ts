import { and, asc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../../platform/access/actor.ts";
import { visibleWhere } from "../../../platform/access/visibility.ts";
import { norwegianOrder } from "../../../platform/db/client.ts";
import type { Page } from "../../../platform/db/paging.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { rowsOf } from "../../../platform/db/rows.ts";
import { organisations } from "../../directory/index.ts";
import { bodies, networks } from "../../networks/index.ts";
import {
  assessmentRounds,
  nationalNeedLinks,
  nationalNeeds,
  needSupporters,
  needs,
  type Recommendation,
  recommendations,
} from "../schema.ts";

export type NationalNeed = typeof nationalNeeds.$inferSelect;
export type NationalNeedLink = typeof nationalNeedLinks.$inferSelect;

/** The orders of the national view: by how many networks, by inhabitants, by title; each either way. */
export const NATIONAL_SORTS = ["-networks", "networks", "-inhabitants", "inhabitants", "title", "-title"] as const;
export type NationalSort = (typeof NATIONAL_SORTS)[number];

export interface NationalFilter {
  /** Words in the national need's title or description, or in the title of one of its needs the viewer may see. */
  q?: string | undefined;
  /** Needs linked to no national need, each as a row of its own, are listed too. */
  unlinked?: boolean | undefined;
  /** This national need alone. */
  only?: number | undefined;
}

/**
 * A row of the national view: a national need, or a need linked to none (`needId`), with what the
 * viewer may see behind it. Counted only over the needs the viewer may see: a restricted need is
 * never counted, summed or named for a viewer the access kernel's rule keeps it from.
 */
export interface NationalRow {
  nationalNeedId: number | null;
  needId: number | null;
  title: string;
  description: string;
  networks: number;
  needs: number;
  organisations: number;
  /** Inhabitants of the organisations whose population the directory knows. */
  inhabitants: number;
  /** Organisations whose population the directory does not know. */
  unknown: number;
}

/** A need of the national view as the viewer may see it, with the priority its network gave it. */
export interface NationalNeedRow {
  nationalNeedId: number | null;
  id: number;
  title: string;
  state: (typeof needs.$inferSelect)["state"];
  urgency: (typeof needs.$inferSelect)["urgency"];
  networkId: number;
  networkSlug: string;
  networkName: string;
  organisationId: number;
  organisationName: string;
  population: number | null;
  /** The working committee's latest recommendation, from a round the viewer may see. */
  recommendation: Recommendation | null;
}

const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Rows of a raw query, from either driver. */

/** The only place with SQL for national needs, their links, and the national view. */
export class NationalRepo extends Repository {
  /** The needs the view counts for this viewer: visible to them under the access kernel's rule, and not merged. */
  private counted(viewer: Actor | null): SQL {
    return sql`${visibleWhere(viewer, needs)} and ${needs.state} <> 'merged'`;
  }

  /**
   * One page of the national view, with how many rows it has in all, in one query: the needs the
   * viewer may see, grouped by their national need (or alone), with the networks, the organisations
   * (the needs' own and their supporters, each once) and the inhabitants behind each.
   */
  async page(
    viewer: Actor | null,
    filter: NationalFilter,
    sort: NationalSort,
    page: Page,
  ): Promise<{ items: NationalRow[]; total: number }> {
    const like = filter.q ? escapeLike(filter.q) : null;
    const order = {
      "-networks": sql`networks desc, inhabitants desc, ${norwegianOrder(sql`title`)}`,
      networks: sql`networks asc, inhabitants asc, ${norwegianOrder(sql`title`)}`,
      "-inhabitants": sql`inhabitants desc, networks desc, ${norwegianOrder(sql`title`)}`,
      inhabitants: sql`inhabitants asc, networks asc, ${norwegianOrder(sql`title`)}`,
      title: sql`${norwegianOrder(sql`title`)} asc`,
      "-title": sql`${norwegianOrder(sql`title`)} desc`,
    }[sort];
    const result = await this.db.execute(sql`
      with v as (
        select ${nationalNeedLinks.nationalNeedId} as group_id,
               case when ${nationalNeedLinks.nationalNeedId} is null then ${needs.id} end as lone_id,
               ${needs.id} as need_id, ${needs.networkId} as network_id, ${needs.organisationId} as organisation_id,
               ${needs.title} as need_title
        from ${needs} left join ${nationalNeedLinks} on ${nationalNeedLinks.needId} = ${needs.id}
        where ${this.counted(viewer)}
          ${filter.unlinked ? sql`` : sql`and ${nationalNeedLinks.nationalNeedId} is not null`}
          ${filter.only !== undefined ? sql`and ${nationalNeedLinks.nationalNeedId} = ${filter.only}` : sql``}
      ),
      o as (
        select group_id, lone_id, organisation_id from v
        union
        select v.group_id, v.lone_id, s.organisation_id from v join ${needSupporters} s on s.need_id = v.need_id
      ),
      og as (
        select o.group_id, o.lone_id, count(*)::int as organisations,
               coalesce(sum(org.population), 0)::int as inhabitants,
               (count(*) filter (where org.population is null))::int as unknown
        from o join ${organisations} org on org.id = o.organisation_id
        group by o.group_id, o.lone_id
      ),
      g as (
        select v.group_id, v.lone_id, count(distinct v.network_id)::int as networks, count(*)::int as needs,
               min(v.need_title) as need_title
               ${like ? sql`, bool_or(v.need_title ilike ${like}) as matches` : sql``}
        from v group by v.group_id, v.lone_id
      ),
      rows as (
        select g.group_id, g.lone_id, coalesce(nn.title, g.need_title) as title, coalesce(nn.description, '') as description,
               g.networks, g.needs, og.organisations, og.inhabitants, og.unknown
        from g
        join og on og.group_id is not distinct from g.group_id and og.lone_id is not distinct from g.lone_id
        left join ${nationalNeeds} nn on nn.id = g.group_id
        ${like ? sql`where g.matches or nn.title ilike ${like} or nn.description ilike ${like}` : sql``}
      )
      select *, (count(*) over ())::int as total from rows
      order by ${order}, group_id nulls last, lone_id
      limit ${page.limit} offset ${page.offset}`);
    type Raw = {
      group_id: number | null;
      lone_id: number | null;
      title: string;
      description: string;
      networks: number;
      needs: number;
      organisations: number;
      inhabitants: number;
      unknown: number;
      total: number;
    };
    const raw = rowsOf<Raw>(result);
    // A page past the end carries no total: ask for the first row's.
    if (raw.length === 0 && page.offset > 0) {
      const first = await this.page(viewer, filter, sort, { limit: 1, offset: 0 });
      return { items: [], total: first.total };
    }
    const items: NationalRow[] = raw.map((r) => ({
      nationalNeedId: r.group_id === null ? null : Number(r.group_id),
      needId: r.lone_id === null ? null : Number(r.lone_id),
      title: r.title,
      description: r.description,
      networks: Number(r.networks),
      needs: Number(r.needs),
      organisations: Number(r.organisations),
      inhabitants: Number(r.inhabitants),
      unknown: Number(r.unknown),
    }));
    return { items, total: Number(raw[0]?.total ?? 0) };
  }

  /**
   * The needs behind national needs (and lone needs) that the viewer may see, with their network,
   * organisation and the latest recommendation of a round the viewer may see: one query.
   */
  async needsOf(viewer: Actor | null, groupIds: number[], needIds: number[] = []): Promise<NationalNeedRow[]> {
    if (groupIds.length === 0 && needIds.length === 0) return [];
    const latest = sql<Recommendation | null>`(
      select ${recommendations.recommendation} from ${recommendations}
      join ${assessmentRounds} on ${assessmentRounds.id} = ${recommendations.roundId}
      join ${bodies} on ${bodies.id} = ${assessmentRounds.bodyId}
      where ${recommendations.needId} = ${needs.id}
        and ${visibleWhere(viewer, { networkId: assessmentRounds.networkId, visibility: bodies.visibility, bodyId: assessmentRounds.bodyId })}
      order by ${assessmentRounds.deadline} desc, ${recommendations.updatedAt} desc
      limit 1)`;
    const belongs = or(
      groupIds.length ? inArray(nationalNeedLinks.nationalNeedId, groupIds) : undefined,
      needIds.length ? inArray(needs.id, needIds) : undefined,
    );
    return this.db
      .select({
        nationalNeedId: nationalNeedLinks.nationalNeedId,
        id: needs.id,
        title: needs.title,
        state: needs.state,
        urgency: needs.urgency,
        networkId: needs.networkId,
        networkSlug: networks.slug,
        networkName: networks.name,
        organisationId: needs.organisationId,
        organisationName: organisations.name,
        population: organisations.population,
        recommendation: latest,
      })
      .from(needs)
      .leftJoin(nationalNeedLinks, eq(nationalNeedLinks.needId, needs.id))
      .innerJoin(networks, eq(networks.id, needs.networkId))
      .innerJoin(organisations, eq(organisations.id, needs.organisationId))
      .where(and(this.counted(viewer), belongs))
      .orderBy(asc(norwegianOrder(networks.name)), asc(needs.id));
  }

  /** The supporters of these needs, with their population: the other organisations behind them. */
  async supportersOf(needIds: number[]) {
    if (needIds.length === 0) return [];
    return this.db
      .select({
        needId: needSupporters.needId,
        organisationId: needSupporters.organisationId,
        organisationName: organisations.name,
        population: organisations.population,
      })
      .from(needSupporters)
      .innerJoin(organisations, eq(organisations.id, needSupporters.organisationId))
      .where(inArray(needSupporters.needId, needIds));
  }

  // National needs and their links

  async byId(id: number): Promise<NationalNeed | undefined> {
    const [row] = await this.db.select().from(nationalNeeds).where(eq(nationalNeeds.id, id)).limit(1);
    return row;
  }

  /** Every national need, by title: their titles are public, for the secretariat's choice of one. */
  all() {
    return this.db
      .select({ id: nationalNeeds.id, title: nationalNeeds.title })
      .from(nationalNeeds)
      .orderBy(asc(norwegianOrder(nationalNeeds.title)), asc(nationalNeeds.id));
  }

  /** The networks whose needs are linked to the national need (whoever may see them): for the rule on its text. */
  async networksOf(id: number): Promise<number[]> {
    const rows = await this.db
      .selectDistinct({ networkId: needs.networkId })
      .from(nationalNeedLinks)
      .innerJoin(needs, eq(needs.id, nationalNeedLinks.needId))
      .where(eq(nationalNeedLinks.nationalNeedId, id));
    return rows.map((r) => r.networkId);
  }

  async linkOf(needId: number): Promise<NationalNeedLink | undefined> {
    const [row] = await this.db.select().from(nationalNeedLinks).where(eq(nationalNeedLinks.needId, needId)).limit(1);
    return row;
  }

  insert(values: typeof nationalNeeds.$inferInsert) {
    return this.insertOne(nationalNeeds, values);
  }

  update(id: number, values: Partial<typeof nationalNeeds.$inferInsert>) {
    return this.updateStamped(nationalNeeds, id, values);
  }

  delete(id: number) {
    return this.deleteOne(nationalNeeds, id);
  }

  /** Links the need to the national need, moving it from the one it was in. */
  async link(values: typeof nationalNeedLinks.$inferInsert) {
    await this.db
      .insert(nationalNeedLinks)
      .values(values)
      .onConflictDoUpdate({
        target: nationalNeedLinks.needId,
        set: {
          nationalNeedId: values.nationalNeedId,
          linkedById: values.linkedById,
          linkedByLabel: values.linkedByLabel,
          linkedAt: new Date(),
        },
      });
  }

  async unlink(needId: number) {
    const rows = await this.db.delete(nationalNeedLinks).where(eq(nationalNeedLinks.needId, needId)).returning();
    return rows[0];
  }

  /** Whether any need is still linked to the national need. */
  async hasLinks(id: number): Promise<boolean> {
    const [row] = await this.db
      .select({ id: nationalNeedLinks.needId })
      .from(nationalNeedLinks)
      .where(eq(nationalNeedLinks.nationalNeedId, id))
      .limit(1);
    return row !== undefined;
  }
}
