import { sql } from "drizzle-orm";
import type { SearchSource } from "../../platform/search/engine.ts";
import { organisationSearchFields, organisations } from "./schema.ts";

/** Organisations in the site search: all of them are public, ended ones too (a merged municipality is still looked for). */
export const organisationSearch: SearchSource[] = [
  {
    kind: "organisation",
    label: "search.kind.organisations",
    from: sql`${organisations}`,
    id: organisations.id,
    fields: organisationSearchFields(organisations),
    href: sql`'/organisations/' || ${organisations.id}`,
    visible: () => sql`true`,
    organisation: (id) => sql`${organisations.id} = ${id}`,
    county: (code) =>
      sql`(${organisations.code} = ${code} and ${organisations.kind} = 'county' or ${organisations.countyCode} = ${code})`,
  },
];
