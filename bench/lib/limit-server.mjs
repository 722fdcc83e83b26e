// The limit a page is measured against: plain node:http, no framework, no database, the page's own
// bytes and headers from memory. Plain JavaScript so that nothing but node runs in this process.
// Usage: node limit-server.mjs PORT RESPONSES.json (keys "<variant> <path>", chosen by X-Variant).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const [port, file] = process.argv.slice(2);
const responses = new Map(
  Object.entries(JSON.parse(readFileSync(file, "utf8"))).map(([key, r]) => [key, { ...r, body: Buffer.from(r.body, "base64") }]),
);

createServer((req, res) => {
  if (req.url === "/__ready") {
    res.writeHead(204).end();
    return;
  }
  const r = responses.get(`${req.headers["x-variant"] ?? "anonymous"} ${req.url}`);
  if (!r) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(r.status, r.headers);
  res.end(r.body);
}).listen(Number(port), "127.0.0.1");
