import type { DbOrTx } from "./client.ts";

/**
 * What every repository is: the SQL of one module (or sub-feature) over a connection, and the same
 * repository inside a transaction (`repo.with(tx)`), so that a service's writes and their audit entry
 * commit together.
 */
export abstract class Repository {
  constructor(protected readonly db: DbOrTx) {}

  /** The same repository, its statements run in `tx`. */
  with(tx: DbOrTx): this {
    const Self = this.constructor as new (db: DbOrTx) => this;
    return new Self(tx);
  }
}
