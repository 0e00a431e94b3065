#!/usr/bin/env node
// Whole-set jobs of the render service (POST /v1/sets): one manifest of L locales x 2 presets x 2 slides
// as one job, without outputs and with every output type, against the same work as separate renders
// (one POST /v1/renders per locale x preset). Reports wall time per job, the time the outputs add, and
// how long polls wait while the outputs are made (the contact sheet and PDF run on the API's thread:
// libvips works off it, pdf-lib on it). Bounded: --runs jobs per kind; loopback only.
//
//   npm run build && node bench/sets.mjs                # 2 locales, 3 runs
//   node bench/sets.mjs --locales 4 --runs 2 --workers 2
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServe } from './serve.mjs';

const root = path.resolve(import.meta.dirname, '..');
const { values: opt } = parseArgs({
  options: {
    locales: { type: 'string', default: '2' },
    runs: { type: 'string', default: '3' },
    workers: { type: 'string' },
  },
});
const ALL = ['en-US', 'de-DE', 'fr-FR', 'es-ES', 'it', 'ja', 'ko', 'pt-BR'];
const nLocales = Number(opt.locales);
const runs = Number(opt.runs);
if (!Number.isInteger(nLocales) || nLocales < 1 || nLocales > ALL.length) throw new Error('--locales takes 1-8');
if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error('--runs takes 1-20');
const locales = ALL.slice(0, nLocales);
const presets = ['appstore.iphone_6_9', 'play.phone'];
const png = readFileSync(path.join(root, '__tests__/fixtures/server/screen.png'));
const slides = ['home', 'stats'];

const startServer = () =>
  startServe({ prefix: 'storeshots-bench-sets-', env: opt.workers ? { STORESHOTS_WORKERS: opt.workers } : {} });

const headline = (s) => Object.fromEntries(locales.map((l) => [l, `Benchmark ${s} in ${l}`]));
const manifest = {
  version: 1,
  app: { name: 'Bench' },
  locales,
  presets,
  screenshots: 'shots/{slide}.png',
  slides: slides.map((id) => ({ id, headline: headline(id) })),
};

/** Creates a job, polls it every 20 ms to the end; returns wall time and the poll latencies seen while outputs were made. */
async function job(server, outputs) {
  const fd = new FormData();
  fd.set('request', JSON.stringify({ async: true, manifest, layout: 'fastlane', ...(outputs ? { outputs } : {}) }));
  for (const s of slides) fd.set(`shots/${s}.png`, new Blob([png]), `${s}.png`);
  const auth = { authorization: `Bearer ${server.key}` };
  const t0 = performance.now();
  const r = await fetch(`${server.url}/v1/sets`, { method: 'POST', headers: auth, body: fd });
  const created = await r.json();
  if (r.status !== 202) throw new Error(`create: ${r.status} ${JSON.stringify(created)}`);
  let imagesDone;
  const outputPolls = [];
  for (let i = 0; i < 20_000; i++) {
    const p0 = performance.now();
    const b = await (await fetch(`${server.url}/v1/sets/${created.id}`, { headers: auth })).json();
    const lat = performance.now() - p0;
    if (imagesDone !== undefined) outputPolls.push(lat);
    if (imagesDone === undefined && b.images.length === b.total_steps - (outputs?.length ?? 0))
      imagesDone = performance.now();
    if (b.status === 'succeeded')
      return { ms: performance.now() - t0, outputsMs: performance.now() - imagesDone, outputPolls };
    if (b.status !== 'queued' && b.status !== 'processing')
      throw new Error(`set ${b.status}: ${JSON.stringify(b.error)}`);
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error('set did not end');
}

/** The same images as separate renders, one per locale x preset, all submitted at once. */
async function renders(server) {
  const headers = { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' };
  const t0 = performance.now();
  const ids = [];
  for (const locale of locales)
    for (const preset of presets) {
      const body = {
        async: true,
        locale,
        canvas: { preset },
        slides: slides.map((id) => ({
          id,
          headline: `Benchmark ${id} in ${locale}`,
          screenshot: { data: png.toString('base64') },
        })),
      };
      const r = await fetch(`${server.url}/v1/renders`, { method: 'POST', headers, body: JSON.stringify(body) });
      ids.push((await r.json()).id);
    }
  for (const id of ids) {
    for (;;) {
      const b = await (await fetch(`${server.url}/v1/renders/${id}`, { headers })).json();
      if (b.status === 'succeeded') break;
      if (b.status !== 'queued' && b.status !== 'processing') throw new Error(`render ${b.status}`);
      await new Promise((res) => setTimeout(res, 20));
    }
  }
  return performance.now() - t0;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await startServer();
try {
  const all = ['png', 'jpeg', 'contact-sheet', 'review-pdf', 'report'].map((type) => ({ type }));
  await job(server); // warm-up: threads, fonts, caches
  const plain = [];
  const full = [];
  const sep = [];
  for (let i = 0; i < runs; i++) {
    plain.push((await job(server)).ms);
    full.push(await job(server, all));
    sep.push(await renders(server));
  }
  const images = locales.length * presets.length * slides.length;
  const polls = full.flatMap((f) => f.outputPolls);
  console.log(`| ${images} images (${locales.length} locales x 2 presets x 2 slides), median of ${runs} | ms |`);
  console.log('|---|---|');
  console.log(`| one set job, no outputs | ${median(plain).toFixed(0)} |`);
  console.log(`| the same images as ${locales.length * 2} renders submitted together | ${median(sep).toFixed(0)} |`);
  console.log(`| one set job with all 5 outputs | ${median(full.map((f) => f.ms)).toFixed(0)} |`);
  console.log(`| of which the outputs (last image to done) | ${median(full.map((f) => f.outputsMs)).toFixed(0)} |`);
  console.log(
    `| poll latency while outputs are made: median / max | ${median(polls).toFixed(0)} / ${Math.max(...polls).toFixed(0)} |`,
  );
} finally {
  await server.stop();
}
