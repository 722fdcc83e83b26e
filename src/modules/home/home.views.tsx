import type { FrontItem } from "../../platform/front-page.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import { Link, Notice, Section } from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { NetworkCards } from "../networks/index.ts";

type NetworkListItem = Parameters<typeof NetworkCards>[0]["items"];

function SearchBox({ ctx, q, id }: { ctx: PageContext; q: string; id: string }) {
  const { t } = ctx.i18n;
  return (
    <search aria-label={t("search.label")}>
      <form method="get" action="/search" class="search-hero">
        <div class="ds-field">
          <label class="ds-label" for={id}>
            {t("search.label")}
          </label>
          <input class="ds-input" type="search" id={id} name="q" value={q} maxLength={100} />
        </div>
        <button class="ds-button" data-variant="primary" type="submit">
          {t("search.submit")}
        </button>
      </form>
    </search>
  );
}

/** The front page's lists, a heading for each group and its items soonest first, each with its day. */
function FrontLists({ ctx, items }: { ctx: PageContext; items: readonly FrontItem[] }) {
  const { t, date } = ctx.i18n;
  const today = osloToday();
  const groups = [...new Set(items.map((i) => i.group))];
  return (
    <div class="front-lists">
      {groups.map((group) => (
        <div key={group} class="front-lists__group">
          <h3 class="ds-heading" data-size="2xs">
            {t(group)}
          </h3>
          <ul class="front-list">
            {items
              .filter((i) => i.group === group)
              .map((i) => (
                <li key={i.href} class="front-list__item">
                  <Link href={i.href}>{i.title}</Link>
                  {i.network ? <span class="front-list__network"> · {i.network}</span> : null}
                  <br />
                  <span class="front-list__what">{i.what}</span>
                  {i.due ? (
                    <>
                      {" · "}
                      <time dateTime={i.due}>{i.deadline ? t("front.due", { date: date(i.due) }) : date(i.due)}</time>
                      {i.deadline && i.due < today ? (
                        <strong class="ds-tag front-list__overdue" data-color="danger" data-size="sm">
                          {t("front.overdue")}
                        </strong>
                      ) : null}
                    </>
                  ) : null}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

export function HomePage(props: {
  ctx: PageContext;
  networks: NetworkListItem;
  counts: { municipalities: number; counties: number; organisations: number };
  /** What waits for the reader, when signed in (null when not). */
  waiting: readonly FrontItem[] | null;
  open: readonly FrontItem[];
}) {
  const { ctx, counts, waiting, open } = props;
  const { t, number } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="xl">
        {t("home.title")}
      </h1>
      <p class="ds-paragraph" data-size="lg">
        {t("home.intro")}
      </p>
      {waiting ? (
        <Section id="waiting-heading" title={t("front.waitingTitle")}>
          {waiting.length ? <FrontLists ctx={ctx} items={waiting} /> : <p class="ds-paragraph">{t("front.nothingWaiting")}</p>}
        </Section>
      ) : null}
      <SearchBox ctx={ctx} q="" id="home-search" />
      {open.length ? (
        <Section id="open-heading" title={t("front.openTitle")}>
          <FrontLists ctx={ctx} items={open} />
        </Section>
      ) : null}
      <Section id="networks-heading" title={t("home.networks")}>
        {props.networks.length ? <NetworkCards ctx={ctx} items={props.networks} /> : <Notice>{t("network.none")}</Notice>}
      </Section>
      <Section id="directory-heading" title={t("home.directory")}>
        <p class="ds-paragraph">
          {t("home.directoryText", {
            municipalities: number(counts.municipalities),
            counties: number(counts.counties),
            organisations: number(counts.organisations),
          })}{" "}
          <Link href="/organisations">{t("home.directoryLink")}</Link>
        </p>
      </Section>
    </>
  );
}

export function TextPage({ title, paragraphs }: { title: string; paragraphs: { heading?: string; text: string }[] }) {
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      {paragraphs.map((p) => (
        <>
          {p.heading ? (
            <h2 class="ds-heading" data-size="sm">
              {p.heading}
            </h2>
          ) : null}
          <p class="ds-paragraph">{p.text}</p>
        </>
      ))}
    </>
  );
}
