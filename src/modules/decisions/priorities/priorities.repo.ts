import { asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { Repository } from "../../../platform/db/repository.ts";
import { needs } from "../../needs/index.ts";
import { projects } from "../../projects/index.ts";
import { type PriorityTrack, priorityEntries, priorityRankings } from "../schema.ts";

export type Ranking = typeof priorityRankings.$inferSelect;

const itemNeed = alias(needs, "item_need");
const itemProject = alias(projects, "item_project");

/** The only place with SQL for the steering group's rankings and their entries. */
export class PriorityRepo extends Repository {
  async rankingsOf(networkId: number): Promise<Ranking[]> {
    return this.db
      .select()
      .from(priorityRankings)
      .where(eq(priorityRankings.networkId, networkId))
      .orderBy(desc(priorityRankings.decidedOn), desc(priorityRankings.id));
  }

  async entriesOf(rankingIds: number[]) {
    if (rankingIds.length === 0) return [];
    return this.db
      .select({
        entry: priorityEntries,
        needTitle: itemNeed.title,
        needState: itemNeed.state,
        needVisibility: itemNeed.visibility,
        needBodyId: itemNeed.bodyId,
        projectTitle: itemProject.title,
        projectPhase: itemProject.phase,
        projectVisibility: itemProject.visibility,
        projectBodyId: itemProject.bodyId,
        networkId: priorityRankings.networkId,
      })
      .from(priorityEntries)
      .innerJoin(priorityRankings, eq(priorityRankings.id, priorityEntries.rankingId))
      .leftJoin(itemNeed, eq(itemNeed.id, priorityEntries.needId))
      .leftJoin(itemProject, eq(itemProject.id, priorityEntries.projectId))
      .where(inArray(priorityEntries.rankingId, rankingIds))
      .orderBy(asc(priorityEntries.track), asc(priorityEntries.position));
  }

  async insertRanking(
    values: typeof priorityRankings.$inferInsert,
    entries: { track: PriorityTrack; needId: number | null; projectId: number | null }[],
  ): Promise<Ranking> {
    const [ranking] = await this.db.insert(priorityRankings).values(values).returning();
    const positions: Record<PriorityTrack, number> = { national: 0, local: 0 };
    if (entries.length)
      await this.db
        .insert(priorityEntries)
        .values(entries.map((e) => ({ rankingId: ranking!.id, ...e, position: ++positions[e.track] })));
    return ranking!;
  }
}
