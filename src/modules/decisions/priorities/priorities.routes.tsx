import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { authorized } from "../../../platform/access/page-access.ts";
import { sendCsv } from "../../../platform/http/csv.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import { sendXlsx } from "../../../platform/http/xlsx.ts";
import { labelFor, osloToday } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, Notice } from "../../../platform/ui/components.tsx";
import type { Network } from "../../networks/index.ts";
import { networkBySlug } from "../../networks/index.ts";
import { rankingQuery } from "../params.ts";
import { PrioritiesPage, RankPage } from "./priorities.views.tsx";

/** The ranking form's rank_<key> and track_<key> fields as the service's entries; rows without a rank are left out. */
export const entriesFromForm = (body: Record<string, unknown>) => ({
  decidedOn: body.decidedOn,
  note: body.note,
  meetingId: body.meetingId,
  entries: Object.entries(body)
    .filter(([k, v]) => k.startsWith("rank_") && typeof v === "string" && v.trim() !== "")
    .map(([k, v]) => {
      const key = k.slice(5);
      return { key, rank: String(v).trim(), track: body[`track_${key}`] };
    }),
});

export function priorityRoutes(app: FastifyInstance, { services }: AppContext) {
  const { priorities, networks, meetings } = services;

  /** The network by :slug (404 if none), which the policies are checked against. */
  const networkInPath = networkBySlug(networks);

  app.get("/n/:slug/priorities", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networkInPath(req);
    const { ranking } = parseOrBadRequest(rankingQuery, req.query);
    const view = await priorities.view(network.id, req.actor, ranking);
    const { t } = req.i18n;
    const title = t("priority.pageTitle", { network: network.name });
    const suffix = view.current ? `?ranking=${view.current.id}` : "";
    const saved = (req.query as Record<string, unknown>).saved === "1";
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <PrioritiesPage
          ctx={req.pageContext()}
          network={network}
          view={view}
          canRank={can(req.actor, "priority.rank", network)}
          csvHref={`/n/${network.slug}/priorities.csv${suffix}`}
          xlsxHref={`/n/${network.slug}/priorities.xlsx${suffix}`}
        />
      </>,
      { title, network, crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }] },
    );
  });

  /** The ranking shown as rows, for the CSV and the Excel download alike. */
  async function priorityTable(req: FastifyRequest) {
    const network = await networkInPath(req);
    const { ranking } = parseOrBadRequest(rankingQuery, req.query);
    const view = await priorities.view(network.id, req.actor, ranking);
    const { t } = req.i18n;
    const header = [
      t("priority.decidedOn"),
      t("priority.trackColumn"),
      t("priority.position"),
      t("need.title"),
      t("priority.kind"),
      t("priority.movement"),
      "URL",
    ];
    const rows = view.rows.map((r) => [
      view.current?.decidedOn ?? "",
      labelFor(t, "priority.track", r.track),
      r.position,
      r.title,
      r.needId ? t("priority.kind.need") : t("priority.kind.project"),
      r.moved,
      r.needId ? `/needs/${r.needId}` : `/projects/${r.projectId}`,
    ]);
    return { header, rows, name: `priorities-${network.slug}-${view.current?.decidedOn ?? "none"}` };
  }

  for (const [format, send] of [
    ["csv", sendCsv],
    ["xlsx", sendXlsx],
  ] as const)
    app.get(`/n/:slug/priorities.${format}`, { config: { policy: "public" } }, async (req, reply) => {
      const { header, rows, name } = await priorityTable(req);
      return send(reply, `${name}.${format}`, header, rows);
    });

  const renderRank = async (req: FastifyRequest, reply: FastifyReply, network: Network, form: FormState) => {
    const { t, date } = req.i18n;
    const [candidates, meetingList] = await Promise.all([
      priorities.candidates(network.id, req.actor!),
      meetings.list(network.id, req.actor),
    ]);
    const title = t("priority.rank");
    return reply.page(
      <RankPage
        ctx={req.pageContext()}
        network={network}
        form={form}
        candidates={candidates}
        meetings={meetingList.map((m) => ({ value: m.meeting.id, label: `${date(m.meeting.meetingDate)}: ${m.meeting.title}` }))}
      />,
      {
        title,
        network,
        forms: [form],
        crumbs: [
          { href: `/n/${network.slug}/priorities`, label: t("priority.pageTitle", { network: network.name }) },
          { label: title },
        ],
      },
    );
  };

  app.get("/n/:slug/priorities/rank", { config: { policy: "priority.rank", resource: networkInPath } }, async (req, reply) => {
    const { resource: network } = authorized(req, networkInPath);
    return renderRank(req, reply, network, emptyForm({ decidedOn: osloToday() }));
  });

  formRoute(app, {
    path: "/n/:slug/priorities",
    policy: "priority.rank",
    resource: networkInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, network) => renderRank(req, reply, network, form),
    submit: (actor, network, body) =>
      priorities.rank(actor, network.id, entriesFromForm((body ?? {}) as Record<string, unknown>)),
    done: (_, network) => `/n/${network.slug}/priorities?saved=1`,
  });
}
