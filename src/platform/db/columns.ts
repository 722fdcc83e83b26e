import { type AnyPgColumn, boolean, customType, integer, serial, timestamp } from "drizzle-orm/pg-core";

/**
 * The columns most tables share, written once so that every module's schema says them the same
 * way. Each returns a fresh builder: drizzle binds a builder to the table it is put in.
 */

/** A table's own number. */
export const serialId = () => serial("id").primaryKey();

/** Rows the demo data made, so that `npm run demo -- --remove` takes them away and nothing else. */
export const demoFlag = () => boolean("is_demo").notNull().default(false);

/** When the row was made; a moment, stored with its time zone. */
export const createdAtNow = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** When the row last changed; the writer sets it on every update. */
export const updatedAtNow = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** A row that is part of another: it is deleted with its owner. */
export const belongsTo = <N extends string>(name: N, owner: () => AnyPgColumn) =>
  integer(name).notNull().references(owner, { onDelete: "cascade" });

/** A required reference that keeps its target: the target cannot be deleted while the row points at it. */
export const refersTo = <N extends string>(name: N, target: () => AnyPgColumn) => integer(name).notNull().references(target);

/** Bytes as Buffer on both drivers (PGlite answers Uint8Array, node-postgres Buffer). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});
