import { z } from "zod";

export { checkbox, timeOfDay } from "../../platform/http/validation.ts";
