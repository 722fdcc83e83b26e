import { defineModule } from "../../platform/module.ts";
import { publicBaseUrl } from "../../platform/services.ts";
import { newsFeeds } from "./feed.ts";
import { messages } from "./messages.ts";
import { newsApi } from "./news.api.ts";
import { newsRoutes } from "./news.routes.tsx";
import { NewsService } from "./news.service.ts";
import { newsPolicies } from "./policy.ts";
import * as schema from "./schema.ts";
import { newsSearch } from "./search.ts";
import { networkNewsSection, newsFrontPage, subjectNewsSection } from "./sections.tsx";
import { seedDemoNews } from "./seed.ts";

/** News of networks and subject networks, and a network's newsletter: written and published by the secretariat (or a subject network's coordinators), read by anyone it is for, sent by mail to subscribers. */
export const newsModule = defineModule({
  name: "news",
  messages,
  tables: schema,
  services: {
    news: ({ db, services, delivery, config }) =>
      new NewsService(db, services.activity, { baseUrl: publicBaseUrl(config), delivery }, services.throttle),
  },
  policies: newsPolicies,
  routes: newsRoutes,
  api: newsApi,
  sections: { networkPage: networkNewsSection, subjectNetworkPage: subjectNewsSection },
  searchSources: newsSearch,
  feeds: newsFeeds,
  frontPage: newsFrontPage,
  retention: ({ services }) => ({ unconfirmedSubscribers: () => services.news.removeUnconfirmed() }),
  seed: seedDemoNews,
});
