import { defineModule } from "../../platform/module.ts";
import { followingApi } from "./following.api.ts";
import { followingRoutes } from "./following.routes.tsx";
import { messages } from "./messages.ts";
import { seedDemoFollowing } from "./seed.ts";

/**
 * Following what matters (decision 0035): the button on a record's page, the list of what one follows,
 * and what happened to it. The kernel's `activity` service does the work over every module's followables.
 */
export const followingModule = defineModule({
  name: "following",
  messages,
  routes: followingRoutes,
  api: followingApi,
  // What is due goes out every five minutes: at once for kinds so chosen, daily and weekly at seven.
  background: ({ services }, log) => services.activityDigests.schedule(5, log),
  seed: seedDemoFollowing,
});
