// Bad input to `storeshots diff`: every case exits 2 with one message that names the file (and
// the field of report.json), no stack trace, nothing read outside the set's folder, and no --out
// folder left behind half-written.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillRect, picture, png, readJson, writeSet } from './helpers/diff-sets.js';
import { runCli } from './helpers/cli.js';
import type { Report } from '../src/report/types.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'storeshots-diff-input-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
let good: string;
let changed: string;
let bytes: Buffer;

/** A copy of the good set with `edit` applied to its report.json (and files, by the caller). */
async function variant(edit: (report: Report, dir: string) => void | Promise<void>): Promise<string> {
  const dir = path.join(tmp, `v${n++}`);
  await writeSet(dir, [
    { locale: 'en-US', preset: 'play.phone', slide: 'home', bytes },
    { locale: 'en-US', preset: 'play.phone', slide: 'stats', bytes: await png(picture(200, 300, 3)) },
  ]);
  const report = readJson<Report>(path.join(dir, 'report.json'));
  await edit(report, dir);
  writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report));
  return dir;
}

beforeAll(async () => {
  bytes = await png(picture(200, 300));
  good = await variant(() => {});
  changed = path.join(tmp, 'changed');
  await writeSet(changed, [
    {
      locale: 'en-US',
      preset: 'play.phone',
      slide: 'home',
      bytes: await png(fillRect(picture(200, 300), 0, 0, 10, 10, [0, 0, 0])),
    },
    { locale: 'en-US', preset: 'play.phone', slide: 'stats', bytes: await png(picture(200, 300, 3)) },
  ]);
});

async function expectBad(args: string[], ...messages: Array<string | RegExp>) {
  const r = await runCli(['diff', ...args], tmp);
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  for (const m of messages) expect(r.stderr).toMatch(m);
  expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/); // no stack trace
  return r;
}

describe('storeshots diff on bad input exits 2 and names the file', () => {
  it('a folder that does not exist', async () => {
    await expectBad([good, path.join(tmp, 'nope')], `HEAD ${path.join(tmp, 'nope')} is not a folder`);
  });

  it('a folder without report.json', async () => {
    const empty = path.join(tmp, 'empty');
    mkdirSync(empty);
    await expectBad([empty, good], `${empty} has no report.json`);
  });

  it('a report.json that is not JSON, or not a storeshots report', async () => {
    const broken = await variant(() => {});
    writeFileSync(path.join(broken, 'report.json'), '{"version": 1, "images": [');
    await expectBad([good, broken], `${path.join(broken, 'report.json')} is not valid JSON`);
    const other = await variant(() => {});
    writeFileSync(path.join(other, 'report.json'), '{"name": "package"}');
    await expectBad([other, good], `${path.join(other, 'report.json')} is not a storeshots report`);
  });

  it('an image record without its identity or sha256', async () => {
    const noLocale = await variant((r) => void delete (r.images[1] as Partial<(typeof r.images)[1]>).locale);
    await expectBad(
      [good, noLocale],
      `${path.join(noLocale, 'report.json')}: Expected a non-empty string for images[1].locale but received nothing`,
    );
    const badSha = await variant((r) => void (r.images[0]!.sha256 = 'abc'));
    await expectBad(
      [badSha, good],
      `${path.join(badSha, 'report.json')}: Expected a sha256 (64 hex digits) for images[0].sha256 but received "abc"`,
    );
  });

  it('a path that leaves the folder, directly or through a symbolic link', async () => {
    const secret = path.join(tmp, 'secret.png');
    writeFileSync(secret, bytes);
    const up = await variant((r) => void (r.images[0]!.path = '../secret.png'));
    await expectBad(
      [good, up],
      `${path.join(up, 'report.json')}: images[0].path "../secret.png" leaves the folder ${up}`,
    );
    const abs = await variant((r) => void (r.images[0]!.path = secret));
    await expectBad([good, abs], `images[0].path ${JSON.stringify(secret)} leaves the folder`);
    const link = await variant((r, dir) => {
      symlinkSync(secret, path.join(dir, 'link.png'));
      r.images[0]!.path = 'link.png';
    });
    await expectBad(
      [good, link],
      `${path.join(link, 'report.json')}: images[0].path "link.png" leads outside the folder ${link} (through a symbolic link)`,
    );
  });

  it('an image listed but missing, or with other bytes than report.json says', async () => {
    const missing = await variant((_r, dir) => rmSync(path.join(dir, 'en-US/play.phone/02-stats.png')));
    await expectBad(
      [good, missing],
      `images[1].path "en-US/play.phone/02-stats.png" is listed but ${path.join(missing, 'en-US/play.phone/02-stats.png')} does not exist`,
    );
    const cut = await variant((_r, dir) =>
      writeFileSync(path.join(dir, 'en-US/play.phone/01-home.png'), bytes.subarray(0, 100)),
    );
    await expectBad(
      [cut, good],
      `${path.join(cut, 'en-US/play.phone/01-home.png')} does not match the sha256 of images[0]`,
    );
  });

  it('an image that cannot be decoded (its sha256 right, its bytes not an image)', async () => {
    const { createHash } = await import('node:crypto');
    const junk = Buffer.from('not a png at all');
    const dir = await variant((r, d) => {
      writeFileSync(path.join(d, 'en-US/play.phone/01-home.png'), junk);
      r.images[0]!.sha256 = createHash('sha256').update(junk).digest('hex');
    });
    const out = path.join(tmp, 'never-decoded');
    await expectBad(
      [good, dir, '--out', out],
      `${path.join(dir, 'en-US/play.phone/01-home.png')} cannot be read as an image`,
    );
    // The staging folder of --out is gone again.
    expect(readdirSync(tmp).filter((f) => f.startsWith('never-decoded'))).toEqual([]);
  });

  it('the same (locale, preset, slide) twice', async () => {
    const dup = await variant((r) => void (r.images[1]!.slide = 'home'));
    await expectBad(
      [dup, good],
      `${path.join(dup, 'report.json')}: images[1] (en-US, play.phone, home) is listed twice (also images[0], en-US/play.phone/01-home.png)`,
    );
  });

  it('--out over a folder that is not an earlier diff, or over an input set; nothing half-written', async () => {
    const busy = path.join(tmp, 'busy');
    mkdirSync(busy);
    writeFileSync(path.join(busy, 'notes.txt'), 'mine');
    await expectBad(
      [good, changed, '--out', busy],
      `--out ${busy} is not empty and holds no diff.json: refusing to replace it`,
    );
    expect(readdirSync(busy)).toEqual(['notes.txt']);
    await expectBad([good, changed, '--out', tmp], `--out ${tmp} would replace the set ${good}`);
    // A diff into a fresh folder works, and again over its own earlier output.
    const out = path.join(tmp, 'diff-out');
    for (let i = 0; i < 2; i++) {
      const r = await runCli(['diff', good, changed, '--out', out], tmp);
      expect(r.code, r.stderr).toBe(1);
      expect(existsSync(path.join(out, 'diff.html'))).toBe(true);
    }
    // A failing diff leaves no staging folder beside --out.
    const bad = await variant((r) => void (r.images[0]!.path = '../secret.png'));
    await expectBad([bad, changed, '--out', path.join(tmp, 'never')], 'leaves the folder');
    expect(readdirSync(tmp).filter((f) => f.startsWith('never') || f.includes('.tmp-'))).toEqual([]);
  });
});
