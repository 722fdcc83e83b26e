import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import type { MaintenanceType, Maturity, SolutionOrigin } from "./schema.ts";

/** The words for a solution's origin, maturity and maintenance, shared by the pages and the downloads. */
export const originLabel = (t: Translate, o: SolutionOrigin) => labelFor(t, "solution.origin", o);
export const maturityLabel = (t: Translate, m: Maturity) => labelFor(t, "solution.maturity", m);
export const maintenanceLabel = (t: Translate, m: MaintenanceType) => labelFor(t, "solution.maintenance", m);
