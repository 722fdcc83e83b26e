import { eq, inArray } from "drizzle-orm";
import { Repository } from "../../../platform/db/repository.ts";
import { organisations } from "../../directory/index.ts";
import { solutions } from "../schema.ts";
import type { NewSolution, Solution } from "../solutions.repo.ts";

/** A solution of the catalogue as a row is matched to it: its number, its name and its owner. */
export interface CatalogueEntry {
  id: number;
  name: string;
  ownerOrganisationId: number;
  ownerName: string;
  ownerCode: string | null;
}

/** The SQL of the catalogue's import: what rows are matched and checked against, and the writes. */
export class SolutionImportRepo extends Repository {
  /**
   * Every solution of the catalogue, without its texts: the catalogue is shared by every network, so a
   * row's address or name may be any solution's.
   */
  catalogue(): Promise<CatalogueEntry[]> {
    return this.db
      .select({
        id: solutions.id,
        name: solutions.name,
        ownerOrganisationId: solutions.ownerOrganisationId,
        ownerName: organisations.name,
        ownerCode: organisations.code,
      })
      .from(solutions)
      .innerJoin(organisations, eq(organisations.id, solutions.ownerOrganisationId));
  }

  /** The solutions with these numbers, as stored. */
  async byIds(ids: readonly number[]): Promise<Solution[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(solutions)
      .where(inArray(solutions.id, [...ids]));
  }

  /** The same, held until the transaction ends, so that what is compared is what is changed. */
  async lock(ids: readonly number[]): Promise<Solution[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(solutions)
      .where(inArray(solutions.id, [...ids]))
      .for("update");
  }

  /** Every organisation of the directory by name and number, to tell one that is not a member from one that does not exist. */
  organisations() {
    return this.db
      .select({ id: organisations.id, name: organisations.name, code: organisations.code, endedOn: organisations.endedOn })
      .from(organisations);
  }

  insertMany(values: NewSolution[]): Promise<Solution[]> {
    return this.db.insert(solutions).values(values).returning();
  }

  update(id: number, values: Partial<NewSolution>): Promise<Solution> {
    return this.updateStamped(solutions, id, values);
  }
}
