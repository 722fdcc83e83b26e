import { and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { Repository } from "../../../platform/db/repository.ts";
import type { KeySuffix } from "../../../platform/i18n/i18n.ts";
import { memberships } from "../../networks/index.ts";
import { focusAreas, focusAreaThemes, goalThemes, strategies, strategyGoals, strategyThemes } from "../schema.ts";

/**
 * The shared list of themes, with the words (bokmål and nynorsk) that suggest each. Their names are
 * in the interface's languages under `theme.<key>`. Loaded at every start, matched by key.
 */
export const SHARED_THEMES: { key: KeySuffix<"theme">; keywords: string }[] = [
  { key: "citizen_services", keywords: "innbygger innbyggjar tjeneste teneste selvbetjening sjølvbetening søknad brukar bruker" },
  { key: "security", keywords: "informasjonssikkerhet informasjonssikkerheit personvern sikkerhet sikkerheit risiko tillit" },
  {
    key: "competence",
    keywords: "kompetanse opplæring ansatte tilsette veileder rettleiar ferdigheter ferdigheiter meistre mestre",
  },
  { key: "welfare_technology", keywords: "velferdsteknologi helse omsorg tilsyn hjemmetjeneste heimeteneste eldre medisin" },
  { key: "cooperation", keywords: "samarbeid samhandling felles interkommunal region regionen saman sammen" },
  { key: "infrastructure", keywords: "infrastruktur bredbånd breiband fiber mobildekning sky drift nett" },
  { key: "data", keywords: "data datadeling deling kunnskap analyse statistikk" },
  { key: "architecture", keywords: "arkitektur integrasjon fellesløsning fellesløysing nasjonal standard eformidling" },
  { key: "school", keywords: "skole skule elev barnehage læring undervisning" },
  { key: "management", keywords: "ledelse leiing styring gevinst gevinstar gevinster effektiv effektivt" },
];

export type Theme = typeof strategyThemes.$inferSelect;

const SHARED_KEYS = new Set<string>(SHARED_THEMES.map((t) => t.key));
/** Whether a theme's key is one of the shared list's, whose name is in the catalogue under `theme.<key>`. */
export const isSharedThemeKey = (key: string): key is KeySuffix<"theme"> => SHARED_KEYS.has(key);

/** The only place with SQL for themes: the lists, the tags, the suggestions and the comparison. */
export class ThemeRepo extends Repository {
  /** Adds shared themes that are missing and brings their keywords up to date. */
  async loadShared(): Promise<void> {
    for (const t of SHARED_THEMES)
      await this.db
        .insert(strategyThemes)
        .values({ key: t.key, keywords: t.keywords })
        .onConflictDoUpdate({ target: strategyThemes.key, set: { keywords: t.keywords } });
  }

  /** The shared themes and, with a network, its own. */
  async list(networkId: number | null): Promise<Theme[]> {
    return this.db
      .select()
      .from(strategyThemes)
      .where(
        networkId === null
          ? isNull(strategyThemes.networkId)
          : or(isNull(strategyThemes.networkId), eq(strategyThemes.networkId, networkId)),
      )
      .orderBy(asc(strategyThemes.id));
  }

  async insert(values: typeof strategyThemes.$inferInsert): Promise<Theme | undefined> {
    const [row] = await this.db.insert(strategyThemes).values(values).onConflictDoNothing().returning();
    return row;
  }

  /** The theme tags of the focus areas and of the goals of these strategies, each with its part and its strategy. */
  private async partTags(strategyIds: number[]) {
    const [areas, goals] = await Promise.all([
      this.db
        .select({ id: focusAreaThemes.focusAreaId, strategyId: focusAreas.strategyId, themeId: focusAreaThemes.themeId })
        .from(focusAreaThemes)
        .innerJoin(focusAreas, eq(focusAreas.id, focusAreaThemes.focusAreaId))
        .where(inArray(focusAreas.strategyId, strategyIds)),
      this.db
        .select({ id: goalThemes.goalId, strategyId: strategyGoals.strategyId, themeId: goalThemes.themeId })
        .from(goalThemes)
        .innerJoin(strategyGoals, eq(strategyGoals.id, goalThemes.goalId))
        .where(inArray(strategyGoals.strategyId, strategyIds)),
    ]);
    return { areas, goals };
  }

  /** The themes of a strategy's focus areas and goals. */
  async tagsOf(strategyId: number) {
    const { areas, goals } = await this.partTags([strategyId]);
    const tag = ({ id, themeId }: { id: number; themeId: number }) => ({ id, themeId });
    return { areaTags: areas.map(tag), goalTags: goals.map(tag) };
  }

  /** Replaces a strategy's tags with these. */
  async replaceTags(
    strategyId: number,
    areaTags: { id: number; themeId: number }[],
    goalTags: { id: number; themeId: number }[],
  ) {
    const areaIds = this.db.select({ id: focusAreas.id }).from(focusAreas).where(eq(focusAreas.strategyId, strategyId));
    const goalIds = this.db.select({ id: strategyGoals.id }).from(strategyGoals).where(eq(strategyGoals.strategyId, strategyId));
    await this.db.delete(focusAreaThemes).where(inArray(focusAreaThemes.focusAreaId, areaIds));
    await this.db.delete(goalThemes).where(inArray(goalThemes.goalId, goalIds));
    if (areaTags.length)
      await this.db.insert(focusAreaThemes).values(areaTags.map((t) => ({ focusAreaId: t.id, themeId: t.themeId })));
    if (goalTags.length) await this.db.insert(goalThemes).values(goalTags.map((t) => ({ goalId: t.id, themeId: t.themeId })));
  }

  /**
   * Themes whose words occur in a strategy's focus areas and goals, by Norwegian full-text matching:
   * a part and a theme match when the part's text has any of the theme's words, stemmed.
   */
  async suggestionsFor(strategyId: number, themeIds: number[]) {
    if (themeIds.length === 0) return { areas: [], goals: [] };
    const themeQuery = sql`replace(plainto_tsquery('norwegian'::regconfig, ${strategyThemes.keywords})::text, ' & ', ' | ')::tsquery`;
    const [areas, goals] = await Promise.all([
      this.db
        .select({ id: focusAreas.id, themeId: strategyThemes.id })
        .from(focusAreas)
        .innerJoin(
          strategyThemes,
          sql`to_tsvector('norwegian'::regconfig, ${focusAreas.title} || ' ' || ${focusAreas.why} || ' ' || ${focusAreas.what}) @@ ${themeQuery}`,
        )
        .where(and(eq(focusAreas.strategyId, strategyId), inArray(strategyThemes.id, themeIds), ne(strategyThemes.keywords, ""))),
      this.db
        .select({ id: strategyGoals.id, themeId: strategyThemes.id })
        .from(strategyGoals)
        .innerJoin(
          strategyThemes,
          sql`to_tsvector('norwegian'::regconfig, ${strategyGoals.title} || ' ' || ${strategyGoals.description}) @@ ${themeQuery}`,
        )
        .where(
          and(eq(strategyGoals.strategyId, strategyId), inArray(strategyThemes.id, themeIds), ne(strategyThemes.keywords, "")),
        ),
    ]);
    return { areas, goals };
  }

  /**
   * The strategies of a network's members today that are not replaced, the member's current one
   * first: the newest adopted, else the newest draft.
   */
  async memberStrategies(networkId: number) {
    return this.db
      .select({ id: strategies.id, organisationId: strategies.organisationId, title: strategies.title })
      .from(strategies)
      .where(
        and(
          ne(strategies.status, "replaced"),
          sql`exists (select 1 from ${memberships} m where m.organisation_id = ${strategies.organisationId} and m.network_id = ${networkId} and m.to_date is null)`,
        ),
      )
      .orderBy(
        asc(strategies.organisationId),
        sql`(${strategies.status} = 'adopted') desc`,
        sql`${strategies.lastYear} desc`,
        sql`${strategies.revision} desc`,
      );
  }

  /** The focus areas of these strategies tagged with these themes, in each strategy's order. */
  async taggedFocusAreas(strategyIds: number[], themeIds: number[]) {
    if (strategyIds.length === 0 || themeIds.length === 0) return [];
    return this.db
      .select({ id: focusAreas.id, themeId: focusAreaThemes.themeId })
      .from(focusAreaThemes)
      .innerJoin(focusAreas, eq(focusAreas.id, focusAreaThemes.focusAreaId))
      .where(and(inArray(focusAreas.strategyId, strategyIds), inArray(focusAreaThemes.themeId, themeIds)))
      .orderBy(asc(focusAreas.strategyId), asc(focusAreas.position));
  }

  /** Every theme tag of these strategies' focus areas and goals, with the strategy it is in. */
  async tagsOfMany(strategyIds: number[]) {
    if (strategyIds.length === 0) return [];
    const { areas, goals } = await this.partTags(strategyIds);
    return [...areas, ...goals].map(({ strategyId, themeId }) => ({ strategyId, themeId }));
  }
}
