import assert from "node:assert/strict";
import { test } from "node:test";
import { hashPassword, verifyPassword } from "./password.ts";

test("a password is hashed with OWASP's scrypt cost, and verified by the parameters its hash records", async () => {
  const fast = process.env.SAMVERK_TEST_FAST_HASHING;
  delete process.env.SAMVERK_TEST_FAST_HASHING;
  try {
    const hash = await hashPassword("correct horse battery");
    assert.match(hash, /^scrypt\$131072\$8\$1\$/);
    assert.equal(await verifyPassword("correct horse battery", hash), true);
    assert.equal(await verifyPassword("correct horse batterY", hash), false);
  } finally {
    if (fast !== undefined) process.env.SAMVERK_TEST_FAST_HASHING = fast;
  }
  // The test command's cheap hashes verify with the same code.
  process.env.SAMVERK_TEST_FAST_HASHING = "1";
  const cheap = await hashPassword("correct horse battery");
  assert.match(cheap, /^scrypt\$1024\$8\$1\$/);
  assert.equal(await verifyPassword("correct horse battery", cheap), true);
  assert.equal(await verifyPassword("wrong", cheap), false);
  assert.equal(await verifyPassword("anything", null), false);
  // A server in production hashes at the full cost even if the test variable were set.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    assert.match(await hashPassword("correct horse battery"), /^scrypt\$131072\$/);
  } finally {
    if (env === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = env;
  }
});
