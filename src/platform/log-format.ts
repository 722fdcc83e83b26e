import { hostname } from "node:os";

/**
 * Logs are pino's JSON lines, one per event, for whatever collects them. On a terminal a person reads
 * them, so there they become short lines (`12:03:07 INFO  database ready  database=pglite`). pino-pretty
 * is not installed and this is all a terminal needs, so it is done here rather than with a dependency.
 */
export type LogFormat = "json" | "pretty";

/** `auto` (the default) is pretty when standard output is a terminal and JSON otherwise. */
export function resolveLogFormat(setting: "auto" | LogFormat, isTTY = Boolean(process.stdout.isTTY)): LogFormat {
  return setting === "auto" ? (isTTY ? "pretty" : "json") : setting;
}

const LEVEL_NAMES: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
const LEVEL_NUMBERS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
const LEVEL_COLOURS: Record<number, string> = { 10: "2", 20: "2", 30: "32", 40: "33", 50: "31", 60: "1;31" };
/** pino's own fields, shown as the line's time, level and message rather than as key=value. */
const OWN_FIELDS = new Set(["level", "time", "pid", "hostname", "msg", "reqId", "err"]);

const paint = (colour: boolean, code: string, text: string) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);

function formatValue(value: unknown): string {
  if (typeof value === "string") return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

function timeOf(ms: unknown): string {
  const date = typeof ms === "number" ? new Date(ms) : new Date();
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

/** One pino JSON line as a readable line (with an error's stack under it); anything else as it came. */
export function formatLogLine(line: string, options: { colour?: boolean } = {}): string {
  const colour = options.colour ?? false;
  let entry: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return line;
    entry = parsed as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = typeof entry.level === "number" ? entry.level : 30;
  const label = (LEVEL_NAMES[level] ?? String(level)).padEnd(5);
  let message = typeof entry.msg === "string" ? entry.msg : "";
  const fields = Object.entries(entry).filter(([key]) => !OWN_FIELDS.has(key));
  let shown = fields;
  // The one line per request (app.ts) reads as what it is: method, path, status, time taken.
  if (message === "request" && "method" in entry && "url" in entry) {
    message = `${entry.method} ${entry.url} ${entry.status} ${entry.ms} ms`;
    shown = fields.filter(([key]) => !["method", "url", "status", "ms"].includes(key));
  }
  const err = entry.err as { message?: unknown; stack?: unknown } | undefined;
  if (err && typeof err.message === "string") message = message ? `${message}: ${err.message}` : err.message;
  // The request id ties a warning or an error to its request line; on ordinary lines it is noise.
  if (level >= 40 && entry.reqId !== undefined) shown = [...shown, ["reqId", entry.reqId]];
  const extra = shown.map(([key, value]) => `${key}=${formatValue(value)}`).join(" ");
  let out = `${paint(colour, "2", timeOf(entry.time))} ${paint(colour, LEVEL_COLOURS[level] ?? "0", label)} ${message}`;
  if (extra) out += `  ${paint(colour, "2", extra)}`;
  if (err && typeof err.stack === "string") {
    const stack = err.stack.split("\n").slice(1);
    if (stack.length > 0) out += `\n${stack.map((l) => `    ${l.trim()}`).join("\n")}`;
  }
  return out;
}

export interface LogWriter {
  write(chunk: string): boolean;
}

/** A destination for pino that writes each JSON line it gets as a readable line. */
export function prettyDestination(out: NodeJS.WritableStream = process.stdout, colour?: boolean): LogWriter {
  const useColour = colour ?? (Boolean((out as NodeJS.WriteStream).isTTY) && !process.env.NO_COLOR);
  return {
    write(chunk: string) {
      const lines = chunk.split("\n").filter((line) => line.length > 0);
      return out.write(lines.map((line) => `${formatLogLine(line, { colour: useColour })}\n`).join(""));
    },
  };
}

export type StartLogLevel = "info" | "warn";

/** Writes one event in pino's shape, for the steps of a start that come before the app and its logger. */
export type StartLog = (level: StartLogLevel, message: string, fields?: Record<string, unknown>) => void;

/** The start's log, in the same format and at the same level threshold as the app's own. */
export function createStartLog(format: LogFormat, level: string, out: NodeJS.WritableStream = process.stdout): StartLog {
  const threshold = LEVEL_NUMBERS[level] ?? Number.POSITIVE_INFINITY;
  const destination: LogWriter = format === "pretty" ? prettyDestination(out) : out;
  const host = hostname();
  return (eventLevel, message, fields = {}) => {
    const number = LEVEL_NUMBERS[eventLevel]!;
    if (number < threshold) return;
    const entry = { level: number, time: Date.now(), pid: process.pid, hostname: host, ...fields, msg: message };
    destination.write(`${JSON.stringify(entry)}\n`);
  };
}
