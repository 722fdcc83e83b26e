import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { createAudited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import { invalid, ok, type Result } from "../../../platform/http/errors.ts";
import { idList, requiredDate, toFieldErrors } from "../../../platform/http/validation.ts";
import { osloInstant, type Translate } from "../../../platform/i18n/i18n.ts";
import type { StrategyService } from "../../strategies/index.ts";
import type { Consultation, ConsultationRepo } from "../consultations.repo.ts";
import { timeOfDay } from "../fields.ts";
import { strategySections } from "../opening/opening.service.ts";

export const reviewInput = z
  .object({
    bodyIds: idList.refine((ids) => ids.length > 0, "errors.chooseBodies"),
    closesDate: requiredDate,
    closesTime: timeOfDay,
  })
  .transform((r) => ({ ...r, closesAt: osloInstant(r.closesDate, r.closesTime) }));

/**
 * Internal review rounds after a public consultation: the members of the chosen bodies (the
 * steering group, the resource group) comment on the revised draft section by section, until it
 * closes. A round is a consultation of its own, with the draft's text as it is now.
 */
export class ReviewService {
  constructor(
    private readonly db: Db,
    private readonly repo: ConsultationRepo,
    private readonly strategies: StrategyService,
    private readonly core: {
      get(id: number): Promise<Consultation>;
      bodiesOf(networkId: number): Promise<{ id: number }[]>;
    },
  ) {}

  async openReview(actor: Actor, consultationId: number, input: unknown, t: Translate): Promise<Result<Consultation>> {
    const publicRound = await this.core.get(consultationId);
    if (publicRound.reviewOfId !== null || publicRound.strategyId === null)
      return invalid([{ field: "_", key: "errors.reviewOfPublicOnly" }]);
    const parsed = reviewInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const now = new Date();
    if (parsed.data.closesAt <= now) return invalid([{ field: "closesDate", key: "errors.closesInPast" }]);
    const bodies = new Set((await this.core.bodiesOf(publicRound.networkId)).map((b) => b.id));
    if (parsed.data.bodyIds.some((id) => !bodies.has(id))) return invalid([{ field: "bodyIds", key: "errors.choice" }]);
    const d = await this.strategies.detail(publicRound.strategyId);
    return ok(
      await createAudited(this.db, actor, "consultation", async (tx) => {
        const repo = this.repo.with(tx);
        const review = await repo.insert({
          networkId: publicRound.networkId,
          strategyId: publicRound.strategyId,
          reviewOfId: publicRound.id,
          title: t("consultation.reviewTitle", { title: d.strategy.title }),
          opensAt: now,
          closesAt: parsed.data.closesAt,
          audience: "bodies",
          bodyIds: [...new Set(parsed.data.bodyIds)],
          personalDataDays: publicRound.personalDataDays,
        });
        await repo.insertSections(review.id, strategySections(d, t));
        return review;
      }),
    );
  }
}
