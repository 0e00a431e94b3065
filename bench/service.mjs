#!/usr/bin/env node
// The service's render path against the CLI's (issue #19, point 5): the same images, N sets of
// --slides slides on --preset with the service fixtures' screenshot, rendered (a) by `storeshots
// render --no-cache --jobs 2` on a manifest of N locales showing the same text, and (b) by
// `storeshots serve` with 2 render workers, N async renders submitted --clients at a time and
// polled to the end. Both from dist/, each under GNU time: wall, CPU (user + system of the whole
// process) and peak RSS per image. The server's figures include its start and idle polling.
//
//   node bench/service.mjs --sets 12 --slides 3 --clients 2
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const { values: opt } = parseArgs({
  options: {
    sets: { type: 'string', default: '12' },
    slides: { type: 'string', default: '3' },
    clients: { type: 'string', default: '2' },
    preset: { type: 'string', default: 'play.phone' },
  },
});
const sets = Number(opt.sets);
const slides = Number(opt.slides);
const clients = Number(opt.clients);
const images = sets * slides;
const work = mkdtempSync(path.join(os.tmpdir(), 'storeshots-service-bench-'));
const shot = path.join(root, '__tests__/fixtures/server/screen.png');
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const headline = (i) => `Benchmark slide ${i + 1}`;

function timeOf(file) {
  const [wall, user, sys, rss] = readFileSync(file, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall: wall * 1000, cpu: (user + sys) * 1000, rssMB: rss / 1024 };
}

// (a) the CLI: N locales (en-US and N-1 more falling back to it), one set each.
function cli() {
  const dir = path.join(work, 'cli');
  const locales = ['en-US', 'de-DE', 'fr-FR', 'es-ES', 'it', 'nl-NL', 'pt-BR', 'ja', 'ko', 'sv', 'da', 'fi', 'nb', 'pl']
    .concat(['cs', 'el', 'hu', 'ro', 'sk', 'uk', 'vi', 'th', 'id', 'ms', 'tr', 'ru'])
    .slice(0, sets);
  for (const l of locales) {
    mkdirSync(path.join(dir, 'shots', l), { recursive: true });
    for (let i = 0; i < slides; i++) cpSync(shot, path.join(dir, 'shots', l, `s${i + 1}.png`));
  }
  const slideYaml = Array.from(
    { length: slides },
    (_, i) =>
      `  - id: s${i + 1}\n    headline: { en-US: "${headline(i)}" }\n    subtitle: { en-US: "Renders per minute" }\n`,
  ).join('');
  writeFileSync(
    path.join(dir, 'screenshots.yml'),
    `version: 1\napp: { name: Bench }\nlocales: [${locales.join(', ')}]\npresets: [${opt.preset}]\nscreenshots: shots/{locale}/{slide}.png\nslides:\n${slideYaml}fallback-locale: en-US\noutput: { dir: out, format: png, layout: flat }\n`,
  );
  const tf = path.join(work, 'time-cli.txt');
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', '-o', tf, process.execPath, path.join(root, 'bin/storeshots.js'), 'render'].concat([
      '--no-cache',
      '--jobs',
      '2',
      '--fail-on',
      'never',
    ]),
    { cwd: dir, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`storeshots render failed: ${r.stderr}`);
  return timeOf(tf);
}

// (b) the service: N async renders of one set each.
async function service() {
  const data = path.join(work, 'data');
  const key = `bench_${process.pid}`;
  const tf = path.join(work, 'time-serve.txt');
  const env = { ...process.env, STORESHOTS_API_KEYS: key, STORESHOTS_RATE_LIMIT: '0', STORESHOTS_LOG_LEVEL: 'error' };
  env.STORESHOTS_WORKERS = '2';
  const proc = spawn(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', '-o', tf, process.execPath, path.join(root, 'bin/storeshots.js'), 'serve'].concat([
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data',
      data,
    ]),
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const body = JSON.stringify({
    async: true,
    canvas: { preset: opt.preset },
    slides: Array.from({ length: slides }, (_, i) => ({
      id: `s${i + 1}`,
      headline: headline(i),
      subtitle: 'Renders per minute',
      screenshot: { data: readFileSync(shot).toString('base64') },
    })),
  });
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  let next = 0;
  const t0 = performance.now();
  const client = async () => {
    while (next < sets) {
      next++;
      const res = await fetch(`${url}/v1/renders`, { method: 'POST', headers, body });
      const accepted = await res.json();
      if (res.status !== 202) throw new Error(`create: HTTP ${res.status} ${JSON.stringify(accepted)}`);
      for (;;) {
        await new Promise((r) => setTimeout(r, 50));
        const r = await (await fetch(`${url}${accepted.polling_url}`, { headers })).json();
        if (r.status === 'succeeded') break;
        if (r.status === 'failed' || r.status === 'canceled')
          throw new Error(`render ${r.status}: ${JSON.stringify(r)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const wall = performance.now() - t0;
  const exited = new Promise((r) => proc.on('exit', r));
  // GNU time forwards nothing: stop the server itself (time's child).
  spawnSync('pkill', ['-TERM', '-P', String(proc.pid)]);
  await exited;
  return { ...timeOf(tf), renderWall: wall };
}

process.stderr.write(
  `bench/service: ${images} images (${sets} sets x ${slides} slides, ${opt.preset}), load ${load()}\n`,
);
const a = cli();
process.stderr.write(`bench/service: CLI done, load ${load()}\n`);
const b = await service();
process.stderr.write(`bench/service: service done, load ${load()}\n`);
rmSync(work, { recursive: true, force: true });
const row = (name, r, wall) =>
  `| ${name} | ${(wall / images).toFixed(1)} | ${(r.cpu / images).toFixed(1)} | ${r.rssMB.toFixed(0)} MB |`;
console.log(
  `${new Date().toISOString().slice(0, 16)} UTC, ${os.cpus().length} x ${os.cpus()[0].model.trim()}, Node ${process.version}, load ${load()} after\n`,
);
console.log('| path | ms / image (wall) | CPU ms / image | peak RSS |\n|---|---:|---:|---:|');
console.log(row('CLI: storeshots render --no-cache --jobs 2 (whole process)', a, a.wall));
console.log(
  row(
    `service: ${sets} async renders, ${clients} at a time, 2 workers (first POST to last result; CPU of the whole server)`,
    b,
    b.renderWall,
  ),
);
