// Issue #21, as numbers: the clean status bar's geometry per platform and in RTL, call-out
// placement (mapped through the device's screen, mirrored in RTL), text colour auto (the plan marks
// it, the renderer picks by contrast) and validate's call-out region check with file:line:column.
import { mkdtempSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../src/project.js';
import { calloutProblems } from '../src/plan/callout-check.js';
import { layoutJob, loadBreakData, setFacts } from '../src/render/index.js';
import { createMeasurer } from '../src/render/measure.js';
import { layoutCallouts } from '../src/render/callout.js';
import { statusBarLayout } from '../src/render/statusbar.js';
import { autoColour } from '../src/render/text-colour.js';
import { withAutoTextColours } from '../src/plan/text-colour.js';
import { UserError } from '../src/util/errors.js';
import type { Job } from '../src/plan/types.js';
import { examplePlan, variant } from './fixtures/render/jobs.js';
import { ROOT } from './helpers/root.js';

const tm = createMeasurer();
beforeAll(() => loadBreakData(['en-US', 'ar', 'de-DE', 'ja']));
const r1 = (b: { x: number; y: number; width: number; height: number }) => ({
  x: Math.round(b.x * 10) / 10,
  y: Math.round(b.y * 10) / 10,
  width: Math.round(b.width * 10) / 10,
  height: Math.round(b.height * 10) / 10,
});

describe('clean status bar geometry', () => {
  it('an iPhone with the Dynamic Island: 54 pt at @3x, time and icons centred in the two ears', () => {
    const l = statusBarLayout('iphone-island', { width: 1320, height: 2868 }, false)!;
    expect(l.scale).toBe(3);
    expect(l.bar).toEqual({ x: 0, y: 0, width: 1320, height: 162 });
    // Ears: (440 - 126) / 2 = 157 pt; time centred at 157/2 + 4 = 82.5 pt.
    expect(l.time).toMatchObject({ text: '9:41', x: 247.5, align: 'center', size: 51 });
    expect(l.time.baseline).toBeCloseTo((29.5 + 17 * 0.36) * 3, 5);
    expect(l.icons.map((i) => i.kind)).toEqual(['signal', 'wifi', 'battery']);
    // Icon cluster (18 + 6 + 17 + 6 + 27 = 74 pt) centred at 440 - 82.5 = 357.5 pt.
    expect(r1(l.icons[0]!.box)).toEqual({ x: (357.5 - 37) * 3, y: (29.5 - 6) * 3, width: 54, height: 36 });
    expect(l.icons[2]!.box.x + l.icons[2]!.box.width).toBeCloseTo((357.5 + 37) * 3, 5);
  });

  it('mirrors in right-to-left locales: the time on the right, the icons on the left', () => {
    const ltr = statusBarLayout('iphone-island', { width: 1320, height: 2868 }, false)!;
    const rtl = statusBarLayout('iphone-island', { width: 1320, height: 2868 }, true)!;
    expect(rtl.time.x).toBeCloseTo(1320 - ltr.time.x, 5);
    const span = (l: typeof ltr) => [l.icons[0]!.box.x, l.icons[2]!.box.x + l.icons[2]!.box.width];
    const [a, b] = span(ltr);
    expect(span(rtl)[0]).toBeCloseTo(1320 - b!, 5);
    expect(span(rtl)[1]).toBeCloseTo(1320 - a!, 5);
    // Icons keep their own order, left to right, as iOS draws them mirrored: battery first.
    expect(rtl.icons.map((i) => i.kind)).toEqual(['battery', 'wifi', 'signal']);
  });

  it('per platform and scale: notch 47 pt, home button 20 pt at @2x, iPad 24 pt @2x, Android 24 dp', () => {
    expect(statusBarLayout('iphone-notch', { width: 1170, height: 2532 }, false)!.bar.height).toBe(141);
    expect(statusBarLayout('iphone-home', { width: 750, height: 1334 }, false)!.bar.height).toBe(40);
    expect(statusBarLayout('ipad', { width: 2064, height: 2752 }, false)!.bar.height).toBe(48);
    const a = statusBarLayout('android-phone', { width: 1080, height: 2400 }, false)!;
    expect(a.scale).toBe(2.62);
    expect(a.bar.height).toBeCloseTo(24 * 2.62, 5);
    expect(a.time).toMatchObject({ x: 16 * 2.62, align: 'left' });
    expect(a.icons.map((i) => i.kind)).toEqual(['wifi', 'signal', 'battery']);
    expect(a.icons[2]!.box.x + a.icons[2]!.box.width).toBeCloseTo(1080 - 16 * 2.62, 5);
    const ar = statusBarLayout('android-phone', { width: 1080, height: 2400 }, true)!;
    expect(ar.time).toMatchObject({ x: 1080 - 16 * 2.62, align: 'right' });
    // A landscape iPhone shows no status bar; a Mac has none to clean.
    expect(statusBarLayout('iphone-island', { width: 2868, height: 1320 }, false)).toBeUndefined();
    expect(statusBarLayout('mac', { width: 2880, height: 1800 }, false)).toBeUndefined();
  });
});

function laid(job: Job, shot = { width: 1320, height: 2868 }) {
  const jobs = examplePlan().all.filter((j) => j.set === job.set);
  const facts = setFacts(jobs, tm);
  return layoutJob({ job, facts, measurer: tm, shots: { primary: shot } });
}

describe('call-out layout', () => {
  const region = { x: 60, y: 1116, width: 1200, height: 164 };

  it("maps the region through the device's screen and lifts a card over it", () => {
    const job = variant('en-US/appstore.iphone_6_9/home', {
      callouts: [{ ...region, shape: 'card', position: 'over', scale: 1.12 }],
    });
    const l = laid(job);
    const [c] = layoutCallouts(job, l, { width: 1320, height: 2868 });
    const s = l.devices[0]!.screen;
    const k = Math.max(s.width / 1320, s.height / 2868);
    expect(c!.region.x).toBeCloseTo(s.x + (s.width - 1320 * k) / 2 + 60 * k, 5);
    expect(c!.region.y).toBeCloseTo(s.y + (s.height - 2868 * k) / 2 + 1116 * k, 5);
    expect(c!.region.width).toBeCloseTo(1200 * k, 5);
    expect(c!.box.width).toBeCloseTo(1200 * k * 1.12, 5);
    expect(c!.box.height).toBeCloseTo(164 * k * 1.12, 5);
    // Over: centred on the region, no connector.
    expect(c!.box.x + c!.box.width / 2).toBeCloseTo(c!.anchor.x, 5);
    expect(c!.box.y + c!.box.height / 2).toBeCloseTo(c!.anchor.y, 5);
    expect(c!.connector).toBeUndefined();
    expect(c!.radius).toBeCloseTo(c!.box.height * 0.12, 5);
  });

  it('a bubble sits at the end side, its far edge a quarter padding from the canvas edge, mirrored in RTL', () => {
    const bubble = { x: 360, y: 450, width: 600, height: 600, scale: 1.2 };
    const en = variant('en-US/appstore.iphone_6_9/home', { callouts: [bubble] });
    // The same slide laid out right to left.
    const ar = { ...en, rtl: true };
    const le = laid(en);
    const la = laid(ar);
    const [ce] = layoutCallouts(en, le, { width: 1320, height: 2868 });
    const [ca] = layoutCallouts(ar, la, { width: 1320, height: 2868 });
    const margin = (1320 - le.safe.width) / 4;
    expect(ce!.side).toBe('right');
    expect(ce!.box.x + ce!.box.width).toBeCloseTo(1320 - margin, 5);
    expect(ce!.box.width).toBeCloseTo(ce!.box.height, 5); // round
    expect(ce!.radius).toBeCloseTo(ce!.box.width / 2, 5);
    expect(ca!.side).toBe('left');
    expect(ca!.box.x).toBeCloseTo(margin, 5);
    expect(ca!.box.width).toBeCloseTo(ce!.box.width, 5);
    // The call-out's own vertical place is the region's, kept inside the safe area.
    expect(ce!.box.y + ce!.box.height / 2).toBeCloseTo(ce!.anchor.y, 5);
  });

  it('draws a connector from the region to a call-out beside it, and follows a tilted device', () => {
    const small = { x: 100, y: 1500, width: 200, height: 200, scale: 1.5, position: 'right' as const };
    const job = variant('en-US/appstore.iphone_6_9/home', { callouts: [small] }, { device: { tilt: 10 } });
    const l = laid(job);
    const [c] = layoutCallouts(job, l, { width: 1320, height: 2868 });
    expect(c!.side).toBe('right');
    expect(c!.connector).toBeDefined();
    const [from, to] = c!.connector!;
    // The connector leaves the ring towards the call-out and ends on the call-out's outline.
    expect(from.x).toBeGreaterThan(c!.anchor.x);
    expect(Math.hypot(to.x - (c!.box.x + c!.box.width / 2), to.y - (c!.box.y + c!.box.height / 2))).toBeCloseTo(
      c!.box.width / 2,
      5,
    );
    // Tilted 10 degrees about the device's centre: the anchor moved off the unrotated region's centre.
    const o = l.devices[0]!.outer;
    const cx = o.x + o.width / 2;
    const cy = o.y + o.height / 2;
    const px = c!.region.x + c!.region.width / 2 - cx;
    const py = c!.region.y + c!.region.height / 2 - cy;
    const a = (10 * Math.PI) / 180;
    expect(c!.anchor.x).toBeCloseTo(cx + px * Math.cos(a) - py * Math.sin(a), 5);
    expect(c!.anchor.y).toBeCloseTo(cy + px * Math.sin(a) + py * Math.cos(a), 5);
  });

  it('shrinks a call-out that would not fit to the safe width, and refuses a region outside the screenshot', () => {
    const job = variant('en-US/appstore.iphone_6_9/home', {
      callouts: [{ x: 0, y: 0, width: 1320, height: 300, shape: 'card', scale: 3 }],
    });
    const l = laid(job);
    const [c] = layoutCallouts(job, l, { width: 1320, height: 2868 });
    expect(c!.box.width).toBeCloseTo(l.safe.width * 0.92, 5);
    const bad = variant('en-US/appstore.iphone_6_9/home', { callouts: [{ x: 100, y: 2800, width: 100, height: 100 }] });
    expect(() => layoutCallouts(bad, laid(bad), { width: 1320, height: 2868 })).toThrow(
      /call-out region 100,2800 100x100 reaches outside the 1320x2868 screenshot \(y \+ height = 2900 > 2868\)/,
    );
  });
});

describe('text colour auto', () => {
  it('marks a text auto where a layer above the theme changes the background but not its colour', () => {
    const theme = { headline: { color: '#111827' }, subtitle: { color: '#4b5563' }, background: { color: '#fbfaf7' } };
    const slide = { background: { gradient: ['#111827', '#4338ca'] } };
    const merged = withAutoTextColours({ ...theme, ...slide }, [theme, undefined, slide]);
    expect(merged.headline).toEqual({ color: 'auto', 'auto-prefer': '#111827' });
    // A layer that sets the colour too keeps it.
    const own = { ...slide, headline: { color: '#ffffff' } };
    expect(withAutoTextColours({ ...theme, ...own }, [theme, own]).headline).toEqual({ color: '#ffffff' });
    // The theme's own background is the theme's choice: not auto.
    expect(withAutoTextColours(theme, [theme]).headline).toEqual({ color: '#111827' });
  });

  it('keeps the preferred colour at 4.5:1 or better, else the light or dark text colour with more contrast', () => {
    const hex = (c: string) => c;
    const t = { color: 'auto', 'auto-prefer': '#111827' };
    expect(autoColour(t, {}, '#fbfaf7', hex)).toBe('#111827');
    expect(autoColour(t, {}, '#1c2233', hex)).toBe('#ffffff');
    expect(autoColour(t, { 'text-colors': { light: '#fef3c7', dark: '#000000' } }, '#1c2233', hex)).toBe('#fef3c7');
    expect(autoColour({ color: 'auto' }, {}, '#f4f4f5', hex)).toBe('#111827');
  });

  it("the paper theme's stats slide: the headline becomes auto (it drew #111827 on #111827 before)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-paper-'));
    cpSync(path.join(ROOT, 'examples/habitual/shots'), path.join(dir, 'shots'), { recursive: true });
    writeFileSync(
      path.join(dir, 'screenshots.yml'),
      `version: 1
locales: [en-US]
presets: [appstore.iphone_6_9]
theme: paper
screenshots: shots/{locale}/{device}/{slide}.png
slides:
  - id: home
    headline: Track every habit
  - id: stats
    headline: See your progress
    style: { background: { gradient: ["#111827", "#4338ca"], angle: 160 } }
`,
    );
    const { plan } = loadProject({ cwd: dir });
    expect(plan.all[0]!.style.headline?.color).toBe('#111827');
    expect(plan.all[1]!.style.headline).toMatchObject({ color: 'auto', 'auto-prefer': '#111827' });
  });
});

describe('validate: call-out regions against the screenshot', () => {
  it('a region outside the screenshot is an error at its field, file:line:column', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-callout-'));
    cpSync(path.join(ROOT, 'examples/habitual/shots'), path.join(dir, 'shots'), { recursive: true });
    writeFileSync(
      path.join(dir, 'screenshots.yml'),
      `version: 1
locales: [en-US]
presets: [appstore.iphone_6_9, play.phone]
screenshots: shots/{locale}/{device}/{slide}.png
slides:
  - id: home
    headline: Hello
    callouts:
      - { x: 60, y: 1116, width: 1200, height: 164 }
      - { x: 10, y: 2000, width: 100,
          height: 900 }
`,
    );
    let message = '';
    try {
      loadProject({ cwd: dir });
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      message = (e as UserError).message;
    }
    const lines = message.split('\n');
    expect(lines).toEqual([
      'screenshots.yml:11:19: error: Expected a call-out region inside the 1320x2868 screenshot shots/en-US/iphone/home.png for slides[0].callouts[1].height but y + height = 2900 > 2868; shrink the region, or limit it to one device family with devices: (or to locales with locales:)',
      'screenshots.yml:9:34: error: Expected a call-out region inside the 1080x2400 screenshot shots/en-US/android-phone/home.png for slides[0].callouts[0].width but x + width = 1260 > 1080; shrink the region, or limit it to one device family with devices: (or to locales with locales:)',
      'screenshots.yml:11:19: error: Expected a call-out region inside the 1080x2400 screenshot shots/en-US/android-phone/home.png for slides[0].callouts[1].height but y + height = 2900 > 2400; shrink the region, or limit it to one device family with devices: (or to locales with locales:)',
    ]);
  });

  it('reads only the screenshots a call-out is drawn from (each once)', () => {
    const { loaded, plan } = loadProject({ config: path.join(ROOT, 'examples/habitual/screenshots.yml'), cwd: ROOT });
    const read: string[] = [];
    const problems = calloutProblems(loaded, plan.all, ROOT, (file) => {
      read.push(path.relative(ROOT, file));
      return { width: 1320, height: 2868 };
    });
    expect(problems).toEqual([]);
    // The example's call-outs are on the home slide, iPhone only: 4 of its 36 screenshots.
    expect(read.sort()).toEqual(
      ['ar', 'de-DE', 'en-US', 'ja'].map((l) => `examples/habitual/shots/${l}/iphone/home.png`),
    );
  });
});
