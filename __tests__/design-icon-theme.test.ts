// Issue #21 point 7: `theme: from-icon`. The palette of a real PNG (pngjs + MMCQ), the roles chosen
// from it keeping text at 4.5:1 on both ends of the background (for icons of every colour: a
// seeded sweep), and the manifest's errors with their positions.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ICON_TEXT_RATIO, iconColours, iconPalette } from '../src/manifest/icon-theme.js';
import { loadProject } from '../src/project.js';
import { contrastRatio } from '../src/util/contrast.js';
import { UserError } from '../src/util/errors.js';
import { ROOT } from './helpers/root.js';

type Rgb = [number, number, number];

/** A 128 px icon: a background, a white ring and a coloured dot. */
function writeIcon(file: string, bg: Rgb, dot: Rgb): void {
  const S = 128;
  const png = new PNG({ width: S, height: S });
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) {
      const r = Math.hypot(x - 64, y - 64);
      const c = r < 20 ? dot : r > 28 && r < 40 ? [255, 255, 255] : bg;
      png.data.set([...c, 255], (y * S + x) * 4);
    }
  writeFileSync(file, PNG.sync.write(png));
}

const worst = (c: string, stops: [string, string]) =>
  Math.min(contrastRatio(c, stops[0])!, contrastRatio(c, stops[1])!);

describe('from-icon palette and roles', () => {
  it("reads the icon's colours with their shares, the background first", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ss-icon-')), 'icon.png');
    writeIcon(file, [249, 115, 22], [16, 185, 129]);
    const p = iconPalette(file);
    expect(p[0]!.color).toEqual([249, 115, 22].map((v) => expect.closeTo(v, -1)));
    expect(p[0]!.share).toBeGreaterThan(0.6);
    expect(p.reduce((a, b) => a + b.share, 0)).toBeCloseTo(1, 5);
    const c = iconColours(p);
    // Orange: white text would be 2.8:1, so the text is dark and the background deepens or lightens to 4.5:1.
    expect(c.text).toBe('#111827');
    expect(worst(c.text, c.background)).toBeGreaterThanOrEqual(ICON_TEXT_RATIO);
    expect(worst(c.subtitle, c.background)).toBeGreaterThanOrEqual(ICON_TEXT_RATIO);
    // The accent is the icon's green, darkened until it stands out at 3:1.
    expect(c.accent).not.toBe(c.text);
    expect(worst(c.accent, c.background)).toBeGreaterThanOrEqual(3);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.accent.slice(i, i + 2), 16));
    expect(g).toBeGreaterThan(r!);
    expect(g).toBeGreaterThan(b!);
  });

  it('keeps text at 4.5:1 for icons of any colour (a seeded sweep of 300), mid-grey and yellow included', () => {
    let seed = 21;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const colours: Rgb[] = [
      [119, 119, 119],
      [250, 204, 21],
      [255, 255, 255],
      [0, 0, 0],
      [30, 27, 75],
    ];
    for (let i = 0; i < 300; i++) colours.push([rnd() * 255, rnd() * 255, rnd() * 255].map(Math.round) as Rgb);
    for (const bg of colours) {
      const c = iconColours([
        { color: bg, share: 0.7 },
        { color: [255, 255, 255], share: 0.2 },
        { color: [220, 38, 38], share: 0.1 },
      ]);
      const label = `icon ${bg.join(',')} -> ${c.background.join(' ')} text ${c.text}`;
      expect(worst(c.text, c.background), label).toBeGreaterThanOrEqual(ICON_TEXT_RATIO);
      expect(worst(c.subtitle, c.background), label).toBeGreaterThanOrEqual(ICON_TEXT_RATIO);
      expect(c.accent === c.text || worst(c.accent, c.background) >= 3, label).toBe(true);
    }
  });
});

describe('theme: from-icon in a manifest', () => {
  const manifest = (app: string) => `version: 1
${app}
locales: [en-US]
presets: [appstore.iphone_6_9]
theme: from-icon
screenshots: shots/{locale}/{device}/{slide}.png
slides:
  - { id: home, headline: Hello }
  - { id: stats, headline: Stats, style: { background: { color: "#ffffff" } } }
`;
  const project = (text: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-from-icon-'));
    cpSync(path.join(ROOT, 'examples/habitual/shots'), path.join(dir, 'shots'), { recursive: true });
    writeFileSync(path.join(dir, 'screenshots.yml'), text);
    return dir;
  };
  const problems = (dir: string) => {
    try {
      loadProject({ cwd: dir });
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as UserError).message.split('\n');
    }
    return [];
  };

  it("styles every slide in the icon's colours; a slide's own background makes the text auto", () => {
    const dir = project(manifest('app: { name: Habitual, icon: icon.png }'));
    writeIcon(path.join(dir, 'icon.png'), [37, 99, 235], [250, 204, 21]);
    const { plan } = loadProject({ cwd: dir });
    const [home, stats] = plan.all;
    expect(home!.theme).toBe('from-icon');
    expect(home!.style.headline?.color).toBe('#ffffff');
    expect(home!.style.background?.gradient).toHaveLength(2);
    expect(worst('#ffffff', home!.style.background!.gradient as [string, string])).toBeGreaterThanOrEqual(4.5);
    expect(stats!.style.headline).toMatchObject({ color: 'auto', 'auto-prefer': '#ffffff' });
  });

  it('without app.icon, or with an icon that is no PNG, is an error at the theme line', () => {
    expect(problems(project(manifest('app: { name: Habitual }')))).toEqual([
      'screenshots.yml:5:8: error: Expected app.icon (a PNG of the app icon) for theme from-icon but the manifest has none; add app: { icon: icon.png }',
    ]);
    const dir = project(manifest('app: { name: Habitual, icon: icon.png }'));
    writeFileSync(path.join(dir, 'icon.png'), 'not a png');
    expect(problems(dir)[0]).toMatch(
      /^screenshots\.yml:5:8: error: theme from-icon: cannot read app\.icon .*icon\.png as a PNG \(/,
    );
    expect(problems(project(manifest('app: { name: Habitual, icon: gone.png }')))[0]).toMatch(
      /^screenshots\.yml:5:8: error: theme from-icon: app\.icon gone\.png does not exist/,
    );
  });
});
