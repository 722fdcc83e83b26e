import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { files } from "../../platform/schema.ts";
import type { SearchSource } from "../../platform/search/engine.ts";
import { organisations } from "../directory/index.ts";
import { networkInCounty, networks } from "../networks/index.ts";
import {
  focusAreaSearchFields,
  focusAreas,
  goalSearchFields,
  measureSearchFields,
  measures,
  strategies,
  strategyGoals,
  strategySearchFields,
} from "./schema.ts";
import { inNetworkWhere } from "./strategies.repo.ts";

/** The strategy's network, for a network's own strategy; a member's strategy has none. */
const withNetwork = sql`left join ${networks} on ${networks.id} = ${strategies.networkId}`;
const network = { id: networks.id, slug: networks.slug, name: networks.name };

/** The day a reader expects of a strategy and its parts: the day it was adopted, else its last change. */
const strategyDate = sql`coalesce(${strategies.adoptedOn}, (${strategies.updatedAt})::date)`;

/** In a county: a network's strategy where its network covers the county, a member's where the member lies in it. */
const strategyInCounty = (code: string): SQL =>
  sql`(${networkInCounty(strategies.networkId, code)} or exists (select 1 from ${organisations} where ${organisations.id} = ${strategies.organisationId}
    and (${organisations.code} = ${code} and ${organisations.kind} = 'county' or ${organisations.countyCode} = ${code})))`;

/**
 * What every kind below shares: strategies are public by design, drafts and replaced revisions too (the
 * list, the strategy's page and the API show them to anyone; the access sweep plants no markers in
 * them), and a part is seen wherever its strategy is. Only a network's own strategy shows its network.
 * `inNetwork` says what the strategies list's network filter keeps, the network's own strategies and
 * its members' (`inNetworkWhere`); the engine reads it only for a source without `network`, so today a
 * network filter keeps the network's own strategies alone.
 */
const common = {
  network,
  date: strategyDate,
  visible: () => sql`true`,
  inNetwork: inNetworkWhere,
  county: strategyInCounty,
};

/** A part of a strategy (a goal, a focus area, a measure), with its strategy and network joined. */
const partOf = (table: SQLWrapper, strategyId: SQLWrapper) =>
  sql`${table} join ${strategies} on ${strategies.id} = ${strategyId} ${withNetwork}`;
/** A part is named with its strategy ("Digitalt tilsyn · Digitaliseringsstrategi for Molde kommune"): its own title alone says little. */
const partHeading = (title: SQLWrapper) => sql`${title} || ' · ' || ${strategies.title}`;
const ownedBy = (id: number) => sql`${strategies.organisationId} = ${id}`;

/** Strategies and their goals, focus areas and measures in the site search, each linked to its place on the strategy's page. */
export const strategiesSearch: SearchSource[] = [
  {
    kind: "strategy",
    label: "search.kind.strategies",
    from: sql`${strategies} ${withNetwork}`,
    id: strategies.id,
    fields: strategySearchFields(strategies),
    href: sql`'/strategies/' || ${strategies.id}`,
    ...common,
    organisation: ownedBy,
  },
  {
    kind: "measure",
    label: "search.kind.measures",
    from: partOf(measures, measures.strategyId),
    id: measures.id,
    fields: measureSearchFields(measures),
    heading: partHeading(measureSearchFields(measures).title),
    href: sql`'/strategies/' || ${strategies.id} || '#measure-' || ${measures.id}`,
    ...common,
    // The member whose strategy it is, or the one responsible for carrying it out.
    organisation: (id) => sql`(${ownedBy(id)} or ${measures.responsibleOrganisationId} = ${id})`,
  },
  {
    kind: "focus-area",
    label: "search.kind.focusAreas",
    from: partOf(focusAreas, focusAreas.strategyId),
    id: focusAreas.id,
    fields: focusAreaSearchFields(focusAreas),
    heading: partHeading(focusAreaSearchFields(focusAreas).title),
    href: sql`'/strategies/' || ${strategies.id} || '#area-' || ${focusAreas.id}`,
    ...common,
    organisation: ownedBy,
  },
  {
    kind: "goal",
    label: "search.kind.goals",
    from: partOf(strategyGoals, strategyGoals.strategyId),
    id: strategyGoals.id,
    fields: goalSearchFields(strategyGoals),
    heading: partHeading(goalSearchFields(strategyGoals).title),
    href: sql`'/strategies/' || ${strategies.id} || '#goal-' || ${strategyGoals.id}`,
    ...common,
    organisation: ownedBy,
  },
  {
    // The strategy's adopted document, uploaded as a file: found by its text, named by its file's name.
    kind: "document",
    label: "search.kind.documents",
    from: sql`${strategies} ${withNetwork} join ${files} on ${files.id} = ${strategies.documentFileId}`,
    id: files.id,
    fields: { title: files.name, body: [files.text] },
    href: sql`'/strategies/' || ${strategies.id} || '/document'`,
    ...common,
    date: files.createdAt,
    organisation: ownedBy,
  },
];
