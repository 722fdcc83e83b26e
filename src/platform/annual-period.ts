/** The first and last day of a calendar year, as ISO dates for date columns. */
export const yearSpan = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });
