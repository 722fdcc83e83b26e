import { type SQLWrapper, sql } from "drizzle-orm";

/**
 * Sorts Norwegian names in Norwegian order (… z, æ, ø, å) without relying on the server's
 * collations, which differ between PGlite and PostgreSQL installations. Its own module, so that a
 * schema can index the same expression (an index serves only the very expression it was made on).
 */
export const norwegianOrder = (column: SQLWrapper) => sql`translate(lower(${column}), 'æøåäöüéè', '{|}{|yee')`;
