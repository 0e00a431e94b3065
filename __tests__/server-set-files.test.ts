// Font, strings and theme files in whole-set jobs (docs/render-api.md#whole-set-jobs) against the real
// service on 127.0.0.1: a manifest naming a font file from the repository's fonts/, strings files per
// locale and a theme file, all sent as multipart parts named by the manifest's paths, renders the same
// pixels `storeshots render` renders from the same folder. Hostile files get a clear 4xx naming the
// file and nothing is stored: a "font" that is a PNG, a font with a font's magic and garbage after it,
// a strings file over the CLI's limit, a theme that is not JSON, a path that leaves the job's folder.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { cleanup, KEY, ROOT, SCREEN_PNG, type ServerHandle, startService } from './helpers/server.js';
import { tempDirs } from './helpers/temp.js';
import { waitFor } from './helpers/wait.js';

const tmp = tempDirs('storeshots-set-files-');
const FONT = readFileSync(path.join(ROOT, 'fonts/NotoSansArmenian-Regular.ttf'));

const manifest = (extra: Record<string, unknown> = {}) => ({
  version: 1,
  locales: ['en-US', 'hy-AM'],
  'fallback-locale': 'en-US',
  presets: ['play.phone'],
  screenshots: 'shots/{slide}.png',
  theme: 'brand/theme.json',
  fonts: ['brand/Armenian.ttf'],
  strings: ['l10n/{locale}.json'],
  style: { headline: { font: 'Noto Sans Armenian' } },
  slides: [{ id: 'home', headline: { key: 'home.title' }, subtitle: { key: 'home.subtitle' } }],
  ...extra,
});

/** The files the manifest names, by path: a real font, strings per locale, a theme file, a screenshot. */
const files = () =>
  new Map<string, Buffer>([
    ['shots/home.png', SCREEN_PNG],
    ['brand/Armenian.ttf', FONT],
    ['brand/theme.json', Buffer.from(JSON.stringify({ name: 'brand', style: { background: { color: '#7c2d12' } } }))],
    ['l10n/en-US.json', Buffer.from(JSON.stringify({ home: { title: 'Hello', subtitle: 'Every habit' } }))],
    ['l10n/hy-AM.json', Buffer.from(JSON.stringify({ home: { title: 'Բարեւ', subtitle: 'Ամեն սովորություն' } }))],
  ]);

const without = (...names: string[]) => new Map([...files()].filter(([n]) => !names.includes(n)));

async function postSet(base: string, request: unknown, parts: Map<string, Buffer>) {
  const fd = new FormData();
  fd.set('request', JSON.stringify(request));
  for (const [name, bytes] of parts) fd.set(name, new Blob([new Uint8Array(bytes)]), path.basename(name));
  const res = await fetch(`${base}/v1/sets`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: fd });
  return { status: res.status, body: (await res.json()) as any };
}

const pixels = async (bytes: Buffer) => (await sharp(bytes).ensureAlpha().raw().toBuffer()).toString('base64');

describe('font, strings and theme files in a set job', () => {
  let s: ServerHandle;
  beforeAll(async () => {
    s = await startService({ env: { STORESHOTS_WORKERS: '2' } });
  });
  afterAll(async () => {
    await s?.stop();
    if (s) cleanup(s.data);
  });

  it('renders with the uploaded font, strings and theme: the pixels `storeshots render` makes from the same files', async () => {
    const r = await postSet(s.url, { async: true, layout: 'flat', manifest: manifest() }, files());
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const done = await waitFor(
      async () => {
        const p = await fetch(`${s.url}/v1/sets/${r.body.id}`, { headers: { authorization: `Bearer ${KEY}` } });
        const b = (await p.json()) as any;
        return ['succeeded', 'failed'].includes(b.status) ? b : undefined;
      },
      { timeoutMs: 600_000, intervalMs: 50, what: 'the set to end' },
    );
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');

    // The CLI on a folder holding the same files.
    const dir = tmp();
    writeFileSync(path.join(dir, 'screenshots.yml'), JSON.stringify(manifest(), null, 2));
    for (const [name, bytes] of files()) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), bytes);
    }
    const cli = await runCli(
      ['render', '-c', 'screenshots.yml', '--out', 'out', '--no-cache', '--fail-on', 'never'],
      dir,
    );
    expect(cli.code, cli.stderr).toBe(0);

    const zip = unzipSync(
      new Uint8Array(
        await (await fetch(done.archive_url, { headers: { authorization: `Bearer ${KEY}` } })).arrayBuffer(),
      ),
    );
    expect(Object.keys(zip).sort()).toEqual(['en-US/play.phone/01-home.png', 'hy-AM/play.phone/01-home.png']);
    for (const [name, bytes] of Object.entries(zip))
      expect(await pixels(Buffer.from(bytes)), name).toBe(await pixels(readFileSync(path.join(dir, 'out', name))));
    // The theme's background, and two different texts: the strings were read per locale.
    const [en, hy] = await Promise.all(
      ['en-US', 'hy-AM'].map((l) =>
        sharp(Buffer.from(zip[`${l}/play.phone/01-home.png`]!))
          .raw()
          .toBuffer(),
      ),
    );
    expect([...en!.subarray(0, 3)]).toEqual([0x7c, 0x2d, 0x12]);
    expect(en!.equals(hy!)).toBe(false);
  });

  it('refuses hostile files with a 4xx naming the file, storing nothing', async () => {
    const jobs = () =>
      existsSync(path.join(s.data, 'renders')) ? readdirSync(path.join(s.data, 'renders')).length : 0;
    const before = jobs();
    const cases: Array<[string, Map<string, Buffer>, Record<string, unknown>, number, string, string]> = [
      // A PNG named .ttf: not a font by its bytes.
      [
        'png as font',
        new Map([...files(), ['brand/Armenian.ttf', SCREEN_PNG]]),
        {},
        400,
        'unsupported_font',
        'files["brand/Armenian.ttf"]',
      ],
      // A TrueType header and nothing a font needs after it.
      [
        'truncated font',
        new Map([...files(), ['brand/Armenian.ttf', Buffer.concat([FONT.subarray(0, 12), Buffer.alloc(64)])]]),
        {},
        400,
        'unsupported_font',
        'files["brand/Armenian.ttf"]',
      ],
      [
        'strings over the limit',
        new Map([...files(), ['l10n/hy-AM.json', Buffer.alloc(5 * 1024 * 1024 + 1, 0x20)]]),
        {},
        413,
        'payload_too_large',
        'files["l10n/hy-AM.json"]',
      ],
      [
        'theme not JSON',
        new Map([...files(), ['brand/theme.json', Buffer.from('{nope')]]),
        {},
        400,
        'invalid_request',
        'files["brand/theme.json"]',
      ],
      [
        'font outside the job',
        without('brand/Armenian.ttf'),
        { fonts: ['../Armenian.ttf'] },
        400,
        'invalid_request',
        'manifest.fonts[0]',
      ],
      [
        'strings outside the job',
        without('l10n/en-US.json', 'l10n/hy-AM.json'),
        { strings: ['/etc/{locale}.json'] },
        400,
        'invalid_request',
        'manifest.strings[0]',
      ],
      [
        'theme outside the job',
        without('brand/theme.json'),
        { theme: '../../theme.json' },
        400,
        'invalid_request',
        'manifest.theme',
      ],
    ];
    for (const [what, parts, extra, status, code, param] of cases) {
      const r = await postSet(s.url, { manifest: manifest(extra) }, parts);
      expect([r.status, r.body.error?.code, r.body.error?.param], `${what}: ${JSON.stringify(r.body)}`).toEqual([
        status,
        code,
        param,
      ]);
      expect(r.body.error.message).not.toMatch(/\/tmp|storeshots-|node_modules|at .*\.ts/);
    }
    expect(jobs()).toBe(before);
  });
});
