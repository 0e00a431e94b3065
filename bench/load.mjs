#!/usr/bin/env node
// Load test of the render service (`storeshots serve`): N concurrent clients each create async renders
// and poll them to the end. Reports renders per minute and p50/p99 latency of create and poll.
// Bounded in count (--renders per run) and time (--max-seconds per run); loopback only.
//
//   node bench/load.mjs                       # starts its own server from dist/, clients 1,4,8
//   node bench/load.mjs --clients 4 --renders 20 --slides 2 --preset appstore.iphone_6_9
//   node bench/load.mjs --url http://127.0.0.1:8787 --key sk_...   # an already running loopback server
//   node bench/load.mjs --write               # also writes the table into BENCHMARKS.md ("Render service")
//   node bench/load.mjs --database postgres://postgres@127.0.0.1:5432/bench --db-workers 1,2 --clients 8
//       # one API node (serve --role api) and 1, then 2 `storeshots worker` processes on that PostgreSQL
//       # (loopback only); reports renders/min per worker count, the database's commits and bytes per
//       # render, and the workers' processing time per job
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startServe, startWorker } from './serve.mjs';

const root = path.resolve(import.meta.dirname, '..');
const { values: opt } = parseArgs({
  options: {
    clients: { type: 'string', default: '1,4,8' },
    renders: { type: 'string', default: '16' },
    slides: { type: 'string', default: '1' },
    preset: { type: 'string', default: 'play.phone' },
    'max-seconds': { type: 'string', default: '120' },
    'poll-ms': { type: 'string', default: '100' },
    url: { type: 'string' },
    key: { type: 'string' },
    workers: { type: 'string' },
    database: { type: 'string' },
    'db-workers': { type: 'string', default: '1,2' },
    write: { type: 'boolean', default: false },
  },
});

const num = (name, min, max) => {
  const v = Number(opt[name]);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new Error(`--${name} must be an integer ${min}-${max}, got ${opt[name]}`);
  return v;
};
const clientsList = String(opt.clients)
  .split(',')
  .map((c) => {
    const v = Number(c);
    if (!Number.isInteger(v) || v < 1 || v > 64) throw new Error(`--clients takes integers 1-64, got ${c}`);
    return v;
  });
const totalRenders = num('renders', 1, 500);
const slides = num('slides', 1, 10);
const maxSeconds = num('max-seconds', 5, 900);
const pollMs = num('poll-ms', 10, 5000);
const screenshot = readFileSync(
  path.join(root, '__tests__/fixtures/server', opt.preset.includes('ipad') ? 'screen-ipad.png' : 'screen.png'),
).toString('base64');

const startServer = () => startServe({ env: opt.workers ? { STORESHOTS_WORKERS: opt.workers } : {} });

const pct = (list, p) => {
  if (list.length === 0) return NaN;
  const s = [...list].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function run(server, clients, count = totalRenders) {
  const body = JSON.stringify({
    async: true,
    canvas: { preset: opt.preset },
    slides: Array.from({ length: slides }, (_, i) => ({
      id: `s${i + 1}`,
      headline: `Benchmark slide ${i + 1}`,
      subtitle: 'Renders per minute',
      screenshot: { data: screenshot },
    })),
  });
  const headers = { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' };
  const create = [];
  const poll = [];
  const endToEnd = [];
  let started = 0;
  let succeeded = 0;
  let failed = 0;
  const deadline = performance.now() + maxSeconds * 1000;
  const t0 = performance.now();
  const timed = async (list, fn) => {
    const t = performance.now();
    const r = await fn();
    list.push(performance.now() - t);
    return r;
  };
  async function client() {
    while (started < count && performance.now() < deadline) {
      started++;
      const t = performance.now();
      const res = await timed(create, () => fetch(`${server.url}/v1/renders`, { method: 'POST', headers, body }));
      const accepted = await res.json();
      if (res.status !== 202) throw new Error(`create: HTTP ${res.status} ${JSON.stringify(accepted)}`);
      for (;;) {
        if (performance.now() > deadline) return;
        await new Promise((r) => setTimeout(r, pollMs));
        const p = await timed(poll, () => fetch(`${server.url}${accepted.polling_url}`, { headers }));
        const r = await p.json();
        if (r.status === 'succeeded' || r.status === 'failed' || r.status === 'canceled') {
          endToEnd.push(performance.now() - t);
          if (r.status === 'succeeded') succeeded++;
          else failed++;
          break;
        }
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - t0) / 1000;
  return {
    clients,
    renders: succeeded,
    failed,
    seconds,
    perMinute: (succeeded / seconds) * 60,
    create,
    poll,
    endToEnd,
    timedOut: performance.now() > deadline,
  };
}

const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)}` : '-');
if (opt.database) {
  await databaseRuns();
  process.exit(0);
}
const external = Boolean(opt.url);
if (external && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\/?$/.test(opt.url))
  throw new Error('--url must be a loopback address (this is a load test)');
if (external && !opt.key) throw new Error('--url needs --key');
const server = external
  ? { url: opt.url.replace(/\/$/, ''), key: opt.key, stop: async () => undefined }
  : await startServer();
const rows = [];
try {
  // Warm-up: the first render starts the worker threads and loads fonts; not measured.
  await run(server, 2, 2).catch(() => undefined);
  for (const c of clientsList) rows.push(await run(server, c));
} finally {
  await server.stop();
}

const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
const header = `| clients | renders | failed | wall s | renders/min | images/min | create p50 ms | create p99 ms | poll p50 ms | poll p99 ms | end-to-end p50 ms | end-to-end p99 ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|`;
const lines = rows.map(
  (r) =>
    `| ${r.clients} | ${r.renders} | ${r.failed}${r.timedOut ? ' (time limit)' : ''} | ${r.seconds.toFixed(1)} | ${r.perMinute.toFixed(1)} | ${(r.perMinute * slides).toFixed(1)} | ${ms(pct(r.create, 50))} | ${ms(pct(r.create, 99))} | ${ms(pct(r.poll, 50))} | ${ms(pct(r.poll, 99))} | ${ms(pct(r.endToEnd, 50))} | ${ms(pct(r.endToEnd, 99))} |`,
);
const table = `${header}\n${lines.join('\n')}`;
const setup = `${opt.preset}, ${slides} slide(s) per render, ${totalRenders} renders per row, poll every ${pollMs} ms; ${os.cpus().length} cores (${cpu}), Node ${process.versions.node}, ${opt.workers ?? 'default (one per core)'} render workers${external ? ', external server' : ''}`;
console.log(`${setup}\n\n${table}`);

if (opt.write) {
  const file = path.join(root, 'BENCHMARKS.md');
  const section =
    `## Render service\n\n` +
    `\`node bench/load.mjs${process.argv
      .slice(2)
      .filter((a) => a !== '--write')
      .map((a) => ` ${a}`)
      .join('')}\` on ${new Date().toISOString().slice(0, 10)}: ` +
    `N clients each create an async render (\`POST /v1/renders\`) and poll it to the end; the server is \`storeshots serve\` from dist/ on loopback with a fresh --data. ` +
    `create = time to the 202 (the screenshot travels as base64 and is stored durably before the answer); poll = one \`GET /v1/renders/{id}\`; end-to-end = create to seeing \`succeeded\`.\n\n` +
    `${setup}. Timings on a shared machine vary between runs; rerun before comparing.\n\n${table}\n`;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  // Up to the next heading: a ### subsection of the section (the before/after of issue #18) stays.
  const re = /^## Render service\n[\s\S]*?(?=^#{2,3} |(?![\s\S]))/m;
  const next = re.test(old) ? old.replace(re, `${section}\n`) : `${old.trimEnd()}\n\n${section}`;
  writeFileSync(file, next.replace(/\n{3,}/g, '\n\n').replace(/\n*$/, '\n'));
  console.log(`\nwrote the "Render service" section of ${path.relative(process.cwd(), file) || file}`);
}

/** A counter or gauge from a Prometheus text page (0 when absent). */
async function metric(url, name) {
  const text = await fetch(`${url}/metrics`).then((r) => r.text());
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

/**
 * --database: one API node and 1, then 2 (… --db-workers) worker processes on one PostgreSQL; the
 * same clients and renders as the single-process rows. Each worker has --workers render threads
 * (default 1), so the rows compare processes, not threads. Per row: the database's committed
 * transactions and growth per render (pg_stat_database, pg_database_size), and the workers' mean
 * processing time per job (their storeshots_render_duration_seconds).
 */
async function databaseRuns() {
  const url = new URL(opt.database);
  if (!/^postgres(ql)?:$/.test(url.protocol)) throw new Error('--database takes a postgres:// URL');
  if (!['127.0.0.1', 'localhost', '[::1]', ''].includes(url.hostname))
    throw new Error('--database must be on loopback (this is a load test)');
  const counts = String(opt['db-workers'])
    .split(',')
    .map((c) => {
      const v = Number(c);
      if (!Number.isInteger(v) || v < 1 || v > 16) throw new Error(`--db-workers takes integers 1-16, got ${c}`);
      return v;
    });
  const threads = opt.workers ?? '1';
  const sql = new pg.Pool({ connectionString: opt.database, max: 1 });
  const stats = async () =>
    (
      await sql.query(
        'SELECT xact_commit::float8 AS commits, pg_database_size(current_database())::float8 AS bytes FROM pg_stat_database WHERE datname = current_database()',
      )
    ).rows[0];
  const out = [];
  try {
    for (const n of counts) {
      const api = await startServe({ args: ['--role', 'api', '--database', opt.database] });
      const workers = [];
      try {
        for (let i = 0; i < n; i++)
          workers.push(
            await startWorker({
              database: opt.database,
              env: { STORESHOTS_WORKERS: threads, STORESHOTS_LOG_LEVEL: 'error' },
            }),
          );
        await run(api, 2, 2).catch(() => undefined);
        for (const c of clientsList) {
          const load = os.loadavg()[0];
          const before = await stats();
          const busyBefore = await Promise.all(
            workers.map((w) => metric(w.url, 'storeshots_render_duration_seconds_sum')),
          );
          const jobsBefore = await Promise.all(
            workers.map((w) => metric(w.url, 'storeshots_render_duration_seconds_count')),
          );
          const r = await run(api, c);
          const after = await stats();
          const busy = (
            await Promise.all(workers.map((w) => metric(w.url, 'storeshots_render_duration_seconds_sum')))
          ).reduce((s, v, i) => s + v - busyBefore[i], 0);
          const jobs = (
            await Promise.all(workers.map((w) => metric(w.url, 'storeshots_render_duration_seconds_count')))
          ).reduce((s, v, i) => s + v - jobsBefore[i], 0);
          out.push({
            ...r,
            workers: n,
            load: `${load.toFixed(1)}-${os.loadavg()[0].toFixed(1)}`,
            commits: (after.commits - before.commits) / Math.max(1, r.renders),
            kb: (after.bytes - before.bytes) / 1024 / Math.max(1, r.renders),
            jobMs: (busy / Math.max(1, jobs)) * 1000,
          });
        }
      } finally {
        for (const w of workers) await w.stop();
        await api.stop();
      }
    }
  } finally {
    await sql.end();
  }
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const table =
    '| workers | clients | renders | failed | wall s | renders/min | end-to-end p50 ms | end-to-end p99 ms | processing ms/job | commits/render | DB growth KB/render | load avg (1 min, start-end) |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n' +
    out
      .map(
        (r) =>
          `| ${r.workers} | ${r.clients} | ${r.renders} | ${r.failed}${r.timedOut ? ' (time limit)' : ''} | ${r.seconds.toFixed(1)} | ${r.perMinute.toFixed(1)} | ${ms(pct(r.endToEnd, 50))} | ${ms(pct(r.endToEnd, 99))} | ${ms(r.jobMs)} | ${r.commits.toFixed(1)} | ${r.kb.toFixed(0)} | ${r.load} |`,
      )
      .join('\n');
  const setup = `${opt.preset}, ${slides} slide(s) per render, ${totalRenders} renders per row, poll every ${pollMs} ms; one API node, N workers of ${threads} render thread(s) each, PostgreSQL on loopback; ${os.cpus().length} cores (${cpu}), Node ${process.versions.node}`;
  console.log(`${setup}\n\n${table}`);
}
