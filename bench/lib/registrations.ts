/**
 * Registrations to one gathering, as fast as they can be sent, through the public API: a gathering
 * with a capacity far below what is sent, so most registrations wait. Some sends are the same address
 * again (must be refused, nothing stored). Afterwards every registration is read through the
 * secretariat's list: each acknowledged one stored exactly once with the status it was answered, no
 * more places than the capacity, and the places held by the first ones stored (the waiting list in
 * the order registrations came).
 *
 * Like a consultation's link, a gathering's is shared widely: each registration comes from its own
 * address (X-Forwarded-For, with the app behind a "proxy"), so the per-address limits apply as they
 * would.
 */

export interface RegistrationResult {
  seconds: number;
  capacity: number;
  acknowledged: number;
  acknowledgedPerSecond: number;
  /** The same address sent again, and refused as it must be. */
  sentTwice: number;
  unexpected: number;
  unexpectedExamples: string[];
  confirmed: number;
  waiting: number;
  missing: number;
  doubled: number;
  /** Stored with another status than the one its sender was answered. */
  statusChanged: number;
  /** No more places than the capacity, and they went to the first ones stored. */
  placesInOrder: boolean;
  exactlyOnce: boolean;
}

const SENDERS = 16;

export async function sendRegistrations(
  base: string,
  networkSlug: string,
  options: { seconds: number; adminCookie: string; capacity?: number },
): Promise<RegistrationResult> {
  const capacity = options.capacity ?? 50;
  const admin = { cookie: options.adminCookie, "content-type": "application/json" };
  const day = new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10);
  const made = await fetch(`${base}/api/v1/networks/${networkSlug}/gatherings`, {
    method: "POST",
    headers: admin,
    body: JSON.stringify({
      kind: "conference",
      title: `Benchmark conference ${Date.now()}`,
      startsDate: day,
      startsTime: "09:00",
      endsDate: day,
      endsTime: "16:00",
      capacity,
    }),
  });
  if (made.status !== 201) throw new Error(`creating the gathering failed: ${made.status} ${await made.text()}`);
  const { id } = (await made.json()) as { id: number };

  let sequence = 0;
  const address = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const acknowledged = new Map<string, "confirmed" | "waiting">();
  let lastEmail: string | undefined;
  let sentTwice = 0;
  let unexpected = 0;
  const unexpectedExamples: string[] = [];
  const noteUnexpected = (what: string, status: number, body: string) => {
    unexpected++;
    if (unexpectedExamples.length < 5) unexpectedExamples.push(`${what}: ${status} ${body.slice(0, 300)}`);
  };
  const send = (body: object, from: string) =>
    fetch(`${base}/api/v1/gatherings/${id}/registrations`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": from },
      body: JSON.stringify(body),
    });

  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const sender = async () => {
    while (Date.now() < deadline) {
      const n = ++sequence;
      if (n % 10 === 0 && lastEmail) {
        // The same person again, in other letters: refused, nothing stored.
        const res = await send({ name: "Again", email: lastEmail.toUpperCase(), organisationName: "Benchmark" }, address(n));
        const text = await res.text();
        if (res.status === 422 && text.includes('"email"')) sentTwice++;
        else noteUnexpected(`sent again (${lastEmail})`, res.status, text);
        continue;
      }
      const email = `bench-${n}@registrations.example`;
      const res = await send({ name: `Deltaker ${n}`, email, organisationName: "Benchmarkkommune", note: "Ingen" }, address(n));
      const text = await res.text();
      const status = res.status === 201 ? (JSON.parse(text) as { status: "confirmed" | "waiting" }).status : undefined;
      if (status) {
        acknowledged.set(email, status);
        lastEmail = email;
      } else noteUnexpected("a new registration", res.status, text);
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  const seconds = (Date.now() - started) / 1000;

  const list = await fetch(`${base}/api/v1/gatherings/${id}/registrations`, { headers: { cookie: options.adminCookie } });
  if (!list.ok) throw new Error(`listing registrations failed: ${list.status}`);
  // In the order they were stored.
  const stored = ((await list.json()) as { items: { email: string; status: string }[] }).items;
  const counts = new Map<string, number>();
  for (const r of stored) counts.set(r.email.toLowerCase(), (counts.get(r.email.toLowerCase()) ?? 0) + 1);
  const missing = [...acknowledged.keys()].filter((e) => !counts.has(e)).length;
  const doubled =
    [...counts.values()].filter((n) => n > 1).length + [...counts.keys()].filter((e) => !acknowledged.has(e)).length;
  const statusChanged = stored.filter((r) => acknowledged.has(r.email) && acknowledged.get(r.email) !== r.status).length;
  const confirmed = stored.filter((r) => r.status === "confirmed").length;
  const firstOnes = stored.slice(0, Math.min(capacity, stored.length));
  const placesInOrder =
    confirmed <= capacity &&
    firstOnes.every((r) => r.status === "confirmed") &&
    stored.slice(firstOnes.length).every((r) => r.status === "waiting");
  return {
    seconds: Math.round(seconds * 10) / 10,
    capacity,
    acknowledged: acknowledged.size,
    acknowledgedPerSecond: Math.round(acknowledged.size / seconds),
    sentTwice,
    unexpected,
    unexpectedExamples,
    confirmed,
    waiting: stored.filter((r) => r.status === "waiting").length,
    missing,
    doubled,
    statusChanged,
    placesInOrder,
    exactlyOnce: missing === 0 && doubled === 0 && statusChanged === 0 && stored.length === acknowledged.size,
  };
}
