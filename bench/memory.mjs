#!/usr/bin/env node
// Decode memory of the render service under concurrent large renders (issue #13, item 15):
// `storeshots serve` from dist/ on loopback, 8 async renders submitted at once, each with one
// 39.6-megapixel PNG screenshot (a flat colour: about 115 KB on the wire, 158 MB as RGBA). The server's
// RSS is read from /proc/<pid>/status before, sampled every 50 ms while rendering (and VmHWM, the
// kernel's own peak), and read again after the last render ended. Runs once with the shared decode
// budget (default 512 MiB) and once with it effectively off, on 4 workers x 4 concurrent renders.
// Bounded: 8 renders per run, --max-seconds per run; loopback only.
//
//   node bench/memory.mjs            # prints the table
//   node bench/memory.mjs --write    # also writes it into BENCHMARKS.md ("Decode memory")
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServe } from './serve.mjs';
import sharp from 'sharp';

const root = path.resolve(import.meta.dirname, '..');
const { values: opt } = parseArgs({
  options: {
    renders: { type: 'string', default: '8' },
    workers: { type: 'string', default: '4' },
    width: { type: 'string', default: '4720' },
    height: { type: 'string', default: '8390' },
    'max-seconds': { type: 'string', default: '300' },
    write: { type: 'boolean', default: false },
  },
});
const KEY = 'sk_bench_memory';
const MiB = 1024 * 1024;
const log = (m) => process.stderr.write(`${m}\n`);

function status(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

const startServer = (env) =>
  startServe({ key: KEY, prefix: 'storeshots-bench-mem-', env: { STORESHOTS_POLL_MS: '20', ...env } });

async function call(url, method, p, body) {
  const res = await fetch(url + p, {
    method,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function run(label, env, png) {
  const server = await startServer({ STORESHOTS_WORKERS: opt.workers, STORESHOTS_CONCURRENCY: opt.workers, ...env });
  const deadline = Date.now() + Number(opt['max-seconds']) * 1000;
  try {
    // Warm up: one small render, so the workers and the renderer are loaded before "before".
    const warm = await call(server.url, 'POST', '/v1/renders', {
      canvas: { preset: 'play.phone' },
      slides: [{ headline: 'warm' }],
    });
    if (warm.status !== 200) throw new Error(`warm-up render: ${warm.status} ${JSON.stringify(warm.body)}`);
    const before = status(server.pid).rss;
    let peak = before;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, status(server.pid).rss);
      } catch {
        /* exited */
      }
    }, 50);
    const started = performance.now();
    const body = {
      async: true,
      canvas: { preset: 'play.phone' },
      slides: [{ headline: 'Large', screenshot: { data: png.toString('base64') } }],
    };
    const created = await Promise.all(
      Array.from({ length: Number(opt.renders) }, () => call(server.url, 'POST', '/v1/renders', body)),
    );
    let failed = created.filter((c) => c.status !== 202).length;
    for (const c of created.filter((x) => x.status === 202)) {
      for (;;) {
        if (Date.now() > deadline) throw new Error(`${label}: not done within --max-seconds`);
        const r = await call(server.url, 'GET', `/v1/renders/${c.body.id}`);
        if (['succeeded', 'failed', 'canceled'].includes(r.body.status)) {
          if (r.body.status !== 'succeeded') failed++;
          break;
        }
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const after = status(server.pid);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const held = Number(/^storeshots_decode_bytes_held_peak (\S+)$/m.exec(metrics)?.[1] ?? NaN);
    const row = { label, before, peak: Math.max(peak, after.hwm), after: after.rss, held, seconds, failed };
    log(
      `${label}: RSS ${mb(before)} -> peak ${mb(row.peak)} -> after ${mb(row.after)}; workers held at most ${mb(held)}; ${seconds.toFixed(1)} s; ${failed} failed`,
    );
    return row;
  } finally {
    await server.stop();
  }
}

const mb = (b) => `${Math.round(b / MiB)} MB`;

if (!existsSync(path.join(root, 'dist/render/worker.js'))) {
  log('bench/memory: dist/ is missing: run "npm run build" first');
  process.exit(2);
}
const W = Number(opt.width);
const H = Number(opt.height);
const png = await sharp({ create: { width: W, height: H, channels: 3, background: { r: 40, g: 90, b: 160 } } })
  .png({ compressionLevel: 9 })
  .toBuffer();
log(`screenshot: ${W}x${H} = ${((W * H) / 1e6).toFixed(1)} MP, ${(png.length / 1024).toFixed(0)} KB PNG`);

const rows = [];
rows.push(await run('shared budget 512 MiB (default)', {}, png));
rows.push(await run('budget off (1 TiB)', { STORESHOTS_DECODE_BUDGET_BYTES: String(1024 * 1024 * MiB) }, png));

const date = new Date().toISOString().slice(0, 10);
const cpu = os.cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
const table = [
  `\`node bench/memory.mjs\` on ${date}: ${opt.renders} async renders submitted at once, each one slide on \`play.phone\` with a ${W}x${H} (${((W * H) / 1e6).toFixed(1)} MP) PNG screenshot of ${(png.length / 1024).toFixed(0)} KB; \`storeshots serve\` from dist/ with ${opt.workers} render workers and ${opt.workers} concurrent renders; ${os.availableParallelism()} cores (${cpu}), Node ${process.versions.node}. RSS of the server process from /proc: before (after one warm-up render), peak (50 ms samples and VmHWM) and after the last render ended. "held" is the most decode memory the workers held at once by the service's own estimate (\`storeshots_decode_bytes_held_peak\`).`,
  '',
  '| decode budget | RSS before | RSS peak | RSS after | held at most | wall s | failed |',
  '|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.label} | ${mb(r.before)} | ${mb(r.peak)} | ${mb(r.after)} | ${mb(r.held)} | ${r.seconds.toFixed(1)} | ${r.failed} |`,
  ),
].join('\n');
process.stdout.write(`${table}\n`);

if (opt.write) {
  const file = path.join(root, 'BENCHMARKS.md');
  const md = readFileSync(file, 'utf8');
  const start = '<!-- bench/memory.mjs:start -->';
  const end = '<!-- bench/memory.mjs:end -->';
  const block = `${start}\n${table}\n${end}`;
  const next = md.includes(start)
    ? md.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block)
    : md.replace('\n## Rendering speed', `\n## Decode memory (bench/memory.mjs)\n\n${block}\n\n## Rendering speed`);
  writeFileSync(file, next);
  log('bench/memory: wrote BENCHMARKS.md');
}
