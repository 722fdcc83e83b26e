/** Load from this process with autocannon, and the few plain requests a benchmark makes around it. */
import autocannon from "autocannon";

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers other than 2xx, and connection errors: a measurement with any is not a measurement. */
  failures: number;
}

export async function load(
  url: string,
  options: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  // autocannon stops only at a sample's end (every second by default): a run of a fraction of a
  // second (the test command's run-through) samples that often, and its per-sample rate is scaled.
  const run = async (seconds: number) => {
    const sampleMs = Math.min(1000, seconds * 1000);
    const result = await autocannon({
      url,
      connections: options.connections,
      duration: seconds,
      sampleInt: sampleMs,
      headers: options.headers ?? {},
    });
    return { result, sampleMs };
  };
  let { result, sampleMs } = await run(options.seconds);
  // A page slower than so short a run answers nothing within it (on a busy machine): then it gets a second.
  if (result.requests.total === 0 && options.seconds < 1) ({ result, sampleMs } = await run(1));
  return {
    requestsPerSecond: Math.round((result.requests.average * 1000) / sampleMs),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** Signs in through the form, as a browser does; answers the Cookie header of the session. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${base}/login`);
  const html = await form.text();
  const csrf = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  const jar = cookiesOf(form.headers);
  if (!csrf) throw new Error("no sign-in form at /login");
  const answer = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  const session = cookiesOf(answer.headers);
  if (answer.status !== 303 || !session.includes("samverk_session"))
    throw new Error(`signing in as ${email} failed (${answer.status})`);
  return [jar, session].filter(Boolean).join("; ");
}

function cookiesOf(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}
