import { chromium } from "playwright-core";
const base = "http://127.0.0.1:4778";
const show = async (path: string, headers: Record<string, string> = {}) => {
  const r = await fetch(base + path, { headers });
  const body = await r.text();
  const err = body.match(/<h1[^>]*>([^<]*)</)?.[1] ?? body.slice(0, 120);
  console.log(r.status, r.headers.get("content-encoding") ?? "-", path.slice(0, 70), "|", err.slice(0, 90));
};
for (const p of ["/roadmap/adoption?page=0", "/roadmap/adoption?page=abc", "/roadmap/adoption?page=-1", "/roadmap/adoption?page=100001", "/roadmap/adoption?page=999", "/roadmap/adoption?county=99", "/roadmap/adoption?network=finst-ikkje", "/roadmap/adoption?category=nope", `/projects?q=${"a".repeat(150)}`, `/projects?q=${encodeURIComponent(`'"&<script>`)}`, "/projects?q=%00", "/projects?sort=drop", "/api/v1/projects?limit=abc", "/api/v1/projects?q=" + "x".repeat(300)])
  await show(p, { "accept-language": "nb" });
await show("/roadmap/adoption?lang=nn&page=2", { "accept-encoding": "br" });
// Input API: forged token, another consultation's token, empty body, too long
const cons = await (await fetch(`${base}/api/v1/networks/digi-rogaland/consultations`)).json();
const id = (cons.items ?? cons)[0]?.id ?? (cons.items ?? cons)[0]?.consultation?.id;
console.log("consultation", id);
const post = async (cid: number, body: object) => {
  const r = await fetch(`${base}/api/v1/consultations/${cid}/inputs?lang=en`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  console.log("input", cid, r.status, (await r.text()).slice(0, 160));
};
await post(id, { formToken: "1.2.3.4", body: "x" });
await post(id, { formToken: `${id}.${Date.now() - 10000}.abc.forged00000000000000000000000`, body: "x" });
await post(999999, { formToken: "x", body: "x" });
await post(id, { body: "no token" });
await post(id, { formToken: 5, body: ["wrong type"] });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-background-networking"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`${base}/roadmap/adoption?page=zero&lang=nb`);
await page.screenshot({ path: "/tmp/bad-page.png" });
await page.goto(`${base}/?lang=nb`);
await page.screenshot({ path: "/tmp/fresh-front.png" });
await browser.close();
