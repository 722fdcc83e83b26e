import { parentPort, workerData } from "node:worker_threads";
import { readText, type TextKind } from "./text-formats.ts";

/**
 * The extraction worker (started by text.ts): reads one document's text and answers it, or null when
 * the document cannot be read. Its thread is ended from outside when it takes too long or too much memory.
 * Node runs it by stripping its types (text.ts starts it without tsx): only erasable TypeScript here.
 */
const { kind, data, maxChars } = workerData as { kind: TextKind; data: Uint8Array; maxChars: number };
let text: string | null;
try {
  text = await readText(kind, data, maxChars);
} catch {
  text = null;
}
parentPort?.postMessage(text);
