import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { audited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import { invalid, ok, type Result } from "../../../platform/http/errors.ts";
import { requiredText, toFieldErrors } from "../../../platform/http/validation.ts";
import { slugify } from "../../networks/index.ts";
import { SectorRepo } from "./sectors.repo.ts";

export const sectorInput = z.object({ name: requiredText(80) });

/** The sectors a network adds to the built-in ones. */
export class SectorService {
  private readonly sectorRepo: SectorRepo;

  constructor(private readonly db: Db) {
    this.sectorRepo = new SectorRepo(db);
  }

  /** The sectors a network added to the built-in ones. */
  sectorsOf(networkId: number) {
    return this.sectorRepo.sectorsOf(networkId);
  }

  /** Every network's own sectors, for the overview's filter and downloads. */
  customSectors() {
    return this.sectorRepo.allCustomSectors();
  }

  /** A sector of the network's own, next to the built-in ones; its key is made from its name. */
  async addSector(actor: Actor, networkId: number, input: unknown): Promise<Result<string>> {
    const parsed = sectorInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const key = `x-${slugify(parsed.data.name)}`;
    const existing = await this.sectorRepo.sectorsOf(networkId);
    if (key === "x-" || existing.some((s) => s.key === key || s.name.toLowerCase() === parsed.data.name.toLowerCase()))
      return invalid([{ field: "name", key: "errors.sectorExists" }]);
    await audited(this.db, actor, async (tx, audit) => {
      await this.sectorRepo.with(tx).insertSector({ networkId, key, name: parsed.data.name });
      await audit({
        action: "create",
        entity: "network_sector",
        entityId: `${networkId}:${key}`,
        after: parsed.data,
      });
    });
    return ok(key);
  }
}
