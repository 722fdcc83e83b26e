export { checkbox, timeOfDay } from "../../platform/http/validation.ts";
