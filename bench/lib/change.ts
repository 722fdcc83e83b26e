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
