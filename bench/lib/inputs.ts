/**
 * Input to an open consultation, as fast as it can be sent, through the public API a form uses:
 * each input with its own form token, fetched at least the app's minimum fill time before it is sent.
 * Some sends are a form sent twice (must answer the first receipt and store nothing new) and some are
 * refused on purpose (honeypot, empty text). Afterwards every input is counted through the
 * secretariat's list: each acknowledged one stored exactly once, none of the refused.
 *
 * A link shared nationally brings many senders, not one sending thousands: each input comes from one
 * of many addresses (X-Forwarded-For, with the app behind a "proxy"), so the per-address limits
 * apply as they would, at their defaults.
 */

export interface InputResult {
  seconds: number;
  acknowledged: number;
  acknowledgedPerSecond: number;
  sentTwice: number;
  refusedOnPurpose: number;
  /** Answers that were neither an acknowledgement nor the refusal the send asked for. */
  unexpected: number;
  /** The first few of them, to tell what went wrong. */
  unexpectedExamples: string[];
  storedNew: number;
  missing: number;
  doubled: number;
  refusedButStored: number;
  exactlyOnce: boolean;
}

const MIN_FILL_MS = 3_100;
const SENDERS = 16;
const TOKEN_FETCHERS = 4;
/** Tokens fetched ahead of the senders: enough for 200 inputs a second through the minimum fill time. */
const TOKENS_AHEAD = Math.ceil((200 * MIN_FILL_MS) / 1000);

interface Token {
  value: string;
  at: number;
  /** The address the form was fetched from, and is sent from. */
  from: string;
}

export async function sendInputs(
  base: string,
  consultationId: number,
  options: { seconds: number; adminCookie: string },
): Promise<InputResult> {
  const api = `${base}/api/v1/consultations/${consultationId}`;
  type Input = { reference: string; body: string; name: string | null };
  // The list answers a page at a time ({ items, total }); read every page.
  const listAll = async () => {
    const all: Input[] = [];
    for (let offset = 0; ; offset += 500) {
      const res = await fetch(`${api}/inputs?limit=500&offset=${offset}`, { headers: { cookie: options.adminCookie } });
      if (!res.ok) throw new Error(`listing inputs failed: ${res.status}`);
      const page = (await res.json()) as { items: Input[]; total: number };
      all.push(...page.items);
      if (page.items.length === 0 || all.length >= page.total) return all;
    }
  };
  const before = new Set((await listAll()).map((i) => i.reference));

  // From a random place in the range: a second run within ten minutes on the same data set is not
  // refused by the first run's per-address limits.
  let senderNumber = Math.floor(Math.random() * 8_000_000);
  // The next sender's address: a new one for each form, from a range as large as a country's.
  const nextAddress = () => {
    const n = ++senderNumber;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  };
  const tokens: Token[] = [];
  let stop = false;
  const fetchTokens = async () => {
    while (!stop) {
      const from = nextAddress();
      const res = await fetch(`${api}/form-token`, { headers: { "x-forwarded-for": from } });
      if (!res.ok) throw new Error(`form token failed: ${res.status}`);
      tokens.push({ value: ((await res.json()) as { formToken: string }).formToken, at: Date.now(), from });
      // Enough ahead for the senders, as each person fetches the form once for what they send: a
      // flood of form fetches far ahead of the sending would be a reading benchmark of its own.
      while (!stop && tokens.length >= TOKENS_AHEAD) await new Promise((r) => setTimeout(r, 20));
    }
  };
  // Tokens for the first seconds, before the clock starts.
  const fetchers = Array.from({ length: TOKEN_FETCHERS }, fetchTokens);
  await new Promise((r) => setTimeout(r, MIN_FILL_MS));

  const acknowledged = new Map<string, { reference: string; from: string }>();
  // The form sent most recently, to send again (kept apart: the map is not copied on every resend).
  let lastAcknowledged: [string, { reference: string; from: string }] | undefined;
  const refusedMarkers = new Set<string>();
  let sentTwice = 0;
  let unexpected = 0;
  const unexpectedExamples: string[] = [];
  const noteUnexpected = (what: string, status: number, body: unknown) => {
    unexpected++;
    if (unexpectedExamples.length < 5) unexpectedExamples.push(`${what}: ${status} ${JSON.stringify(body).slice(0, 300)}`);
  };
  let sequence = 0;
  const send = (body: object, from: string) =>
    fetch(`${api}/inputs`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": from },
      body: JSON.stringify(body),
    });

  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const sender = async () => {
    while (Date.now() < deadline) {
      const ready = tokens.length > 0 && Date.now() - tokens[0]!.at >= MIN_FILL_MS ? tokens.shift() : undefined;
      // Every twentieth send is a form sent again; the others wait for a token of their own.
      const again = (sequence + 1) % 20 === 0 ? lastAcknowledged : undefined;
      if (!again && !ready) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      const n = ++sequence;
      if (again) {
        if (ready) tokens.unshift(ready);
        // The same form sent again: the first receipt's reference, nothing stored.
        const [token, first] = again;
        const res = await send({ formToken: token, body: "Sent twice by the benchmark", respondentKind: "citizen" }, first.from);
        const answer = (await res.json()) as { reference?: string };
        if (res.status === 201 && answer.reference === first.reference) sentTwice++;
        else noteUnexpected(`sent again (first ${first.reference})`, res.status, answer);
        continue;
      }
      if (!ready) continue;
      if (n % 25 === 0 || n % 30 === 0) {
        const marker = `refused-by-benchmark-${n}`;
        refusedMarkers.add(marker);
        const body = n % 25 === 0 ? { body: marker, website: "https://spam.example" } : { body: " ", name: marker };
        const res = await send({ formToken: ready.value, respondentKind: "citizen", ...body }, ready.from);
        const answer = await res.text();
        if (res.status !== 422) noteUnexpected("refused on purpose", res.status, answer);
        continue;
      }
      const res = await send(
        {
          formToken: ready.value,
          body: `Innspill ${n} fra benchmarken: vi støtter retningen, men ber om mer vekt på kompetanse.`,
          respondentKind: "citizen",
          answers: {},
        },
        ready.from,
      );
      const answer = (await res.json()) as { reference?: string };
      if (res.status === 201 && answer.reference) {
        lastAcknowledged = [ready.value, { reference: answer.reference, from: ready.from }];
        acknowledged.set(...lastAcknowledged);
      } else noteUnexpected("a new input", res.status, answer);
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  const seconds = (Date.now() - started) / 1000;
  stop = true;
  await Promise.all(fetchers);

  const after = (await listAll()).filter((i) => !before.has(i.reference));
  const counts = new Map<string, number>();
  for (const input of after) counts.set(input.reference, (counts.get(input.reference) ?? 0) + 1);
  const expected = new Set([...acknowledged.values()].map((a) => a.reference));
  const missing = [...expected].filter((r) => !counts.has(r)).length;
  const doubled = [...counts.values()].filter((n) => n > 1).length + [...counts.keys()].filter((r) => !expected.has(r)).length;
  const refusedButStored = after.filter((i) => [...refusedMarkers].some((m) => `${i.body} ${i.name}`.includes(m))).length;
  const refusedOnPurpose = refusedMarkers.size;
  return {
    seconds: Math.round(seconds * 10) / 10,
    acknowledged: acknowledged.size,
    acknowledgedPerSecond: Math.round(acknowledged.size / seconds),
    sentTwice,
    refusedOnPurpose,
    unexpected,
    unexpectedExamples,
    storedNew: after.length,
    missing,
    doubled,
    refusedButStored,
    exactlyOnce: missing === 0 && doubled === 0 && refusedButStored === 0 && after.length === acknowledged.size,
  };
}
