import assert from "node:assert/strict";
import { test } from "node:test";
import { isValidOrgNumber, orgNumber } from "./validation.ts";

test("organisation numbers are checked with their modulus-11 check digit", () => {
  // Brønnøysundregistrene, Digdir and KS: real, public numbers.
  for (const valid of ["974760673", "991825827", "971032146"]) assert.equal(isValidOrgNumber(valid), true, valid);
  for (const invalid of ["974760674", "123456789", "12345678", "abcdefghi", "9747606730"])
    assert.equal(isValidOrgNumber(invalid), false, invalid);
});

test("the form field accepts spaces, allows empty, and names what is wrong", () => {
  assert.equal(orgNumber.parse("974 760 673"), "974760673");
  assert.equal(orgNumber.parse(""), null);
  assert.equal(orgNumber.parse(undefined), null);
  const format = orgNumber.safeParse("12345");
  assert.equal(format.success, false);
  assert.equal(format.error?.issues[0]?.message, "errors.orgNumberFormat");
  const check = orgNumber.safeParse("974760674");
  assert.equal(check.success, false);
  assert.equal(check.error?.issues[0]?.message, "errors.orgNumberCheckDigit");
});
