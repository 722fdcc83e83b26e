import type { ComponentChildren } from "preact";
import { LOCALES } from "../i18n/i18n.ts";
import type { Crumb, NavItem, PageContext } from "./context.ts";

/** The weights of Inter the stylesheets use; Latin covers Norwegian (æ, ø, å). */
const FONT_FILES = [400, 500, 600];

const LANGUAGE_NAMES = { nb: "Bokmål", nn: "Nynorsk", en: "English" } as const;

/** Swaps or adds ?lang= on the current URL, keeping every other parameter. */
export function withLang(url: string, lang: string): string {
  const u = new URL(url, "http://x");
  u.searchParams.set("lang", lang);
  return `${u.pathname}${u.search}`;
}

/** A description is one line of at most 160 characters, cut at a word. */
function summaryLine(text: string | undefined): string {
  const line = (text ?? "").replace(/\s+/g, " ").trim();
  if (line.length <= 160) return line;
  return `${line.slice(0, line.lastIndexOf(" ", 158) > 80 ? line.lastIndexOf(" ", 158) : 158)}…`;
}

export function Layout(props: {
  ctx: PageContext;
  title: string;
  description?: string | undefined;
  crumbs?: Crumb[] | undefined;
  nav: NavItem[];
  /** Atom feeds of what the page lists. */
  feeds?: readonly { href: string; title: string }[] | undefined;
  children: ComponentChildren;
}) {
  const { ctx, title, crumbs, nav } = props;
  const { t, locale } = ctx.i18n;
  const fullTitle = `${title} – ${ctx.network?.name ?? "Samverk"}`;
  return (
    <html lang={locale} data-color-scheme="light">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={summaryLine(props.description) || t("layout.footerAbout")} />
        {/* The text's own font, asked for at once rather than after the stylesheets: text laid out
            in a fallback font and then again in Inter moved whole pages (layout shift). */}
        {FONT_FILES.map((weight) => (
          <link
            key={weight}
            rel="preload"
            href={`/assets/inter/files/inter-latin-${weight}-normal.woff2`}
            as="font"
            type="font/woff2"
            crossorigin="anonymous"
          />
        ))}
        <link rel="stylesheet" href="/assets/inter/400.css" />
        <link rel="stylesheet" href="/assets/inter/500.css" />
        <link rel="stylesheet" href="/assets/inter/600.css" />
        <link rel="stylesheet" href="/assets/ds-theme/designsystemet.css" />
        <link rel="stylesheet" href="/assets/ds/index.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        {props.feeds?.map((f) => (
          <link key={f.href} rel="alternate" type="application/atom+xml" title={f.title} href={f.href} />
        ))}
      </head>
      <body>
        <a class="ds-skip-link" href="#main">
          {t("layout.skipToContent")}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-logo" href="/">
              Samverk
            </a>
            <details class="network-switcher">
              <summary>{ctx.network ? ctx.network.name : t("layout.chooseNetwork")}</summary>
              <ul>
                {ctx.networks.map((n) => (
                  <li key={n.slug}>
                    <a class="ds-link" href={`/n/${n.slug}`} aria-current={ctx.network?.slug === n.slug ? "page" : undefined}>
                      {n.name}
                    </a>
                  </li>
                ))}
                <li>
                  <a class="ds-link" href="/networks">
                    {t("layout.allNetworks")}
                  </a>
                </li>
              </ul>
            </details>
            {/* On a narrow screen the menus and the account fold into this native disclosure: keyboard
                operable, its state told to assistive technology, no script needed. On a wide screen the
                stylesheet shows its content and hides the toggle. */}
            <details class="site-menu">
              <summary class="site-menu__toggle">{t("layout.menu")}</summary>
              <div class="site-menu__content">
                <nav aria-label={t("layout.mainNav")} class="site-nav">
                  <ul>
                    {nav.map((item) => (
                      <li key={item.href}>
                        <a class="ds-link" href={item.href}>
                          {t(item.label)}
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
                <nav aria-label={t("layout.languages")} class="language-switcher">
                  <ul>
                    {LOCALES.map((l) => (
                      <li key={l}>
                        <a
                          class="ds-link"
                          href={withLang(ctx.url, l)}
                          lang={l}
                          hrefLang={l}
                          aria-current={l === locale ? "true" : undefined}
                        >
                          {LANGUAGE_NAMES[l]}
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
                <div class="account">
                  {ctx.actor ? (
                    <form method="post" action="/logout">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                      <a class="ds-link account__name" href="/account/sessions">
                        {ctx.actor.label}
                      </a>{" "}
                      <a class="ds-link" href="/activity">
                        {t("nav.activity")}
                        {ctx.newActivity ? (
                          <>
                            {" "}
                            <span class="count-badge" aria-hidden="true">
                              {ctx.newActivity}
                            </span>
                            <span class="ds-sr-only">{t("nav.activityNew", { n: ctx.newActivity })}</span>
                          </>
                        ) : null}
                      </a>{" "}
                      {ctx.actor.isAdmin ? (
                        <>
                          <a class="ds-link" href="/admin/invitations">
                            {t("invitations.title")}
                          </a>{" "}
                          <a class="ds-link" href="/admin/audit">
                            {t("audit.title")}
                          </a>{" "}
                          <a class="ds-link" href="/admin/outbox">
                            {t("outbox.title")}
                          </a>{" "}
                        </>
                      ) : null}
                      <button class="ds-button" data-variant="tertiary" data-size="sm" type="submit">
                        {t("auth.logout")}
                      </button>
                    </form>
                  ) : (
                    <a class="ds-link" href={`/login?returnTo=${encodeURIComponent(ctx.url)}`}>
                      {t("auth.login")}
                    </a>
                  )}
                </div>
              </div>
            </details>
          </div>
        </header>
        {crumbs && crumbs.length > 0 ? (
          <nav class="ds-breadcrumbs site-breadcrumbs" aria-label={t("layout.breadcrumbs")}>
            <ol>
              {crumbs.map((c, i) => (
                <li key={c.label}>
                  {c.href && i < crumbs.length - 1 ? (
                    <a class="ds-link" href={c.href}>
                      {c.label}
                    </a>
                  ) : (
                    <a class="ds-link" aria-current="page" href={c.href ?? "#main"}>
                      {c.label}
                    </a>
                  )}
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <main id="main" tabIndex={-1} class="site-main">
          {props.children}
        </main>
        <footer class="site-footer">
          <ul>
            <li>
              <a class="ds-link" href="/accessibility">
                {t("pages.accessibility.title")}
              </a>
            </li>
            <li>
              <a class="ds-link" href="/privacy">
                {t("pages.privacy.title")}
              </a>
            </li>
            <li>
              <a class="ds-link" href="/api/docs">
                {t("layout.apiDocs")}
              </a>
            </li>
          </ul>
          <p class="ds-paragraph" data-size="sm">
            {t("layout.footerAbout")}
          </p>
        </footer>
      </body>
    </html>
  );
}
