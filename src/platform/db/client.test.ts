import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "drizzle-orm";
import { createTestDatabase } from "../../../test/support/db.ts";
import { isForeignKeyViolation, isUniqueViolation } from "./client.ts";

test("the database's refusals are told apart through Drizzle's wrapping, on either driver", async () => {
  const database = await createTestDatabase({ demo: false });
  const { db } = database;
  const refusal = async (statement: ReturnType<typeof sql>) => {
    try {
      await db.execute(statement);
    } catch (error) {
      return error;
    }
    assert.fail("the statement was not refused");
  };
  try {
    await db.execute(sql`create table refusal_parent (id int constraint parent_pk primary key)`);
    await db.execute(sql`create table refusal_child (parent_id int references refusal_parent (id))`);
    await db.execute(sql`insert into refusal_parent values (1)`);
    await db.execute(sql`insert into refusal_child values (1)`);
    const inUse = await refusal(sql`delete from refusal_parent where id = 1`);
    assert.equal(isForeignKeyViolation(inUse), true);
    assert.equal(isUniqueViolation(inUse, "parent_pk"), false);
    const taken = await refusal(sql`insert into refusal_parent values (1)`);
    assert.equal(isUniqueViolation(taken, "parent_pk"), true);
    assert.equal(isUniqueViolation(taken, "another_index"), false);
    assert.equal(isForeignKeyViolation(taken), false);
    assert.equal(isForeignKeyViolation(new Error("not from the database")), false);
  } finally {
    await database.close();
  }
});
