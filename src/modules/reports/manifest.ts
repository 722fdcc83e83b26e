import { defineModule } from "../../platform/module.ts";
import { messages } from "./messages.ts";
import * as schema from "./schema.ts";

/** What each member got: a report per member and the comparison of all members. */
export const reportsModule = defineModule({
  name: "reports",
  messages,
  tables: schema,
});
