import type { Actor } from "../access/actor.ts";
import type { FollowState } from "../activity/activity.ts";
import type { RecordRef } from "../activity/followables.ts";
import type { I18n, MessageKey } from "../i18n/i18n.ts";
import type { FormState } from "./components.tsx";

/** What every page needs to render: the language, who is signed in, and the header's data. */
export interface PageContext {
  i18n: I18n;
  actor: Actor | null;
  csrfToken: () => string;
  /** The request's path and query, for language links and "return to" after sign-in. */
  url: string;
  networks: { slug: string; shortName: string; name: string }[];
  /** The network a page belongs to, for the title and the switcher. */
  network?: { slug: string; name: string } | undefined;
  /** The record the page is of and how the signed-in reader follows it, for the follow button (decision 0035). */
  follow?: { kind: string; id: number; state: FollowState } | undefined;
  /** How many events on what the signed-in reader follows came since they last looked, for the header. */
  newActivity?: number;
  /**
   * Set while a page's body is rendered: the reader's own parts in it (the follow button, the CSRF
   * tokens of its forms) are left as marks and filled in for each request, so the body can be kept
   * for everyone with the same rights (decision 0043).
   */
  markingOwnParts?: boolean;
  /** The record the page is of, before the reader's follow state is known. */
  followable?: RecordRef | undefined;
}

export interface Crumb {
  href?: string;
  label: string;
}

export interface PageMeta {
  title: string;
  /** For search engines and link previews; the platform's own line where a page has none. */
  description?: string | undefined;
  crumbs?: Crumb[];
  network?: { slug: string; name: string } | undefined;
  status?: number;
  /** The page's forms: when one of them was sent with errors, the page is answered with a 422 (unless `status` says otherwise). */
  forms?: readonly (FormState | null | undefined)[];
  /** The record the page is of, which a signed-in reader can follow from it. */
  follow?: RecordRef | undefined;
  /** The Atom feeds of what the page lists, announced in its head for feed readers to find. */
  feeds?: readonly { href: string; title: string }[] | undefined;
}

export type NavItem = { href: string; label: MessageKey };
