/** The news module's public face: what other modules may use. Nothing else of it is imported from outside. */
import type { NewsService } from "./news.service.ts";

export type { NewsService } from "./news.service.ts";

declare module "../../platform/module.ts" {
  interface ModuleServices {
    news: NewsService;
  }
}
