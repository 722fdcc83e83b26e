import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { audited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import { invalid, ok, type Result } from "../../../platform/http/errors.ts";
import { idList, optionalText, requiredText, toFieldErrors } from "../../../platform/http/validation.ts";
import { labelFor, type Translate } from "../../../platform/i18n/i18n.ts";
import { slugify } from "../../networks/index.ts";
import type { Strategy } from "../strategies.repo.ts";
import { type StrategyService, strategyInput } from "../strategies.service.ts";
import { isSharedThemeKey, type Theme, ThemeRepo } from "./themes.repo.ts";

/** The shared strategy's period and title, and the themes whose focus areas it starts with. */
export const sharedStrategyInput = strategyInput.and(
  z.object({ themeIds: idList.refine((ids) => ids.length > 0, "errors.chooseTheme") }),
);

export const themeInput = z.object({ name: requiredText(100), keywords: optionalText(500) });

/** A theme's name: the shared ones in the interface's language, a network's own as written. */
export const themeName = (t: Translate, theme: Pick<Theme, "key" | "name" | "networkId">) =>
  theme.networkId === null && isSharedThemeKey(theme.key) ? labelFor(t, "theme", theme.key) : theme.name;

/**
 * Themes tag focus areas and goals so the members' strategies can be compared. Tagging is a
 * classification, not a change of the strategy, so it is allowed on adopted revisions too.
 */
export class ThemeService {
  readonly repo: ThemeRepo;

  constructor(
    private readonly db: Db,
    private readonly strategies: StrategyService,
  ) {
    this.repo = new ThemeRepo(db);
  }

  /** The shared themes and those of the networks the strategy's owner belongs to (or the network's own). */
  async themesFor(strategyId: number): Promise<Theme[]> {
    const resource = await this.strategies.resource(strategyId);
    const networkIds = resource.networkId !== null ? [resource.networkId] : resource.networkIds;
    const lists = await Promise.all([this.repo.list(null), ...networkIds.map((id) => this.repo.list(id))]);
    return [...new Map(lists.flat().map((t) => [t.id, t])).values()];
  }

  /** The strategy's tags, and for each untagged part the themes its text suggests. */
  async tagging(strategyId: number) {
    const themes = await this.themesFor(strategyId);
    const [tags, suggestions] = await Promise.all([
      this.repo.tagsOf(strategyId),
      this.repo.suggestionsFor(
        strategyId,
        themes.map((t) => t.id),
      ),
    ]);
    const tagged = (list: { id: number }[], id: number) => list.some((t) => t.id === id);
    return {
      themes,
      areaTags: tags.areaTags,
      goalTags: tags.goalTags,
      areaSuggestions: suggestions.areas.filter((s) => !tagged(tags.areaTags, s.id)),
      goalSuggestions: suggestions.goals.filter((s) => !tagged(tags.goalTags, s.id)),
    };
  }

  /** Saves the tags of every focus area and goal of the strategy at once; an unknown theme or part changes nothing. */
  async saveTags(actor: Actor, strategyId: number, body: Record<string, unknown>): Promise<Result<number>> {
    const detail = await this.strategies.detail(strategyId);
    const allowed = new Set((await this.themesFor(strategyId)).map((t) => t.id));
    const areaIds = new Set(detail.focusAreas.map((a) => a.id));
    const goalIds = new Set(detail.goals.map((g) => g.id));
    const areaTags: { id: number; themeId: number }[] = [];
    const goalTags: { id: number; themeId: number }[] = [];
    for (const [name, value] of Object.entries(body)) {
      const m = name.match(/^([ag])(\d{1,9})$/);
      if (!m) continue;
      const id = Number(m[2]);
      const themeIds = idList.safeParse(value);
      if (!themeIds.success || themeIds.data.some((t) => !allowed.has(t)) || !(m[1] === "a" ? areaIds : goalIds).has(id))
        return invalid([{ field: name, key: "errors.choice" }]);
      for (const themeId of new Set(themeIds.data)) (m[1] === "a" ? areaTags : goalTags).push({ id, themeId });
    }
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).replaceTags(strategyId, areaTags, goalTags);
      await audit({
        action: "update",
        entity: "strategy_themes",
        entityId: strategyId,
        after: { areaTags, goalTags },
      });
    });
    return ok(areaTags.length + goalTags.length);
  }

  /** A network's own theme, beside the shared list. */
  async addTheme(actor: Actor, networkId: number, input: unknown): Promise<Result<Theme>> {
    const parsed = themeInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const key = `n${networkId}-${slugify(parsed.data.name) || "tema"}`;
    return audited(this.db, actor, async (tx, audit) => {
      const theme = await this.repo.with(tx).insert({ key, networkId, ...parsed.data });
      if (!theme) return invalid<Theme>([{ field: "name", key: "errors.themeExists" }]);
      await audit({ action: "create", entity: "strategy_theme", entityId: theme.id, after: theme });
      return ok(theme);
    });
  }

  /**
   * Starts the network's shared strategy from its members' current strategies: a draft with one
   * focus area per chosen theme, named and tagged by the theme, and linked back to each member's
   * focus area with that theme, which the page lists. The secretariat writes the why and what.
   */
  async startShared(
    actor: Actor,
    networkId: number,
    input: unknown,
    nameOf: (theme: Theme) => string,
  ): Promise<Result<Strategy>> {
    const parsed = sharedStrategyInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { themeIds, ...values } = parsed.data;
    const { rows, strategies: current } = await this.overlap(networkId);
    // The chosen themes, most shared first, as the table shows them.
    const chosen = rows.map((r) => r.theme).filter((t) => themeIds.includes(t.id));
    if (chosen.length !== new Set(themeIds).size) return invalid([{ field: "themeIds", key: "errors.choice" }]);
    const sources = await this.repo.taggedFocusAreas(
      current.map((s) => s.id),
      themeIds,
    );
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.strategies.repo.with(tx);
        const strategy = await repo.insert({ ...values, networkId });
        const tags: { id: number; themeId: number }[] = [];
        for (const [position, theme] of chosen.entries()) {
          const from = sources.filter((x) => x.themeId === theme.id);
          const area = await repo.insertFocusArea({ strategyId: strategy.id, title: nameOf(theme), position }, []);
          await repo.insertFocusAreaSources(
            area.id,
            from.map((x) => x.id),
          );
          tags.push({ id: area.id, themeId: theme.id });
        }
        await this.repo.with(tx).replaceTags(strategy.id, tags, []);
        await audit({
          action: "create",
          entity: "strategy",
          entityId: strategy.id,
          after: { ...strategy, fromThemes: themeIds, sources: sources.map((x) => x.id) },
        });
        return strategy;
      }),
    );
  }

  /**
   * Which themes appear in which members' current strategies (the newest adopted, else the newest draft), and
   * in how many: the focus areas the members have in common, most shared first.
   */
  async overlap(networkId: number) {
    const [themes, all] = await Promise.all([this.repo.list(networkId), this.repo.memberStrategies(networkId)]);
    // Current first per member: the first one seen is the member's current strategy.
    const current = [...new Map(all.reverse().map((s) => [s.organisationId!, s])).values()];
    const tags = await this.repo.tagsOfMany(current.map((s) => s.id));
    const rows = themes
      .map((theme) => {
        const perStrategy = new Map<number, number>();
        for (const tag of tags.filter((x) => x.themeId === theme.id))
          perStrategy.set(tag.strategyId, (perStrategy.get(tag.strategyId) ?? 0) + 1);
        return { theme, perStrategy, members: perStrategy.size };
      })
      .sort((a, b) => b.members - a.members);
    return { strategies: current, rows };
  }
}
