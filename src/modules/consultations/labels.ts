import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import type { InputStatus, RespondentKind } from "./schema.ts";

/** The words for an input's status and its sender's kind, shared by the pages and the exports. */
export const inputStatusLabel = (t: Translate, s: InputStatus) => labelFor(t, "consultation.inputStatus", s);
export const respondentLabel = (t: Translate, k: RespondentKind) => labelFor(t, "consultation.respondent", k);
