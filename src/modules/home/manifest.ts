import { defineModule } from "../../platform/module.ts";
import { homeRoutes } from "./home.routes.tsx";
import { messages } from "./messages.ts";

/** The front page, site search, sign-in and the pages every public site must have. */
export const homeModule = defineModule({
  name: "home",
  messages,
  routes: homeRoutes,
});
