import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { publishEvent } from "../../../platform/activity/activity.ts";
import { createAudited, deleteAudited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import type { Page } from "../../../platform/db/paging.ts";
import { invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { optionalText, requiredDate, toFieldErrors } from "../../../platform/http/validation.ts";
import type { ProjectRepo, StatusReport } from "../projects.repo.ts";
import { STATUS_COLOURS, STATUS_DIMENSIONS } from "../schema.ts";
import { ReportRepo } from "./reports.repo.ts";

const colour = z.enum(STATUS_COLOURS, "errors.choice");
export const statusReportInput = z.object({
  reportDate: requiredDate,
  ...Object.fromEntries(
    STATUS_DIMENSIONS.flatMap((d) => [
      [d, colour],
      [`${d}Comment`, optionalText(2000)],
    ]),
  ),
} as {
  reportDate: z.ZodType<string>;
} & Record<(typeof STATUS_DIMENSIONS)[number], typeof colour> &
  Record<`${(typeof STATUS_DIMENSIONS)[number]}Comment`, ReturnType<typeof optionalText>>);

/** Dated status reports, a colour and comment for each dimension. */
export class ReportService {
  private readonly reportRepo: ReportRepo;

  constructor(
    private readonly db: Db,
    private readonly repo: ProjectRepo,
  ) {
    this.reportRepo = new ReportRepo(db);
  }

  /** The project's status reports, newest first. */
  reportsOf(id: number) {
    return this.reportRepo.reportsOf(id);
  }

  /** A page of the project's status reports, newest first, with how many there are. */
  reportsPage(id: number, page: Page) {
    return this.reportRepo.reportsPage(id, page);
  }

  /** A new report's starting values: the previous report's, dated today. */
  async reportDraft(id: number, copyPrevious: boolean, today: string) {
    const [previous] = await this.reportRepo.reportsOf(id);
    if (!copyPrevious || !previous) return { reportDate: today };
    const { id: _id, projectId: _p, createdAt: _c, createdById: _b, ...values } = previous;
    return { ...values, reportDate: today };
  }

  async addReport(actor: Actor, id: number, input: unknown): Promise<Result<StatusReport>> {
    if (!(await this.repo.byId(id))) throw new NotFoundError();
    const parsed = statusReportInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await createAudited(this.db, actor, "status_report", async (tx) => {
        const report = await this.reportRepo.with(tx).insertReport({
          ...parsed.data,
          projectId: id,
          createdById: actor.userId,
        });
        await publishEvent(tx, {
          kind: "project",
          id,
          type: "status_reported",
          data: { overall: report.overall },
          actorUserId: actor.userId,
        });
        return report;
      }),
    );
  }

  async removeReport(actor: Actor, id: number, reportId: number) {
    const report = await this.reportRepo.report(id, reportId);
    if (!report) throw new NotFoundError();
    await deleteAudited(this.db, actor, "status_report", report, (tx) => this.reportRepo.with(tx).deleteReport(reportId));
  }
}
