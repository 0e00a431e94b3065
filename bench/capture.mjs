// Web capture through the real service (issue #17), cold against warm browser: wall time of a
// synchronous POST /v1/screenshot (the web screenshot API's surface: capture + render + encode) against
// a loopback page, one request after another, and captures per minute with two requests in flight.
// "cold" is STORESHOTS_CAPTURE_IDLE_MS=0 (the browser closes as soon as no capture runs, so every
// sequential capture launches Chromium, as before the warm pool); "warm" is the default (one
// Chromium kept across captures, a context per capture). Also the warm WebP and PDF results.
// Run after `npm run build`: node bench/capture.mjs [--runs N]. Prints markdown for BENCHMARKS.md.
import http from 'node:http';
import os from 'node:os';
import { startServe } from './serve.mjs';

const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;
const PARALLEL_TOTAL = 2 * RUNS;

const PAGE = `<!doctype html><html><body style="margin:0;font:24px sans-serif;background:#f4f4f8">
<header style="height:64px;background:#4f46e5;color:#fff;padding:16px">Inbox</header>
${Array.from({ length: 30 }, (_, i) => `<p style="margin:12px 16px">Message ${i + 1}</p>`).join('')}</body></html>`;

const page = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
await new Promise((r) => page.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${page.address().port}/`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(label, env) {
  const s = await startServe({
    env: {
      STORESHOTS_ALLOW_PRIVATE_URLS: '1',
      STORESHOTS_BROWSER: process.env.STORESHOTS_BROWSER ?? '/usr/bin/chromium',
      STORESHOTS_CAPTURE_CONCURRENCY: '2',
      ...env,
    },
  });
  const shot = async (body) => {
    const t = performance.now();
    const res = await fetch(`${s.url}/v1/screenshot`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: origin, ...body }),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    return performance.now() - t;
  };
  const rows = [];
  try {
    await shot({}); // the service's render pool and the page; for "warm" also the browser
    const cases = [['1280x720 PNG', {}]];
    if (label === 'warm') cases.push(['1280x720 WebP', { format: 'webp' }], ['A4 PDF', { format: 'pdf' }]);
    for (const [name, body] of cases) {
      const xs = [];
      for (let i = 0; i < RUNS; i++) xs.push(await shot(body));
      rows.push(
        `| ${label} | ${name}, one at a time | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} | ${RUNS} |`,
      );
    }
    // Throughput: PARALLEL_TOTAL PNG captures, two in flight.
    const t = performance.now();
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < PARALLEL_TOTAL) {
          next++;
          await shot({});
        }
      }),
    );
    const perMin = (PARALLEL_TOTAL / (performance.now() - t)) * 60_000;
    rows.push(`| ${label} | 1280x720 PNG, two in flight | ${perMin.toFixed(1)} captures/min | | | ${PARALLEL_TOTAL} |`);
  } finally {
    await s.stop();
  }
  return rows;
}

const out = [];
try {
  out.push(...(await measure('cold', { STORESHOTS_CAPTURE_IDLE_MS: '0' })));
  out.push(...(await measure('warm', {})));
} finally {
  page.close();
}
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  '| browser | request (sync, loopback page) | median ms | min ms | max ms | runs |\n|---|---|---|---|---|---|',
);
console.log(out.join('\n'));
