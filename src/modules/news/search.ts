import { sql } from "drizzle-orm";
import type { SearchSource } from "../../platform/search/engine.ts";
import { networks } from "../networks/index.ts";
import { newsVisibleWhere } from "./news.repo.ts";
import { newsItems, newsSearchFields } from "./schema.ts";

/** News in the site search, as its owner's list reads it (a subject network's news has no network). */
export const newsSearch: SearchSource[] = [
  {
    kind: "news",
    label: "search.kind.news",
    from: sql`${newsItems} left join ${networks} on ${networks.id} = ${newsItems.networkId}`,
    id: newsItems.id,
    fields: newsSearchFields(newsItems),
    href: sql`'/news/' || ${newsItems.id}`,
    network: { id: networks.id, slug: networks.slug, name: networks.name },
    date: sql`coalesce(${newsItems.publishedAt}, ${newsItems.createdAt})`,
    visible: newsVisibleWhere,
  },
];
