import { labelFor, type Translate } from "../../../platform/i18n/i18n.ts";
import type { RecipientKind } from "../schema.ts";

/** The kind of national body a submission went to. */
export const recipientKindLabel = (t: Translate, kind: RecipientKind) => labelFor(t, "submission.recipient", kind);

/** Whom a submission went to, as people read it: the body's name where typed, with its kind where that says more. */
export function recipientOf(t: Translate, s: { recipientKind: RecipientKind; recipientName: string }): string {
  if (s.recipientKind === "ministry" || s.recipientKind === "other")
    return s.recipientName || recipientKindLabel(t, s.recipientKind);
  const kind = recipientKindLabel(t, s.recipientKind);
  return s.recipientName ? `${kind} (${s.recipientName})` : kind;
}
