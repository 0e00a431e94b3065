// `import frameit` on what teams actually have (issue #23): a setup of our own with each pattern
// frameit itself handles (fixtures/l10n/frameit-real). The import must write a manifest that
// validates, renders the titles frameit would draw, and lists what it approximated.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importFrameit } from '../src/import/frameit/index.js';
import { deviceDash } from '../src/import/frameit/shots.js';
import { loadProject } from '../src/project.js';
import { readStrings } from '../src/manifest/strings.js';
import { runPipeline } from '../src/pipeline.js';
import { runCli } from './helpers/cli.js';
import { frameitRealProject } from './helpers/l10n.js';

type Slide = { id: string; headline?: unknown; screenshot: string; presets?: string[] };
const SS = 'fastlane/screenshots';
const importHere = (dir: string) => importFrameit(path.join(dir, SS, 'Framefile.json'), dir, dir);
const messages = (r: ReturnType<typeof importHere>) => r.findings.map((f) => `${f.rule}: ${f.message}`);

describe('import frameit on a real-world setup (every pattern of issue #23)', () => {
  it('writes a manifest that validates, renders the titles frameit draws, and lists what it approximated', async () => {
    const dir = frameitRealProject();
    const r = await runCli(['import', 'frameit', '--json'], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      findings: Array<{ rule: string; message: string; at?: { file: string; line: number } }>;
      problems: string[];
    };
    expect(out.problems).toEqual([]);
    const list = out.findings.map((f) => `${f.rule}: ${f.at ? `${f.at.file}:${f.at.line}: ` : ''}${f.message}`);
    // 2: Framefile comments read, said so
    expect(list).toContain(
      `import.approximated: ${SS}/Framefile.json:2: comments on line(s) 2, 7, 11: read as fastlane reads them (Ruby's JSON parser allows comments; strict JSON does not)`,
    );
    // 1: a title.strings line without ";" read as frameit reads it, at its line
    expect(list).toContain(
      `import.approximated: ${SS}/en-US/title.strings:2: the entry "01Home" has no closing ";" (frameit reads it anyway; Xcode would not): add the ";"`,
    );
    expect(list).toContain(
      `import.approximated: ${SS}/ru_RU/title.strings:8: the entry "06Widgets" has no closing ";" (frameit reads it anyway; Xcode would not): add the ";"`,
    );
    // 6: an underscore folder the App Store has no locale for is left out with the reason
    expect(list).toContain(
      'import.skipped: de_CH/ (as de-CH): the App Store has no such locale, so its 12 screenshot(s) were left out (rename the folder to a store locale to keep them)',
    );
    // 12: a `supported` locale with no folder is not written to locale-style
    expect(list).toContain(
      `import.no-equivalent: ${SS}/Framefile.json:8: fonts[0].supported "zcmn-Hans": no locale folder of that name, so frameit never uses the font there; not carried over`,
    );
    // 7 and 5: blank and missing titles are said
    expect(list).toContain(
      'import.approximated: zh_TW/iPhone 16 Pro Max-03Photo.png: the title is blank (" " in title.strings:3): frameit draws no title; the headline stays empty in zh-TW',
    );
    expect(list).toContain(
      "import.approximated: en-US/iPhone 16 Pro Max-04Share.png has no title text: frameit draws none there; its headline is left empty in en-US (never another locale's text)",
    );

    const m = parse(readFileSync(path.join(dir, 'screenshots.yml'), 'utf8'));
    expect(m.locales).toEqual(['en-US', 'ru-RU', 'zh-TW']); // 6: ru_RU, zh_TW as BCP 47
    expect(m['locale-style']).toEqual({ 'ru-RU': { headline: { color: '#fde68a', font: `${SS}/fonts/Display.ttf` } } }); // 12
    const slides = m.slides as Slide[];
    const byId = Object.fromEntries(slides.map((s) => [s.id, s]));
    // 4: 6 iPhone + 6 iPad screenshots are 12 slides, each set within the stores' 10
    expect(slides).toHaveLength(12);
    expect(slides.filter((s) => s.presets?.[0] === 'appstore.iphone_6_9')).toHaveLength(6);
    expect(slides.filter((s) => s.presets?.[0] === 'appstore.ipad_13')).toHaveLength(6);
    // 3: dash names without a device are two screens, each with its own file and title
    expect(byId['list-detail-iphone']).toMatchObject({
      screenshot: `${SS}/{locale}/list-detail.png`,
      headline: { 'en-US': 'Every list in one place' },
    });
    expect(byId['task-detail-iphone']).toMatchObject({
      screenshot: `${SS}/{locale}/task-detail.png`,
      headline: { 'en-US': 'Tasks with due dates' },
    });
    // 5: untitled in the fallback locale: empty there, not another locale's text
    expect(byId['04share-iphone']!.headline).toEqual({
      'en-US': '',
      'ru-RU': 'Делитесь с друзьями',
      'zh-TW': '與朋友分享',
    });
    // 7: a blank title stays blank
    expect(byId['03photo-iphone']!.headline).toEqual({
      'en-US': 'Capture the moments that matter',
      'ru-RU': 'Запечатлейте важные моменты',
      'zh-TW': '',
    });

    // It validates as it is (the CLI's validate, and with no warning about locale-style).
    const v = await runCli(['validate'], dir);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('ok: 3 locale(s) x 2 preset(s): 36 image(s) in 6 set(s)');
    expect(v.stderr).not.toContain('locale-style');

    // Rendered: the titles frameit draws (8: the tab is a space), none where frameit draws none.
    const result = await runPipeline({
      cwd: dir,
      noCache: true,
      jobs: 2,
      presets: ['appstore.iphone_6_9'],
      slides: ['task-detail-iphone', '03photo-iphone', '04share-iphone'],
    });
    expect(result.images).toHaveLength(9);
    const headline = (locale: string, slide: string) => {
      const img = result.images.find((i) => i.job.locale === locale && i.job.slide === slide)!;
      return img.text.find((t) => t.kind === 'headline')?.lines.join(' ');
    };
    expect(headline('ru-RU', 'task-detail-iphone')).toBe('Задачи со сроками');
    expect(headline('en-US', 'task-detail-iphone')).toBe('Tasks with due dates');
    expect(headline('zh-TW', 'task-detail-iphone')).toBe('有期限的任務');
    expect(headline('zh-TW', '03photo-iphone')).toBeUndefined();
    expect(headline('en-US', '04share-iphone')).toBeUndefined();
    expect(headline('ru-RU', '04share-iphone')).toBe('Делитесь с друзьями');
    // The screenshots came from the underscore folders.
    expect(result.images.find((i) => i.job.locale === 'zh-TW')!.job.screenshot).toContain(
      `${path.sep}zh_TW${path.sep}`,
    );
  }, 300_000);
});

describe('import frameit: each pattern on its own', () => {
  it('1: a frameit strings file without ";" also reads through strings: (with a warning at its line)', () => {
    const dir = frameitRealProject();
    const s = readStrings([`${SS}/{locale}/title.strings`], ['en-US', 'ru-RU'], dir, { cwd: dir });
    expect(s.tables['en-US']!['01Home']).toBe('Track every habit');
    expect(s.tables['ru-RU']!['06Widgets']).toBe('Виджеты на главном экране');
    expect(s.warnings.map((w) => `${w.at?.file}:${w.at?.line}: ${w.message}`)).toEqual([
      `${SS}/en-US/title.strings:2: the entry "01Home" has no closing ";" (frameit reads it anyway; Xcode would not): add the ";"`,
      `${SS}/ru_RU/title.strings:8: the entry "06Widgets" has no closing ";" (frameit reads it anyway; Xcode would not): add the ";"`,
    ]);
    // Other .strings files stay strict (Xcode refuses them).
    writeFileSync(path.join(dir, 'Localizable.strings'), '"a" = "b"\n"c" = "d";\n');
    expect(() => readStrings(['Localizable.strings'], ['en-US'], dir, { cwd: dir })).toThrow(
      /Localizable\.strings:1:10: error: Invalid strings file: expected ; after the entry "a"/,
    );
  });

  it('2: a Framefile with // and /* */ comments is read; a trailing comma is refused as fastlane refuses it', () => {
    const dir = frameitRealProject();
    const r = importHere(dir);
    expect((r.manifest.style as { padding: number }).padding).toBe(0.045); // 60 px of 1320, read past the comments
    writeFileSync(
      path.join(dir, SS, 'Framefile.json'),
      '{\n  // c\n  "default": { "padding": 60, },\n  "data": []\n}\n',
    );
    expect(() => importHere(dir)).toThrow(
      /Framefile\.json:3:31: error: Invalid Framefile: invalid JSON: .*a trailing comma before it: remove the comma/,
    );
  });

  it('3: a dash without a device name is part of the screen name; device names still split; clashing names never merge', () => {
    expect(deviceDash('list-detail')).toBe(-1);
    expect(deviceDash('iPhone 16 Pro Max-01Home')).toBe(17);
    expect(deviceDash('iPad Pro (12.9-inch) (6th generation)-02-task-detail')).toBe(37);
    const dir = frameitRealProject();
    // Two files of one locale that would be one screen in one preset keep their own slides.
    for (const loc of ['en-US', 'ru_RU', 'zh_TW']) {
      mkdirSync(path.join(dir, SS, loc, 'more'));
      copyFileSync(path.join(dir, SS, loc, 'list-detail.png'), path.join(dir, SS, loc, 'more', 'list-detail.png'));
    }
    rmSync(path.join(dir, SS, 'de_CH'), { recursive: true });
    const r = importHere(dir);
    const shots = (r.manifest.slides as Slide[]).map((s) => s.screenshot).filter((s) => s.includes('list-detail'));
    expect(shots.sort()).toEqual([`${SS}/{locale}/list-detail.png`, `${SS}/{locale}/more/list-detail.png`]);
  });

  it('4: the 10-screenshot cap counts per set (preset), not across presets', () => {
    const dir = frameitRealProject();
    rmSync(path.join(dir, SS, 'de_CH'), { recursive: true });
    for (const loc of ['en-US', 'ru_RU', 'zh_TW']) {
      for (const n of ['07a', '08b', '09c', '10d', '11e'])
        copyFileSync(path.join(dir, SS, loc, 'list-detail.png'), path.join(dir, SS, loc, `iPhone 16 Pro Max-${n}.png`));
    }
    const r = importHere(dir);
    const slides = r.manifest.slides as Slide[];
    expect(slides.filter((s) => s.presets?.[0] === 'appstore.iphone_6_9')).toHaveLength(10);
    expect(slides.filter((s) => s.presets?.[0] === 'appstore.ipad_13')).toHaveLength(6);
    expect(messages(r).filter((x) => x.includes('holds at most'))).toEqual([
      'import.skipped: slide task-detail-iphone: a appstore.iphone_6_9 set holds at most 10 screenshots; left out',
    ]);
  });

  it('5 and 7: with titles from one pattern but a screen untitled somewhere, headlines are inline and empty there', () => {
    const dir = frameitRealProject();
    const r = importHere(dir);
    expect(r.manifest.strings).toBeUndefined();
    writeFileSync(path.join(dir, 'screenshots.yml'), r.yaml);
    const { plan } = loadProject({ cwd: dir });
    const job = (id: string) => plan.all.find((j) => j.id === id)!;
    expect(job('en-US/appstore.iphone_6_9/04share-iphone').headline).toMatchObject({
      text: '',
      origin: 'inline',
      locale: 'en-US',
    });
    expect(job('zh-TW/appstore.ipad_13/03photo-ipad').headline).toMatchObject({ text: '', locale: 'zh-TW' });
  });

  it('6: with every screen titled, headlines stay keys and {locale} finds the ru_RU and zh_TW folders', () => {
    const dir = frameitRealProject();
    rmSync(path.join(dir, SS, 'de_CH'), { recursive: true });
    writeFileSync(
      path.join(dir, SS, 'en-US/title.strings'),
      `${readFileSync(path.join(dir, SS, 'en-US/title.strings'), 'utf8')}"04Share" = "Share with friends";\n`,
    );
    const r = importHere(dir);
    expect(r.manifest.strings).toEqual([`${SS}/{locale}/title.strings`]);
    writeFileSync(path.join(dir, 'screenshots.yml'), r.yaml);
    const { plan } = loadProject({ cwd: dir });
    const ru = plan.all.find((j) => j.id === 'ru-RU/appstore.iphone_6_9/02stats-iphone')!;
    expect(ru.headline).toMatchObject({ text: 'Прогресс с первого взгляда', origin: 'strings', key: '02Stats' });
    expect(ru.screenshot).toBe(path.join(dir, SS, 'ru_RU', 'iPhone 16 Pro Max-02Stats.png'));
    // A blank title through a key is still no headline (frameit draws none).
    expect(plan.all.find((j) => j.id === 'zh-TW/appstore.iphone_6_9/03photo-iphone')!.headline?.text.trim()).toBe('');
  });

  it('6: two folders for one locale (de-DE and de_DE) keep the first and say so', () => {
    const dir = frameitRealProject();
    rmSync(path.join(dir, SS, 'de_CH'), { recursive: true });
    mkdirSync(path.join(dir, SS, 'ru-RU'));
    copyFileSync(path.join(dir, SS, 'ru_RU', 'list-detail.png'), path.join(dir, SS, 'ru-RU', 'list-detail.png'));
    const r = importHere(dir);
    expect(messages(r)).toContain(
      'import.skipped: ru_RU/iPad Pro (12.9-inch) (6th generation)-01Home.png: the folders ru-RU/ and ru_RU/ are both the locale ru-RU; ru_RU/ was left out (merge them)',
    );
  });

  it('12: a locale filter written with "_" becomes the BCP 47 locale-style key', () => {
    const dir = frameitRealProject();
    const r = importHere(dir);
    expect(Object.keys(r.manifest['locale-style'] as object)).toEqual(['ru-RU']);
  });
});
