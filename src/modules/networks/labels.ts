import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import type { BodyKind, BodyRole, MembershipLevel } from "./schema.ts";

/** The labels of the networks module's fixed sets, built through the typed catalogue. */
export const levelLabel = (t: Translate, level: MembershipLevel) => labelFor(t, "membership.level", level);
export const bodyKindLabel = (t: Translate, kind: BodyKind) => labelFor(t, "body.kind", kind);
export const roleLabel = (t: Translate, role: BodyRole) => labelFor(t, "body.role", role);
