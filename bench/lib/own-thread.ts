/**
 * Runs a function exported by a benchmark module in a worker thread of its own, so the load it sends
 * (consultation input at full speed) does not take the event loop that autocannon measures pages
 * with in this thread: during an input flood the pages' figures are then the app's, not the sender's.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

interface Call {
  module: string;
  name: string;
  args: unknown[];
}

export function inOwnThread<R>(module: URL, name: string, ...args: unknown[]): Promise<R> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { module: module.href, name, args } satisfies Call });
    let answered = false;
    worker.once("message", (result: R) => {
      answered = true;
      resolve(result);
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`${name} in its own thread ended (${code}) without an answer`));
    });
  });
}

if (!isMainThread && parentPort) {
  const call = workerData as Call;
  const exported = (await import(call.module)) as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const run = exported[call.name];
  if (!run) throw new Error(`${call.module} exports no ${call.name}`);
  parentPort.postMessage(await run(...call.args));
}
