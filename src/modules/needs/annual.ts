import type { AnnualRecordCheck } from "../../platform/module.ts";
import { NeedAnnualRepo } from "./annual-tables.repo.ts";

/** Which needs a viewer may still see, for the frozen annual tables that name them (the priorities). */
export const needsVisible: AnnualRecordCheck = ({ db }, ids, viewer) => new NeedAnnualRepo(db).visibleNeeds(ids, viewer);
