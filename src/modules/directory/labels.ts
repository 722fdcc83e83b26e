import type { Translate } from "../../platform/i18n/i18n.ts";
import type { OrganisationKind } from "./schema.ts";

export const kindLabel = (t: Translate, kind: OrganisationKind) => t(`org.kind.${kind}`);
