import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import type { Actor } from "./access/actor.ts";
import type { Policies } from "./access/authorize.ts";
import type { Followable } from "./activity/followables.ts";
import type { Config } from "./config.ts";
import type { Database, Db } from "./db/client.ts";
import type { FeedSource } from "./feeds.ts";
import type { FrontPageSource } from "./front-page.ts";
import type { ApiRouter } from "./http/api.ts";
import type { CalendarEvent } from "./http/icalendar.ts";
import { addMessages, type MessageKey, type Messages } from "./i18n/i18n.ts";
import type { Importer } from "./import/importer.ts";
import type { SearchSource } from "./search/engine.ts";
import type { ServiceFactories, ServiceLog, Services } from "./services.ts";
import type { NavItem } from "./ui/context.ts";

export type { Services } from "./services.ts";

/**
 * Every module's services, by name. The kernel imports no module: each module adds its own services to
 * this interface in its index.ts (`declare module "../../platform/module.ts"`), and its manifest says how
 * to build them.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the modules through declaration merging
export interface ModuleServices {}

/**
 * The pages that other modules may add sections to, with what each section is given. A module that owns
 * such a page declares its slot here the same way (the directory: an organisation's page).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the modules through declaration merging
export interface PageSlots {}

/** A module's part of another module's page: rendered in the order of the module list, nothing when null. */
export type PageSection<P> = (req: FastifyRequest, props: P) => Promise<ComponentChildren>;

/** Data a module ships with the code (reference data, a catalogue) and keeps up to date in the database. */
export interface ShippedData {
  /**
   * Brings the shipped data up to date, at every start after the migrations and at `samverk import
   * reference` (`always`, with the folder it was given). A start may find nothing to do; what it does it
   * tells `progress` first (a log line, in English). The summary is for the command line.
   */
  update(
    db: Db,
    options: { always: boolean; dir?: string | undefined; progress: (step: string) => void },
  ): Promise<string | null>;
}

/** What a module gets from the kernel. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  services: Services;
  /** Every registered module, for features that span them (site search, demo data, page sections). */
  modules: readonly ModuleManifest[];
}

/**
 * A capability plugs into the kernel through one manifest, the way Decidim registers components: its
 * tables, its services, its texts, its HTML pages, its JSON API, its authorisation rules, its menu entries, its
 * sections on other modules' pages, its part of the site search and its demo data.
 */
export interface ModuleManifest {
  name: string;
  /** Its schema module (`import * as schema from "./schema.ts"`): the archive takes every table in it. */
  tables?: Record<string, unknown>;
  services?: ServiceFactories;
  /** Its own texts in nb, nn and en, for the keys its index.ts adds to ModuleMessages. */
  messages?: Messages;
  /** Shipped data it keeps up to date: brought in at every start, before any demo data. */
  shipped?: ShippedData;
  policies?: Policies;
  nav?: NavItem[];
  routes?: (app: FastifyInstance, ctx: AppContext) => void | Promise<void>;
  api?: (api: ApiRouter, ctx: AppContext) => void;
  sections?: { [K in keyof PageSlots]?: PageSection<PageSlots[K]> };
  /** The kinds of its records the site search finds, each read under the access kernel's rule (decision 0034). */
  searchSources?: readonly SearchSource[];
  /** The kinds of its records one can follow, each read under the access kernel's rule (decision 0035). */
  followables?: readonly Followable[];
  /** What waits for a signed-in person in it, and what is new and open in it, for the front page (decision 0036). */
  frontPage?: FrontPageSource;
  /** Its entries in the calendar feeds that span modules (a network's, a person's). */
  calendar?: CalendarSources;
  /** Its Atom feeds of a network's public records, by name (`/n/:slug/feeds/<name>.atom`). */
  feeds?: Record<string, FeedSource>;
  /** What a network's secretariat may bring in from a spreadsheet, made with the services it writes through (decision 0039). */
  importers?: (services: Services) => readonly Importer[];
  /** Work it runs on its own while the app runs (digests, reminders); answers what stops it. */
  background?: (ctx: AppContext, log: ServiceLog) => () => void;
  /** Its tables in a network's annual plan and annual report for a year, as the viewer may see them. */
  annual?: AnnualSource;
  /** For the records its annual tables link to, by kind: which the viewer may still see. */
  annualRecords?: Record<string, AnnualRecordCheck>;
  /** Its steps of the daily retention run, by name, each answering how many rows it removed. */
  retention?: (ctx: AppContext) => Record<string, () => Promise<number>>;
  seed?: (ctx: AppContext) => Promise<void>;
}

/**
 * What a module puts in the calendar feeds that span modules, each as the viewer may see it under the
 * access kernel's rule: a network's (its meetings, its gatherings), and a person's (the meetings of the
 * bodies they sit in, the gatherings they registered for), where the viewer is the person.
 */
export interface CalendarSources {
  network?: (ctx: AppContext, viewer: Actor | null, network: { id: number }) => Promise<CalendarEvent[]>;
  person?: (ctx: AppContext, viewer: Actor) => Promise<CalendarEvent[]>;
}

/** The annual plan (årsplan) looks ahead to a year; the annual report (årsrapport) looks back on one. */
export type AnnualKind = "plan" | "report";

/**
 * One cell of an annual document's table: a text or number as it is, a link, or a label to translate
 * when shown (so that a frozen report still reads in the viewer's language).
 */
export type AnnualCell = string | number | null | { text: string; href: string; record?: AnnualRecord } | { label: MessageKey };

/**
 * The record a linked cell names ("project:12"), so that a frozen table leaves out a row whose record
 * the reader may no longer see: a copy never outlives the visibility rule.
 */
export type AnnualRecord = `${string}:${number}`;

/** Which of some records of one kind a viewer may see now, by id (a module's, for its own kinds). */
export type AnnualRecordCheck = (ctx: AppContext, ids: readonly number[], viewer: Actor | null) => Promise<readonly number[]>;

/** A table of an annual plan or report: plain data, so that an adopted document can keep it frozen as JSON. */
export interface AnnualTable {
  /** Stable within the document (the table's download is named by it). */
  id: string;
  title: MessageKey;
  columns: { label: MessageKey; numeric?: boolean }[];
  rows: AnnualCell[][];
}

/**
 * What a module adds to a network's annual plan or annual report of a year: its tables, drawn from
 * its own data as the viewer may see it under the access kernel's rule (an adopted document keeps
 * them as drawn for the public and for the network's people).
 */
export type AnnualSource = (
  ctx: AppContext,
  of: { network: { id: number; slug: string }; year: number; kind: AnnualKind; viewer: Actor | null },
) => Promise<AnnualTable[]>;

/** Every module's tables of one annual document, in the module list's order. */
export async function annualTables(ctx: AppContext, of: Parameters<AnnualSource>[1]): Promise<AnnualTable[]> {
  const parts = await Promise.all(ctx.modules.map((m) => m.annual?.(ctx, of) ?? []));
  return parts.flat();
}

/**
 * Frozen tables as a viewer may read them now: a row that links to a record the viewer may no longer
 * see (made restricted after the document was adopted) is left out, as is one whose kind no module checks.
 */
export async function withoutHiddenRecords(
  ctx: AppContext,
  tables: readonly AnnualTable[],
  viewer: Actor | null,
): Promise<AnnualTable[]> {
  const recordOf = (cell: AnnualCell) =>
    cell !== null && typeof cell === "object" && "record" in cell ? cell.record : undefined;
  const wanted = new Map<string, Set<number>>();
  for (const table of tables)
    for (const row of table.rows)
      for (const cell of row) {
        const record = recordOf(cell);
        if (!record) continue;
        const [kind, id] = record.split(":");
        wanted.set(kind!, (wanted.get(kind!) ?? new Set()).add(Number(id)));
      }
  const checks: Record<string, AnnualRecordCheck> = Object.assign({}, ...ctx.modules.map((m) => m.annualRecords ?? {}));
  const visible = new Set<string>();
  await Promise.all(
    [...wanted].map(async ([kind, ids]) => {
      for (const id of (await checks[kind]?.(ctx, [...ids], viewer)) ?? []) visible.add(`${kind}:${id}`);
    }),
  );
  return tables.map((table) => ({
    ...table,
    rows: table.rows.filter((row) =>
      row.every((cell) => {
        const record = recordOf(cell);
        return !record || visible.has(record);
      }),
    ),
  }));
}

/** Every module's entries of one calendar, in the module list's order. */
export async function calendarEntries(
  ctx: AppContext,
  of: { network: { id: number }; viewer: Actor | null } | { person: Actor },
): Promise<CalendarEvent[]> {
  const parts = await Promise.all(
    ctx.modules.map((m) =>
      "person" in of ? (m.calendar?.person?.(ctx, of.person) ?? []) : (m.calendar?.network?.(ctx, of.viewer, of.network) ?? []),
    ),
  );
  return parts.flat();
}

/** Registers what a module brings that the kernel reads before any app is built (its texts). */
export function defineModule(manifest: ModuleManifest): ModuleManifest {
  if (manifest.messages) addMessages(manifest.messages);
  return manifest;
}

/** The sections every module adds to a page's slot, in the module list's order. */
export async function renderSections<K extends keyof PageSlots>(
  modules: readonly ModuleManifest[],
  slot: K,
  req: FastifyRequest,
  props: PageSlots[K],
): Promise<ComponentChildren[]> {
  const renderers = modules.flatMap((m) => {
    const section = m.sections?.[slot];
    return section ? [section as PageSection<PageSlots[K]>] : [];
  });
  return (await Promise.all(renderers.map((render) => render(req, props)))).filter((s) => s !== null && s !== undefined);
}

/** Starts every module's background work; answers what stops it all. */
export function startBackgroundWork(ctx: AppContext, log: ServiceLog): () => void {
  const stops = ctx.modules.flatMap((m) => (m.background ? [m.background(ctx, log)] : []));
  return () => {
    for (const stop of stops) stop();
  };
}

/** Every module's steps of the daily retention run. */
export function retentionSteps(ctx: AppContext): Record<string, () => Promise<number>> {
  return Object.assign({}, ...ctx.modules.map((m) => m.retention?.(ctx) ?? {}));
}
