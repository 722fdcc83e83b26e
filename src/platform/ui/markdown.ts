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

markdown.renderer.rules.heading_open = (tokens, idx) => `<${shifted(tokens[idx]!.tag)}>`;
markdown.renderer.rules.heading_close = (tokens, idx) => `</${shifted(tokens[idx]!.tag)}>\n`;
/** `#` is a level-2 heading, `##` level 3, anything deeper level 4. */
const shifted = (tag: string) => `h${Math.min(Number(tag.slice(1)) + 1, 4)}`;

// A link to this site in a mail must say where the site is.
const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env: { baseUrl?: string }, self) => {
  const href = tokens[idx]!.attrGet("href") ?? "";
  if (env.baseUrl && href.startsWith("/") && !href.startsWith("//")) tokens[idx]!.attrSet("href", env.baseUrl + href);
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** The text as HTML, every character a reader typed escaped; `baseUrl` makes this site's links absolute (for mail). */
export function markdownToHtml(text: string, options: { baseUrl?: string } = {}): string {
  return markdown.render(text, options);
}
