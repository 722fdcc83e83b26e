import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

/**
 * The borders ARCHITECTURE.md promises, read from the source: the kernel imports no module, a module
 * reaches another only through its public face (index.ts; a schema may name another module's schema for
 * its foreign keys), the modules depend on each other without a cycle, and every module folder is in the
 * module list.
 */

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../src");
const modulesDir = path.join(src, "modules");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Relative imports and re-exports of a file, resolved to absolute paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+"(\.[^"]+)"/g),
    ...text.matchAll(/(?:^|\n)\s*import\s+"(\.[^"]+)"/g),
    ...text.matchAll(/import\(\s*"(\.[^"]+)"\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers.map((s) => path.resolve(path.dirname(file), s));
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
/** The module a path belongs to, or undefined outside src/modules/<name>/. */
function moduleOf(file: string): string | undefined {
  const rel = path.relative(modulesDir, file).split(path.sep);
  return rel.length > 1 && rel[0] !== ".." ? rel[0] : undefined;
}

const files = sourceFiles(src);
const rel = (file: string) => path.relative(src, file);

test("no kernel file imports a module, the module list or the app", () => {
  const kernel = files.filter((f) => f.startsWith(path.join(src, "platform") + path.sep) && !isTest(f));
  const wrong = kernel.flatMap((f) =>
    importsOf(f)
      .filter((target) => !target.startsWith(path.join(src, "platform") + path.sep))
      .map((target) => `${rel(f)} → ${rel(target)}`),
  );
  assert.deepEqual(wrong, []);
});

test("the app's own files reach the modules only through the module list", () => {
  const appFiles = files.filter((f) => path.dirname(f) === src && !isTest(f));
  const wrong = appFiles.flatMap((f) =>
    importsOf(f)
      .filter((target) => target.startsWith(modulesDir + path.sep) && target !== path.join(modulesDir, "index.ts"))
      .map((target) => `${rel(f)} → ${rel(target)}`),
  );
  assert.deepEqual(wrong, []);
});

test("a module reaches another only through its public face (index.ts)", () => {
  const wrong = files.flatMap((f) => {
    const from = moduleOf(f);
    if (!from) return [];
    return importsOf(f).flatMap((target) => {
      const to = moduleOf(target);
      if (!to || to === from) return [];
      const inside = path.relative(path.join(modulesDir, to), target);
      if (inside === "index.ts") return [];
      if (path.basename(f) === "schema.ts" && inside === "schema.ts") return [];
      return [`${rel(f)} → ${rel(target)}`];
    });
  });
  assert.deepEqual(wrong, []);
});

/** The services each module's manifest declares (the keys of its `services`), by module. */
function servicesByModule(): Map<string, string> {
  const owner = new Map<string, string>();
  for (const name of readdirSync(modulesDir)) {
    const manifest = path.join(modulesDir, name, "manifest.ts");
    let text: string;
    try {
      text = readFileSync(manifest, "utf8");
    } catch {
      continue;
    }
    const block = text.match(/\n {2}services: \{\n([\s\S]*?)\n {2}\},/)?.[1] ?? "";
    for (const m of block.matchAll(/^ {4}(\w+):/gm)) owner.set(m[1]!, name);
  }
  return owner;
}

test("a module reads another module's records through its service, never through the service's repository", () => {
  const owner = servicesByModule();
  assert.ok(owner.get("networks") === "networks" && owner.get("projects") === "projects", "the manifests' services are read");
  const wrong = files
    .filter((f) => moduleOf(f) && !isTest(f))
    .flatMap((f) =>
      [...readFileSync(f, "utf8").matchAll(/\b(\w+)\.repo\b/g)]
        .filter((m) => owner.has(m[1]!) && owner.get(m[1]!) !== moduleOf(f))
        .map((m) => `${rel(f)}: ${m[0]}`),
    );
  assert.deepEqual(wrong, []);
});

test("the modules depend on each other without a cycle", () => {
  const edges = new Map<string, Set<string>>();
  for (const f of files) {
    const from = moduleOf(f);
    if (!from || isTest(f)) continue;
    for (const target of importsOf(f)) {
      const to = moduleOf(target);
      if (to && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  const cycles: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, trail: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      cycles.push([...trail.slice(trail.indexOf(name)), name].join(" → "));
      return;
    }
    state.set(name, "visiting");
    for (const next of edges.get(name) ?? []) visit(next, [...trail, name]);
    state.set(name, "done");
  };
  for (const name of [...edges.keys()].sort()) visit(name, []);
  assert.deepEqual(cycles, []);
});

test("every module folder is in the module list, and the list names no other", async () => {
  const { modules } = await import("../src/modules/index.ts");
  const folders = readdirSync(modulesDir)
    .filter((name) => statSync(path.join(modulesDir, name)).isDirectory())
    .sort();
  assert.deepEqual(modules.map((m) => m.name).sort(), folders);
});
