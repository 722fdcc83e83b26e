import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, loadConfig } from "./config.ts";

test("defaults: port 3000, data in ./data, demo data on", () => {
  const config = loadConfig({});
  assert.equal(config.PORT, 3000);
  assert.match(config.pgliteDir, /data\/pglite$/);
  assert.equal(config.SAMVERK_DEMO, true);
  assert.equal(config.DATABASE_URL, undefined);
});

test("variables change the settings", () => {
  const config = loadConfig({
    PORT: "8080",
    SAMVERK_DATA_DIR: "/srv/samverk",
    SAMVERK_DEMO: "0",
    DATABASE_URL: "postgres://u@h/db",
  });
  assert.equal(config.PORT, 8080);
  assert.equal(config.pgliteDir, "/srv/samverk/pglite");
  assert.equal(config.SAMVERK_DEMO, false);
  assert.equal(config.DATABASE_URL, "postgres://u@h/db");
});

test("a wrong value stops with one line naming the variable and what it expects", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: "abc" }, /^Invalid configuration: PORT must be a number \(got "abc"\)$/],
    [{ PORT: "70000" }, /^Invalid configuration: PORT must be at most 65535/],
    [{ SAMVERK_DEMO: "yes" }, /^Invalid configuration: SAMVERK_DEMO must be one of "0", "1", "true", "false"/],
    [{ DATABASE_URL: "mysql://x" }, /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
    [{ SAMVERK_SECRET: "short" }, /^Invalid configuration: SAMVERK_SECRET must be at least 32 characters long/],
    [{ LOG_LEVEL: "loud" }, /^Invalid configuration: LOG_LEVEL must be one of/],
  ];
  for (const [env, expected] of cases) {
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, expected);
        assert.equal(error.message.split("\n").length, 1);
        return true;
      },
    );
  }
});

test("an empty variable counts as unset", () => {
  assert.equal(loadConfig({ PORT: "" }).PORT, 3000);
});
