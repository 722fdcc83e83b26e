/**
 * Benefits measured per participating organisation, for the member reports: every participant of a
 * project with a benefit measures its own share once, in one statement from the rows already made
 * (no draw from the generator's random stream, so every other generated row stays as it was).
 */
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../src/platform/db/client.ts";

export async function generateReports(db: DbOrTx, progress: (step: string, n: number) => void): Promise<void> {
  // The value lies between the baseline and the target, spread over the participants by their id.
  await db.execute(sql`insert into benefit_measurements (benefit_id, organisation_id, measured_on, value, note)
    select b.id, pp.organisation_id, date '2026-03-01' + (pp.organisation_id % 120),
      b.baseline + (b.target - b.baseline) * ((pp.organisation_id % 5) + 1) / 6.0, 'Målt i kommunen.'
    from benefits b join project_participants pp on pp.project_id = b.project_id`);
  const result = (await db.execute(
    sql`select count(*)::int as n from benefit_measurements where organisation_id is not null`,
  )) as unknown as { rows: { n: number }[] };
  const row = result.rows[0];
  progress("benefits per organisation", Number(row?.n ?? 0));
}
