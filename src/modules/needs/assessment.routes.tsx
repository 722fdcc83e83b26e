import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { authorized } from "../../platform/access/page-access.ts";
import { sendCsv } from "../../platform/http/csv.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import { sendXlsx } from "../../platform/http/xlsx.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../platform/ui/components.tsx";
import { networkBySlug } from "../networks/index.ts";
import {
  AssessmentSettingsPage,
  RoundFormPage,
  RoundNeedPage,
  RoundPage,
  RoundsPage,
  scoreFormValues,
  scoresFromForm,
} from "./assessment.views.tsx";
import { recommendationLabel } from "./needs.views.tsx";
import { chartQuery, criterionParams, networkSlugParams, roundNeedParams, roundParams } from "./params.ts";
import { OPEN_NEED_STATES } from "./schema.ts";

/** Form fields bands.<i>.name and bands.<i>.min as a list; rows left empty are left out. */
const bandsFromForm = (body: Record<string, unknown>) => ({
  bands: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    .map((i) => ({ name: body[`bands.${i}.name`], min: body[`bands.${i}.min`] }))
    .filter((b) => String(b.name ?? "").trim() !== "" || String(b.min ?? "").trim() !== ""),
});
const bandsToForm = (bands: { name: string; min: number }[]) =>
  Object.fromEntries(
    bands.flatMap((b, i) => [
      [`bands.${i}.name`, b.name],
      [`bands.${i}.min`, String(b.min)],
    ]),
  );

export function assessmentRoutes(app: FastifyInstance, { services }: AppContext) {
  const { assessment, networks, needs } = services;
  /** What the policies are checked against: the network by :slug, or the round by :roundId (404 if none). */
  const networkInPath = networkBySlug(networks);
  const roundInPath = (req: FastifyRequest) => assessment.roundResource(parseOrBadRequest(roundParams, req.params).roundId);

  // The network's criteria and bands

  /** The network the kernel let the secretariat configure (see networkInPath). */
  const configurable = (req: FastifyRequest) => authorized(req, networkInPath).resource;

  const renderSettings = async (
    req: FastifyRequest,
    reply: FastifyReply,
    forms: { criterion?: FormState; editing?: { id: number; form: FormState }; bands?: FormState } = {},
  ) => {
    const network = configurable(req);
    const { criteria, bands } = await assessment.configuration(network.id);
    const { t } = req.i18n;
    const title = t("assessment.settingsTitle", { network: network.name });
    const failed = [forms.criterion, forms.editing?.form, forms.bands].some((f) => f?.errors.length);
    const saved = (req.query as Record<string, unknown>).saved === "1";
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <AssessmentSettingsPage
          ctx={req.pageContext()}
          network={network}
          criteria={criteria}
          bands={bands}
          criterionForm={{ ...(forms.criterion ?? emptyForm({ scaleMin: 1, scaleMax: 5, weight: 1 })), idPrefix: "new-" }}
          editing={forms.editing ?? null}
          bandsForm={{ ...(forms.bands ?? emptyForm(bandsToForm(bands))), idPrefix: "bands-" }}
        />
      </>,
      {
        title,
        network,
        status: failed ? 422 : 200,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
      },
    );
  };

  app.get("/n/:slug/assessment", { config: { policy: "assessment.configure", resource: networkInPath } }, async (req, reply) =>
    renderSettings(req, reply),
  );

  app.post(
    "/n/:slug/assessment/defaults",
    { config: { policy: "assessment.configure", resource: networkInPath } },
    async (req, reply) => {
      const network = configurable(req);
      await assessment.useDefaults(req.actor!, network.id, req.i18n.t);
      return reply.redirect(`/n/${network.slug}/assessment?saved=1`, 303);
    },
  );

  app.post(
    "/n/:slug/assessment/criteria",
    { config: { storedOnce: true, policy: "assessment.configure", resource: networkInPath } },
    async (req, reply) => {
      const network = configurable(req);
      const result = await assessment.saveCriterion(req.actor!, network.id, null, req.body);
      if (!result.ok) return renderSettings(req, reply, { criterion: submittedForm(req.body, result.errors) });
      return reply.redirect(`/n/${network.slug}/assessment?saved=1#criteria-heading`, 303);
    },
  );

  app.post(
    "/n/:slug/assessment/criteria/:criterionId",
    { config: { policy: "assessment.configure", resource: networkInPath } },
    async (req, reply) => {
      const network = configurable(req);
      const { criterionId } = parseOrBadRequest(criterionParams, req.params);
      const result = await assessment.saveCriterion(req.actor!, network.id, criterionId, req.body);
      if (!result.ok)
        return renderSettings(req, reply, { editing: { id: criterionId, form: submittedForm(req.body, result.errors) } });
      return reply.redirect(`/n/${network.slug}/assessment?saved=1#criteria-heading`, 303);
    },
  );

  app.post(
    "/n/:slug/assessment/criteria/:criterionId/delete",
    { config: { policy: "assessment.configure", resource: networkInPath } },
    async (req, reply) => {
      const network = configurable(req);
      const { criterionId } = parseOrBadRequest(criterionParams, req.params);
      await assessment.removeCriterion(req.actor!, network.id, criterionId);
      return reply.redirect(`/n/${network.slug}/assessment?saved=1#criteria-heading`, 303);
    },
  );

  app.post(
    "/n/:slug/assessment/bands",
    { config: { policy: "assessment.configure", resource: networkInPath } },
    async (req, reply) => {
      const network = configurable(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const result = await assessment.saveBands(req.actor!, network.id, bandsFromForm(body));
      if (!result.ok) return renderSettings(req, reply, { bands: submittedForm(body, result.errors) });
      return reply.redirect(`/n/${network.slug}/assessment?saved=1#bands-heading`, 303);
    },
  );

  // Rounds

  app.get("/n/:slug/rounds", { config: { policy: "public" } }, async (req, reply) => {
    const { slug } = parseOrBadRequest(networkSlugParams, req.params);
    const network = await networks.get(slug);
    const { t } = req.i18n;
    const title = t("assessment.roundsTitle", { network: network.name });
    return reply.page(
      <RoundsPage
        ctx={req.pageContext()}
        network={network}
        rounds={await assessment.roundsOf(network.id, req.actor)}
        canConfigure={can(req.actor, "assessment.configure", network)}
      />,
      { title, network, crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }] },
    );
  });

  const renderRoundForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const network = configurable(req);
    const [committees, open] = await Promise.all([
      assessment.committeesOf(network.id),
      needs.list({ networkId: network.id }, req.actor, "-created", 1000, 0),
    ]);
    const { t } = req.i18n;
    const title = t("assessment.newRound");
    return reply.page(
      <RoundFormPage
        ctx={req.pageContext()}
        form={form}
        network={network}
        committees={committees.map((b) => ({ value: b.id, label: b.name }))}
        needs={open.items
          .filter((n) => OPEN_NEED_STATES.includes(n.state))
          .map((n) => ({ value: n.id, label: `${n.title} (${n.organisationName})` }))}
      />,
      {
        title,
        network,
        status: form.errors.length ? 422 : 200,
        crumbs: [
          { href: `/n/${network.slug}`, label: network.name },
          { href: `/n/${network.slug}/rounds`, label: t("assessment.rounds") },
          { label: title },
        ],
      },
    );
  };

  app.get("/n/:slug/rounds/new", { config: { policy: "assessment.configure", resource: networkInPath } }, async (req, reply) => {
    const network = configurable(req);
    const committees = await assessment.committeesOf(network.id);
    return renderRoundForm(req, reply, emptyForm({ bodyId: committees[0]?.id }));
  });

  app.post(
    "/n/:slug/rounds",
    { config: { storedOnce: true, policy: "assessment.configure", resource: networkInPath } },
    async (req, reply) => {
      const network = configurable(req);
      const result = await assessment.createRound(req.actor!, network.id, req.body, req.i18n.t);
      if (!result.ok) return renderRoundForm(req, reply, submittedForm(req.body, result.errors));
      return reply.redirect(`/rounds/${result.value.id}?saved=1`, 303);
    },
  );

  app.get("/rounds/:roundId", { config: { policy: "public" } }, async (req, reply) => {
    const { roundId } = parseOrBadRequest(roundParams, req.params);
    const chosen = parseOrBadRequest(chartQuery, req.query);
    const data = await assessment.results(roundId, req.actor);
    // Benefit against feasibility unless the network picks others: the heaviest criterion against the last (risk).
    const byWeight = [...data.criteria].sort((a, b) => b.weight - a.weight);
    const x = data.criteria.find((c) => c.id === chosen.x) ?? byWeight[0];
    const y = data.criteria.find((c) => c.id === chosen.y) ?? data.criteria.at(-1);
    const network = (await networks.repo.byId(data.round.networkId))!;
    const { t } = req.i18n;
    const saved = (req.query as Record<string, unknown>).saved === "1";
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <RoundPage
          ctx={req.pageContext()}
          data={data}
          network={network}
          axes={x && y ? { x, y } : null}
          csvHref={`/rounds/${roundId}/results.csv`}
          xlsxHref={`/rounds/${roundId}/results.xlsx`}
        />
      </>,
      {
        title: data.round.title,
        network,
        crumbs: [
          { href: `/n/${network.slug}`, label: network.name },
          { href: `/n/${network.slug}/rounds`, label: t("assessment.rounds") },
          { label: data.round.title },
        ],
      },
    );
  });

  /** The round's results as rows, ranked by total, for the CSV and the Excel download alike. */
  async function roundTable(req: FastifyRequest) {
    const { roundId } = parseOrBadRequest(roundParams, req.params);
    const { criteria, results } = await assessment.results(roundId, req.actor);
    const { t } = req.i18n;
    const header = [
      t("need.title"),
      t("need.organisation"),
      ...criteria.map((c) => c.name),
      t("assessment.total"),
      t("assessment.band"),
      t("assessment.spread"),
      t("assessment.assessors"),
      t("assessment.recommendation"),
      t("assessment.justification"),
      "URL",
    ];
    const rows = [...results]
      .sort((a, b) => (b.summary.total ?? -1) - (a.summary.total ?? -1))
      .map((r) => [
        r.title,
        r.organisationName,
        ...r.summary.criteria.map((c) => (c.mean === null ? null : Math.round(c.mean * 10) / 10)),
        r.summary.total,
        r.summary.band,
        Math.max(0, ...r.summary.criteria.map((c) => c.spread ?? 0)),
        r.summary.assessors,
        r.recommendation ? recommendationLabel(t, r.recommendation.recommendation) : "",
        r.recommendation?.justification ?? "",
        `/needs/${r.needId}`,
      ]);
    return { header, rows, roundId };
  }

  app.get("/rounds/:roundId/results.csv", { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows, roundId } = await roundTable(req);
    return sendCsv(reply, `round-${roundId}.csv`, header, rows);
  });

  app.get("/rounds/:roundId/results.xlsx", { config: { policy: "public" } }, async (req, reply) => {
    const { header, rows, roundId } = await roundTable(req);
    return sendXlsx(reply, `round-${roundId}.xlsx`, header, rows);
  });

  // One need in a round: the scores, the assessor's own form, the recommendation

  const renderRoundNeed = async (
    req: FastifyRequest,
    reply: FastifyReply,
    forms: { score?: FormState; recommendation?: FormState } = {},
  ) => {
    const { roundId, needId } = parseOrBadRequest(roundNeedParams, req.params);
    const data = await assessment.needInRound(roundId, needId, req.actor);
    const network = (await networks.repo.byId(data.round.networkId))!;
    const resource = { networkId: data.round.networkId, bodyId: data.round.bodyId };
    const { t } = req.i18n;
    const saved = (req.query as Record<string, unknown>).saved === "1";
    const failed = [forms.score, forms.recommendation].some((f) => f?.errors.length);
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
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
        status: failed ? 422 : 200,
        crumbs: [
          { href: `/n/${network.slug}/rounds`, label: t("assessment.rounds") },
          { href: `/rounds/${roundId}`, label: data.round.title },
          { label: data.need.title },
        ],
      },
    );
  };

  app.get("/rounds/:roundId/needs/:needId", { config: { policy: "public" } }, async (req, reply) => renderRoundNeed(req, reply));

  // Only the committee's members score; anyone else is told so plainly.
  app.post(
    "/rounds/:roundId/needs/:needId/scores",
    { config: { policy: "assessment.score", resource: roundInPath, refusal: "errors.notInCommittee" } },
    async (req, reply) => {
      const { roundId, needId } = parseOrBadRequest(roundNeedParams, req.params);
      const { actor } = authorized(req, roundInPath);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const result = await assessment.score(actor, roundId, needId, scoresFromForm(body));
      if (!result.ok) return renderRoundNeed(req, reply, { score: submittedForm(body, result.errors) });
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
      if (!result.ok) return renderRoundNeed(req, reply, { recommendation: submittedForm(req.body, result.errors) });
      return reply.redirect(`/rounds/${roundId}/needs/${needId}?saved=1#recommendation-heading`, 303);
    },
  );
}
