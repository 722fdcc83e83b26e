import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { BadRequestError, type FieldError } from "../../platform/http/errors.ts";
import { sendTable } from "../../platform/http/table-file.ts";
import { dbId, parseOrBadRequest, query, toFieldErrors } from "../../platform/http/validation.ts";
import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import type { FormState } from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { slugParam } from "../networks/index.ts";
import { phaseLabel } from "../projects/index.ts";
import { FIGURES, type Figure, type MemberRow, periodOf, type ReportService, wholeYear } from "./reports.service.ts";
import { ComparisonPage, figureLabel, MemberReportPage, periodText, sizeLabel } from "./reports.views.tsx";

export type MemberReport = Awaited<ReturnType<ReportService["memberReport"]>>;

export const memberParams = slugParam.extend({ organisationId: dbId });
const SORTS = ["name", "size", ...FIGURES] as const;
/** The page's query: the period, the comparison's sort (a column, "-" first for descending) and the figure the chart shows. */
const sortParam = z.enum([...SORTS, ...SORTS.map((s) => `-${s}` as const)], "errors.choice");
export const comparisonQuery = query({
  year: wholeYear.optional(),
  sort: sortParam.default("name"),
  chart: z.enum(FIGURES, "errors.choice").default("projects"),
});
export const reportQuery = query({ year: wholeYear.optional(), print: z.literal("1").optional() });

/**
 * A page's query read without an error page: a year that is no year (abc, 9999, -1) comes back as an
 * error on the period form, with what was typed, over the default period's report (the network's
 * lifetime); a blank year is the lifetime; an unknown sort or chart is the default one.
 */
export function pageQuery(raw: unknown) {
  const q = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const typed = typeof one(q.year) === "string" ? (one(q.year) as string) : "";
  const year = typed.trim() === "" ? null : wholeYear.safeParse(typed.trim());
  const errors: FieldError[] = year && !year.success ? toFieldErrors(year.error).map((e) => ({ ...e, field: "year" })) : [];
  const sort = sortParam.catch("name").parse(one(q.sort));
  const chart = z.enum(FIGURES).catch("projects").parse(one(q.chart));
  return {
    year: year?.success ? year.data : undefined,
    sort,
    chart,
    print: one(q.print) === "1",
    /** The period form as sent: the year as typed, with its error. */
    form: { values: { year: typed, chart }, errors } satisfies FormState,
  };
}

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

/** A figure as a download's cell: a share in whole per cent (as the page shows it), else at most one decimal. */
export const figureCell = (f: Figure, value: number | null) =>
  value === null ? "" : f === "adoption" ? percentCell(value) : Math.round(value * 10) / 10;
/** A share (0–1) in whole per cent, as the page shows it. */
const percentCell = (share: number | null) => (share === null ? "" : Math.round(share * 100));
/** A figure's name in a download: a share says it is in per cent. */
const figureHeader = (t: Translate, f: Figure) => (f === "adoption" ? `${figureLabel(t, f)} (%)` : figureLabel(t, f));

/**
 * The member report for the CSV and the Excel download alike: its sections one after another, each
 * with its own header row (the first is the file's header), a blank row between, and the section's
 * name in the first column of every row, so each column means one thing within its section. Shares
 * are in whole per cent and figures have at most one decimal, as on the page.
 */
export function reportRows(ctx: PageContext, report: MemberReport) {
  const { t, date } = ctx.i18n;
  const { member } = report;
  const yesNo = (v: boolean) => (v ? t("memberReport.yes") : t("memberReport.no"));
  const withReferences = report.inputs.some((i) => i.references);
  const sections: { name: string; columns: string[]; rows: unknown[][] }[] = [
    {
      name: t("memberReport.summary"),
      columns: [
        t("memberReport.figure"),
        t("memberReport.thisMember"),
        ...(report.median ? [t("memberReport.medianFor", { size: sizeLabel(t, member.sizeClass) })] : []),
      ],
      rows: FIGURES.map((f) => [
        figureHeader(t, f),
        figureCell(f, member.figures[f]),
        ...(report.median ? [figureCell(f, report.median.figures[f])] : []),
      ]),
    },
    {
      name: t("memberReport.projects"),
      columns: [t("memberReport.project"), t("memberReport.role"), t("memberReport.phase")],
      rows: report.projects.map((p) => [p.title, labelFor(t, "participant.role", p.role), phaseLabel(t, p.phase)]),
    },
    {
      name: t("memberReport.benefitsOf"),
      columns: [
        t("memberReport.project"),
        t("memberReport.benefit"),
        t("memberReport.col.unit"),
        t("memberReport.own"),
        t("memberReport.col.ownAchievement"),
        t("memberReport.wholeProject"),
        t("memberReport.col.projectAchievement"),
      ],
      rows: report.projects.flatMap((p) =>
        p.benefits.map((b) => [
          p.title,
          b.title,
          b.unit,
          b.own ?? "",
          percentCell(b.ownAchievement),
          b.project ?? "",
          percentCell(b.projectAchievement),
        ]),
      ),
    },
    {
      name: t("memberReport.solutions"),
      columns: [t("memberReport.solution"), t("memberReport.since")],
      rows: report.solutions.map((s) => [s.name, s.since ? date(s.since) : ""]),
    },
    {
      name: t("memberReport.adoption"),
      columns: [
        t("memberReport.solution"),
        t("memberReport.status"),
        t("memberReport.col.inUse"),
        t("memberReport.col.networkShare"),
      ],
      rows: report.adoption.map((a) => [
        a.name,
        a.status ? labelFor(t, "adoption.status", a.status) : t("memberReport.notReported"),
        yesNo(a.inUse),
        percentCell(a.networkShare),
      ]),
    },
    {
      name: t("memberReport.needs"),
      columns: [t("memberReport.need"), t("memberReport.part"), t("memberReport.outcome")],
      rows: report.needs.map((n) => [
        n.title,
        n.raised ? t("memberReport.raised") : t("memberReport.supported"),
        labelFor(t, "need.state", n.state),
      ]),
    },
    {
      name: t("memberReport.inputs"),
      // The references only for the network's people (the service leaves them out for others).
      columns: [
        t("memberReport.consultation"),
        t("memberReport.inputCount"),
        t("memberReport.published"),
        ...(withReferences ? [t("memberReport.reference")] : []),
      ],
      rows: report.inputs.map((i) => [
        i.consultationTitle,
        i.inputs,
        yesNo(i.published),
        ...(withReferences ? [i.references?.join(", ") ?? ""] : []),
      ]),
    },
    {
      name: t("memberReport.gatherings"),
      columns: [t("memberReport.gathering"), t("memberReport.date"), t("memberReport.registered"), t("memberReport.attended")],
      rows: report.gatherings.map((g) => [g.title, date(g.startsAt), g.confirmed, g.attended]),
    },
    {
      name: t("memberReport.seats"),
      columns: [t("memberReport.body"), t("memberReport.role"), t("memberReport.person")],
      rows: report.seats.map((s) => [s.bodyName, labelFor(t, "body.role", s.role), s.personName]),
    },
    {
      name: t("memberReport.surveys"),
      columns: [t("memberReport.survey"), t("memberReport.surveyYear"), t("memberReport.responses"), t("memberReport.scaleMean")],
      rows: report.surveys.map((s) => [
        s.title,
        s.year,
        s.responses,
        s.hidden ? t("memberReport.hidden") : s.scaleMean === null ? "" : Math.round(s.scaleMean * 100) / 100,
      ]),
    },
  ];
  const [first, ...rest] = sections;
  const rows: unknown[][] = first!.rows.map((r) => [first!.name, ...r]);
  for (const section of rest)
    rows.push([], [t("memberReport.section"), ...section.columns], ...section.rows.map((r) => [section.name, ...r]));
  return { header: [t("memberReport.section"), ...first!.columns], rows };
}

/** The comparison as rows: a member a row, every figure a column (a share in whole per cent, as on the page). */
export function comparisonRows(t: Translate, members: readonly MemberRow[]) {
  const header = [
    t("memberReport.member"),
    t("memberReport.sizeClass"),
    t("memberReport.level"),
    ...FIGURES.map((f) => figureHeader(t, f)),
  ];
  const rows = members.map((m) => [
    m.name,
    sizeLabel(t, m.sizeClass),
    labelFor(t, "membership.level", m.level as "member"),
    ...FIGURES.map((f) => figureCell(f, m.figures[f])),
  ]);
  return { header, rows };
}

/** The member reports' pages and downloads: one member's report, and the comparison of all members. */
export function reportRoutes(app: FastifyInstance, { services }: AppContext) {
  const { networks, memberReports: reports } = services;

  // The pages read their query leniently (`pageQuery`); a download's link is made by the page, so a
  // year that is no year there is a plain 400.
  const comparisonOf = async (req: FastifyRequest, download: boolean) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const q = pageQuery(req.query);
    if (download && q.form.errors.length) throw new BadRequestError(q.form.errors);
    const period = periodOf(q.year);
    const comparison = await reports.comparison(network.id, period, req.actor);
    return { network, q, period, comparison, members: sortMembers(comparison.members, q.sort) };
  };
  const reportOf = async (req: FastifyRequest, download: boolean) => {
    const { slug, organisationId } = parseOrBadRequest(memberParams, req.params);
    const network = await networks.get(slug);
    const q = pageQuery(req.query);
    if (download && q.form.errors.length) throw new BadRequestError(q.form.errors);
    const report = await reports.memberReport(network.id, organisationId, periodOf(q.year), req.actor);
    return { network, q, report };
  };

  app.get("/n/:slug/member-reports", { config: { policy: "public" } }, async (req, reply) => {
    const { network, q, period, comparison, members } = await comparisonOf(req, false);
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
        form={q.form}
      />,
      {
        title: `${title} (${periodText(t, period)})`,
        network,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
        forms: [q.form],
      },
    );
  });
  for (const format of ["csv", "xlsx"] as const)
    app.get(`/n/:slug/member-reports.${format}`, { config: { policy: "public" } }, async (req, reply) => {
      const { network, period, members } = await comparisonOf(req, true);
      const { header, rows } = comparisonRows(req.i18n.t, members);
      const name = `members-${network.slug}${period.year ? `-${period.year}` : ""}`;
      // What is counted depends on the viewer: no shared cache may keep it for the next one.
      reply.header("cache-control", "private, no-store");
      const sheet = req.i18n.t("memberReport.comparisonTitle", { network: network.name });
      return sendTable(reply, format, { name, sheet, columns: header, rows });
    });

  app.get("/n/:slug/member-reports/:organisationId", { config: { policy: "public" } }, async (req, reply) => {
    const { network, q, report } = await reportOf(req, false);
    const { t } = req.i18n;
    const title = t("memberReport.title", { organisation: report.member.name });
    return reply.page(
      <MemberReportPage ctx={req.pageContext()} network={network} report={report} print={q.print} form={q.form} />,
      {
        title: `${title} (${periodText(t, report.period)})`,
        network,
        forms: [q.form],
        crumbs: [
          { href: `/n/${network.slug}`, label: network.name },
          { href: `/n/${network.slug}/member-reports`, label: t("memberReport.orgSectionTitle") },
          { label: report.member.name },
        ],
      },
    );
  });
  for (const format of ["csv", "xlsx"] as const)
    app.get(`/n/:slug/member-reports/:organisationId/report.${format}`, { config: { policy: "public" } }, async (req, reply) => {
      const { network, report } = await reportOf(req, true);
      const { header, rows } = reportRows(req.pageContext(), report);
      const name = `member-report-${network.slug}-${report.member.organisationId}${report.period.year ? `-${report.period.year}` : ""}`;
      // What is counted depends on the viewer: no shared cache may keep it for the next one.
      reply.header("cache-control", "private, no-store");
      return sendTable(reply, format, { name, sheet: report.member.name, columns: header, rows });
    });
}
