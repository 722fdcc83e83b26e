import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { sendCsv } from "../../platform/http/csv.ts";
import { dbId, parseOrBadRequest, query } from "../../platform/http/validation.ts";
import { sendXlsx } from "../../platform/http/xlsx.ts";
import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import type { PageContext } from "../../platform/ui/context.ts";
import { slugParam } from "../networks/index.ts";
import { phaseLabel } from "../projects/index.ts";
import { FIGURES, type MemberRow, periodOf, type ReportService, wholeYear } from "./reports.service.ts";
import { ComparisonPage, figureLabel, MemberReportPage, periodText, sizeLabel } from "./reports.views.tsx";

export type MemberReport = Awaited<ReturnType<ReportService["memberReport"]>>;

export const memberParams = slugParam.extend({ organisationId: dbId });
const SORTS = ["name", "size", ...FIGURES] as const;
/** The page's query: the period, the comparison's sort (a column, "-" first for descending) and the figure the chart shows. */
export const comparisonQuery = query({
  year: wholeYear.optional(),
  sort: z.enum([...SORTS, ...SORTS.map((s) => `-${s}` as const)], "errors.choice").default("name"),
  chart: z.enum(FIGURES, "errors.choice").default("projects"),
});
export const reportQuery = query({ year: wholeYear.optional(), print: z.literal("1").optional() });

/** Orders the members by a column: names in Norwegian order, figures with the missing last. */
export function sortMembers(rows: readonly MemberRow[], sort: string): MemberRow[] {
  const desc = sort.startsWith("-");
  const key = (desc ? sort.slice(1) : sort) as (typeof SORTS)[number];
  const byName = (a: MemberRow, b: MemberRow) => a.name.localeCompare(b.name, "nb");
  const compare = (a: MemberRow, b: MemberRow): number => {
    if (key === "name") return byName(a, b);
    if (key === "size") return (a.population ?? 0) - (b.population ?? 0) || byName(a, b);
    const x = a.figures[key];
    const y = b.figures[key];
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return x - y || byName(a, b);
  };
  return [...rows].sort((a, b) => (desc ? compare(b, a) : compare(a, b)));
}

/** The member report as rows of one table, for the CSV and the Excel download alike. */
export function reportRows(ctx: PageContext, report: MemberReport) {
  const { t, date } = ctx.i18n;
  const { member } = report;
  const header = [
    t("memberReport.section"),
    t("memberReport.figure"),
    "",
    t("memberReport.thisMember"),
    report.median ? t("memberReport.medianFor", { size: sizeLabel(t, member.sizeClass) }) : "",
  ];
  const rows: unknown[][] = [
    ...FIGURES.map((f) => [t("memberReport.summary"), figureLabel(t, f), "", member.figures[f], report.median?.figures[f] ?? ""]),
    ...report.projects.map((p) => [
      t("memberReport.projects"),
      p.title,
      labelFor(t, "participant.role", p.role),
      phaseLabel(t, p.phase),
      "",
    ]),
    ...report.projects.flatMap((p) =>
      p.benefits.map((b) => [t("memberReport.benefitsOf"), `${p.title}: ${b.title}`, b.unit, b.own, b.project]),
    ),
    ...report.solutions.map((s) => [t("memberReport.solutions"), s.name, s.since ? date(s.since) : "", "", ""]),
    ...report.adoption.map((a) => [
      t("memberReport.adoption"),
      a.name,
      a.status ? labelFor(t, "adoption.status", a.status) : t("memberReport.notReported"),
      a.inUse ? 1 : 0,
      a.networkShare,
    ]),
    ...report.needs.map((n) => [
      t("memberReport.needs"),
      n.title,
      n.raised ? t("memberReport.raised") : t("memberReport.supported"),
      labelFor(t, "need.state", n.state),
      "",
    ]),
    ...report.inputs.map((i) => [
      t("memberReport.inputs"),
      i.consultationTitle,
      i.published ? t("memberReport.yes") : t("memberReport.no"),
      i.inputs,
      i.references?.join(", ") ?? "",
    ]),
    ...report.gatherings.map((g) => [t("memberReport.gatherings"), g.title, date(g.startsAt), g.confirmed, g.attended]),
    ...report.seats.map((s) => [t("memberReport.seats"), s.bodyName, labelFor(t, "body.role", s.role), s.personName, ""]),
    ...report.surveys.map((s) => [t("memberReport.surveys"), s.title, String(s.year), s.responses, s.hidden ? "" : s.scaleMean]),
  ];
  return { header, rows };
}

/** The comparison as rows: a member a row, every figure a column. */
export function comparisonRows(t: Translate, members: readonly MemberRow[]) {
  const header = [
    t("memberReport.member"),
    t("memberReport.sizeClass"),
    t("memberReport.level"),
    ...FIGURES.map((f) => figureLabel(t, f)),
  ];
  const rows = members.map((m) => [
    m.name,
    sizeLabel(t, m.sizeClass),
    labelFor(t, "membership.level", m.level as "member"),
    ...FIGURES.map((f) => m.figures[f]),
  ]);
  return { header, rows };
}

/** The member reports' pages and downloads: one member's report, and the comparison of all members. */
export function reportRoutes(app: FastifyInstance, { services }: AppContext) {
  const { networks, memberReports: reports } = services;

  const comparisonOf = async (req: FastifyRequest) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const q = parseOrBadRequest(comparisonQuery, req.query);
    const period = periodOf(q.year);
    const comparison = await reports.comparison(network.id, period, req.actor);
    return { network, q, period, comparison, members: sortMembers(comparison.members, q.sort) };
  };
  const reportOf = async (req: FastifyRequest) => {
    const { slug, organisationId } = parseOrBadRequest(memberParams, req.params);
    const network = await networks.get(slug);
    const q = parseOrBadRequest(reportQuery, req.query);
    const report = await reports.memberReport(network.id, organisationId, periodOf(q.year), req.actor);
    return { network, q, report };
  };

  app.get("/n/:slug/member-reports", { config: { policy: "public" } }, async (req, reply) => {
    const { network, q, period, comparison, members } = await comparisonOf(req);
    const { t } = req.i18n;
    const title = t("memberReport.comparisonTitle", { network: network.name });
    return reply.page(
      <ComparisonPage
        ctx={req.pageContext()}
        network={network}
        period={period}
        members={members}
        medians={comparison.medians}
        sort={q.sort}
        chart={q.chart}
      />,
      {
        title: `${title} (${periodText(t, period)})`,
        network,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
      },
    );
  });
  for (const format of ["csv", "xlsx"] as const)
    app.get(`/n/:slug/member-reports.${format}`, { config: { policy: "public" } }, async (req, reply) => {
      const { network, period, members } = await comparisonOf(req);
      const { header, rows } = comparisonRows(req.i18n.t, members);
      const name = `members-${network.slug}${period.year ? `-${period.year}` : ""}.${format}`;
      // What is counted depends on the viewer: no shared cache may keep it for the next one.
      reply.header("cache-control", "private, no-store");
      return format === "csv" ? sendCsv(reply, name, header, rows) : sendXlsx(reply, name, header, rows);
    });

  app.get("/n/:slug/member-reports/:organisationId", { config: { policy: "public" } }, async (req, reply) => {
    const { network, q, report } = await reportOf(req);
    const { t } = req.i18n;
    const title = t("memberReport.title", { organisation: report.member.name });
    return reply.page(<MemberReportPage ctx={req.pageContext()} network={network} report={report} print={q.print === "1"} />, {
      title: `${title} (${periodText(t, report.period)})`,
      network,
      crumbs: [
        { href: `/n/${network.slug}`, label: network.name },
        { href: `/n/${network.slug}/member-reports`, label: t("memberReport.orgSectionTitle") },
        { label: report.member.name },
      ],
    });
  });
  for (const format of ["csv", "xlsx"] as const)
    app.get(`/n/:slug/member-reports/:organisationId/report.${format}`, { config: { policy: "public" } }, async (req, reply) => {
      const { network, report } = await reportOf(req);
      const { header, rows } = reportRows(req.pageContext(), report);
      const name = `member-report-${network.slug}-${report.member.organisationId}${report.period.year ? `-${report.period.year}` : ""}.${format}`;
      // What is counted depends on the viewer: no shared cache may keep it for the next one.
      reply.header("cache-control", "private, no-store");
      return format === "csv" ? sendCsv(reply, name, header, rows) : sendXlsx(reply, name, header, rows);
    });
}
