import type { Consultation } from "./consultations.repo.ts";

export type ConsultationState = "upcoming" | "open" | "closed";

/** Whether a consultation takes input now, will, or did. */
export const stateOf = (c: Pick<Consultation, "opensAt" | "closesAt">, now = new Date()): ConsultationState =>
  now < c.opensAt ? "upcoming" : now >= c.closesAt ? "closed" : "open";
