import { defineModule } from "../../platform/module.ts";
import { messages } from "./messages.ts";
import * as schema from "./schema.ts";

/** The annual plan (årsplan) and the annual report (årsrapport), adopted by the steering group and frozen as adopted. */
export const annualModule = defineModule({
  name: "annual",
  messages,
  tables: schema,
});
