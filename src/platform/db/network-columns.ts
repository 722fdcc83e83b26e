import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/** Where a record's network is, for a query that lists records of many kinds (search, following). */
export interface NetworkSource {
  slug: SQLWrapper;
  name: SQLWrapper;
}

/** A row's network as two text columns, null for a record that spans networks. */
export interface NetworkColumns {
  network_slug: string | null;
  network_name: string | null;
}

/** The select list's `network_slug, network_name` for a kind of record. */
export const networkColumns = (network: NetworkSource | undefined): SQL =>
  network
    ? sql`(${network.slug})::text as network_slug, (${network.name})::text as network_name`
    : sql`null::text as network_slug, null::text as network_name`;

/** The network the two columns name, or null. */
export const networkOf = (row: NetworkColumns): { slug: string; name: string } | null =>
  row.network_slug && row.network_name ? { slug: row.network_slug, name: row.network_name } : null;
