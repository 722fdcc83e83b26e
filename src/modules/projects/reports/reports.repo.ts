import { and, desc, eq, getTableColumns } from "drizzle-orm";
import { type Page, paged, totalRows } from "../../../platform/db/paging.ts";
import { Repository } from "../../../platform/db/repository.ts";
import type { StatusReport } from "../projects.repo.ts";
import { statusReports } from "../schema.ts";

/** Status reports. The only place with their SQL. */
export class ReportRepo extends Repository {
  async reportsOf(projectId: number): Promise<StatusReport[]> {
    return this.db
      .select()
      .from(statusReports)
      .where(eq(statusReports.projectId, projectId))
      .orderBy(desc(statusReports.reportDate), desc(statusReports.id));
  }

  /** A page of reportsOf in SQL, with how many there are. */
  reportsPage(projectId: number, page: Page) {
    return paged(page, (p) =>
      this.db
        .select({ ...getTableColumns(statusReports), total: totalRows })
        .from(statusReports)
        .where(eq(statusReports.projectId, projectId))
        .orderBy(desc(statusReports.reportDate), desc(statusReports.id))
        .limit(p.limit)
        .offset(p.offset),
    );
  }

  async report(projectId: number, id: number): Promise<StatusReport | undefined> {
    const [row] = await this.db
      .select()
      .from(statusReports)
      .where(and(eq(statusReports.projectId, projectId), eq(statusReports.id, id)));
    return row;
  }

  async insertReport(values: typeof statusReports.$inferInsert): Promise<StatusReport> {
    return this.insertOne(statusReports, values);
  }

  async deleteReport(id: number) {
    await this.db.delete(statusReports).where(eq(statusReports.id, id));
  }
}
