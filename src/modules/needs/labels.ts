import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import type { Effort, NeedKind, NeedState, Recommendation, Urgency } from "./schema.ts";

/** The labels of the needs module's fixed sets of values, each from its typed message key. */
export const stateLabel = (t: Translate, s: NeedState) => labelFor(t, "need.state", s);
export const kindLabel = (t: Translate, k: NeedKind) => labelFor(t, "need.kind", k);
export const urgencyLabel = (t: Translate, u: Urgency) => labelFor(t, "need.urgency", u);
export const effortLabel = (t: Translate, e: Effort) => labelFor(t, "need.effort", e);
export const recommendationLabel = (t: Translate, r: Recommendation) => labelFor(t, "assessment.recommendation", r);
