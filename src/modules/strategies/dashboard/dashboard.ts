import { osloToday } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { planProgress } from "../follow-up/progress.ts";
import type { StrategyDetail } from "../strategies.service.ts";

/**
 * What a network's strategy dashboard shows, for its page and its API alike: the ambitions measured,
 * the current shared strategy with everything in it, and where each member stands with its own
 * strategy this year (in Norway).
 */
export async function loadDashboard({ strategies, ambitions }: AppContext["services"], networkId: number) {
  const year = Number(osloToday().slice(0, 4));
  const [items, current, coverage] = await Promise.all([
    ambitions.ofNetwork(networkId),
    strategies.currentOfNetwork(networkId),
    ambitions.coverage(networkId, year),
  ]);
  const shared = current ? await strategies.detail(current.id) : null;
  return { year, ambitions: items, shared, coverage };
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;

/** The progress of each focus area of a shared action plan: done, counted and overdue measures. */
export const focusAreaProgress = (shared: StrategyDetail) =>
  shared.focusAreas.map((a) => ({
    id: a.id,
    title: a.title,
    ...planProgress(shared.measures.filter((m) => m.focusAreaId === a.id)),
  }));
