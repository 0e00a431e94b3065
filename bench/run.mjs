#!/usr/bin/env node
// The speed bench: `npm run bench` (add `-- --quick` for a short run). On the same inputs, side by
// side, it measures (a) storeshots (the real CLI, cold, cached, 1 and 2 workers), (b) headless
// Chromium drawing the same slides from HTML/CSS (playwright-core, Debian's chromium, kept warm),
// (c) ImageMagick composing them (frameit's approach), (d) the floor: decoding the inputs and
// encoding the outputs alone with sharp at storeshots' settings. It prints ms per image (median
// of runs), ratios, output bytes and peak RSS for the example (36 images), a large set (480) and
// the 1,200-image set (10 slides x 30 locales x 4 presets, storeshots only, cold, 2 workers), and
// writes the tables into BENCHMARKS.md between its markers. It installs nothing. Flags: --quick
// (one run of each, no 1-worker large run), --no-large, --no-huge (skip the 480- / 1,200-image sets).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const QUICK = process.argv.includes('--quick');
const NO_LARGE = process.argv.includes('--no-large');
const NO_HUGE = process.argv.includes('--no-huge');
const OUT_MD = path.join(ROOT, 'BENCHMARKS.md');
const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';
// /usr/local/bin/convert may be anything; the real ImageMagick 6 binary, by full path.
const MAGICK = process.env.BENCH_MAGICK ?? '/usr/bin/convert-im6.q16';
const TIME = '/usr/bin/time';
// Lean mode: the CLI restarts itself with glibc allocator settings (src/cli/allocator.ts).
const LEAN = 'env STORESHOTS_ALLOCATOR=lean (allocator restart)';
const RUNS = QUICK ? 1 : 3;
const work = mkdtempSync(path.join(os.tmpdir(), 'storeshots-bench-'));
const log = (m) => process.stderr.write(`${m}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

// --- what is here -----------------------------------------------------------------------------
const missing = [];
if (!existsSync(CHROMIUM)) missing.push(`Chromium (${CHROMIUM}): apt-get install chromium`);
if (!existsSync(MAGICK)) missing.push(`ImageMagick 6 (${MAGICK}): apt-get install imagemagick`);
if (!existsSync(TIME)) missing.push(`GNU time (${TIME}, for peak RSS and CPU): apt-get install time`);
for (const m of missing) log(`bench: not found, that column is skipped: ${m}`);

// --- a private build of storeshots, and the bench's view of its layout --------------------------
log(`bench: building storeshots into ${work}/pkg (load average ${load()})`);
const pkg = path.join(work, 'pkg');
mkdirSync(pkg);
execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--outdir', path.join(pkg, 'dist')], {
  cwd: ROOT,
  stdio: 'inherit',
});
for (const f of ['package.json', 'templates', 'fonts', 'schema', 'node_modules'])
  symlinkSync(path.join(ROOT, f), path.join(pkg, f));
const { build } = await import('esbuild');
await build({
  entryPoints: [path.join(ROOT, 'bench/lib.ts')],
  outfile: path.join(pkg, 'dist/bench-lib.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  logLevel: 'warning',
  external: ['sharp', '@napi-rs/canvas', 'piscina', 'playwright-core'],
  banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
});
const lib = await import(pathToFileURL(path.join(pkg, 'dist/bench-lib.js')).href);
const sharp = (await import('sharp')).default;
sharp.cache(false);

// --- the inputs -----------------------------------------------------------------------------
const small = path.join(work, 'small');
cpSync(path.join(ROOT, 'examples/habitual'), small, { recursive: true });
rmSync(path.join(small, 'storeshots-out'), { recursive: true, force: true });

const EXTRA_LOCALES = [
  'fr-FR',
  'es-ES',
  'it',
  'nl-NL',
  'pt-BR',
  'ko',
  'zh-Hans',
  'ru',
  'sv',
  'tr',
  'pl',
  'da',
  'fi',
  'nb',
];
EXTRA_LOCALES.push('cs', 'el', 'hu', 'ro', 'sk', 'uk', 'vi', 'th', 'id', 'ms', 'he', 'hi');

/**
 * The example grown: its 4 translated locales and `locales - 4` more on en-US text and screenshots,
 * 10 slides, the given presets. 16 locales x 3 presets = 480 images ("large"); 30 locales x 4
 * presets (the example's 3 and iPhone 6.5", which shares the iPhone screenshots) = 1,200 ("huge").
 */
function grownProject(name, locales, presets) {
  const dir = path.join(work, name);
  cpSync(small, dir, { recursive: true });
  const extra = EXTRA_LOCALES.slice(0, locales - 4);
  for (const l of extra) cpSync(path.join(dir, 'shots/en-US'), path.join(dir, 'shots', l), { recursive: true });
  const heads = [
    'Track every **habit**',
    'See your progress',
    'Capture the moments that matter',
    'Reminders that help',
    'Streaks you keep',
    'Charts for every week',
    'Share with friends',
    'Widgets on your home screen',
    'Private by design',
    'Start today',
  ];
  const shots = ['home', 'stats', 'photo'];
  const slides = heads
    .map(
      (h, i) =>
        `  - id: s${i + 1}\n    screenshot: shots/{locale}/{device}/${shots[i % 3]}.png\n    headline: { en-US: "${h}", de-DE: "${h} (de)", ja: "すべての習慣 ${i + 1}", ar: "تابع كل عادة ${i + 1}" }\n`,
    )
    .join('');
  let manifest = readFileSync(path.join(small, 'screenshots.yml'), 'utf8')
    .replace(/locales: \[[^\]]*\]/, `locales: [en-US, de-DE, ja, ar, ${extra.join(', ')}]`)
    .replace(/slides:\n[\s\S]*?\nfallback-locale/, `slides:\n${slides}fallback-locale`);
  if (presets) manifest = manifest.replace(/presets: \[[^\]]*\]/, `presets: [${presets.join(', ')}]`);
  writeFileSync(path.join(dir, 'screenshots.yml'), manifest);
  return dir;
}

// --- (a) storeshots, the real CLI ----------------------------------------------------------
function timed(cmd, args, cwd, env) {
  const tf = path.join(work, `time-${Math.random().toString(36).slice(2)}.txt`);
  const r = spawnSync(TIME, ['-f', '%e %U %S %M', '-o', tf, cmd, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: env ? { ...process.env, ...env } : process.env,
  });
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [wall, user, sys, rss] = readFileSync(tf, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall: wall * 1000, cpu: (user + sys) * 1000, rssMB: rss / 1024, stdout: r.stdout };
}

function storeshots(dir, args, env) {
  return timed(process.execPath, [path.join(pkg, 'dist/cli.js'), 'render', '--fail-on', 'never', ...args], dir, env);
}

function outputBytes(dir) {
  const files = readdirSync(dir, { recursive: true }).filter((f) => /\.(png|jpg)$/.test(f));
  return files.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0) / files.length;
}

function measureStoreshots(dir, n, runs, withJobs1, only2) {
  const r = {};
  const runSet = (label, args, times, env) => {
    const xs = [];
    for (let i = 0; i < times; i++) {
      rmSync(path.join(dir, 'out'), { recursive: true, force: true });
      log(`bench: storeshots ${label} (${i + 1}/${times}), ${n} images, load ${load()}`);
      xs.push(storeshots(dir, ['--out', 'out', ...args], env));
    }
    r[label] = {
      ms: median(xs.map((x) => x.wall)) / n,
      cpu: median(xs.map((x) => x.cpu)) / n,
      rssMB: Math.max(...xs.map((x) => x.rssMB)),
      bytes: outputBytes(path.join(dir, 'out')),
      runs: times,
    };
  };
  if (withJobs1) runSet('1 worker, cold', ['--jobs', '1', '--no-cache'], runs);
  runSet('2 workers, cold', ['--jobs', '2', '--no-cache'], runs);
  if (only2) return r;
  // Lean mode: how much peak RSS the allocator restart saves, at what time and CPU.
  runSet(`2 workers, cold, ${LEAN}`, ['--jobs', '2', '--no-cache'], 1, { STORESHOTS_ALLOCATOR: 'lean' });
  rmSync(path.join(dir, 'cache'), { recursive: true, force: true });
  runSet('2 workers, cold, filling the cache', ['--jobs', '2', '--cache-dir', 'cache'], 1);
  runSet('2 workers, nothing changed (cached)', ['--jobs', '2', '--cache-dir', 'cache'], runs);
  return r;
}

// --- (d) the floor -------------------------------------------------------------------------
async function measureFloor(dir, specs, runs) {
  // The outputs storeshots wrote, as raw pixels (not timed): what the floor encodes.
  const raws = [];
  for (const s of specs) {
    const { data, info } = await sharp(path.join(dir, 'out', s.out))
      .raw()
      .toBuffer({ resolveWithObject: true });
    raws.push({ data, raw: { width: info.width, height: info.height, channels: info.channels } });
  }
  const xs = [];
  const cpus = [];
  let bytes = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    bytes = 0;
    for (let i = 0; i < specs.length; i++) {
      for (const d of specs[i].devices) if (d.shot) await sharp(d.shot, { failOn: 'truncated' }).raw().toBuffer();
      const out = await sharp(raws[i].data, { raw: raws[i].raw })
        .png({ compressionLevel: 6, adaptiveFiltering: false, palette: false })
        .toBuffer();
      bytes += out.length;
    }
    xs.push((performance.now() - t) / specs.length);
    const u = process.cpuUsage(c);
    cpus.push((u.user + u.system) / 1000 / specs.length);
  }
  return {
    ms: median(xs),
    cpu: median(cpus),
    bytes: bytes / specs.length,
    rssMB: process.resourceUsage().maxRSS / 1024,
    runs,
    images: specs.length,
  };
}

// --- (b) headless Chromium -----------------------------------------------------------------
function html(s) {
  const font = (f) => pathToFileURL(f).href;
  const faces = [...new Set(s.text.map((t) => t.font))]
    .map((f, i) => `@font-face{font-family:f${i};src:url(${font(f)})}`)
    .join('');
  const fam = (f) => `f${[...new Set(s.text.map((t) => t.font))].indexOf(f)}`;
  const dev = s.devices
    .map(
      (d) =>
        `<div style="position:absolute;left:${d.outer.x}px;top:${d.outer.y}px;width:${d.outer.width}px;height:${d.outer.height}px;background:${d.color === 'white' ? '#f5f5f7' : '#111'};border-radius:${d.radius}px;box-shadow:0 ${d.outer.height * 0.02}px ${d.outer.height * 0.05}px rgba(0,0,0,.35)"></div>` +
        (d.shot
          ? `<img src="${pathToFileURL(d.shot).href}" style="position:absolute;left:${d.screen.x}px;top:${d.screen.y}px;width:${d.screen.width}px;height:${d.screen.height}px;object-fit:cover;border-radius:${d.screenRadius}px">`
          : ''),
    )
    .join('');
  const text = s.text
    .flatMap((t) =>
      t.lines.map(
        (l) =>
          `<div style="position:absolute;left:${l.x}px;top:${l.baseline - t.size}px;width:${l.width + t.size}px;font:${t.weight} ${t.size}px/${t.size * 1.2}px ${fam(t.font)};color:${t.color};white-space:nowrap;direction:${s.rtl ? 'rtl' : 'ltr'}">${l.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</div>`,
      ),
    )
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${faces}html,body{margin:0}body{width:${s.width}px;height:${s.height}px;position:relative;overflow:hidden;background:linear-gradient(${s.background.angle}deg,${s.background.colors.join(',')})}</style></head><body>${dev}${text}</body></html>`;
}

function treeStats(rootPid) {
  // Every process of the browser (its children share its process group via the launcher): sum of RSS and CPU.
  let rss = 0;
  let cpu = 0;
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  const parent = new Map();
  for (const p of pids) {
    try {
      const st = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(p), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) * tick });
    } catch {
      /* gone */
    }
  }
  const inTree = (p) => {
    for (let q = p, n = 0; q && n < 50; q = parent.get(q)?.ppid, n++) if (q === rootPid) return true;
    return false;
  };
  for (const [p, v] of parent) {
    if (!inTree(p)) continue;
    cpu += v.cpu;
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) rss += Number(m[1]) / 1024;
    } catch {
      /* gone */
    }
  }
  return { rss, cpu };
}

async function measureChromium(specs, runs) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const dir = mkdtempSync(path.join(work, 'chromium-'));
  const files = specs.map((s, i) => {
    const f = path.join(dir, `${i}.html`);
    writeFileSync(f, html(s));
    return f;
  });
  const browserPid = findChromiumPid();
  const shoot = async (i, out) => {
    await page.setViewportSize({ width: specs[i].width, height: specs[i].height });
    await page.goto(pathToFileURL(files[i]).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    return page.screenshot({ type: 'png', path: out, fullPage: false });
  };
  // Warm: the browser is up and has drawn each kind of slide once before timing.
  for (let i = 0; i < Math.min(3, specs.length); i++) await shoot(i, path.join(dir, 'warm.png'));
  const xs = [];
  const cpus = [];
  let peak = 0;
  let bytes = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeStats(browserPid).rss)), 250);
  for (let r = 0; r < runs; r++) {
    const c0 = treeStats(browserPid).cpu;
    const t = performance.now();
    bytes = 0;
    for (let i = 0; i < specs.length; i++) bytes += (await shoot(i, path.join(dir, `${i}.png`))).length;
    xs.push((performance.now() - t) / specs.length);
    cpus.push((treeStats(browserPid).cpu - c0) / specs.length);
  }
  clearInterval(sampler);
  await browser.close();
  return { ms: median(xs), cpu: median(cpus), bytes: bytes / specs.length, rssMB: peak, runs, images: specs.length };
}

function findChromiumPid() {
  // The newest chromium process whose parent is this node process.
  for (const p of readdirSync('/proc')
    .filter((x) => /^\d+$/.test(x))
    .map(Number)
    .sort((a, b) => b - a)) {
    try {
      const st = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && /chrom/i.test(readFileSync(`/proc/${p}/cmdline`, 'utf8'))) return p;
    } catch {
      /* gone */
    }
  }
  return process.pid;
}

// --- (c) ImageMagick -----------------------------------------------------------------------
function magickArgs(s, out) {
  const q = (v) => `'${String(v).replace(/'/g, "'\\''")}'`;
  const a = [
    MAGICK,
    '-size',
    `${s.width}x${s.height}`,
    '-define',
    `gradient:angle=${s.background.angle}`,
    q(`gradient:${s.background.colors[0]}-${s.background.colors.at(-1)}`),
  ];
  for (const d of s.devices) {
    const o = d.outer;
    a.push(
      '-fill',
      d.color === 'white' ? "'#f5f5f7'" : "'#111111'",
      '-draw',
      q(
        `roundrectangle ${o.x.toFixed(0)},${o.y.toFixed(0)} ${(o.x + o.width).toFixed(0)},${(o.y + o.height).toFixed(0)} ${d.radius.toFixed(0)},${d.radius.toFixed(0)}`,
      ),
    );
    if (d.shot) {
      const w = Math.round(d.screen.width);
      const h = Math.round(d.screen.height);
      const r = Math.round(d.screenRadius);
      // The screenshot, resized to the screen and given rounded corners with a mask: frameit's steps.
      a.push(
        '\\(',
        q(d.shot),
        '-resize',
        `${w}x${h}^`,
        '-gravity',
        'center',
        '-extent',
        `${w}x${h}`,
        '-gravity',
        'northwest',
        '\\(',
        '-size',
        `${w}x${h}`,
        'xc:black',
        '-fill',
        'white',
        '-draw',
        q(`roundrectangle 0,0 ${w - 1},${h - 1} ${r},${r}`),
        '\\)',
        '-alpha',
        'off',
        '-compose',
        'CopyOpacity',
        '-composite',
        '\\)',
        '-geometry',
        `+${Math.round(d.screen.x)}+${Math.round(d.screen.y)}`,
        '-compose',
        'over',
        '-composite',
      );
    }
  }
  for (const t of s.text) {
    a.push('-font', q(t.font), '-pointsize', (t.size * 0.75).toFixed(1), '-density', '96', '-fill', q(t.color));
    for (const l of t.lines) a.push('-annotate', `+${Math.round(l.x)}+${Math.round(l.baseline)}`, q(l.text));
  }
  // -quality 60: zlib level 6, no filtering: storeshots' PNG settings.
  a.push('-density', '72', '-quality', '60', q(`PNG24:${out}`));
  return a.join(' ');
}

function measureMagick(specs, runs) {
  const dir = mkdtempSync(path.join(work, 'magick-'));
  const script = path.join(dir, 'run.sh');
  writeFileSync(script, `set -e\n${specs.map((s, i) => magickArgs(s, path.join(dir, `${i}.png`))).join('\n')}\n`);
  const xs = [];
  const cpus = [];
  let rss = 0;
  for (let r = 0; r < runs; r++) {
    log(`bench: ImageMagick (${r + 1}/${runs}), ${specs.length} images, load ${load()}`);
    const t = timed('/bin/sh', [script], dir);
    xs.push(t.wall / specs.length);
    cpus.push(t.cpu / specs.length);
    rss = Math.max(rss, t.rssMB);
  }
  return { ms: median(xs), cpu: median(cpus), bytes: outputBytes(dir), rssMB: rss, runs, images: specs.length };
}

// --- run it all ----------------------------------------------------------------------------
const started = new Date();
const loadBefore = load();
const results = {};

async function measureSet(name, dir, o) {
  const specs = await lib.slides(path.join(dir, 'screenshots.yml'), dir);
  log(`bench: ${name}: ${specs.length} images`);
  const res = { images: specs.length, storeshots: measureStoreshots(dir, specs.length, o.runs, o.jobs1, o.only2) };
  if (o.only2) return res;
  // The outputs of the last storeshots run feed the floor's encoder.
  const floorSpecs =
    o.floorSample && o.floorSample < specs.length
      ? await lib.slides(path.join(dir, 'screenshots.yml'), dir, o.floorSample)
      : specs;
  log(`bench: floor (sharp decode + encode), ${floorSpecs.length} images`);
  res.floor = await measureFloor(dir, floorSpecs, o.runs);
  if (existsSync(CHROMIUM)) {
    const cs = o.chromiumSample ? await lib.slides(path.join(dir, 'screenshots.yml'), dir, o.chromiumSample) : specs;
    log(`bench: Chromium, ${cs.length} images x ${o.runs}, load ${load()}`);
    res.chromium = await measureChromium(cs, o.runs);
  }
  if (existsSync(MAGICK) && existsSync(TIME))
    res.magick = measureMagick(await lib.slides(path.join(dir, 'screenshots.yml'), dir, o.magickSample), o.magickRuns);
  return res;
}

results.small = await measureSet('example', small, {
  runs: RUNS,
  jobs1: true,
  magickSample: QUICK ? 4 : 12,
  magickRuns: QUICK ? 1 : 2,
});
if (!NO_LARGE) {
  results.large = await measureSet('large', grownProject('large', 16), {
    runs: 1,
    jobs1: !QUICK,
    floorSample: 120,
    chromiumSample: 48,
    magickSample: QUICK ? 4 : 12,
    magickRuns: 1,
  });
}
if (!NO_HUGE) {
  const presets = ['appstore.iphone_6_9', 'appstore.iphone_6_5', 'appstore.ipad_13', 'play.phone'];
  results.huge = await measureSet('huge', grownProject('huge', 30, presets), { runs: 1, only2: true });
}
const loadAfter = load();

// --- report --------------------------------------------------------------------------------
const f0 = (n) => (n === undefined ? '–' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
const kb = (n) => (n === undefined ? '–' : `${(n / 1024).toFixed(0)} KB`);
const ratio = (a, b) => (a === undefined || b === undefined ? '–' : `${(a / b).toFixed(2)}x`);

function tables(label, r) {
  const s = r.storeshots;
  const one = s['1 worker, cold'];
  const base = one ?? s['2 workers, cold'];
  const lines = [];
  lines.push(`### ${label} (${r.images} images)`, '');
  lines.push(
    '| tool | ms / image (wall) | CPU ms / image | output / image | peak RSS | runs, images |',
    '|---|---:|---:|---:|---:|---|',
  );
  for (const [k, v] of Object.entries(s))
    lines.push(
      `| storeshots, ${k} | ${f0(v.ms)} | ${f0(v.cpu)} | ${kb(v.bytes)} | ${f0(v.rssMB)} MB | ${v.runs} x ${r.images} |`,
    );
  if (r.chromium)
    lines.push(
      `| headless Chromium (warm, one page) | ${f0(r.chromium.ms)} | ${f0(r.chromium.cpu)} | ${kb(r.chromium.bytes)} | ${f0(r.chromium.rssMB)} MB | ${r.chromium.runs} x ${r.chromium.images} |`,
    );
  if (r.magick)
    lines.push(
      `| ImageMagick 6 convert | ${f0(r.magick.ms)} | ${f0(r.magick.cpu)} | ${kb(r.magick.bytes)} | ${f0(r.magick.rssMB)} MB | ${r.magick.runs} x ${r.magick.images} |`,
    );
  lines.push(
    `| floor: sharp decode + encode only | ${f0(r.floor.ms)} | ${f0(r.floor.cpu)} | ${kb(r.floor.bytes)} | ${f0(r.floor.rssMB)} MB (bench process) | ${r.floor.runs} x ${r.floor.images} |`,
    '',
  );
  lines.push(`Ratios (storeshots ${one ? '1 worker' : '2 workers'}, cold, per image; wall / CPU):`, '');
  lines.push('| against | wall | CPU |', '|---|---:|---:|');
  if (r.chromium)
    lines.push(`| headless Chromium | ${ratio(base.ms, r.chromium.ms)} | ${ratio(base.cpu, r.chromium.cpu)} |`);
  if (r.magick) lines.push(`| ImageMagick | ${ratio(base.ms, r.magick.ms)} | ${ratio(base.cpu, r.magick.cpu)} |`);
  lines.push(`| floor | ${ratio(base.ms, r.floor.ms)} | ${ratio(base.cpu, r.floor.cpu)} |`);
  const two = s['2 workers, cold'];
  if (one && two) lines.push(`| 1 worker / 2 workers (speed-up) | ${ratio(one.ms, two.ms)} | – |`);
  const cached = s['2 workers, nothing changed (cached)'];
  const filling = s['2 workers, cold, filling the cache'];
  if (cached && filling)
    lines.push(`| cached re-run / cold run | ${((100 * cached.ms) / filling.ms).toFixed(1)}% | – |`);
  lines.push('');
  return lines.join('\n');
}

function hugeTable(r) {
  const lines = [
    `### The 1,200-image set: 30 locales x 4 presets x 10 slides (${r.images} images, storeshots only)`,
    '',
  ];
  lines.push(
    '| run | total s (wall) | ms / image (wall) | CPU ms / image | output / image | peak RSS |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const [k, v] of Object.entries(r.storeshots))
    lines.push(
      `| storeshots, ${k} | ${((v.ms * r.images) / 1000).toFixed(1)} | ${f0(v.ms)} | ${f0(v.cpu)} | ${kb(v.bytes)} | ${f0(v.rssMB)} MB |`,
    );
  lines.push('');
  return lines.join('\n');
}

function verdicts() {
  const L = results.large ?? results.small;
  const S = results.small;
  const row = (target, value, ok) =>
    `| ${target} | ${value} | ${ok === undefined ? 'not measured' : ok ? 'met' : 'NOT met'} |`;
  const base = (r) => r.storeshots['1 worker, cold'] ?? r.storeshots['2 workers, cold'];
  const out = ['| target | measured | |', '|---|---|---|'];
  for (const [name, r] of [
    ['example', S],
    ['large', results.large],
  ]) {
    if (!r) continue;
    const b = base(r);
    if (r.chromium)
      out.push(
        row(
          `${name}: per image <= 0.25x headless Chromium`,
          `${ratio(b.ms, r.chromium.ms)} wall, ${ratio(b.cpu, r.chromium.cpu)} CPU`,
          b.ms <= 0.25 * r.chromium.ms,
        ),
      );
    if (r.magick)
      out.push(
        row(
          `${name}: per image <= 0.05x ImageMagick`,
          `${ratio(b.ms, r.magick.ms)} wall, ${ratio(b.cpu, r.magick.cpu)} CPU`,
          b.ms <= 0.05 * r.magick.ms,
        ),
      );
    out.push(
      row(
        `${name}: per image within 1.3x of the floor`,
        `${ratio(b.ms, r.floor.ms)} wall, ${ratio(b.cpu, r.floor.cpu)} CPU`,
        b.ms <= 1.3 * r.floor.ms,
      ),
    );
  }
  const one = L.storeshots['1 worker, cold'];
  const two = L.storeshots['2 workers, cold'];
  out.push(
    row(
      '2 workers >= 1.8x faster than 1',
      one && two ? ratio(one.ms, two.ms) : '–',
      one && two ? one.ms / two.ms >= 1.8 : undefined,
    ),
  );
  const c = L.storeshots['2 workers, nothing changed (cached)'];
  const cold = L.storeshots['2 workers, cold, filling the cache'];
  out.push(row('cached re-run <= 5% of a cold run', `${((100 * c.ms) / cold.ms).toFixed(1)}%`, c.ms <= 0.05 * cold.ms));
  const H = results.huge;
  if (H) {
    const h = H.storeshots['2 workers, cold'];
    const secs = (h.ms * H.images) / 1000;
    out.push(row(`${H.images} images cold, no cache, 2 workers, in <= 75 s`, `${secs.toFixed(1)} s`, secs <= 75));
    out.push(row(`peak RSS <= 600 MB for ${H.images} images (2 workers)`, `${f0(h.rssMB)} MB`, h.rssMB <= 600));
  } else {
    const rss = Math.max(two.rssMB, cold.rssMB);
    out.push(row(`peak RSS <= 600 MB for ${L.images} images (2 workers)`, `${f0(rss)} MB`, rss <= 600));
  }
  return out.join('\n');
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine =
  `${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}; ` +
  `Chromium ${existsSync(CHROMIUM) ? spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim().split('\n').pop() : 'absent'}; ` +
  `${existsSync(MAGICK) ? spawnSync(MAGICK, ['-version'], { encoding: 'utf8' }).stdout.split('\n')[0].replace('Version: ', '') : 'ImageMagick absent'}`;
const md = [
  '<!-- bench:start (written by `npm run bench`; edit the text outside these markers) -->',
  `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC${QUICK ? ' (--quick: one run each)' : ''} on ${machine}.`,
  `Load average (1, 5, 15 min) ${loadBefore} before and ${loadAfter} after: other work shared the machine, so CPU ms (user + system of every process involved) are the steadier comparison.`,
  '',
  '#### Targets',
  '',
  verdicts(),
  '',
  tables('The example project', results.small),
  results.large ? tables('Large set: the example at 16 locales x 3 presets x 10 slides', results.large) : '',
  results.huge ? hugeTable(results.huge) : '',
  missing.length ? `Not measured: ${missing.join('; ')}.\n` : '',
  '<!-- bench:end -->',
].join('\n');

process.stdout.write(`${md}\n`);
const current = existsSync(OUT_MD)
  ? readFileSync(OUT_MD, 'utf8')
  : '# Benchmarks\n\n## Rendering speed (bench/run.mjs)\n\n<!-- bench:start --><!-- bench:end -->\n';
const next = /<!-- bench:start[\s\S]*?<!-- bench:end -->/.test(current)
  ? current.replace(/<!-- bench:start[\s\S]*?<!-- bench:end -->/, () => md)
  : `${current.trimEnd()}\n\n## Rendering speed (bench/run.mjs)\n\n${md}\n`;
writeFileSync(OUT_MD, next);
log(`bench: wrote ${path.relative(process.cwd(), OUT_MD)}; temporary files in ${work}`);
rmSync(work, { recursive: true, force: true });
