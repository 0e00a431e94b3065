// The manifest side of issue 21's layouts: the new fields in the schema (file:line:column on every
// error), the content each layout needs, content localised like headlines (inline maps, strings
// keys, fallback), slides without a device taking no screenshot, and lint's play.promo-claims.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problems as schemaErrors } from './helpers/manifest-problems.js';
import { loadProject } from '../src/project.js';
import { getRule } from '../src/lint/rules.js';
import type { Job, Plan } from '../src/plan/types.js';
import { UserError } from '../src/util/errors.js';
import { ROOT } from './helpers/root.js';

const HEAD = `version: 1
locales: [en-US, de-DE]
presets: [appstore.iphone_6_9, play.phone]
screenshots: shots/{locale}/{device}/{slide}.png
fallback-locale: en-US
slides:
  - id: home
    headline: { en-US: Hello, de-DE: Hallo }
`;

function project(text: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ss-slides-'));
  cpSync(path.join(ROOT, 'examples/habitual/shots'), path.join(dir, 'shots'), { recursive: true });
  writeFileSync(path.join(dir, 'screenshots.yml'), text);
  for (const [f, t] of Object.entries(files)) writeFileSync(path.join(dir, f), t);
  return dir;
}
function load(text: string, files?: Record<string, string>): { plan?: Plan; errors: string[] } {
  try {
    return { plan: loadProject({ cwd: project(text, files) }).plan, errors: [] };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { errors: e.message.split('\n') };
  }
}

describe('schema of the new fields', () => {
  it('names file:line:column for a bad layout, bleed, tilt-direction, items, stats, rating and quote', () => {
    const out = schemaErrors(`${HEAD}  - id: a
    style: { layout: fanned, device: { bleed: left, tilt-direction: up } }
    items: [{ icon: "this icon is far too long", text: Hi }]
    stats: [{ label: Only a label }]
    rating: { stars: 6 }
    quote: { source: Someone }
`);
    expect(out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^m\.yml:10:22: error: Expected one of .*"fan", "phone-tablet", "feature-list", "stats", "before-after", "quote" for slides\[1\]\.style\.layout but received "fanned"/,
        ),
        'm.yml:10:47: error: Expected one of "none", "top", "bottom" for slides[1].style.device.bleed but received "left"',
        'm.yml:10:69: error: Expected one of "left", "right" for slides[1].style.device.tilt-direction but received "up"',
        'm.yml:11:21: error: Expected a text of at most 16 characters for slides[1].items[0].icon but received "this icon is far too long"',
        'm.yml:12:13: error: Missing required key slides[1].stats[0].value',
        'm.yml:13:22: error: Expected a number <= 5 for slides[1].rating.stars but received number 6',
        'm.yml:14:12: error: Missing required key slides[1].quote.text',
      ]),
    );
  });
});

describe('content of the layouts', () => {
  it('a layout without the content it draws is an error at the slide’s layout', () => {
    const { errors } = load(`${HEAD}  - id: features
    headline: Hi
    style: { layout: feature-list }
`);
    expect(errors).toContainEqual(
      expect.stringMatching(
        /screenshots\.yml:11:22: error: Slide "features" at slides\[1\] has layout feature-list but no items/,
      ),
    );
  });

  it('localises every content text like a headline: inline maps, strings keys, the fallback; no screenshot needed', () => {
    const dir = project(
      `${HEAD.replace('fallback-locale: en-US\n', 'fallback-locale: en-US\nstrings: ["strings/{locale}.json"]\n')}  - id: press
    headline: Hi
    quote: { text: { key: quote }, source: { en-US: The Review } }
    rating: { stars: 4.5, count: { en-US: 10k ratings, de-DE: 10.000 Bewertungen } }
    items: [{ icon: "🔥", text: { en-US: Streaks, de-DE: Serien } }]
    style: { layout: quote }
`,
    );
    mkdirSync(path.join(dir, 'strings'));
    writeFileSync(path.join(dir, 'strings/en-US.json'), JSON.stringify({ quote: 'It sticks.' }));
    writeFileSync(path.join(dir, 'strings/de-DE.json'), JSON.stringify({ quote: 'Es bleibt.' }));
    const p = loadProject({ cwd: dir }).plan;
    const de = p.all.find((j) => j.id === 'de-DE/play.phone/press')!;
    expect(de.screenshot).toBeUndefined();
    expect(de.content?.quote?.text).toMatchObject({ text: 'Es bleibt.', origin: 'strings', key: 'quote' });
    expect(de.content?.quote?.source).toMatchObject({ text: 'The Review', origin: 'fallback' });
    expect(de.content?.rating).toMatchObject({ stars: 4.5, count: { text: '10.000 Bewertungen' } });
    expect(de.content?.items?.[0]).toMatchObject({ icon: '🔥', text: { text: 'Serien' } });
  });
});

describe('play.promo-claims', () => {
  const rule = getRule('play.promo-claims')!;
  const check = (job: Job) => (rule.scope === 'job' ? rule.check(job, {} as Plan) : []);
  const plan = load(`${HEAD}  - id: press
    headline: { en-US: The best habit app, de-DE: Die beste App }
    rating: { stars: 4.8 }
    award: App of the Day
    quote: { text: "Download now and stick with it" }
    style: { layout: quote }
`).plan!;
  const job = (id: string) => plan.all.find((j) => j.id === id)!;

  it('warns on a Play preset that gets a rating, an award, a claim or a call to action, citing Play’s page', () => {
    expect(rule.severity).toBe('warning');
    expect(rule.source).toBe('playPreview');
    const [hit] = check(job('en-US/play.phone/press'));
    expect(hit!.message).toContain('a rating (4.8 stars)');
    expect(hit!.message).toContain('an award ("App of the Day")');
    expect(hit!.message).toContain('the claim "best" in the headline "The best habit app"');
    expect(hit!.message).toContain('the call to action "download now" in the quote');
  });

  it('says nothing for App Store presets, or for a Play slide without them ("bestseller" is no claim)', () => {
    expect(check(job('en-US/appstore.iphone_6_9/press'))).toEqual([]);
    expect(check(job('en-US/play.phone/home'))).toEqual([]);
    expect(
      check({
        ...job('en-US/play.phone/home'),
        headline: { text: 'A bestseller, at the top', origin: 'inline', locale: 'en-US' },
      }),
    ).toHaveLength(1); // "top" is a claim; "bestseller" alone is not
    expect(
      check({ ...job('en-US/play.phone/home'), headline: { text: 'A bestseller', origin: 'inline', locale: 'en-US' } }),
    ).toEqual([]);
  });
});

describe('lint on the new layouts, rendered', () => {
  it('a bleeding device, a fan and a feature list lint clean of overflow; the Play quote slide gets play.promo-claims', async () => {
    const { runPipeline } = await import('../src/pipeline.js');
    const dir = project(`version: 1
locales: [en-US, ar]
presets: [{ id: play.phone, size: 540x960 }]
screenshots: shots/{locale}/{device}/{slide}.png
slides:
  - id: home
    headline: { en-US: Track every habit, ar: تابع كل عادة }
    style: { device: { bleed: bottom } }
  - id: stats
    headline: { en-US: See your progress, ar: شاهد تقدمك }
    style: { layout: text-bottom, device: { bleed: top } }
  - id: photo
    headline: { en-US: All your habits, ar: كل عاداتك }
    second-screenshot: shots/{locale}/android-phone/stats.png
    style: { layout: fan }
  - id: features
    headline: { en-US: Everything in one place, ar: كل شيء في مكان واحد }
    items: [{ icon: "🔥", text: { en-US: Streaks, ar: سلاسل } }, { icon: "⏰", text: { en-US: Reminders, ar: تذكيرات } }]
    style: { layout: feature-list, background: { color: "#1e1b4b" } }
  - id: press
    headline: { en-US: What people say, ar: ماذا يقول الناس }
    rating: { stars: 4.8 }
    quote: { text: { en-US: It sticks., ar: إنه يدوم. } }
    style: { layout: quote, background: { color: "#111827" } }
`);
    const r = await runPipeline({ cwd: dir, outDir: path.join(dir, 'out'), noCache: true, jobs: 1 });
    expect(r.images).toHaveLength(10);
    const findings = r.report.findings.map((f) => `${f.rule} ${f.slide ?? ''} ${f.locale ?? ''}`);
    expect(findings.filter((f) => f.startsWith('text.overflow'))).toEqual([]);
    expect(r.report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.startsWith('play.promo-claims')).sort()).toEqual([
      'play.promo-claims press ar',
      'play.promo-claims press en-US',
    ]);
    // The feature list's lines are linted as text like headlines (their contrast, size, fit).
    const features = r.images.find((i) => i.job.id === 'en-US/play.phone/features')!;
    expect(features.text.map((t) => t.kind)).toEqual(['headline', 'item', 'item']);
  }, 240_000);
});
