import MarkdownIt from "markdown-it";

/**
 * The safe Markdown subset people write longer texts in (news): headings, paragraphs, lists, quotes,
 * emphasis and links, nothing else. HTML typed in is shown as text, links go only to the web, mail or
 * this site (markdown-it's `validateLink` refuses javascript:, data: and the like), and pictures are
 * added apart with their alternative text required. Headings start at level 2: the page's title is
 * its level 1.
 */
const markdown = new MarkdownIt("zero", { html: false, linkify: false, typographer: false }).enable([
  "heading",
  "list",
  "blockquote",
  "hr",
  "link",
  "autolink",
  "emphasis",
  "escape",
  "newline",
]);

/** `#` is a level-2 heading, `##` level 3, anything deeper level 4, each the design system's size for it. */
const shifted = (tag: string) => Math.min(Number(tag.slice(1)) + 1, 4);
const HEADING_SIZE = { 2: "sm", 3: "xs", 4: "2xs" } as const;
markdown.renderer.rules.heading_open = (tokens, idx) => {
  const level = shifted(tokens[idx]!.tag);
  return `<h${level} class="ds-heading" data-size="${HEADING_SIZE[level as 2 | 3 | 4]}">`;
};
markdown.renderer.rules.heading_close = (tokens, idx) => `</h${shifted(tokens[idx]!.tag)}>\n`;
// The design system's own look for what the text holds (a mail program ignores the classes).
for (const [rule, className] of [
  ["paragraph_open", "ds-paragraph"],
  ["bullet_list_open", "ds-list"],
  ["ordered_list_open", "ds-list"],
] as const)
  markdown.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
    tokens[idx]!.attrJoin("class", className);
    return self.renderToken(tokens, idx, options);
  };

// A link to this site in a mail must say where the site is.
const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env: { baseUrl?: string }, self) => {
  const href = tokens[idx]!.attrGet("href") ?? "";
  if (env.baseUrl && href.startsWith("/") && !href.startsWith("//")) tokens[idx]!.attrSet("href", env.baseUrl + href);
  tokens[idx]!.attrJoin("class", "ds-link");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** The text as HTML, every character a reader typed escaped; `baseUrl` makes this site's links absolute (for mail). */
export function markdownToHtml(text: string, options: { baseUrl?: string } = {}): string {
  return markdown.render(text, options);
}
