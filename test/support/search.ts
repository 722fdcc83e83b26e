import assert from "node:assert/strict";
import type { Session } from "./app.ts";

/** A word no record holds but the one planted with it: letters only, so the search reads it whole. */
export const marker = () =>
  `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;

export interface SearchHit {
  href: string;
  title: string;
  excerpt: string;
  network: { slug: string } | null;
  date: string | null;
}

/** The hits of one kind a reader gets for a query (and filters, "&network=…"), from the API and from the page. */
export async function searchAs(session: Session, q: string, kind: string, filters = "") {
  const query = `q=${encodeURIComponent(q)}&kind=${kind}${filters}`;
  const api = await session.api("GET", `/api/v1/search?${query}`);
  assert.equal(api.statusCode, 200, api.body);
  const page = await session.get(`/search?${query}`);
  assert.equal(page.statusCode, 200);
  return { hits: (api.json() as { groups: { hits: SearchHit[] }[] }).groups.flatMap((g) => g.hits), page: page.body };
}

/** The record at `href` is found by the query, on the page and in the API; answers the API's hit. */
export async function assertFound(session: Session, q: string, kind: string, href: string, filters = "") {
  const { hits, page } = await searchAs(session, q, kind, filters);
  const hit = hits.find((h) => h.href === href);
  assert.ok(hit, `the API finds ${href} for "${q}"${filters}`);
  assert.ok(page.includes(`href="${href}"`), `the page finds ${href} for "${q}"${filters}`);
  return hit;
}

/** The record at `href` is kept back from `who`, on the page and in the API. */
export async function assertNotFound(session: Session, q: string, kind: string, href: string, who = "", filters = "") {
  const { hits, page } = await searchAs(session, q, kind, filters);
  assert.ok(!hits.some((h) => h.href === href), `${who}: the API keeps ${href} back for "${q}"${filters}`);
  assert.ok(!page.includes(`href="${href}"`), `${who}: the page keeps ${href} back for "${q}"${filters}`);
}
