/** The parts of a strategy's content: its goals, its focus areas and its action plan's measures. */
export type PartKind = "goal" | "focusArea" | "measure";

/** The parts by their path segment, with the section of the strategy's page each is in. */
export const PARTS = {
  goals: { part: "goal", anchor: "goals-heading" },
  "focus-areas": { part: "focusArea", anchor: "areas-heading" },
  measures: { part: "measure", anchor: "plan-heading" },
} as const satisfies Record<string, { part: PartKind; anchor: string }>;

export type PartSegment = keyof typeof PARTS;
