import type { Visibility } from "../../platform/access/visibility.ts";
import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import type { Option } from "../../platform/ui/components.tsx";
import { type ParticipantRole, PHASES, type Phase, type ProjectKind, SECTORS, type StatusColour } from "./schema.ts";

/** The words for the projects module's fixed values, shared by its pages, its downloads and other modules. */

export type CustomSector = { key: string; name: string };

export const projectKindLabel = (t: Translate, kind: ProjectKind) => labelFor(t, "project.kind", kind);
export const phaseLabel = (t: Translate, phase: Phase) => labelFor(t, "project.phase", phase);
/** A phase held as plain text (by another module's mixed list): its label, or the text itself if it is no phase. */
export const phaseTextLabel = (t: Translate, value: string) => (isPhase(value) ? phaseLabel(t, value) : value);
const isPhase = (value: string): value is Phase => (PHASES as readonly string[]).includes(value);
export const statusLabel = (t: Translate, colour: StatusColour) => labelFor(t, "report.colour", colour);
export const roleLabel = (t: Translate, role: ParticipantRole) => labelFor(t, "participant.role", role);
export const visibilityLabel = (t: Translate, v: Visibility) => labelFor(t, "project.visibility", v);

type Sector = (typeof SECTORS)[number];
const isBuiltInSector = (key: string): key is Sector => (SECTORS as readonly string[]).includes(key);

/** A built-in sector by its translated name, a network's own by the name it gave. */
export function sectorLabel(t: Translate, key: string, custom: readonly CustomSector[]): string {
  if (isBuiltInSector(key)) return labelFor(t, "project.sector", key);
  return custom.find((s) => s.key === key)?.name ?? key;
}

export function sectorOptions(t: Translate, custom: readonly CustomSector[]): Option[] {
  const seen = new Set<string>();
  const own = custom.filter((s) => !seen.has(s.key) && seen.add(s.key));
  return [
    ...SECTORS.map((s) => ({ value: s, label: sectorLabel(t, s, []) })),
    ...own.map((s) => ({ value: s.key, label: s.name })),
  ];
}

const STATUS_TAG_COLOUR: Record<StatusColour, string> = { green: "success", yellow: "warning", red: "danger" };

/** Traffic-light status as a tag with its word, so colour is never the only cue (WCAG 1.4.1). */
export function StatusTag({ t, colour }: { t: Translate; colour: StatusColour | null }) {
  if (!colour) return <span class="muted">{t("report.none")}</span>;
  return (
    <span class="ds-tag status-tag" data-color={STATUS_TAG_COLOUR[colour]} data-size="sm">
      {statusLabel(t, colour)}
    </span>
  );
}
