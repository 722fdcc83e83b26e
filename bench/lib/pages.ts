/** The pages issue 9 names, each with the address it is measured at on a generated data set. */
import type { Manifest } from "../data/generate.ts";

export interface BenchPage {
  /** A short name for the command line. */
  id: string;
  name: string;
  path: (m: Manifest) => string;
  /** An HTML page a browser shows (the API list is measured for speed, not by Lighthouse). */
  html: boolean;
  /** Only for those signed in (the pages that load a script are forms of the secretariat's). */
  signedInOnly?: boolean;
}

export const PAGES: BenchPage[] = [
  { id: "front", name: "Front page", path: () => "/", html: true },
  { id: "network", name: "Network page", path: (m) => `/n/${m.networkSlug}`, html: true },
  { id: "portfolio-filtered", name: "Portfolio, filtered", path: () => "/projects?phase=execution&kind=regional", html: true },
  {
    id: "portfolio-search",
    name: "Portfolio, search",
    path: (m) => `/projects?q=${encodeURIComponent(m.searchTerm)}`,
    html: true,
  },
  // Issue 24: the site search over every kind, with a compound's part in nynorsk ("teneste" finds
  // "Innbyggertjenester"), and the same search in the API.
  { id: "site-search", name: "Site search", path: () => "/search?q=teneste", html: true },
  { id: "api-search", name: "API: site search", path: () => "/api/v1/search?q=teneste", html: false },
  { id: "project", name: "Project page", path: (m) => `/projects/${m.projectId}`, html: true },
  { id: "adoption-county", name: "Adoption matrix, county", path: (m) => `/roadmap/adoption?county=${m.countyCode}`, html: true },
  { id: "adoption-country", name: "Adoption matrix, country", path: () => "/roadmap/adoption", html: true },
  { id: "timeline", name: "Roadmap timeline", path: () => "/roadmap/timeline", html: true },
  {
    id: "municipality-roadmap",
    name: "A municipality's roadmap",
    path: (m) => `/organisations/${m.municipalityId}/roadmap`,
    html: true,
  },
  { id: "strategy", name: "Strategy and action plan", path: (m) => `/strategies/${m.strategyId}`, html: true },
  { id: "consultation", name: "Consultation page", path: (m) => `/consultations/${m.consultationId}`, html: true },
  { id: "gathering", name: "Gathering page", path: (m) => `/gatherings/${m.gatheringId}`, html: true },
  {
    id: "gatherings-feed",
    name: "A network's gatherings calendar",
    path: (m) => `/n/${m.networkSlug}/gatherings/calendar.ics`,
    html: false,
  },
  { id: "national-needs", name: "Needs across the networks", path: () => "/needs/national", html: true },
  {
    id: "network-feed",
    name: "A network's calendar (meetings and gatherings)",
    path: (m) => `/n/${m.networkSlug}/calendar.ics`,
    html: false,
  },
  {
    id: "network-atom",
    name: "A network's Atom feed of everything (decisions, gatherings, consultations)",
    path: (m) => `/n/${m.networkSlug}/feeds/all.atom`,
    html: false,
  },
  {
    id: "member-report",
    name: "A member's report (the network's lifetime)",
    path: (m) => `/n/${m.networkSlug}/member-reports/${m.municipalityId}`,
    html: true,
  },
  {
    id: "member-comparison",
    name: "The members compared",
    path: (m) => `/n/${m.networkSlug}/member-reports?sort=-projects`,
    html: true,
  },
  { id: "annual-report", name: "A network's annual report", path: (m) => `/n/${m.networkSlug}/annual/report/2025`, html: true },
  // Issue 25: a network's news, a news item and the news feed.
  { id: "news", name: "A network's news", path: (m) => `/n/${m.networkSlug}/news`, html: true },
  { id: "news-item", name: "A news item", path: (m) => `/news/${m.newsId}`, html: true },
  { id: "news-atom", name: "A network's Atom feed of news", path: (m) => `/n/${m.networkSlug}/feeds/news.atom`, html: false },
  { id: "api-projects", name: "API: project list", path: () => "/api/v1/projects", html: false },
];

/**
 * Measured by Lighthouse only: none of the pages above needs JavaScript, and loads none; these are
 * the pages that load a script of their own, for the limit on JavaScript per page.
 */
export const SCRIPT_PAGES: BenchPage[] = [
  {
    id: "need-form",
    name: "New need (similar projects as you type)",
    path: (m) => `/n/${m.networkSlug}/needs/new`,
    html: true,
    signedInOnly: true,
  },
  {
    id: "ranking",
    name: "Ranking needs (drag and keyboard)",
    path: (m) => `/n/${m.networkSlug}/priorities/rank`,
    html: true,
    signedInOnly: true,
  },
];

/**
 * The pages named by --only (ids, comma-separated), or all: for Lighthouse the HTML pages and the
 * pages with scripts, for the load benchmark the pages.
 * A name not in the list stops the command with the list, before anything starts.
 */
export function selectPages(only: string | undefined, options: { forLighthouse: boolean }): BenchPage[] {
  const candidates = options.forLighthouse ? [...PAGES.filter((p) => p.html), ...SCRIPT_PAGES] : PAGES;
  if (only === undefined) return candidates;
  const ids = only.split(",").map((id) => id.trim());
  const chosen = candidates.filter((p) => ids.includes(p.id));
  if (chosen.length !== ids.length) {
    console.error(`--only names pages of this list: ${candidates.map((p) => p.id).join(", ")}`);
    process.exit(2);
  }
  return chosen;
}
