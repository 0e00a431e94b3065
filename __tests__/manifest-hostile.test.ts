// Hostile manifests (issue #13, items 2, 4, 5, 7, 11): each is a manifest error with file:line:column,
// exit 2, no stack trace, and nothing read or written outside the project.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../src/project.js';
import { ROOT, runCli } from './helpers/cli.js';

const GOOD_SHOT = path.join(ROOT, 'examples/habitual/shots/en-US/android-phone/home.png');
const BASE = `version: 1
locales: [en-US]
presets: [play.phone]
screenshots: shots/{slide}.png
slides:
  - id: home
    headline: Track every habit
`;

const tops: string[] = [];
afterAll(() => tops.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** top/outside.png beside top/proj/ (the project: manifest, shots/home.png). */
function project(text: string): { dir: string; top: string } {
  const top = mkdtempSync(path.join(tmpdir(), 'ss-hostile-'));
  tops.push(top);
  copyFileSync(GOOD_SHOT, path.join(top, 'outside.png'));
  const dir = path.join(top, 'proj');
  mkdirSync(path.join(dir, 'shots'), { recursive: true });
  copyFileSync(GOOD_SHOT, path.join(dir, 'shots/home.png'));
  writeFileSync(path.join(dir, 'screenshots.yml'), text);
  return { dir, top };
}

async function validate(text: string | Buffer) {
  const { dir } = project(typeof text === 'string' ? text : '');
  if (typeof text !== 'string') writeFileSync(path.join(dir, 'screenshots.yml'), text);
  const r = await runCli(['validate'], dir);
  return { ...r, dir };
}

/** Exit 2, every line a positioned manifest error, no stack; returns the lines. */
function manifestErrors(r: { code: number; stderr: string }): string[] {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  for (const l of lines) expect(l).toMatch(/^screenshots\.yml:\d+:\d+: error: /);
  expect(r.stderr).not.toMatch(/\n\s+at |Maximum call stack|RangeError|ReferenceError/);
  return lines;
}

describe('#13 item 2: every path-valued field goes through one containment check at validate', () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      'style.background.image ../outside.png',
      'style:\n  background: { image: ../outside.png }\n',
      /^screenshots\.yml:9:24: error: Path "\.\.\/outside\.png" at style\.background\.image leaves/,
    ],
    [
      'style.background.image /etc/passwd',
      'style:\n  background: { image: /etc/passwd }\n',
      /^screenshots\.yml:9:24: error: Path "\/etc\/passwd" at style\.background\.image leaves/,
    ],
    [
      'style.background.image /dev/zero',
      'style:\n  background: { image: /dev/zero }\n',
      /^screenshots\.yml:9:24: error: Path "\/dev\/zero" at style\.background\.image leaves/,
    ],
    [
      'builtin: traversal',
      'style:\n  background: { image: "builtin:../../../../../../etc/passwd" }\n',
      /^screenshots\.yml:9:24: error: Expected builtin:NAME naming an image shipped in the templates folder for style\.background\.image/,
    ],
    [
      'device.frame ../outside.png',
      'style:\n  device: { frame: ../outside.png }\n',
      /^screenshots\.yml:9:20: error: Path "\.\.\/outside\.png" at style\.device\.frame leaves/,
    ],
    [
      'subtitle.font /etc/passwd.ttf',
      'style:\n  subtitle: { font: /etc/passwd.ttf }\n',
      /^screenshots\.yml:9:21: error: Path "\/etc\/passwd\.ttf" at style\.subtitle\.font leaves/,
    ],
    [
      'a slide style image',
      BASE.replace(
        '    headline: Track every habit\n',
        '    headline: Track every habit\n    style: { background: { image: ../outside.png } }\n',
      ),
      /^screenshots\.yml:8:35: error: Path "\.\.\/outside\.png" at slides\[0\]\.style\.background\.image leaves/,
    ],
    [
      'a locale-style font',
      'locale-style:\n  en: { headline: { font: ../../x.otf } }\n',
      /^screenshots\.yml:9:27: error: Path "\.\.\/\.\.\/x\.otf" at locale-style\.en\.headline\.font leaves/,
    ],
    [
      'a preset style frame',
      BASE.replace(
        'presets: [play.phone]',
        'presets:\n  - { id: play.phone, style: { device: { frame: /tmp/f.png } } }',
      ),
      /^screenshots\.yml:4:49: error: Path "\/tmp\/f\.png" at presets\[0\]\.style\.device\.frame leaves/,
    ],
    [
      'output.dir outside the project',
      'output: { dir: ../elsewhere }\n',
      /^screenshots\.yml:8:16: error: Path "\.\.\/elsewhere" at output\.dir leaves/,
    ],
    [
      'output.dir an absolute path outside',
      'output: { dir: /var/tmp/ss-out }\n',
      /^screenshots\.yml:8:16: error: Path "\/var\/tmp\/ss-out" at output\.dir leaves/,
    ],
    [
      'output.dir the screenshot folder',
      'output: { dir: shots }\n',
      /^screenshots\.yml:8:16: error: Expected an output folder outside the screenshot folder shots for output\.dir but received "shots"/,
    ],
  ];
  for (const [name, extra, want] of cases) {
    it(`refuses ${name}, at its position`, async () => {
      const text = extra.startsWith('version:') ? extra : BASE + extra;
      const lines = manifestErrors(await validate(text));
      expect(
        lines.some((l) => want.test(l)),
        lines.join('\n'),
      ).toBe(true);
    });
  }

  it('render refuses them before opening anything and writes nothing', async () => {
    const { dir, top } = project(`${BASE}style:\n  background: { image: ../outside.png }\n`);
    const r = await runCli(['render', '--no-cache'], dir);
    manifestErrors(r);
    expect(existsSync(path.join(dir, 'storeshots-out'))).toBe(false);
    expect(readdirSync(top).sort()).toEqual(['outside.png', 'proj']);
  });

  it('output.dir resolves against the manifest folder: an absolute path inside the project is used as written', () => {
    const { dir } = project('');
    const abs = path.join(dir, 'renders');
    writeFileSync(path.join(dir, 'screenshots.yml'), `${BASE}output: { dir: ${abs} }\n`);
    expect(loadProject({ cwd: dir }).plan.outDir).toBe(abs);
  });

  it('a builtin: image shipped in templates/ is accepted', async () => {
    const r = await validate(`${BASE}style:\n  background: { image: "builtin:photo-dusk.jpg" }\n`);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('#13 item 4: non-finite numbers are refused by validate', () => {
  it('style.subtitle.size: .inf is a positioned error (it hung render)', async () => {
    const lines = manifestErrors(await validate(`${BASE}style:\n  subtitle: { size: .inf }\n`));
    expect(lines).toEqual([
      'screenshots.yml:9:21: error: Expected a finite number for style.subtitle.size but received number Infinity',
    ]);
  });

  it('.nan and -.inf anywhere, and sizes beyond the schema maximum', async () => {
    const lines = manifestErrors(
      await validate(
        `${BASE}style:\n  background: { angle: .nan }\n  headline: { letter-spacing: -.inf, size: 1e9 }\n`,
      ),
    );
    expect(lines.join('\n')).toMatch(
      /9:24: error: Expected a finite number for style\.background\.angle but received number NaN/,
    );
    expect(lines.join('\n')).toMatch(/10:31: error: Expected a finite number for style\.headline\.letter-spacing/);
    const big = manifestErrors(await validate(`${BASE}style:\n  headline: { size: 1e9 }\n`));
    expect(big).toEqual([
      expect.stringMatching(/^screenshots\.yml:9:21: error: Expected a number <= 4000 for style\.headline\.size/),
    ]);
  });
});

describe('#13 items 5 and 11: colours are CSS colours, checked at validate with their position', () => {
  it('a gradient stop of 50,000 Zs is refused (it crashed the worker pool)', async () => {
    const lines = manifestErrors(
      await validate(`${BASE}style:\n  background: { gradient: ["#000000", ${'Z'.repeat(50_000)}] }\n`),
    );
    expect(lines).toEqual([
      expect.stringMatching(
        /^screenshots\.yml:9:39: error: Expected a CSS colour: .* for style\.background\.gradient\[1\] but received "ZZZZ/,
      ),
    ]);
  });

  it('headline.color: notacolour is refused, naming what a colour is', async () => {
    const lines = manifestErrors(await validate(`${BASE}style:\n  headline: { color: notacolour }\n`));
    expect(lines).toEqual([
      'screenshots.yml:9:22: error: Expected auto or a CSS colour: #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba(), hsl()/hsla(), hwb() or a CSS colour name (auto picks a readable colour: docs/design.md#text-colour-auto) for style.headline.color but received "notacolour"',
    ]);
  });

  it('every CSS colour form and the frame finishes are accepted', async () => {
    const r = await validate(
      `${BASE}style:\n  background: { gradient: ["#4f46e5", "rgb(1 2 3 / 50%)", "hsl(200, 50%, 40%)", rebeccapurple, "#0ea5e980"] }\n  headline: { color: white, accent: "#ff0" }\n  device: { color: desert-titanium }\n`,
    );
    expect(r.code, r.stderr).toBe(0);
    const bad = manifestErrors(await validate(`${BASE}style:\n  device: { color: sparkly }\n`));
    expect(bad[0]).toMatch(/style\.device\.color but received "sparkly"/);
  });
});

describe('#13 item 7: YAML attacks and odd input are manifest errors with a position', () => {
  it('an alias bomb exits 2 at the first alias (it exited 3 without a position)', async () => {
    const lines = manifestErrors(
      await validate(
        `${BASE}locale-style:\n  a: &a { headline: { weight: 800 } }\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
      ),
    );
    expect(lines).toEqual([
      'screenshots.yml:10:10: error: Invalid YAML: aliases expand more than 100 times (an alias bomb?); write the values out instead',
    ]);
  });

  it('an unresolved alias exits 2 at the alias', async () => {
    const lines = manifestErrors(await validate(`${BASE}theme: *nowhere\n`));
    expect(lines).toEqual([
      'screenshots.yml:8:8: error: Invalid YAML: the alias *nowhere names no anchor defined before it',
    ]);
  });

  it('presets: [{ id: play.phone, size: 99999x99999 }] is refused at validate (it ran the engine out of memory)', async () => {
    const lines = manifestErrors(
      await validate(BASE.replace('presets: [play.phone]', 'presets: [{ id: play.phone, size: 99999x99999 }]')),
    );
    expect(lines).toEqual([
      expect.stringMatching(
        /^screenshots\.yml:3:35: error: Expected a size within Play's rules for play\.phone \(each side 320-3840 px.*for presets\[0\]\.size but received "99999x99999"/,
      ),
    ]);
  });

  it('10,000 nested [ give a positioned error, not a stack overflow', async () => {
    const lines = manifestErrors(await validate(`${BASE}theme: ${'['.repeat(10_000)}\n`));
    expect(lines).toEqual([
      'screenshots.yml:8:39: error: Invalid YAML: lists and maps nested more than 32 levels deep',
    ]);
    const dashes = manifestErrors(await validate(`${BASE}fonts:\n${'- '.repeat(10_000)}x\ntheme: *a\n`));
    expect(dashes).toEqual([
      'screenshots.yml:9:65: error: Invalid YAML: lists and maps nested more than 32 levels deep',
    ]);
    // Nesting by indentation alone: 200 maps, each one column further in.
    const indented = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    const byIndent = manifestErrors(await validate(`${BASE}app:\n${indented.replace(/^/gm, ' ')} x\n`));
    expect(byIndent).toEqual([
      expect.stringMatching(
        /^screenshots\.yml:4\d:\d+: error: Invalid YAML: lists and maps nested more than 32 levels deep$/,
      ),
    ]);
  });

  it('an unknown top-level key suggests the nearest and lists the keys', async () => {
    const lines = manifestErrors(await validate(`${BASE.replace('locales: [en-US]\n', '')}locale: [en-US]\n`));
    const line = lines.find((l) => l.includes('Unknown key'))!;
    expect(line).toMatch(
      /^screenshots\.yml:7:1: error: Unknown key "locale" at locale \(did you mean "locales"\?\); expected one of: version, app, locales, presets, /,
    );
  });

  it('bad UTF-8 is refused at its line and column (it rendered as U+FFFD with exit 0)', async () => {
    const text = Buffer.concat([
      Buffer.from(BASE),
      Buffer.from('app: { name: "Caf'),
      Buffer.from([0xe9]),
      Buffer.from('" }\n'),
    ]);
    const lines = manifestErrors(await validate(text));
    expect(lines).toEqual([
      'screenshots.yml:8:18: error: The manifest is not valid UTF-8: bytes e9 22 20 7d at byte 151; save it as UTF-8',
    ]);
  });

  it('a FIFO, a folder and a symlink to a device as the screenshot are named as what they are', async () => {
    const { dir } = project(
      `${BASE.replace('  - id: home\n    headline: Track every habit\n', '  - { id: fifo, headline: A }\n  - { id: folder, headline: B }\n  - { id: device, headline: C }\n')}`,
    );
    execFileSync('mkfifo', [path.join(dir, 'shots/fifo.png')]);
    mkdirSync(path.join(dir, 'shots/folder.png'));
    symlinkSync('/dev/zero', path.join(dir, 'shots/device.png'));
    const lines = manifestErrors(await runCli(['validate'], dir));
    expect(lines).toEqual([
      'screenshots.yml:6:5: error: Screenshot for en-US/play.phone/fifo shots/fifo.png is a named pipe (FIFO), not a file (from the screenshots pattern)',
      'screenshots.yml:7:5: error: Screenshot for en-US/play.phone/folder shots/folder.png is a folder, not a file (from the screenshots pattern)',
      'screenshots.yml:8:5: error: Screenshot for en-US/play.phone/device shots/device.png is a symlink to a device, not a file (from the screenshots pattern)',
    ]);
  });
});

describe('#13 item 11: what was silently accepted is refused', () => {
  it("a slide's presets: naming a preset the manifest lacks (the slide vanished from every set)", async () => {
    const lines = manifestErrors(
      await validate(
        BASE.replace(
          '    headline: Track every habit\n',
          '    headline: Track every habit\n    presets: [play.phon]\n',
        ),
      ),
    );
    expect(lines).toEqual([
      'screenshots.yml:8:15: error: Preset "play.phon" at slides[0].presets[0] is not one of the manifest\'s presets (did you mean "play.phone"?); the manifest has: play.phone',
    ]);
  });

  it('device.frame: /etc/passwd (it fell back to auto)', async () => {
    const lines = manifestErrors(await validate(`${BASE}style:\n  device: { frame: /etc/passwd }\n`));
    expect(lines).toEqual([
      expect.stringMatching(
        /^screenshots\.yml:9:20: error: Expected auto, none, a model \(iphone-island, .*\) or a path to a frame PNG .* for style\.device\.frame but received "\/etc\/passwd"$/,
      ),
    ]);
  });
});

describe('a screenshot pattern that leaves the project', () => {
  it('is that one error, not also "a screenshot folder" holding the output folder', () => {
    const { dir } = project(BASE.replace('shots/{slide}.png', '../{slide}.png'));
    let err: unknown;
    try {
      loadProject({ cwd: dir });
    } catch (e) {
      err = e;
    }
    expect((err as Error).message.split('\n')).toEqual([
      'screenshots.yml:4:14: error: Path "../home.png" at screenshots leaves the manifest\'s folder and the working directory',
    ]);
  });
});
