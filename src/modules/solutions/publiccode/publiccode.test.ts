import assert from "node:assert/strict";
import { test } from "node:test";
import { VALID } from "./publiccode.example.ts";
import { readPubliccode } from "./publiccode.ts";

test("a publiccode.yml file is read in bokmål where it has it", () => {
  const read = readPubliccode(VALID);
  assert.ok(read.ok);
  assert.equal(read.value.name, "Kommunekart");
  assert.equal(read.value.summary, "Kart for innbyggerne");
  assert.match(read.value.description, /plan- og temakart/);
  assert.equal(read.value.licence, "EUPL-1.2");
  assert.equal(read.value.vendor, "Eksempel kommune");
});

test("bad publiccode.yml files are refused with every problem listed", () => {
  const notYaml = readPubliccode("name: [unclosed\nurl: x");
  assert.ok(!notYaml.ok);
  assert.equal(notYaml.errors[0]!.key, "errors.publiccodeYaml");

  const list = readPubliccode("- just\n- a list");
  assert.ok(!list.ok);
  assert.equal(list.errors[0]!.key, "errors.publiccodeNotMapping");

  const missing = readPubliccode('publiccodeYmlVersion: "0.4"\nname: Bare navn\n');
  assert.ok(!missing.ok);
  const keys = missing.errors.map((e) => e.params?.key);
  for (const key of ["url", "platforms", "developmentStatus", "softwareType", "description", "legal.license", "maintenance.type"])
    assert.ok(keys.includes(key), `${key} is reported`);

  const old = readPubliccode(VALID.replace('"0.4"', '"0.2"'));
  assert.ok(!old.ok);
  assert.deepEqual(
    old.errors.map((e) => e.key),
    ["errors.publiccodeVersion"],
  );

  const wrong = readPubliccode(
    VALID.replace("developmentStatus: stable", "developmentStatus: finished").replace("type: community", "type: contract"),
  );
  assert.ok(!wrong.ok);
  assert.deepEqual(
    wrong.errors.map((e) => [e.key, e.params?.key]),
    [
      ["errors.publiccodeValue", "developmentStatus"],
      ["errors.publiccodeMissing", "maintenance.contacts"],
    ],
  );
});
