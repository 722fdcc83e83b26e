/**
 * Where a generated data set lives: a data directory for the embedded database, or a database of its
 * own on a PostgreSQL server (never the database named in the URL, which may hold other work).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { Manifest } from "./generate.ts";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface DataTarget {
  label: string;
  /** SAMVERK_DATA_DIR for the app on this data set (the embedded database lives in its pglite/). */
  dataDir: string;
  /** DATABASE_URL for the app, when the data set is on PostgreSQL. */
  databaseUrl?: string;
  manifestFile: string;
}

const scaleLabel = (scale: number) => String(scale).replace(".", "_");

export function dataTarget(scale: number, serverUrl?: string): DataTarget {
  const label = `${serverUrl ? "postgres" : "embedded"}-x${scaleLabel(scale)}`;
  const dataDir = path.join(root, "tmp/bench", label);
  const manifestFile = path.join(dataDir, "manifest.json");
  if (!serverUrl) return { label, dataDir, manifestFile };
  const url = new URL(serverUrl);
  url.pathname = `/samverk_bench_x${scaleLabel(scale)}`;
  return { label, dataDir, databaseUrl: url.toString(), manifestFile };
}

/** Empties the target: a new data directory, and on PostgreSQL a new database. */
export async function resetTarget(target: DataTarget, serverUrl?: string): Promise<void> {
  rmSync(target.dataDir, { recursive: true, force: true });
  mkdirSync(target.dataDir, { recursive: true });
  if (!target.databaseUrl || !serverUrl) return;
  const name = new URL(target.databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

export function writeManifest(target: DataTarget, manifest: Manifest): void {
  writeFileSync(target.manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
}

export function readManifest(target: DataTarget): Manifest | undefined {
  if (!existsSync(target.manifestFile)) return undefined;
  const manifest = JSON.parse(readFileSync(target.manifestFile, "utf8")) as Manifest;
  // A data set made before gatherings and national needs were generated is made again.
  return manifest.gatheringId === undefined || manifest.nationalNeeds === undefined ? undefined : manifest;
}
