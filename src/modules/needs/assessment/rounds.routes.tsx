import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { authorized } from "../../../platform/access/page-access.ts";
import { sendCsv } from "../../../platform/http/csv.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import { sendXlsx } from "../../../platform/http/xlsx.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { savedNotice } from "../../../platform/ui/saved-notice.tsx";
import type { Network } from "../../networks/index.ts";
import { networkBySlug } from "../../networks/index.ts";
import { recommendationLabel } from "../labels.ts";
import { chartQuery, networkSlugParams, roundParams } from "../params.ts";
import { OPEN_NEED_STATES } from "../schema.ts";
import { RoundFormPage, RoundPage, RoundsPage } from "./assessment.views.tsx";

/** The form that opens a round: the network's working committees, and its open needs to choose from. */
async function renderRoundForm(
  { services }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  network: Network,
  form: FormState,
) {
  const { assessment, needs } = services;
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
      forms: [form],
      crumbs: [
        { href: `/n/${network.slug}`, label: network.name },
        { href: `/n/${network.slug}/rounds`, label: t("assessment.rounds") },
        { label: title },
      ],
    },
  );
}

/** The round's results as rows, ranked by total, for the CSV and the Excel download alike. */
async function roundTable({ services }: AppContext, req: FastifyRequest) {
  const { roundId } = parseOrBadRequest(roundParams, req.params);
  const { criteria, results } = await services.assessment.results(roundId, req.actor);
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

/** A network's assessment rounds: the list, opening one, and a round's results with their downloads. */
export function roundRoutes(app: FastifyInstance, ctx: AppContext) {
  const { assessment, networks } = ctx.services;
  /** What the policies are checked against: the network by :slug (404 if none). */
  const networkInPath = networkBySlug(networks);
  /** The network the kernel let the secretariat configure (see networkInPath). */
  const configurable = (req: FastifyRequest) => authorized(req, networkInPath).resource;

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

  app.get("/n/:slug/rounds/new", { config: { policy: "assessment.configure", resource: networkInPath } }, async (req, reply) => {
    const network = configurable(req);
    const committees = await assessment.committeesOf(network.id);
    return renderRoundForm(ctx, req, reply, network, emptyForm({ bodyId: committees[0]?.id }));
  });

  formRoute(app, {
    path: "/n/:slug/rounds",
    policy: "assessment.configure",
    resource: networkInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, network) => renderRoundForm(ctx, req, reply, network, form),
    submit: (actor, network, body, req) => assessment.createRound(actor, network.id, body, req.i18n.t),
    done: (round) => `/rounds/${round.id}?saved=1`,
  });

  app.get("/rounds/:roundId", { config: { policy: "public" } }, async (req, reply) => {
    const { roundId } = parseOrBadRequest(roundParams, req.params);
    const chosen = parseOrBadRequest(chartQuery, req.query);
    const data = await assessment.results(roundId, req.actor);
    // Benefit against feasibility unless the network picks others: the heaviest criterion against the last (risk).
    const byWeight = [...data.criteria].sort((a, b) => b.weight - a.weight);
    const x = data.criteria.find((c) => c.id === chosen.x) ?? byWeight[0];
    const y = data.criteria.find((c) => c.id === chosen.y) ?? data.criteria.at(-1);
    const network = (await networks.byId(data.round.networkId))!;
    const { t } = req.i18n;
    return reply.page(
      <>
        {savedNotice(req)}
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

  for (const [format, send] of [
    ["csv", sendCsv],
    ["xlsx", sendXlsx],
  ] as const)
    app.get(`/rounds/:roundId/results.${format}`, { config: { policy: "public" } }, async (req, reply) => {
      const { header, rows, roundId } = await roundTable(ctx, req);
      return send(reply, `round-${roundId}.${format}`, header, rows);
    });
}
