/**
 * The slow end-to-end tests (the server started and stopped as a process, the benchmarks), and slow
 * tests that do not depend on the database, run once in the test command's passes: in the embedded
 * pass (SAMVERK_SLOW_TESTS=1), against both databases where they need one; the PostgreSQL pass
 * (SAMVERK_SLOW_TESTS=0) skips them. A file run on its own runs them.
 */
export const slowTests = process.env.SAMVERK_SLOW_TESTS !== "0";

/** The `skip` option of a slow end-to-end test. */
export const skipUnlessSlow: false | string = slowTests
  ? false
  : "run once: the test command runs it in the embedded pass (SAMVERK_SLOW_TESTS=0 here)";
