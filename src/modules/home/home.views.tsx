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

export function HomePage(props: {
  ctx: PageContext;
  networks: NetworkListItem;
  counts: { municipalities: number; counties: number; organisations: number };
}) {
  const { ctx, counts } = props;
  const { t, number } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="xl">
        {t("home.title")}
      </h1>
      <p class="ds-paragraph" data-size="lg">
        {t("home.intro")}
      </p>
      <SearchBox ctx={ctx} q="" id="home-search" />
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
