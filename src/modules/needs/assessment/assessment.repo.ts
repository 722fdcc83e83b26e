import { and, asc, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Actor } from "../../../platform/access/actor.ts";
import { visibleWhere } from "../../../platform/access/visibility.ts";
import { type Page, paged, totalRows } from "../../../platform/db/paging.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { organisations } from "../../directory/index.ts";
import { bodies, networks } from "../../networks/index.ts";
import {
  assessmentBands,
  assessmentCriteria,
  assessmentRounds,
  assessmentScores,
  needs,
  recommendations,
  roundCriteria,
  roundNeeds,
} from "../schema.ts";

export type Criterion = typeof assessmentCriteria.$inferSelect;
export type Round = typeof assessmentRounds.$inferSelect;
export type RoundCriterion = typeof roundCriteria.$inferSelect;
export type Score = typeof assessmentScores.$inferSelect;
export type RecommendationRow = typeof recommendations.$inferSelect;

/** The only place with SQL for criteria, bands, rounds, scores and recommendations. */
export class AssessmentRepo extends Repository {
  /**
   * The open rounds (deadline today or later) of the bodies given, each with how many of its needs the
   * assessor has not yet scored on every criterion: what waits for them on the front page.
   */
  async toScore(assessorId: number, bodyIds: readonly number[], today: string) {
    if (!bodyIds.length) return [];
    const unscored = sql<number>`(select count(*)::int from ${roundNeeds} rn where rn.round_id = ${assessmentRounds.id}
      and (select count(*) from ${assessmentScores} s where s.round_id = rn.round_id and s.need_id = rn.need_id and s.assessor_id = ${assessorId})
        < (select count(*) from ${roundCriteria} c where c.round_id = rn.round_id))`;
    return this.db
      .select({
        id: assessmentRounds.id,
        title: assessmentRounds.title,
        deadline: assessmentRounds.deadline,
        networkName: networks.name,
        unscored,
      })
      .from(assessmentRounds)
      .innerJoin(networks, eq(networks.id, assessmentRounds.networkId))
      .where(and(inArray(assessmentRounds.bodyId, [...bodyIds]), sql`${assessmentRounds.deadline} >= ${today}`));
  }

  // Criteria and bands of a network

  async criteriaOf(networkId: number): Promise<Criterion[]> {
    return this.db
      .select()
      .from(assessmentCriteria)
      .where(eq(assessmentCriteria.networkId, networkId))
      .orderBy(asc(assessmentCriteria.position), asc(assessmentCriteria.id));
  }

  /** A page of criteriaOf in SQL, with how many there are. */
  criteriaPage(networkId: number, page: Page) {
    return paged(page, (p) =>
      this.db
        .select({ ...getTableColumns(assessmentCriteria), total: totalRows })
        .from(assessmentCriteria)
        .where(eq(assessmentCriteria.networkId, networkId))
        .orderBy(asc(assessmentCriteria.position), asc(assessmentCriteria.id))
        .limit(p.limit)
        .offset(p.offset),
    );
  }

  async criterion(networkId: number, id: number): Promise<Criterion | undefined> {
    const [row] = await this.db
      .select()
      .from(assessmentCriteria)
      .where(and(eq(assessmentCriteria.networkId, networkId), eq(assessmentCriteria.id, id)));
    return row;
  }

  async insertCriterion(values: typeof assessmentCriteria.$inferInsert): Promise<Criterion> {
    return this.insertOne(assessmentCriteria, values);
  }

  async updateCriterion(id: number, values: Partial<typeof assessmentCriteria.$inferInsert>): Promise<Criterion> {
    const [row] = await this.db.update(assessmentCriteria).set(values).where(eq(assessmentCriteria.id, id)).returning();
    return row!;
  }

  async deleteCriterion(id: number) {
    await this.db.delete(assessmentCriteria).where(eq(assessmentCriteria.id, id));
  }

  async bandsOf(networkId: number) {
    return this.db
      .select({ name: assessmentBands.name, min: assessmentBands.min })
      .from(assessmentBands)
      .where(eq(assessmentBands.networkId, networkId))
      .orderBy(desc(assessmentBands.min));
  }

  async replaceBands(networkId: number, bands: { name: string; min: number }[]) {
    await this.db.delete(assessmentBands).where(eq(assessmentBands.networkId, networkId));
    if (bands.length) await this.db.insert(assessmentBands).values(bands.map((b) => ({ networkId, ...b })));
  }

  // Rounds

  async roundsOf(networkId: number) {
    return this.db
      .select({
        round: assessmentRounds,
        bodyName: bodies.name,
        bodyVisibility: bodies.visibility,
        needCount: sql<number>`(select count(*)::int from ${roundNeeds} rn where rn.round_id = ${assessmentRounds.id})`,
      })
      .from(assessmentRounds)
      .innerJoin(bodies, eq(bodies.id, assessmentRounds.bodyId))
      .where(eq(assessmentRounds.networkId, networkId))
      .orderBy(desc(assessmentRounds.deadline), desc(assessmentRounds.id));
  }

  /**
   * A page of the network's rounds the viewer may see, in roundsOf's order, in SQL: the same rule
   * as roundChain (a round is as open as its committee).
   */
  roundsPage(networkId: number, viewer: Actor | null, page: Page) {
    const chain = { networkId: assessmentRounds.networkId, visibility: bodies.visibility, bodyId: assessmentRounds.bodyId };
    return paged(page, (p) =>
      this.db
        .select({
          round: assessmentRounds,
          needCount: sql<number>`(select count(*)::int from ${roundNeeds} rn where rn.round_id = ${assessmentRounds.id})`,
          total: totalRows,
        })
        .from(assessmentRounds)
        .innerJoin(bodies, eq(bodies.id, assessmentRounds.bodyId))
        .where(and(eq(assessmentRounds.networkId, networkId), visibleWhere(viewer, chain)))
        .orderBy(desc(assessmentRounds.deadline), desc(assessmentRounds.id))
        .limit(p.limit)
        .offset(p.offset),
    );
  }

  async round(id: number) {
    const [row] = await this.db
      .select({ round: assessmentRounds, bodyName: bodies.name, bodyVisibility: bodies.visibility })
      .from(assessmentRounds)
      .innerJoin(bodies, eq(bodies.id, assessmentRounds.bodyId))
      .where(eq(assessmentRounds.id, id));
    return row;
  }

  /** Creates the round with a copy of the network's criteria as they are now, and its needs. */
  async insertRound(values: typeof assessmentRounds.$inferInsert, criteria: Criterion[], needIds: number[]): Promise<Round> {
    const [round] = await this.db.insert(assessmentRounds).values(values).returning();
    await this.db.insert(roundCriteria).values(
      criteria.map((c, i) => ({
        roundId: round!.id,
        name: c.name,
        description: c.description,
        scaleMin: c.scaleMin,
        scaleMax: c.scaleMax,
        weight: c.weight,
        direction: c.direction,
        position: i,
      })),
    );
    if (needIds.length) await this.db.insert(roundNeeds).values(needIds.map((needId) => ({ roundId: round!.id, needId })));
    return round!;
  }

  async roundCriteriaOf(roundIds: number[]): Promise<RoundCriterion[]> {
    if (roundIds.length === 0) return [];
    return this.db
      .select()
      .from(roundCriteria)
      .where(inArray(roundCriteria.roundId, roundIds))
      .orderBy(asc(roundCriteria.position), asc(roundCriteria.id));
  }

  async needsOfRound(roundId: number) {
    return this.db
      .select({
        id: needs.id,
        title: needs.title,
        state: needs.state,
        networkId: needs.networkId,
        organisationId: needs.organisationId,
        organisationName: organisations.name,
        visibility: needs.visibility,
        bodyId: needs.bodyId,
      })
      .from(roundNeeds)
      .innerJoin(needs, eq(needs.id, roundNeeds.needId))
      .innerJoin(organisations, eq(organisations.id, needs.organisationId))
      .where(eq(roundNeeds.roundId, roundId))
      .orderBy(asc(needs.id));
  }

  async inRound(roundId: number, needId: number): Promise<boolean> {
    const [row] = await this.db
      .select({ needId: roundNeeds.needId })
      .from(roundNeeds)
      .where(and(eq(roundNeeds.roundId, roundId), eq(roundNeeds.needId, needId)));
    return !!row;
  }

  async addNeed(roundId: number, needId: number) {
    await this.db.insert(roundNeeds).values({ roundId, needId }).onConflictDoNothing();
  }

  /** The rounds a need was assessed in, newest first. */
  async roundsOfNeed(needId: number) {
    return this.db
      .select({ round: assessmentRounds, bodyName: bodies.name, bodyVisibility: bodies.visibility })
      .from(roundNeeds)
      .innerJoin(assessmentRounds, eq(assessmentRounds.id, roundNeeds.roundId))
      .innerJoin(bodies, eq(bodies.id, assessmentRounds.bodyId))
      .where(eq(roundNeeds.needId, needId))
      .orderBy(desc(assessmentRounds.deadline), desc(assessmentRounds.id));
  }

  /** A merged need's assessments go with it: its rounds now hold the need it was merged into. */
  async moveRoundNeeds(fromId: number, toId: number) {
    await this.db.execute(sql`
      insert into ${roundNeeds} (round_id, need_id)
      select rn.round_id, ${toId} from ${roundNeeds} rn where rn.need_id = ${fromId}
      on conflict do nothing`);
  }

  // Scores and recommendations

  async scoresOf(roundIds: number[], needId?: number): Promise<Score[]> {
    if (roundIds.length === 0) return [];
    return this.db
      .select()
      .from(assessmentScores)
      .where(and(inArray(assessmentScores.roundId, roundIds), needId ? eq(assessmentScores.needId, needId) : undefined))
      .orderBy(asc(assessmentScores.assessorLabel), asc(assessmentScores.id));
  }

  /** A page of one need's scores in one round, in scoresOf's order, in SQL, with how many there are. */
  scoresPage(roundId: number, needId: number, page: Page) {
    return paged(page, (p) =>
      this.db
        .select({ ...getTableColumns(assessmentScores), total: totalRows })
        .from(assessmentScores)
        .where(and(eq(assessmentScores.roundId, roundId), eq(assessmentScores.needId, needId)))
        .orderBy(asc(assessmentScores.assessorLabel), asc(assessmentScores.id))
        .limit(p.limit)
        .offset(p.offset),
    );
  }

  async upsertScores(rows: (typeof assessmentScores.$inferInsert)[]) {
    if (rows.length === 0) return;
    await this.db
      .insert(assessmentScores)
      .values(rows)
      .onConflictDoUpdate({
        target: [assessmentScores.roundId, assessmentScores.needId, assessmentScores.criterionId, assessmentScores.assessorId],
        set: {
          score: sql`excluded.score`,
          comment: sql`excluded.comment`,
          assessorLabel: sql`excluded.assessor_label`,
          updatedAt: new Date(),
        },
      });
  }

  async recommendationsOf(roundIds: number[]): Promise<RecommendationRow[]> {
    if (roundIds.length === 0) return [];
    return this.db.select().from(recommendations).where(inArray(recommendations.roundId, roundIds));
  }

  async upsertRecommendation(values: typeof recommendations.$inferInsert) {
    await this.db
      .insert(recommendations)
      .values(values)
      .onConflictDoUpdate({
        target: [recommendations.roundId, recommendations.needId],
        set: {
          recommendation: values.recommendation,
          justification: values.justification,
          byId: values.byId,
          byLabel: values.byLabel,
          updatedAt: new Date(),
        },
      });
  }
}
