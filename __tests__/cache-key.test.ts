// The render cache key: it changes when any input of an image changes (each tried in turn) and
// not otherwise (a touched file, a moved project, a renamed slide, another output path).
import { appendFileSync, cpSync, mkdtempSync, utimesSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../src/project.js';
import type { Job, Plan } from '../src/plan/types.js';
import { mergeStyle } from '../src/plan/plan.js';
import { cacheKey, FileHasher } from '../src/render/cache.js';
import type { SetFacts } from '../src/render/layout.js';
import { SMALL_MANIFEST, smallProject, type SmallProject } from './helpers/small-project.js';

let p: SmallProject;
let plan: Plan;
const facts: SetFacts = { headlineSize: 40, subtitleSize: 20, textHeight: 120 };

const job = (id: string, pl = plan) => pl.all.find((j) => j.id === id)!;
const setOf = (j: Job, pl = plan) => pl.all.filter((o) => o.set === j.set);
/** A fresh hasher each time: what a new run (or a new CI checkout) sees. */
const key = (j: Job, o: { setJobs?: Job[]; facts?: SetFacts; renderer?: string } = {}) =>
  cacheKey({
    job: j,
    setJobs: o.setJobs ?? setOf(j),
    facts: o.facts ?? facts,
    files: new FileHasher(),
    renderer: o.renderer ?? 'r1',
  });
const load = (dir: string) => loadProject({ config: path.join(dir, 'screenshots.yml'), cwd: dir }).plan;

beforeAll(() => {
  p = smallProject();
  plan = load(p.dir);
});

describe('the render cache key', () => {
  it('is stable for the same inputs', () => {
    const j = job('de-DE/play.phone/home');
    expect(key(j)).toBe(key(j));
    expect(key(j)).toMatch(/^[0-9a-f]{64}$/);
    expect(key(job('en-US/play.phone/home'))).not.toBe(key(j));
  });

  it('changes with the screenshot bytes, not with its mtime or where the project lives', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-key-'));
    cpSync(p.dir, dir, { recursive: true });
    const j = job('en-US/play.phone/stats', load(dir));
    const before = key(j);
    // A moved project (another absolute path, as on another runner) and a fresh mtime, same bytes.
    utimesSync(j.screenshot!, new Date(), new Date(Date.now() + 60_000));
    expect(key(j)).toBe(key(job('en-US/play.phone/stats')));
    expect(key(j)).toBe(before);
    appendFileSync(j.screenshot!, Buffer.from([0]));
    expect(key(j)).not.toBe(before);
  });

  it('changes with the second screenshot', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-key-'));
    const a = path.join(dir, 'a.png');
    const b = path.join(dir, 'b.png');
    copyFileSync(job('en-US/play.phone/home').screenshot!, a);
    copyFileSync(job('en-US/play.phone/stats').screenshot!, b);
    const j = job('en-US/play.phone/home');
    const withA = key({ ...j, secondScreenshot: a });
    expect(withA).not.toBe(key(j));
    expect(key({ ...j, secondScreenshot: b })).not.toBe(withA);
  });

  it('changes with the headline and the subtitle text', () => {
    const j = job('en-US/play.phone/home');
    expect(key({ ...j, headline: { ...j.headline!, text: 'Track every habits' } })).not.toBe(key(j));
    expect(key({ ...j, subtitle: { ...j.subtitle!, text: 'Streaks and charts' } })).not.toBe(key(j));
  });

  it('changes with the resolved style and the theme', () => {
    const j = job('en-US/play.phone/home');
    expect(key({ ...j, style: mergeStyle(j.style, { headline: { color: '#fffffe' } }) })).not.toBe(key(j));
    expect(key({ ...j, style: mergeStyle(j.style, { device: { color: 'white' } }) })).not.toBe(key(j));
    expect(key({ ...j, style: mergeStyle(j.style, { background: { angle: 181 } }) })).not.toBe(key(j));
    expect(key({ ...j, theme: 'midnight' })).not.toBe(key(j));
  });

  it('changes with the bytes of the fonts and of files the style names (a background image)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-key-'));
    cpSync(p.dir, dir, { recursive: true });
    const pl = load(dir);
    const home = job('en-US/play.phone/home', pl);
    const photo = job('en-US/play.phone/photo', pl);
    const [h0, p0] = [key(home), key(photo)];
    appendFileSync(path.join(dir, 'fonts/Inter.var.ttf'), Buffer.from([0]));
    expect(key(home)).not.toBe(h0);
    const [h1, p1] = [key(home), key(photo)];
    expect(p1).not.toBe(p0);
    appendFileSync(path.join(dir, 'backgrounds/dusk.jpg'), Buffer.from([0]));
    expect(key(photo)).not.toBe(p1);
    // The home slide shows no background image: its key stays.
    expect(key(home)).toBe(h1);
  });

  it('changes with the size, the format and (for JPEG) the quality', () => {
    const j = job('en-US/play.phone/home');
    expect(key({ ...j, size: { width: 1080, height: 1920 } })).not.toBe(key(j));
    const jpeg = { ...j, output: { ...j.output, format: 'jpeg' as const } };
    expect(key(jpeg)).not.toBe(key(j));
    expect(key({ ...jpeg, output: { ...jpeg.output, quality: 80 } })).not.toBe(key(jpeg));
    // PNG has no quality: changing it redraws nothing.
    expect(key({ ...j, output: { ...j.output, quality: 80 } })).toBe(key(j));
  });

  it('changes with the renderer, the locale and the set-locked type size', () => {
    const j = job('en-US/play.phone/home');
    expect(key(j, { renderer: 'r2' })).not.toBe(key(j));
    expect(key({ ...j, locale: 'en-GB' })).not.toBe(key(j));
    expect(key({ ...j, rtl: true })).not.toBe(key(j));
    expect(key(j, { facts: { ...facts, headlineSize: 39 } })).not.toBe(key(j));
    expect(key(j, { facts: { ...facts, textHeight: 121 } })).not.toBe(key(j));
  });

  it('changes with the neighbours only for a panoramic background', () => {
    const set = setOf(job('en-US/play.phone/home'));
    const pano = set.map((j) => ({ ...j, style: mergeStyle(j.style, { background: { panoramic: true } }) }));
    const edited = pano.map((j) => (j.slide === 'stats' ? { ...j, headline: { ...j.headline!, text: 'Another' } } : j));
    expect(key(pano[0]!, { setJobs: edited })).not.toBe(key(pano[0]!, { setJobs: pano }));
    // Slide 3 is not next to slide 1: editing it leaves slide 1 alone.
    const far = pano.map((j) => (j.slide === 'photo' ? { ...j, headline: { ...j.headline!, text: 'Another' } } : j));
    expect(key(pano[0]!, { setJobs: far })).toBe(key(pano[0]!, { setJobs: pano }));
    // Without panoramic, the neighbours do not enter the key.
    const plain = set.map((j) => (j.slide === 'stats' ? { ...j, headline: { ...j.headline!, text: 'Another' } } : j));
    expect(key(set[0]!, { setJobs: plain })).toBe(key(set[0]!, { setJobs: set }));
  });

  it('changes with the app name on the feature graphic (which shows it), not on screenshots', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-key-'));
    cpSync(p.dir, dir, { recursive: true });
    const manifest = path.join(dir, 'screenshots.yml');
    const write = (name: string) => {
      writeFileSync(
        manifest,
        SMALL_MANIFEST.replace('app: { name: Habitual }', `app: { name: ${name} }`).replace(
          '  - { id: play.phone, size: 540x960 }',
          '  - { id: play.phone, size: 540x960 }\n  - play.feature_graphic',
        ),
      );
      return load(dir);
    };
    const before = write('Habitual');
    const after = write('Habitually');
    const feature = (pl: Plan) => pl.all.find((j) => j.id === 'en-US/play.feature_graphic/feature-graphic')!;
    expect(feature(before).appName).toBe('Habitual');
    expect(feature(after).appName).toBe('Habitually');
    expect(key(feature(after), { setJobs: [feature(after)] })).not.toBe(
      key(feature(before), { setJobs: [feature(before)] }),
    );
    const home = (pl: Plan) => job('en-US/play.phone/home', pl);
    expect(key(home(after), { setJobs: setOf(home(after), after) })).toBe(
      key(home(before), { setJobs: setOf(home(before), before) }),
    );
  });

  it('does not change with what does not reach the pixels', () => {
    const j = job('de-DE/play.phone/home');
    expect(key({ ...j, slide: 'start', id: 'de-DE/play.phone/start' })).toBe(key(j));
    expect(
      key({
        ...j,
        output: { ...j.output, path: 'fastlane/metadata/android/de-DE/images/phoneScreenshots/01_home.png' },
      }),
    ).toBe(key(j));
    expect(key({ ...j, headline: { ...j.headline!, origin: 'strings', key: 'home_title' } })).toBe(key(j));
    expect(key({ ...j, source: { slide: { file: 'x.yml', line: 9, column: 9 }, preset: j.source.preset } })).toBe(
      key(j),
    );
  });

  it('hashes a file again after it is rewritten within one run', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'storeshots-key-'));
    const f = path.join(dir, 'shot.png');
    writeFileSync(f, 'one');
    const files = new FileHasher();
    const a = files.hash(f);
    writeFileSync(f, 'two!');
    expect(files.hash(f)).not.toBe(a);
  });
});
