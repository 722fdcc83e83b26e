import { osloInstant } from "./i18n/i18n.ts";

/**
 * A calendar year in Norway: its first and last day as ISO dates (for date columns), and the instants
 * it starts and the next one starts in Norway's time (for timestamp columns: [start, end)).
 */
export const yearSpan = (year: number) => ({
  from: `${year}-01-01`,
  to: `${year}-12-31`,
  start: osloInstant(`${year}-01-01`, "00:00"),
  end: osloInstant(`${year + 1}-01-01`, "00:00"),
});
