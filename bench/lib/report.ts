/** What every benchmark writes: the machine it ran on, its results as JSON, and its table in the README. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "../data/target.ts";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

export function describeMachine(m: Machine): string {
  return `${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}`;
}

/** Writes the report as JSON to a file in the results folder; answers its path from the project's root. */
export function writeJson(out: string, name: string, report: object): string {
  const outDir = path.resolve(root, out);
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, name);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return path.relative(root, file);
}

/** Writes the report as `<date>-<name>.json` and as `<latest>`; answers the dated file's path. */
export function writeReport(out: string, name: string, latest: string, report: { date: string }): string {
  writeJson(out, latest, report);
  return writeJson(out, `${report.date.slice(0, 19).replaceAll(":", "-")}-${name}.json`, report);
}

/** Puts the text between the README's `<!-- <marker>:start -->` and `<!-- <marker>:end -->`. */
export function writeIntoReadme(marker: string, text: string): void {
  const readme = path.join(root, "README.md");
  const current = readFileSync(readme, "utf8");
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} markers`);
  writeFileSync(readme, `${current.slice(0, from)}${start}\n${text}\n${current.slice(to)}`);
}
