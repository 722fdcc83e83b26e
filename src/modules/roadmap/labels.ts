import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import type { AdoptionStatus, MilestoneKind, Precision, SizeClass, SolutionCategory, TaskKind } from "./schema.ts";

/** The labels of the roadmap's fixed sets of values, shared by its pages and downloads. */
export const categoryLabel = (t: Translate, c: SolutionCategory) => labelFor(t, "roadmap.category", c);
export const milestoneKindLabel = (t: Translate, k: MilestoneKind) => labelFor(t, "roadmap.milestone", k);
export const precisionLabel = (t: Translate, p: Precision) => labelFor(t, "roadmap.precision", p);
export const taskKindLabel = (t: Translate, k: TaskKind) => labelFor(t, "roadmap.task", k);
export const sizeClassLabel = (t: Translate, s: SizeClass) => labelFor(t, "roadmap.size", s);
export const statusLabel = (t: Translate, s: AdoptionStatus) => labelFor(t, "adoption.status", s);
/** One letter or two for a matrix cell; the full word is in its title and in the legend. */
export const statusShort = (t: Translate, s: AdoptionStatus) => labelFor(t, "adoption.short", s);

/** A milestone's name: its kind, or its own label for a custom one. */
export const milestoneName = (t: Translate, m: { kind: MilestoneKind; label: string }) =>
  m.kind === "custom" ? m.label : milestoneKindLabel(t, m.kind);
