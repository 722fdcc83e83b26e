import type { Actor } from "./access/actor.ts";
import type { I18n, MessageKey } from "./i18n/i18n.ts";
import type { AppContext } from "./module.ts";

/**
 * One line of the front page (decision 0036): something waiting for the signed-in reader (needs to
 * score, a meeting coming, a measure due), or something new and open for everyone (a consultation
 * taking input, a gathering coming). Each module reads its own, as the reader may see it.
 */
export interface FrontItem {
  /** The list it goes in ("Needs to score"). */
  group: MessageKey;
  title: string;
  href: string;
  /** What to do or what it is, in the reader's language ("4 needs not scored"). */
  what: string;
  /** Its day (YYYY-MM-DD, Norwegian time); none where it has none. */
  due: string | null;
  /** Whether the day is a deadline ("Due 12 January", marked when passed) rather than the day it happens. */
  deadline?: boolean;
  network: string | null;
}

/** A reader who is signed in, for whom things wait. */
export type SignedIn = Actor & { userId: number };

/** What a module adds to the front page; each part is one query or two, whatever the data. */
export interface FrontPageSource {
  /** What waits for the reader in the module (only for one signed in). */
  waiting?: (ctx: AppContext, viewer: SignedIn, i18n: I18n) => Promise<FrontItem[]>;
  /** What is new and open in the module for the reader, signed in or not. */
  open?: (ctx: AppContext, viewer: Actor | null, i18n: I18n) => Promise<FrontItem[]>;
}

/** The front page's lists, every module's read at once, each list by its group in the modules' order, soonest first. */
export async function frontPage(
  ctx: AppContext,
  viewer: Actor | null,
  i18n: I18n,
): Promise<{ waiting: FrontItem[]; open: FrontItem[] }> {
  const sources = ctx.modules.flatMap((m) => (m.frontPage ? [m.frontPage] : []));
  const signedIn = viewer?.userId ? { ...viewer, userId: viewer.userId } : null;
  const [waiting, open] = await Promise.all([
    signedIn ? Promise.all(sources.map((s) => s.waiting?.(ctx, signedIn, i18n) ?? [])) : [],
    Promise.all(sources.map((s) => s.open?.(ctx, viewer, i18n) ?? [])),
  ]);
  return { waiting: ordered(waiting.flat()), open: ordered(open.flat()) };
}

/** Grouped in the order the groups first come, then soonest first, undated last. */
function ordered(items: FrontItem[]): FrontItem[] {
  const groups = [...new Set(items.map((i) => i.group))];
  return items.sort(
    (a, b) =>
      groups.indexOf(a.group) - groups.indexOf(b.group) ||
      (a.due ?? "9999").localeCompare(b.due ?? "9999") ||
      a.title.localeCompare(b.title, "nb"),
  );
}

/** The bodies the reader sits in, across their networks. */
export const bodyIdsOf = (viewer: Actor): number[] =>
  Object.values(viewer.networks ?? {}).flatMap((g) => g.bodies.map((b) => b.id));

/** The organisations the reader acts for, across their networks, each once. */
export const organisationIdsOf = (viewer: Actor): number[] => [
  ...new Set(Object.values(viewer.networks ?? {}).flatMap((g) => g.organisationIds)),
];

/** The networks whose secretariat the reader is in. */
export const secretariatNetworksOf = (viewer: Actor): number[] =>
  Object.entries(viewer.networks ?? {}).flatMap(([id, g]) => (g.role === "secretariat" ? [Number(id)] : []));
