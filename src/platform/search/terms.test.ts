import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../../test/support/db.ts";
import { queryWords, SearchWords } from "./terms.ts";
import { readPairsFile, WordPairs } from "./word-pairs.ts";

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase({ demo: false });
});
after(() => database.close());

test("a query's words: letters and digits in lower case, each once, at most eight", () => {
  assert.deepEqual(queryWords("Velferdsteknologi, i  KOMMUNANE! velferdsteknologi 2025"), [
    "velferdsteknologi",
    "i",
    "kommunane",
    "2025",
  ]);
  assert.deepEqual(queryWords("  -- ' ; "), []);
  assert.equal(queryWords("a b c d e f g h i j").length, 8);
});

test("the shipped pairs are in the database after a start, and a word finds its pair in either standard, inflected or not", async () => {
  const shipped = readPairsFile();
  const { items, total } = await new WordPairs(database.db).list("", 5, 0);
  assert.equal(total, shipped.length);
  assert.equal(items.length, 5);
  const words = new SearchWords(database.db);
  const [teneste] = (await words.terms("teneste")).words;
  assert.ok(teneste?.forms.includes("tjeneste"), JSON.stringify(teneste));
  assert.ok(teneste?.parts.includes("tjenest") && teneste.parts.includes("tenest"), JSON.stringify(teneste));
  const [tjenesten] = (await words.terms("tjenesten")).words;
  assert.ok(tjenesten?.forms.includes("teneste"), "an inflected bokmål word finds the nynorsk pair by its stem");
  const [loysinga] = (await words.terms("løysinga")).words;
  assert.ok(loysinga?.forms.includes("løsning"), JSON.stringify(loysinga));
});

test("stop words narrow nothing unless the query is nothing else", async () => {
  const words = new SearchWords(database.db);
  assert.deepEqual(
    (await words.terms("tenester for eldre")).words.map((w) => w.word),
    ["tenester", "eldre"],
  );
  assert.deepEqual(
    (await words.terms("og")).words.map((w) => w.word),
    ["og"],
  );
});
