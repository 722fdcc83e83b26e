/** A log that takes an error with a message, as the app's logger does. */
export interface ErrorLog {
  error(o: object, m: string): void;
}

/**
 * Runs background work every `minutes` while the app runs (a module's `background`), logging a
 * failure rather than stopping; the timer does not keep the process alive. Answers what stops it.
 */
export function every(minutes: number, work: () => Promise<unknown>, log: ErrorLog, failed: string): () => void {
  const timer = setInterval(() => void work().catch((err) => log.error({ err }, failed)), minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
