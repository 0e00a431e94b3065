// Web capture through the real service (issue #17): wall time of a synchronous POST /v1/screenshot
// (the web screenshot API's surface: capture + render + encode, one browser started per capture) and
// of a POST /v1/renders whose slide screenshot is a capture, against a loopback page. Run after
// `npm run build`: node bench/capture.mjs [--runs N]. Prints a markdown table for BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;

const PAGE = `<!doctype html><html><body style="margin:0;font:24px sans-serif;background:#f4f4f8">
<header style="height:64px;background:#4f46e5;color:#fff;padding:16px">Inbox</header>
${Array.from({ length: 30 }, (_, i) => `<p style="margin:12px 16px">Message ${i + 1}</p>`).join('')}</body></html>`;

const page = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
await new Promise((r) => page.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${page.address().port}/`;
const data = mkdtempSync(path.join(tmpdir(), 'storeshots-bench-capture-'));
const proc = spawn(process.execPath, [path.join(root, 'bin/storeshots.js'), 'serve', '--port', '0', '--data', data], {
  env: {
    ...process.env,
    STORESHOTS_API_KEYS: 'bench',
    STORESHOTS_ALLOW_PRIVATE_URLS: '1',
    STORESHOTS_BROWSER: process.env.STORESHOTS_BROWSER ?? '/usr/bin/chromium',
    STORESHOTS_RATE_LIMIT: '0',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise((resolve) => {
  let out = '';
  proc.stdout.on('data', (d) => {
    out += d;
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m) resolve(m[1]);
  });
});

async function timed(pathname, body) {
  const t = performance.now();
  const res = await fetch(base + pathname, {
    method: 'POST',
    headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${pathname}: HTTP ${res.status}`);
  return performance.now() - t;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cases = [
  ['POST /v1/screenshot, 1280x720 PNG (webshot surface)', '/v1/screenshot', { url: origin, format: 'png' }],
  [
    'POST /v1/screenshot, full page 1280 wide, JPEG',
    '/v1/screenshot',
    { url: origin, format: 'jpeg', full_page: true },
  ],
  [
    'POST /v1/renders, play.phone slide from a 412x915 @2x capture',
    '/v1/renders',
    {
      canvas: { preset: 'play.phone' },
      slides: [
        {
          headline: 'Inbox',
          screenshot: { capture: { url: origin, viewport: { width: 412, height: 915, device_scale_factor: 2 } } },
        },
      ],
    },
  ],
];
const rows = [];
try {
  await timed(cases[0][1], cases[0][2]); // warm: the service's pools and the page cache
  for (const [name, p, body] of cases) {
    const xs = [];
    for (let i = 0; i < RUNS; i++) xs.push(await timed(p, body));
    rows.push(
      `| ${name} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} | ${RUNS} |`,
    );
  }
} finally {
  proc.kill('SIGTERM');
  page.close();
  await new Promise((r) => proc.once('exit', r));
  rmSync(data, { recursive: true, force: true });
}
console.log('| request (sync, loopback page) | median ms | min ms | max ms | runs |\n|---|---|---|---|---|');
console.log(rows.join('\n'));
