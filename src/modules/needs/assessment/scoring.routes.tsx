import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { savedNotice } from "../../../platform/ui/saved-notice.tsx";
import { roundNeedParams, roundParams } from "../params.ts";
import { RoundNeedPage, scoreFormValues, scoresFromForm } from "./assessment.views.tsx";

/** One need in a round: the scores, the assessor's own form, the recommendation. */
async function renderRoundNeed(
  { services }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  forms: { score?: FormState; recommendation?: FormState } = {},
) {
  const { roundId, needId } = parseOrBadRequest(roundNeedParams, req.params);
  const data = await services.assessment.needInRound(roundId, needId, req.actor);
  const network = (await services.networks.byId(data.round.networkId))!;
  const resource = { networkId: data.round.networkId, bodyId: data.round.bodyId };
  const { t } = req.i18n;
  return reply.page(
    <>
      {savedNotice(req)}
      <RoundNeedPage
        ctx={req.pageContext()}
        data={data}
        open={osloToday() <= data.round.deadline}
        canRead={can(req.actor, "assessment.read", resource)}
        canScore={can(req.actor, "assessment.score", resource)}
        canRecommend={can(req.actor, "assessment.recommend", resource)}
        scoreForm={forms.score ?? emptyForm(scoreFormValues(data.scores, req.actor?.userId ?? null))}
        recommendationForm={forms.recommendation ?? emptyForm({ ...(data.recommendation ?? {}) })}
      />
    </>,
    {
      title: data.need.title,
      network,
      forms: [forms.score, forms.recommendation],
      crumbs: [
        { href: `/n/${network.slug}/rounds`, label: t("assessment.rounds") },
        { href: `/rounds/${roundId}`, label: data.round.title },
        { label: data.need.title },
      ],
    },
  );
}

/** The working committee at work on one need in a round: its members score, its leader recommends. */
export function scoringRoutes(app: FastifyInstance, ctx: AppContext) {
  const { assessment } = ctx.services;
  /** What the policies are checked against: the round by :roundId (404 if none). */
  const roundInPath = (req: FastifyRequest) => assessment.roundResource(parseOrBadRequest(roundParams, req.params).roundId);

  app.get("/rounds/:roundId/needs/:needId", { config: { policy: "public" } }, async (req, reply) =>
    renderRoundNeed(ctx, req, reply),
  );

  // Only the committee's members score; anyone else is told so plainly.
  app.post(
    "/rounds/:roundId/needs/:needId/scores",
    { config: { policy: "assessment.score", resource: roundInPath, refusal: "errors.notInCommittee" } },
    async (req, reply) => {
      const { roundId, needId } = parseOrBadRequest(roundNeedParams, req.params);
      const { actor } = authorized(req, roundInPath);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const result = await assessment.score(actor, roundId, needId, scoresFromForm(body));
      if (!result.ok) return renderRoundNeed(ctx, req, reply, { score: submittedForm(body, result.errors) });
      return reply.redirect(`/rounds/${roundId}/needs/${needId}?saved=1`, 303);
    },
  );

  app.post(
    "/rounds/:roundId/needs/:needId/recommendation",
    { config: { policy: "assessment.recommend", resource: roundInPath } },
    async (req, reply) => {
      const { roundId, needId } = parseOrBadRequest(roundNeedParams, req.params);
      const { actor } = authorized(req, roundInPath);
      const result = await assessment.recommend(actor, roundId, needId, req.body);
      if (!result.ok) return renderRoundNeed(ctx, req, reply, { recommendation: submittedForm(req.body, result.errors) });
      return reply.redirect(`/rounds/${roundId}/needs/${needId}?saved=1#recommendation-heading`, 303);
    },
  );
}
