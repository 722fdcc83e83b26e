import { DirectoryService } from "./modules/directory/directory.service.ts";
import { NetworkService } from "./modules/networks/networks.service.ts";
import { historyOf } from "./platform/audit/audit.ts";
import { SessionStore } from "./platform/auth/sessions.ts";
import { UserService } from "./platform/auth/users.ts";
import type { Config } from "./platform/config.ts";
import type { Db } from "./platform/db/client.ts";

/** One instance of each service per app; modules reach each other only through these. */
export function createServices(db: Db, config: Pick<Config, "SAMVERK_SESSION_HOURS">) {
  const directory = new DirectoryService(db);
  const networks = new NetworkService(db, directory.organisations, directory.people);
  return {
    directory,
    networks,
    users: new UserService(db),
    audit: { history: (entity: string, id: string | number) => historyOf(db, entity, id) },
    sessions: new SessionStore(db, config.SAMVERK_SESSION_HOURS),
  };
}

export type Services = ReturnType<typeof createServices>;
