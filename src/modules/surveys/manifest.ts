import { defineModule } from "../../platform/module.ts";
import { messages } from "./messages.ts";
import * as schema from "./schema.ts";

/** Evaluation surveys sent to the members' contacts. */
export const surveysModule = defineModule({
  name: "surveys",
  messages,
  tables: schema,
});
