// Writes docs/templates.png and docs/templates.md: a contact sheet of every layout x every theme
// on the example app (its screenshots, English), so the layouts can be compared at a glance.
// Run by `npm run gallery` after scripts/gallery.mjs (dist/ built first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const sharp = require('sharp');
const { createCanvas, GlobalFonts } = require('@napi-rs/canvas');

const root = path.resolve(import.meta.dirname, '..');
const SHOTS = path.join(root, 'examples/habitual/shots/en-US');
const shot = (device, slide) => JSON.stringify(path.join(SHOTS, device, `${slide}.png`));

/** The columns: a layout, the role it plays in a listing, and the slide that shows it. */
const LAYOUTS = [
  { name: 'text-top', role: 'hook', slide: 'layout: text-top', headline: 'Track every **habit**' },
  { name: 'text-bottom', role: 'feature', slide: 'layout: text-bottom', headline: 'Streaks that **stick**' },
  { name: 'device-only', role: 'feature', slide: 'layout: device-only', shot: 'photo' },
  {
    name: 'full-bleed',
    role: 'feature',
    slide: 'layout: full-bleed',
    headline: 'Capture the **moments**',
    shot: 'photo',
  },
  {
    name: 'two-devices',
    role: 'how-it-works',
    slide: 'layout: two-devices',
    headline: 'Plan, then **track**',
    extra: `second-screenshot: ${shot('android-phone', 'stats')}`,
  },
  {
    name: 'fan',
    role: 'hook',
    slide: 'layout: fan',
    headline: 'All your **habits**',
    extra: `second-screenshot: ${shot('android-phone', 'stats')}\n    third-screenshot: ${shot('android-phone', 'photo')}`,
  },
  {
    name: 'phone-tablet',
    role: 'trust',
    slide: 'layout: phone-tablet',
    headline: 'On every **device**',
    extra: `second-screenshot: ${shot('ipad', 'home')}`,
  },
  { name: 'bleed', role: 'hook', slide: 'device: { bleed: bottom }', headline: 'See your **progress**', shot: 'stats' },
  {
    name: 'feature-list',
    role: 'feature',
    slide: 'layout: feature-list',
    headline: 'Everything in **one place**',
    noShot: true,
    extra: `items:
      - { icon: "🔥", text: Streaks that keep you going }
      - { icon: "⏰", text: Gentle reminders }
      - { icon: "📊", text: Weekly stats and trends }
      - { icon: "☁️", text: Sync across devices }`,
  },
  {
    name: 'stats',
    role: 'proof',
    slide: 'layout: stats',
    headline: 'Loved by **millions**',
    noShot: true,
    extra: `stats:
      - { value: "2M+", label: habits tracked every day }
      - { value: "120", label: countries }
      - { value: "4.8", label: average rating }`,
  },
  {
    name: 'before-after',
    role: 'how-it-works',
    slide: 'layout: before-after',
    headline: 'From chaos to **calm**',
    extra: `second-screenshot: ${shot('android-phone', 'stats')}\n    labels: { before: Before, after: After }`,
  },
  {
    name: 'quote',
    role: 'proof / close',
    slide: 'layout: quote',
    headline: 'What people **say**',
    noShot: true,
    extra: `award: App of the Day
    rating: { stars: 4.8, count: "12,400 ratings" }
    quote: { text: The habit tracker that finally made it stick., source: The Daily Review }`,
  },
];

const themes = readdirSync(path.join(root, 'templates'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(root, 'templates', f), 'utf8')))
  .map((t) => ({ name: t.name, description: t.description }))
  .sort((a, b) => a.name.localeCompare(b.name));

function manifest(theme) {
  const slides = LAYOUTS.map((l) => {
    const lines = [`  - id: ${l.name}`];
    if (l.headline) lines.push(`    headline: "${l.headline}"`);
    if (!l.noShot) lines.push(`    screenshot: ${shot('android-phone', l.shot ?? 'home')}`);
    if (l.extra) lines.push(`    ${l.extra}`);
    lines.push(`    style: { ${l.slide} }`);
    return lines.join('\n');
  });
  return `version: 1
app: { name: Habitual, tagline: Build habits that stick }
locales: [en-US]
presets: [{ id: play.phone, size: 540x960 }, play.feature_graphic]
theme: ${theme}
feature-graphic: { screenshot: ${shot('android-phone', 'home')}, style: { device: { frame: android-phone, tilt: -8 } } }
slides:
${slides.join('\n')}
`;
}

const ROW_H = 300;
const GAP = 12;
const LABEL_W = 130;
const HEAD_H = 44;
const out = mkdtempSync(path.join(tmpdir(), 'storeshots-templates-'));
try {
  GlobalFonts.registerFromPath(path.join(root, 'fonts/Inter.var.ttf'), 'ss-templates');
  const label = async (text, w, h, size = 22, align = 'center') => {
    const c = createCanvas(w, h);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#f4f4f5';
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#18181b';
    ctx.font = `700 ${size}px "ss-templates"`;
    ctx.textAlign = align;
    ctx.fillText(text, align === 'center' ? w / 2 : 8, h / 2 + size * 0.35);
    return c.encode('png');
  };
  const layers = [];
  let width = 0;
  let columns;
  for (const [row, theme] of themes.entries()) {
    const dir = path.join(out, theme.name);
    const file = path.join(out, `${theme.name}.yml`);
    writeFileSync(file, manifest(theme.name));
    // The screenshots are named by absolute paths inside the repository, the working directory.
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'bin/storeshots.js'), 'render', '-c', file, '--out', dir, '--fail-on', 'never'],
      { cwd: root, encoding: 'utf8' },
    );
    // Lint's findings on these sheets (a Play set of 12, the quote's rating on Play) are expected.
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      process.exit(r.status ?? 1);
    }
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    const images = [
      ...LAYOUTS.map((l) => report.images.find((i) => i.slide === l.name && i.preset !== 'play.feature_graphic')),
      report.images.find((i) => i.preset === 'play.feature_graphic'),
    ];
    const top = HEAD_H + GAP + row * (ROW_H + GAP);
    layers.push({ input: await label(theme.name, LABEL_W, ROW_H, 24), left: GAP, top });
    let x = GAP * 2 + LABEL_W;
    const cols = [];
    for (const img of images) {
      const buf = await sharp(path.join(dir, img.path)).resize({ height: ROW_H, kernel: 'lanczos3' }).png().toBuffer();
      const { width: w } = await sharp(buf).metadata();
      layers.push({ input: buf, left: x, top });
      cols.push({ x, w, name: img.preset === 'play.feature_graphic' ? 'feature' : img.slide });
      x += w + GAP;
    }
    columns ??= cols;
    width = Math.max(width, x);
  }
  for (const c of columns) layers.push({ input: await label(c.name, c.w, HEAD_H, 16), left: c.x, top: GAP / 2 });
  const height = HEAD_H + GAP + themes.length * (ROW_H + GAP);
  await sharp({ create: { width, height, channels: 3, background: '#f4f4f5' } })
    .composite(layers)
    .png({ compressionLevel: 9, palette: true, quality: 90 })
    .toFile(path.join(root, 'docs/templates.png'));
  const md = `# Templates: every layout in every theme

<!-- Written by \`npm run gallery\` (scripts/templates.mjs); edit the script, not this page. -->

Every layout (columns) in every built-in theme (rows), on the example app's English
screenshots at a small Play phone size; the last column is the Play feature graphic
(layout \`feature\`). \`text-left\` and \`text-right\` are the landscape forms of \`text-top\` and
\`text-bottom\` (a portrait canvas turns them back), so they have no column of their own. How
each layout is set up: [layouts.md](layouts.md).

![Every layout x every theme](templates.png)

| layout | role in a listing | set it with |
|---|---|---|
${LAYOUTS.map((l) => `| \`${l.name}\` | ${l.role} | \`${l.slide}\`${l.noShot ? ' (no screenshot)' : ''} |`).join('\n')}
| \`feature\` | the feature graphic | \`feature-graphic:\` with preset \`play.feature_graphic\` |

| theme | look |
|---|---|
${themes.map((t) => `| \`${t.name}\` | ${t.description} |`).join('\n')}
`;
  writeFileSync(path.join(root, 'docs/templates.md'), md);
  console.log(
    `docs/templates.png: ${themes.length} theme(s) x ${columns.length} layout(s), ${width}x${height}; docs/templates.md`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
