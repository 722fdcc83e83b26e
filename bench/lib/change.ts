/** The check both benchmarks make of the page cache: a change shows at the very next request. */

/**
 * Makes the reader keep a project's page, changes the project's title through the writer's API, and
 * reads the page once more through the reader; then puts the title back. The writer and the reader
 * are the same process in the load benchmark, two processes in the cluster benchmark.
 */
export async function changeAtNextRequest(options: {
  writer: string;
  reader: string;
  projectId: number;
  /** A session that may edit the project. */
  cookie: string;
  /** Added to the title, to be found on the page. */
  mark: string;
}): Promise<{ wasCached: boolean; seen: boolean }> {
  const page = `${options.reader}/projects/${options.projectId}`;
  const api = `/api/v1/projects/${options.projectId}`;
  await fetch(page).then((r) => r.arrayBuffer());
  const cached = await fetch(page);
  await cached.arrayBuffer();
  const headers = { cookie: options.cookie, "content-type": "application/json" };
  const current = (await (await fetch(`${options.writer}${api}`, { headers })).json()) as { title: string; version: number };
  const patch = async (base: string, title: string, version: number) => {
    const res = await fetch(`${base}${api}`, { method: "PATCH", headers, body: JSON.stringify({ title, version }) });
    return { ok: res.ok, ...((await res.json()) as { version: number }) };
  };
  const marked = `${current.title} (${options.mark})`;
  const changed = await patch(options.writer, marked, current.version);
  const next = await (await fetch(page)).text();
  // Put back through the reader, so that it too is seen to write.
  await patch(options.reader, current.title, changed.version);
  return {
    wasCached: cached.headers.get("x-page-cache") === "hit",
    seen: changed.ok && next.includes(marked.replaceAll("&", "&amp;")),
  };
}

export interface ChangeLatency {
  changes: number;
  /** Changes each reader showed within the deadline. */
  seen: number;
  /** Changes whose reader had the page in memory before the change, as the measure requires. */
  keptBefore: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * How long after one process answered a change another serves the changed page (decision 0043): the
 * readers keep the project's page, the writer changes its title through the API, and each reader is
 * asked again and again until its page shows the change; the time from the writer's answer (the
 * commit came before it) to that page, over `changes` changes and every reader.
 */
export async function changeLatency(options: {
  writer: string;
  readers: string[];
  projectId: number;
  cookie: string;
  changes: number;
}): Promise<ChangeLatency> {
  const api = `${options.writer}/api/v1/projects/${options.projectId}`;
  const headers = { cookie: options.cookie, "content-type": "application/json" };
  const original = (await (await fetch(api, { headers })).json()) as { title: string; version: number };
  let version = original.version;
  const samples: number[] = [];
  let keptBefore = 0;
  const patch = async (title: string) => {
    const res = await fetch(api, { method: "PATCH", headers, body: JSON.stringify({ title, version }) });
    const body = (await res.json()) as { version: number };
    if (!res.ok) throw new Error(`the change was refused: ${res.status} ${JSON.stringify(body)}`);
    version = body.version;
  };
  try {
    for (let i = 0; i < options.changes; i++) {
      for (const reader of options.readers) await fetch(`${reader}/projects/${options.projectId}`).then((r) => r.arrayBuffer());
      const kept = await Promise.all(
        options.readers.map(async (reader) => {
          const res = await fetch(`${reader}/projects/${options.projectId}`);
          await res.arrayBuffer();
          return res.headers.get("x-page-cache") === "hit";
        }),
      );
      keptBefore += kept.filter(Boolean).length;
      const marked = `${original.title} (latency ${i})`;
      await patch(marked);
      const answered = performance.now();
      const waits = await Promise.all(
        options.readers.map(async (reader) => {
          while (performance.now() - answered < 5_000) {
            const page = await (await fetch(`${reader}/projects/${options.projectId}`)).text();
            if (page.includes(marked.replaceAll("&", "&amp;"))) return performance.now() - answered;
          }
          return null;
        }),
      );
      for (const wait of waits) if (wait !== null) samples.push(wait);
    }
  } finally {
    await patch(original.title);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)] ?? Number.NaN) * 10) / 10;
  return {
    changes: options.changes * options.readers.length,
    seen: samples.length,
    keptBefore,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: at(1),
  };
}
