import type { FastifyInstance } from "fastify";
import type { Services } from "../services.ts";
import type { Policies } from "./access/authorize.ts";
import type { Config } from "./config.ts";
import type { Database, Db } from "./db/client.ts";
import type { ApiRouter } from "./http/api.ts";
import type { MessageKey } from "./i18n/i18n.ts";
import type { NavItem } from "./ui/context.ts";

/** What a module gets from the kernel. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  services: Services;
  /** Every registered module, for features that span them (site search, demo data). */
  modules: ModuleManifest[];
}

export interface SearchHit {
  kind: MessageKey;
  title: string;
  href: string;
  detail?: string;
}

/**
 * A capability plugs into the kernel through one manifest, the way Decidim registers components:
 * its HTML pages, its JSON API, its authorisation rules, its menu entries, its part of the site
 * search and its demo data.
 */
export interface ModuleManifest {
  name: string;
  policies?: Policies;
  nav?: NavItem[];
  routes?: (app: FastifyInstance, ctx: AppContext) => void | Promise<void>;
  api?: (api: ApiRouter, ctx: AppContext) => void;
  search?: (ctx: AppContext, query: string, limit: number) => Promise<SearchHit[]>;
  seed?: (ctx: AppContext) => Promise<void>;
}

export const defineModule = (manifest: ModuleManifest): ModuleManifest => manifest;
