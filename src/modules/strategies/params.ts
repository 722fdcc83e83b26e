import { byPathId, type ResourceLoader } from "../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import { slugParam } from "../networks/index.ts";
import type { StrategyResource, StrategyService } from "./strategies.service.ts";

// What the strategies module's page routes are checked against, loaded from the path (404 if there is none).

/** The strategy by :id, as strategy.edit reads it: its owner and the owner's networks. */
export const strategyFromPath = (strategies: StrategyService): ResourceLoader<StrategyResource> =>
  byPathId((id) => strategies.resource(id));

/** The shared strategy the network by :slug would own, as strategy.edit reads one yet to be started. */
export const sharedStrategyFromPath =
  (strategies: StrategyService, networks: { get(slug: string): Promise<{ id: number }> }): ResourceLoader<StrategyResource> =>
  async (req) =>
    strategies.resourceOf({
      organisationId: null,
      networkId: (await networks.get(parseOrBadRequest(slugParam, req.params).slug)).id,
    });
