import { defineModule } from "../../platform/module.ts";
import { messages } from "./messages.ts";
import * as schema from "./schema.ts";

/** What each member got: member reports, the comparison of members, the annual plan and report. */
export const reportsModule = defineModule({
  name: "reports",
  messages,
  tables: schema,
});
