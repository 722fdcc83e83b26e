import type { Actor } from "../access/actor.ts";
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
}

export type NavItem = { href: string; label: MessageKey };
