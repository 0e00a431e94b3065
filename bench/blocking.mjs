// Ad and cookie-banner blocking through the real service (issue #17, docs/render-api.md#ad-and-cookie-banner-blocking):
// what real filter lists cost at start (time until `storeshots serve` listens, its resident memory)
// and what each blocking option adds to a warm capture (a synchronous POST /v1/screenshot of a loopback
// page with a OneTrust banner, an ad slot and an ad image), one request after another.
// Run after `npm run build`:
//   node bench/blocking.mjs --lists /path/easylist.txt,/path/easyprivacy.txt [--runs N]
// (Debian's webext-ublock-origin-chromium ships both under
// /usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist/.) Prints markdown for BENCHMARKS.md.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { startServe } from './serve.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const LISTS = arg('--lists', process.env.STORESHOTS_FILTER_LISTS);
if (!LISTS) throw new Error('give the filter lists: --lists /path/easylist.txt,/path/easyprivacy.txt');
const RUNS = Number(arg('--runs', '5'));

const PAGE = `<!doctype html><html><head><style>
  body { margin: 0; font: 20px sans-serif; background: #f4f4f8; }
  #onetrust-banner-sdk { position: fixed; left: 0; bottom: 0; width: 100%; height: 120px; background: #222; color: #fff; }
  .ad-slot { height: 90px; background: #e02020; }
</style></head><body>
  <div class="ad-slot"></div><img alt="" src="/adserver/banner.png" width="300" height="40">
  ${Array.from({ length: 30 }, (_, i) => `<p style="margin:12px 16px">Message ${i + 1}</p>`).join('')}
  <div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk">We use cookies.
    <button id="onetrust-accept-btn-handler">Accept</button><button id="onetrust-reject-all-handler">Reject All</button>
  </div></div>
  <script>document.getElementById('onetrust-reject-all-handler').onclick = () =>
    (document.getElementById('onetrust-banner-sdk').style.display = 'none');</script>
</body></html>`;

const page = http.createServer((req, res) =>
  req.url === '/' ? res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE) : res.writeHead(404).end(),
);
await new Promise((r) => page.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${page.address().port}/`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const env = {
  STORESHOTS_ALLOW_PRIVATE_URLS: '1',
  STORESHOTS_BROWSER: process.env.STORESHOTS_BROWSER ?? '/usr/bin/chromium',
};

// Start: time until listening, and resident memory once listening, without and with the lists.
const rows = [];
for (const [label, extra] of [
  ['no lists', {}],
  [`lists: ${LISTS.split(',').length} files`, { STORESHOTS_FILTER_LISTS: LISTS }],
]) {
  const times = [];
  const rss = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const s = await startServe({ env: { ...env, ...extra } });
    times.push(performance.now() - t);
    rss.push(rssMiB(s.pid));
    await s.stop();
  }
  rows.push(
    `| start, ${label} | ${median(times).toFixed(0)} ms to listening | ${median(rss).toFixed(0)} MiB resident | 3 |`,
  );
}

// Captures, warm browser, with the lists.
const s = await startServe({ env: { ...env, STORESHOTS_FILTER_LISTS: LISTS } });
const shot = async (body) => {
  const t = performance.now();
  const res = await fetch(`${s.url}/v1/screenshot`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: origin, viewport: { width: 1280, height: 720 }, ...body }),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return performance.now() - t;
};
try {
  await shot({}); // the render pool, the page and the browser
  for (const [name, body] of [
    ['no blocking', {}],
    ['block_ads', { block_ads: true }],
    ['block_cookie_banners', { block_cookie_banners: true }],
    ['both', { block_ads: true, block_cookie_banners: true }],
  ]) {
    const xs = [];
    for (let i = 0; i < RUNS; i++) xs.push(await shot(body));
    rows.push(
      `| warm capture, ${name} | ${median(xs).toFixed(0)} ms median | ${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)} ms | ${RUNS} |`,
    );
  }
} finally {
  await s.stop();
  page.close();
}

console.log(
  `load average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')}; ${os.cpus().length} cores`,
);
console.log('| what | time | other | runs |\n|---|---|---|---|');
for (const r of rows) console.log(r);
