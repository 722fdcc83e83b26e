import type { I18n } from "../../platform/i18n/i18n.ts";
import { markdownToHtml } from "../../platform/ui/markdown.ts";
import { type NewsItem, type NewsPicture, pictureHref } from "./news.repo.ts";

/** What one newsletter mail holds: its network, subject and introduction, the news items, and the reader's stop link. */
export interface Letter {
  network: { slug: string; name: string };
  newsletter: { subject: string; intro: string };
  items: readonly NewsItem[];
  /** The items' pictures, each item's in order. */
  pictures: readonly NewsPicture[];
  stop: string;
  baseUrl: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const picturesOf = (letter: Letter, item: NewsItem) => letter.pictures.filter((p) => p.newsItemId === item.id);

/** The newsletter as plain text: each item's title, introduction, its Markdown as written (readable as it is) and its address. */
export function newsletterText({ t }: I18n, letter: Letter): string {
  const items = letter.items.map((item) =>
    [
      item.title.toUpperCase(),
      item.intro,
      item.body,
      ...picturesOf(letter, item).map((p) => `[${t("news.picture")}: ${p.alt}]`),
      `${letter.baseUrl}/news/${item.id}`,
    ]
      .filter(Boolean)
      .join("\n\n"),
  );
  return [
    letter.newsletter.subject,
    letter.newsletter.intro,
    ...items,
    t("newsletter.mail.footer", { network: letter.network.name, stop: letter.stop }),
  ]
    .filter(Boolean)
    .join("\n\n---\n\n");
}

/**
 * The newsletter as accessible HTML (WCAG for mail): the reader's language, a heading for the letter
 * and one for each item, pictures with their alternative text, links that say where they lead, no
 * layout tables, and the stop link in words.
 */
export function newsletterHtml({ t, locale }: I18n, letter: Letter): string {
  const items = letter.items
    .map((item) => {
      const link = `${letter.baseUrl}/news/${item.id}`;
      const picture = picturesOf(letter, item)
        .map(
          (p) =>
            `<p><img src="${escapeHtml(`${letter.baseUrl}${pictureHref(p)}`)}" alt="${escapeHtml(p.alt)}" style="max-width:100%;height:auto"></p>`,
        )
        .join("\n");
      return `<article>
<h2 style="font-size:1.3em;margin:1.5em 0 0.5em"><a href="${escapeHtml(link)}">${escapeHtml(item.title)}</a></h2>
${item.intro ? `<p style="font-size:1.1em">${escapeHtml(item.intro)}</p>` : ""}
${picture}
${markdownToHtml(item.body, { baseUrl: letter.baseUrl })}
<p><a href="${escapeHtml(link)}">${escapeHtml(t("newsletter.mail.readOnline", { title: item.title }))}</a></p>
</article>`;
    })
    .join("\n<hr>\n");
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(letter.newsletter.subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em;margin:0 auto;padding:1em">
<h1 style="font-size:1.6em">${escapeHtml(letter.newsletter.subject)}</h1>
<p>${escapeHtml(letter.network.name)}</p>
${letter.newsletter.intro ? `<p>${escapeHtml(letter.newsletter.intro)}</p>` : ""}
${items}
<hr>
<p style="font-size:0.9em">${escapeHtml(t("newsletter.mail.why", { network: letter.network.name }))} <a href="${escapeHtml(letter.stop)}">${escapeHtml(t("newsletter.mail.stop"))}</a></p>
</body>
</html>`;
}
