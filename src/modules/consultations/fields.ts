import { z } from "zod";

/** A time of day in Norway's time, "hh:mm" (or "hh.mm"), for the day fields beside it. */
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, "errors.time");

/** A checkbox as a form sends it ("1", "on") or the API does (true). */
export const checkbox = z.preprocess((v) => v === true || v === "1" || v === "true" || v === "on", z.boolean());
