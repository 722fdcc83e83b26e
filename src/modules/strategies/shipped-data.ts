import type { ShippedData } from "../../platform/module.ts";
import { ThemeRepo } from "./themes/themes.repo.ts";

/** The themes every network shares: added where missing, their keywords brought up to date, at every start. */
export const shippedThemes: ShippedData = {
  async update(db, { progress }) {
    progress("bringing the shared strategy themes up to date");
    await new ThemeRepo(db).loadShared();
    return "Shared strategy themes up to date";
  },
};
