import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

/** The shipped nynorsk ⇄ bokmål word list (data/search/PROVENANCE.md), read as plain text. */
const text = readFileSync(new URL("../../../data/search/nn-nb.tsv", import.meta.url), "utf8");
const [header, ...lines] = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
const pairs = lines.map((line) => line.split("\t"));

test("the word list starts with its header line and ends with a newline", () => {
  assert.equal(header, "nynorsk\tbokmal");
  assert.ok(text.endsWith("\n"), "the last line ends with a newline");
  assert.ok(!text.includes("\r"), "Unix line endings");
});

test("every line is two non-empty lowercase words in two columns, the two different", () => {
  for (const [i, line] of lines.entries()) {
    const where = `line ${i + 2}: ${JSON.stringify(line)}`;
    const columns = line.split("\t");
    assert.equal(columns.length, 2, `${where} has two columns`);
    const [nynorsk = "", bokmal = ""] = columns;
    for (const word of [nynorsk, bokmal]) {
      assert.ok(word.length > 0, `${where} has no empty column`);
      assert.equal(word, word.trim(), `${where} has no spaces around a word`);
      assert.equal(word, word.toLowerCase(), `${where} is lowercase`);
      assert.match(word, /^[\p{L}\p{N}]+$/u, `${where} holds one word per column`);
    }
    assert.notEqual(nynorsk, bokmal, `${where} pairs two different forms`);
  }
});

test("no line is there twice, and the lines are sorted by the nynorsk word", () => {
  const seen = new Set<string>();
  for (const line of lines) {
    assert.ok(!seen.has(line), `${JSON.stringify(line)} is there once`);
    seen.add(line);
  }
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...lines].sort((a, b) => byCodePoint(a.split("\t")[0] ?? "", b.split("\t")[0] ?? "") || byCodePoint(a, b));
  assert.deepEqual(lines, sorted);
});

test("the list has at least 400 pairs", () => {
  assert.ok(pairs.length >= 400, `${pairs.length} pairs`);
});

test("the pairs the search is known by are there", () => {
  const has = new Set(lines);
  for (const [nynorsk, bokmal] of [
    ["teneste", "tjeneste"],
    ["løysing", "løsning"],
    ["verksemd", "virksomhet"],
    ["innbyggjar", "innbygger"],
    ["tryggleik", "sikkerhet"],
    ["ikkje", "ikke"],
  ]) {
    assert.ok(has.has(`${nynorsk}\t${bokmal}`), `${nynorsk} ⇄ ${bokmal}`);
  }
});
