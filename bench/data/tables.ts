/** Every table the national data set fills: the kernel's and the modules' (the bench may know them all; the kernel does not). */
export * from "../../src/modules/consultations/schema.ts";
export * from "../../src/modules/decisions/schema.ts";
export * from "../../src/modules/directory/schema.ts";
export { gatheringRegistrations, gatheringSessions, gatherings } from "../../src/modules/gatherings/schema.ts";
export * from "../../src/modules/needs/schema.ts";
export * from "../../src/modules/networks/schema.ts";
export { newsItems } from "../../src/modules/news/schema.ts";
export * from "../../src/modules/projects/schema.ts";
export * from "../../src/modules/roadmap/schema.ts";
export * from "../../src/modules/solutions/schema.ts";
export * from "../../src/modules/strategies/schema.ts";
export * from "../../src/platform/schema.ts";
