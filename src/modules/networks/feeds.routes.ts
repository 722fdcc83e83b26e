import type { FastifyInstance } from "fastify";
import { combinedFeed, type FeedSource, feedPath, moduleFeeds, readFeed, sendFeed } from "../../platform/feeds.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import type { AppContext, ModuleManifest } from "../../platform/module.ts";
import { slugParam } from "./params.ts";

/** The name of the feed that holds every other feed's entries. */
const ALL = "all";

/** A network's feeds: one of them all first (what a reader finding the network's page takes), then every module's. */
export function networkFeeds(modules: readonly ModuleManifest[]): Record<string, FeedSource> {
  const feeds = moduleFeeds(modules);
  if (ALL in feeds) throw new Error(`a module's feed is named ${ALL}, the name of the network's feed of them all`);
  const sources = Object.values(feeds);
  return sources.length ? { [ALL]: combinedFeed("feeds.all", sources), ...feeds } : {};
}

/**
 * A network's Atom feeds, one route each (an unknown feed's name is a 404 like any address): public,
 * and the same for every reader, since each holds only what anyone may read.
 */
export function feedRoutes(app: FastifyInstance, ctx: AppContext) {
  const { networks } = ctx.services;
  for (const [name, source] of Object.entries(networkFeeds(ctx.modules)))
    app.get(feedPath(":slug", name), { config: { policy: "public" } }, async (req, reply) => {
      const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
      return sendFeed(req, reply, await readFeed(ctx, network, name, source, req.i18n));
    });
}
