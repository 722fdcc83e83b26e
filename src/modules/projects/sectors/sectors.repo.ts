import { eq } from "drizzle-orm";
import { norwegianOrder } from "../../../platform/db/client.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { networkSectors } from "../schema.ts";

/** The sectors networks add to the built-in ones. The only place with their SQL. */
export class SectorRepo extends Repository {
  async sectorsOf(networkId: number) {
    return this.db
      .select()
      .from(networkSectors)
      .where(eq(networkSectors.networkId, networkId))
      .orderBy(norwegianOrder(networkSectors.name));
  }

  async allCustomSectors() {
    return this.db.select().from(networkSectors).orderBy(norwegianOrder(networkSectors.name));
  }

  async insertSector(values: typeof networkSectors.$inferInsert) {
    await this.db.insert(networkSectors).values(values);
  }
}
