// `storeshots import frameit`: a frameit setup (Framefile.json + .strings in two locales) becomes a
// manifest that validates, with findings for what has no equivalent.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importFrameit, findFramefile } from '../src/import/frameit/index.js';
import { loadProject } from '../src/project.js';
import { runCli } from './helpers/cli.js';
import { frameitProject } from './helpers/l10n.js';

describe('storeshots import frameit', () => {
  it('writes a manifest that validates and lists what was not carried over, each at its Framefile line', async () => {
    const dir = frameitProject();
    const r = await runCli(['import', 'frameit', 'fastlane/screenshots'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'wrote screenshots.yml from fastlane/screenshots/Framefile.json: 2 locale(s) x 2 preset(s): 12 image(s)',
    );
    const F = 'fastlane/screenshots/Framefile.json';
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      `${F}:2:3: warning: device_frame_version "latest": storeshots ships its own device frames; not carried over (import.no-equivalent)`,
      `${F}:15:5: warning: interline_spacing 8 px became a line-height ratio (import.approximated)`,
      `${F}:21:5: warning: title_min_height "18%": storeshots sizes the text area from the text itself; not carried over (import.no-equivalent)`,
      `${F}:22:5: warning: use_platform "IOS": storeshots picks each preset's device from the store preset; not carried over (import.no-equivalent)`,
      `${F}:36:7: warning: padding "4%x40": storeshots has one margin; the horizontal part was used (import.approximated)`,
      `${F}:40:7: warning: force_device_type "iPhone 16 Pro Max": storeshots draws its own frame per preset (set style.device.frame to a frame PNG for a specific model); not carried over (import.no-equivalent)`,
      '6 item(s) not carried over exactly; they are listed at the top of screenshots.yml',
    ]);
    const text = readFileSync(path.join(dir, 'screenshots.yml'), 'utf8');
    expect(text).toMatch(/^# Imported from fastlane frameit/);
    expect(text).toContain('#   - Framefile.json:21: title_min_height');

    const m = parse(text);
    expect(m.locales).toEqual(['en-US', 'de-DE']);
    expect(m.presets).toEqual(['appstore.iphone_6_9', { id: 'appstore.ipad_13', size: '2048x2732' }]);
    expect(m.style).toMatchObject({
      background: { image: 'fastlane/screenshots/background.png', fit: 'cover' },
      layout: 'text-top',
      padding: 0.05, // 66 px of a 1320 px wide iPhone shot
      device: { color: 'silver' },
      headline: {
        color: '#ffffff',
        accent: '#fde047',
        font: 'fastlane/screenshots/fonts/Habitual-Bold.ttf',
        weight: 700,
        size: 0.07,
      },
    });
    expect(m.fonts).toEqual(['fastlane/screenshots/fonts/Habitual-Bold.ttf']);
    expect(m.slides.map((s: { id: string }) => s.id)).toEqual([
      '01home-iphone',
      '01home-ipad',
      '02stats-iphone',
      '02stats-ipad',
      '03photo-iphone',
      '03photo-ipad',
    ]);
    const [homePhone, homePad, statsPhone] = m.slides;
    // keyword + title become one headline with the keyword highlighted; de-DE's title.strings is UTF-16
    expect(homePhone.headline).toEqual({
      'en-US': '**Track** every habit',
      'de-DE': '**Behalte** jede Gewohnheit im Blick',
    });
    expect(homePhone.screenshot).toBe('fastlane/screenshots/{locale}/iPhone 16 Pro Max-01Home.png');
    expect(homePhone.presets).toEqual(['appstore.iphone_6_9']);
    expect(homePhone.style).toEqual({ headline: { accent: '#a5f3fc' } }); // data filter "Home"
    expect(homePad.style).toMatchObject({ layout: 'text-bottom', padding: 0.04 }); // data filter "iPad": title_below_image, "4%x40"
    expect(statsPhone.style).toEqual({ background: { image: 'fastlane/screenshots/background-dark.png' } });
    expect(m['fallback-locale']).toBe('en-US');
    expect(m.output).toEqual({ dir: 'storeshots-out', format: 'png', layout: 'fastlane' });

    const { plan } = loadProject({ cwd: dir });
    expect(plan.all.map((j) => j.output.path)).toContain(
      'fastlane/screenshots/de-DE/03_appstore.ipad_13_03photo-ipad.png',
    );

    const again = await runCli(['import', 'frameit', 'fastlane/screenshots'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('screenshots.yml already exists; pass --force');
  });

  it('finds the Framefile in fastlane/screenshots by default and prints JSON findings', async () => {
    const dir = frameitProject();
    const r = await runCli(['import', 'frameit', '--json', '-o', 'out/storeshots.yml'], dir);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.manifest).toBe(path.join('out', 'storeshots.yml'));
    expect(j.findings).toHaveLength(6);
    expect(j.findings[0]).toMatchObject({
      rule: 'import.no-equivalent',
      severity: 'warning',
      at: { file: 'fastlane/screenshots/Framefile.json', line: 2 },
    });
    expect(j.problems).toEqual([]);
    // Paths are relative to the manifest's own folder.
    expect(parse(readFileSync(path.join(dir, 'out/storeshots.yml'), 'utf8')).slides[0].screenshot).toBe(
      '../fastlane/screenshots/{locale}/iPhone 16 Pro Max-01Home.png',
    );
  });

  it('with titles only, headlines stay keys into title.strings and render the same texts', () => {
    const dir = frameitProject();
    const root = path.join(dir, 'fastlane/screenshots');
    for (const l of ['en-US', 'de-DE']) rmSync(path.join(root, l, 'keyword.strings'));
    const ff = JSON.parse(readFileSync(path.join(root, 'Framefile.json'), 'utf8'));
    delete ff.default.keyword;
    ff.data = [];
    writeFileSync(path.join(root, 'Framefile.json'), JSON.stringify(ff, null, 2));
    const res = importFrameit(findFramefile(undefined, dir), dir, dir);
    expect(res.manifest.strings).toEqual(['fastlane/screenshots/{locale}/title.strings']);
    expect((res.manifest.slides as Array<{ headline: unknown }>)[0]!.headline).toEqual({ key: 'Home' });
    writeFileSync(path.join(dir, 'screenshots.yml'), res.yaml);
    const { plan } = loadProject({ cwd: dir });
    const de = plan.all.find((j) => j.id === 'de-DE/appstore.iphone_6_9/02stats-iphone')!;
    expect(de.headline).toMatchObject({ text: 'deinen Fortschritt auf einen Blick', origin: 'strings', key: 'Stats' });
  });

  it('maps locale filters and per-locale fonts to locale-style, and reports left-out screenshots', () => {
    const dir = frameitProject();
    const root = path.join(dir, 'fastlane/screenshots');
    const ff = JSON.parse(readFileSync(path.join(root, 'Framefile.json'), 'utf8'));
    ff.default.title.fonts = [{ font: './fonts/Habitual-Bold.ttf', supported: ['de-DE'] }];
    ff.data.push({ filter: 'de-DE', title: { color: '#fef3c7' } });
    ff.default.background = './missing.png';
    writeFileSync(path.join(root, 'Framefile.json'), JSON.stringify(ff, null, 2));
    copyFileSync(
      path.join(root, 'en-US/iPhone 16 Pro Max-01Home.png'),
      path.join(root, 'en-US/iPhone 16 Pro Max-01Home_framed.png'),
    );
    mkdirSync(path.join(root, 'fr-FR'));
    writeFileSync(
      path.join(root, 'fr-FR/Apple Watch Ultra 2-01Home.png'),
      readFileSync(path.join(root, 'en-US/iPhone 16 Pro Max-01Home.png')),
    );
    const res = importFrameit(path.join(root, 'Framefile.json'), dir, dir);
    expect(res.manifest['locale-style']).toEqual({
      'de-DE': { headline: { color: '#fef3c7', font: 'fastlane/screenshots/fonts/Habitual-Bold.ttf' } },
    });
    const msgs = res.findings.map((f) => `${f.rule}: ${f.message}`);
    expect(msgs).toContain('import.no-equivalent: background "./missing.png": file not found; not carried over');
    expect(msgs).toContain(
      'import.skipped: fr-FR/Apple Watch Ultra 2-01Home.png: Apple Watch screenshots are not framed by frameit either; left out',
    );
    expect(msgs.some((m) => m.includes('_framed'))).toBe(false);
    expect(res.manifest.locales).toEqual(['en-US', 'de-DE']);
  });

  it('a malformed Framefile or title.strings names its file and line', () => {
    const dir = frameitProject();
    const root = path.join(dir, 'fastlane/screenshots');
    writeFileSync(path.join(root, 'en-US/title.strings'), '\n"Home" = "every habit";\n"Stats" = x y;\n');
    expect(() => importFrameit(path.join(root, 'Framefile.json'), dir, dir)).toThrow(
      /fastlane\/screenshots\/en-US\/title\.strings:3:12: error: Invalid strings file: expected ; after the entry "Stats"/,
    );
    writeFileSync(path.join(root, 'Framefile.json'), '{\n  "default": {\n    "padding": 50,\n  }\n}\n');
    expect(() => importFrameit(path.join(root, 'Framefile.json'), dir, dir)).toThrow(
      /fastlane\/screenshots\/Framefile\.json:4:3: error: Invalid Framefile: invalid JSON: .*a trailing comma before it/,
    );
  });

  it('says where it looked when there is no Framefile', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-noframe-'));
    const r = await runCli(['import', 'frameit'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No Framefile.json found: looked for fastlane/screenshots/Framefile.json');
  });
});
