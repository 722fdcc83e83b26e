/**
 * npm run bench:data -- [--scale 1] [--seed 2026] [--database-url postgres://…]
 *
 * Fills a new database with the generated national installation (see data/generate.ts): on the
 * embedded database in tmp/bench/embedded-x<scale>/, or with --database-url (or DATABASE_URL) in a
 * database samverk_bench_x<scale> of its own on that PostgreSQL server.
 */
import { parseArgs } from "node:util";
import { makeDataSet } from "./data/make.ts";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    seed: { type: "string", default: "2026" },
    "database-url": { type: "string" },
  },
});
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 100)) {
  console.error("--scale must be a number above 0 and at most 100");
  process.exit(2);
}
await makeDataSet({ scale, seed: Number(values.seed), serverUrl: values["database-url"] ?? process.env.DATABASE_URL });
