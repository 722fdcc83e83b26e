import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { canSee, type Restricted, type Visibility } from "../../../platform/access/visibility.ts";
import { audited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import type { Page } from "../../../platform/db/paging.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import {
  emptyToNull,
  idList,
  optionalText,
  requiredDate,
  requiredId,
  requiredText,
  toFieldErrors,
} from "../../../platform/http/validation.ts";
import { type KeySuffix, labelFor, osloToday, type Translate } from "../../../platform/i18n/i18n.ts";
import type { NetworkService } from "../../networks/index.ts";
import type { NeedService } from "../needs.service.ts";
import type { RoundResource } from "../policy.ts";
import {
  type Band,
  CRITERION_DIRECTIONS,
  type CriterionDirection,
  OPEN_NEED_STATES,
  RECOMMENDATIONS,
  type Recommendation,
} from "../schema.ts";
import { AssessmentRepo, type Criterion, type Round, type RoundCriterion } from "./assessment.repo.ts";
import { type NeedSummary, summarise } from "./summary.ts";

/** A decimal as Norwegians type it ("1,5") or the API sends it. */
const decimal = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim().replace(",", ".") : v),
    z.coerce.number("errors.number").finite("errors.number").min(min, "errors.number").max(max, "errors.number"),
  );
const wholeNumber = (min: number, max: number) =>
  z.coerce.number("errors.number").int("errors.number").min(min, "errors.number").max(max, "errors.number");

export const criterionInput = z
  .object({
    name: requiredText(120),
    description: optionalText(1000),
    scaleMin: wholeNumber(0, 10).default(1),
    scaleMax: wholeNumber(1, 100).default(5),
    weight: decimal(0, 100).default(1),
    direction: z.enum(CRITERION_DIRECTIONS, "errors.choice").default("higher_is_better"),
    /** Where it stands among the criteria; a new one without a place goes last. */
    position: z.preprocess(emptyToNull, wholeNumber(0, 1000).nullable().default(null)),
  })
  .refine((v) => v.scaleMin < v.scaleMax, { message: "errors.scaleOrder", path: ["scaleMax"] });

export const bandsInput = z.object({
  bands: z
    .array(z.object({ name: requiredText(60), min: decimal(0, 100) }))
    .min(1, "errors.required")
    .max(10)
    .refine((bands) => new Set(bands.map((b) => b.name.toLowerCase())).size === bands.length, "errors.bandNamesUnique"),
});

export const roundInput = z.object({
  title: requiredText(200),
  cycle: optionalText(60),
  deadline: requiredDate,
  bodyId: requiredId,
  needIds: idList.refine((ids) => ids.length > 0, "errors.noNeedsChosen"),
});

export const scoresInput = z.object({
  scores: z
    .array(
      z.object({
        criterionId: requiredId,
        score: z.coerce.number("errors.number").int("errors.number"),
        comment: optionalText(2000),
      }),
    )
    .min(1, "errors.noScores")
    .max(50),
});

export const recommendationInput = z.object({
  recommendation: z.enum(RECOMMENDATIONS, "errors.choice"),
  justification: requiredText(4000),
});

/** Names an error in the scores list by its criterion (score_12, comment_12), as the form's fields are named. */
function scoreField(error: FieldError, input: unknown): FieldError {
  const match = error.field.match(/^scores\.(\d+)\.(score|comment)$/);
  const criterionId = match
    ? (input as { scores?: { criterionId?: unknown }[] }).scores?.[Number(match[1])]?.criterionId
    : undefined;
  return match && criterionId !== undefined ? { ...error, field: `${match[2]}_${criterionId}` } : error;
}

/** The default criteria: the usual public-sector set, risk counted the other way. */
type DefaultText = KeySuffix<"assessment.default">;
const DEFAULT_CRITERIA: { name: DefaultText; help: DefaultText; weight: number; direction: CriterionDirection }[] = [
  { name: "strategic", help: "strategicHelp", weight: 3, direction: "higher_is_better" },
  { name: "quality", help: "qualityHelp", weight: 2, direction: "higher_is_better" },
  { name: "economic", help: "economicHelp", weight: 2, direction: "higher_is_better" },
  { name: "necessity", help: "necessityHelp", weight: 2, direction: "higher_is_better" },
  { name: "risk", help: "riskHelp", weight: 1, direction: "higher_is_worse" },
];
const DEFAULT_BANDS: { key: KeySuffix<"assessment.band">; min: number }[] = [
  { key: "must", min: 75 },
  { key: "should", min: 50 },
  { key: "could", min: 25 },
  { key: "wont", min: 0 },
];

/** A round's result for each need: per-criterion means and spread, the weighted total and its band. */
export interface RoundResult {
  needId: number;
  title: string;
  organisationName: string;
  summary: NeedSummary;
  recommendation: { recommendation: Recommendation; justification: string; byLabel: string; updatedAt: Date } | null;
}

/** A round as the visibility rule sees it: the committee that assesses it holds it. */
export const roundChain = (round: { networkId: number; bodyId: number }, bodyVisibility: Visibility): Restricted[] => [
  { networkId: round.networkId, visibility: bodyVisibility, bodyId: round.bodyId },
];

/** The working committee's assessment: criteria, bands, rounds, scores and recommendations. All audited. */
export class AssessmentService {
  readonly repo: AssessmentRepo;

  constructor(
    private readonly db: Db,
    private readonly networks: NetworkService,
    private readonly needs: NeedService,
  ) {
    this.repo = new AssessmentRepo(db);
  }

  // The network's criteria and bands

  async configuration(networkId: number) {
    const [criteria, bands] = await Promise.all([this.repo.criteriaOf(networkId), this.repo.bandsOf(networkId)]);
    return { criteria, bands };
  }

  /** Writes the default criteria and bands, named in the actor's language, where the network has none. */
  async useDefaults(actor: Actor, networkId: number, t: Translate) {
    await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      if ((await repo.criteriaOf(networkId)).length === 0)
        for (const [position, c] of DEFAULT_CRITERIA.entries()) {
          const criterion = await repo.insertCriterion({
            networkId,
            name: labelFor(t, "assessment.default", c.name),
            description: labelFor(t, "assessment.default", c.help),
            weight: c.weight,
            direction: c.direction,
            position,
          });
          await audit({ action: "create", entity: "criterion", entityId: criterion.id, after: criterion });
        }
      if ((await repo.bandsOf(networkId)).length === 0) {
        const bands = DEFAULT_BANDS.map((b) => ({ name: labelFor(t, "assessment.band", b.key), min: b.min }));
        await repo.replaceBands(networkId, bands);
        await audit({ action: "update", entity: "assessment_bands", entityId: networkId, after: { bands } });
      }
    });
  }

  /** Adds or changes a criterion. Rounds already created keep their own copy, so no old assessment changes. */
  async saveCriterion(actor: Actor, networkId: number, id: number | null, input: unknown): Promise<Result<Criterion>> {
    const existing = id ? await this.repo.criterion(networkId, id) : undefined;
    if (id && !existing) throw new NotFoundError();
    const parsed = criterionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const position = parsed.data.position ?? existing?.position ?? (await repo.criteriaOf(networkId)).length;
        const values = { ...parsed.data, position };
        const saved = existing
          ? await repo.updateCriterion(existing.id, values)
          : await repo.insertCriterion({ ...values, networkId });
        await audit({
          action: existing ? "update" : "create",
          entity: "criterion",
          entityId: saved.id,
          before: existing,
          after: saved,
        });
        return saved;
      }),
    );
  }

  async removeCriterion(actor: Actor, networkId: number, id: number) {
    const existing = await this.repo.criterion(networkId, id);
    if (!existing) throw new NotFoundError();
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).deleteCriterion(id);
      await audit({ action: "delete", entity: "criterion", entityId: id, before: existing });
    });
  }

  async saveBands(actor: Actor, networkId: number, input: unknown): Promise<Result<Band[]>> {
    const parsed = bandsInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const before = await this.repo.bandsOf(networkId);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).replaceBands(networkId, parsed.data.bands);
      await audit({
        action: "update",
        entity: "assessment_bands",
        entityId: networkId,
        before: { bands: before },
        after: parsed.data,
      });
    });
    return ok(parsed.data.bands);
  }

  // Rounds

  async roundResource(id: number): Promise<RoundResource & { round: Round; bodyName: string; bodyVisibility: Visibility }> {
    const found = await this.repo.round(id);
    if (!found) throw new NotFoundError();
    return { networkId: found.round.networkId, bodyId: found.round.bodyId, ...found };
  }

  /** A round the viewer may see (its committee's visibility is the round's), else 404. */
  private async visibleRound(id: number, viewer: Actor | null) {
    const found = await this.roundResource(id);
    if (!canSee(viewer, roundChain(found.round, found.bodyVisibility))) throw new NotFoundError();
    return found;
  }

  /** The network's rounds the viewer may see. */
  async roundsOf(networkId: number, viewer: Actor | null) {
    return (await this.repo.roundsOf(networkId)).filter((r) => canSee(viewer, roundChain(r.round, r.bodyVisibility)));
  }

  /** The bodies that can assess: the network's working committees. */
  async committeesOf(networkId: number) {
    return (await this.networks.bodiesOf(networkId)).filter((b) => b.kind === "working_committee");
  }

  /**
   * Opens a round for the chosen needs of the network, assessed by its working committee against a
   * copy of the network's criteria and bands as they are now (the defaults if it has none yet).
   */
  async createRound(actor: Actor, networkId: number, input: unknown, t: Translate): Promise<Result<Round>> {
    const parsed = roundInput.safeParse(input);
    const errors: FieldError[] = parsed.success ? [] : toFieldErrors(parsed.error);
    if (!parsed.success) return invalid(errors);
    const v = parsed.data;
    if (v.deadline < osloToday()) errors.push({ field: "deadline", key: "errors.deadlinePassed" });
    const committee = (await this.committeesOf(networkId)).find((b) => b.id === v.bodyId);
    if (!committee) errors.push({ field: "bodyId", key: "errors.notACommittee" });
    const chosen = await this.needs.byIds(v.needIds);
    if (
      chosen.length !== new Set(v.needIds).size ||
      chosen.some((n) => n.networkId !== networkId || !OPEN_NEED_STATES.includes(n.state))
    )
      errors.push({ field: "needIds", key: "errors.choice" });
    if (errors.length) return invalid(errors);
    if ((await this.repo.criteriaOf(networkId)).length === 0) await this.useDefaults(actor, networkId, t);
    const { criteria, bands } = await this.configuration(networkId);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const round = await this.repo.with(tx).insertRound(
          { networkId, bodyId: v.bodyId, title: v.title, cycle: v.cycle, deadline: v.deadline, bands },
          criteria,
          chosen.map((n) => n.id),
        );
        for (const need of chosen)
          if (need.state !== "in_assessment")
            await this.needs.changeState(tx, actor, need, "in_assessment", "", {}, { roundId: round.id });
        await audit({ action: "create", entity: "assessment_round", entityId: round.id, after: round });
        return round;
      }),
    );
  }

  /** A round with its criteria, needs and every need's result; scores only for those who may read them. */
  async results(roundId: number, viewer: Actor | null) {
    const { round, bodyName } = await this.visibleRound(roundId, viewer);
    const [criteria, needs, scores, recommendations] = await Promise.all([
      this.repo.roundCriteriaOf([roundId]),
      this.repo.needsOfRound(roundId),
      this.repo.scoresOf([roundId]),
      this.repo.recommendationsOf([roundId]),
    ]);
    const visible = needs.filter((n) => canSee(viewer, n));
    const results: RoundResult[] = visible.map((n) => {
      const rec = recommendations.find((r) => r.needId === n.id);
      return {
        needId: n.id,
        title: n.title,
        organisationName: n.organisationName,
        summary: summarise(
          criteria,
          scores.filter((s) => s.needId === n.id),
          round.bands,
        ),
        recommendation: rec ?? null,
      };
    });
    return { round, bodyName, criteria, results, scores: scores.filter((s) => visible.some((n) => n.id === s.needId)) };
  }

  /** One need in a round: the criteria, every assessor's scores, the result and the recommendation. */
  async needInRound(roundId: number, needId: number, viewer: Actor | null) {
    const { round, bodyName } = await this.visibleRound(roundId, viewer);
    if (!(await this.repo.inRound(roundId, needId))) throw new NotFoundError();
    const need = await this.needs.visible(needId, viewer);
    const [criteria, scores, recommendations] = await Promise.all([
      this.repo.roundCriteriaOf([roundId]),
      this.repo.scoresOf([roundId], needId),
      this.repo.recommendationsOf([roundId]),
    ]);
    return {
      round,
      bodyName,
      need,
      criteria,
      scores,
      summary: summarise(criteria, scores, round.bands),
      recommendation: recommendations.find((r) => r.needId === needId) ?? null,
    };
  }

  /** A page of the network's criteria as they stand, for the API's list. */
  criteriaPage(networkId: number, page: Page) {
    return this.repo.criteriaPage(networkId, page);
  }

  /** A page of the network's rounds the viewer may see, newest deadline first, for the API's list. */
  roundsPage(networkId: number, viewer: Actor | null, page: Page) {
    return this.repo.roundsPage(networkId, viewer, page);
  }

  /** A page of one need's scores in a round, paged in SQL, for those who may see the round and the need. */
  async scoresPage(roundId: number, needId: number, viewer: Actor | null, page: Page) {
    await this.visibleRound(roundId, viewer);
    if (!(await this.repo.inRound(roundId, needId))) throw new NotFoundError();
    await this.needs.visible(needId, viewer);
    return this.repo.scoresPage(roundId, needId, page);
  }

  /** Every round a need was in that the viewer may see, with its result there: for the need's own page. */
  async ofNeed(needId: number, viewer: Actor | null) {
    const rounds = (await this.repo.roundsOfNeed(needId)).filter((r) => canSee(viewer, roundChain(r.round, r.bodyVisibility)));
    const ids = rounds.map((r) => r.round.id);
    const [criteria, scores, recommendations] = await Promise.all([
      this.repo.roundCriteriaOf(ids),
      this.repo.scoresOf(ids, needId),
      this.repo.recommendationsOf(ids),
    ]);
    return rounds.map(({ round, bodyName, bodyVisibility }) => ({
      round,
      bodyName,
      bodyVisibility,
      criteria: criteria.filter((c) => c.roundId === round.id),
      summary: summarise(
        criteria.filter((c) => c.roundId === round.id),
        scores.filter((s) => s.roundId === round.id),
        round.bands,
      ),
      recommendation: recommendations.find((r) => r.roundId === round.id && r.needId === needId) ?? null,
    }));
  }

  /** Refuses work on a round after its deadline, and on a need the round does not hold. */
  private async openFor(round: Round, needId: number): Promise<FieldError | null> {
    if (!(await this.repo.inRound(round.id, needId))) throw new NotFoundError();
    if (osloToday() > round.deadline) return { field: "_", key: "errors.roundClosed" };
    return null;
  }

  /**
   * An assessor's scores of one need, with comments; a criterion left out keeps no score. Each
   * score must lie on its criterion's scale. The caller has checked the assessor sits in the committee.
   */
  async score(actor: Actor, roundId: number, needId: number, input: unknown): Promise<Result<true>> {
    const { round } = await this.roundResource(roundId);
    const closed = await this.openFor(round, needId);
    if (closed) return invalid([closed]);
    const parsed = scoresInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error).map((e) => scoreField(e, input)));
    const criteria = await this.repo.roundCriteriaOf([roundId]);
    const errors: FieldError[] = [];
    for (const s of parsed.data.scores) {
      const criterion = criteria.find((c) => c.id === s.criterionId);
      if (!criterion) errors.push({ field: `score_${s.criterionId}`, key: "errors.choice" });
      else if (s.score < criterion.scaleMin || s.score > criterion.scaleMax)
        errors.push({
          field: `score_${s.criterionId}`,
          key: "errors.scoreOutOfScale",
          params: { name: criterion.name, min: criterion.scaleMin, max: criterion.scaleMax },
        });
    }
    if (errors.length) return invalid(errors);
    const assessorId = actor.userId;
    if (!assessorId) return invalid([{ field: "_", key: "errors.notInCommittee" }]);
    await audited(this.db, actor, async (tx, audit) => {
      const rows = parsed.data.scores.map((s) => ({ roundId, needId, assessorId, assessorLabel: actor.label, ...s }));
      await this.repo.with(tx).upsertScores(rows);
      await audit({
        action: "update",
        entity: "assessment_score",
        entityId: `${roundId}:${needId}:${assessorId}`,
        after: { scores: parsed.data.scores },
      });
    });
    return ok(true);
  }

  /**
   * The committee's recommendation for a need; the need is then assessed. It may come after the
   * scoring deadline: committees usually agree on it in the meeting that follows.
   */
  async recommend(actor: Actor, roundId: number, needId: number, input: unknown): Promise<Result<true>> {
    await this.roundResource(roundId);
    if (!(await this.repo.inRound(roundId, needId))) throw new NotFoundError();
    const parsed = recommendationInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const need = await this.needs.resource(needId);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo
        .with(tx)
        .upsertRecommendation({ roundId, needId, ...parsed.data, byId: actor.userId, byLabel: actor.label });
      if (need.state === "registered" || need.state === "in_assessment")
        await this.needs.changeState(tx, actor, need, "assessed", "", {}, { roundId });
      await audit({
        action: "update",
        entity: "recommendation",
        entityId: `${roundId}:${needId}`,
        after: parsed.data,
      });
    });
    return ok(true);
  }

  /** The criteria a round uses, for forms. */
  criteriaOfRound(roundId: number): Promise<RoundCriterion[]> {
    return this.repo.roundCriteriaOf([roundId]);
  }
}
