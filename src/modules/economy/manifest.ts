import { defineModule } from "../../platform/module.ts";
import { messages } from "./messages.ts";
import * as schema from "./schema.ts";

/** The network's economy: budgets, member fees and released time. */
export const economyModule = defineModule({
  name: "economy",
  messages,
  tables: schema,
});
