// The strings readers meet what teams actually have (issue #23, defects 8-12): whitespace
// controls, DOCTYPE entities in strings.xml, Angular's XLIFF, glyph coverage at validate (the
// renderer's own check, without native code) and stray locale-style entries. Fixtures are ours.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/project.js';
import { loadManifest } from '../src/manifest/load.js';
import { readStrings } from '../src/manifest/strings.js';
import { buildPlan } from '../src/plan/plan.js';
import { checkGlyphs } from '../src/render/index.js';
import { coverageProblems } from '../src/render/coverage.js';
import { parseAndroidStrings } from '../src/l10n/android.js';
import { parseXliff } from '../src/l10n/xliff.js';
import { MAX_ENTITY_CHARS } from '../src/l10n/xml.js';
import { UserError } from '../src/util/errors.js';
import { runBin, runCli } from './helpers/cli.js';
import { tempProject } from './helpers/l10n.js';

const manifest = (o: {
  locales: string;
  presets?: string;
  slides: string;
  extra?: string;
  screenshots?: string;
}) => `version: 1
locales: ${o.locales}
presets: ${o.presets ?? '[play.phone]'}
screenshots: ${o.screenshots ?? 'shots/en-US/{device}/{slide}.png'}
slides:
${o.slides}
${o.extra ?? ''}
`;

const errorOf = (fn: () => unknown): UserError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
};

describe('8: whitespace controls are whitespace, never a font problem', () => {
  const strings = '/* headlines */\n"home_title" = "Track\\tevery\\U2028habit";\n"stats_title" = "Ring\\athe bell";\n';
  const project = (slides: string) =>
    tempProject({
      'en.lproj/Localizable.strings': strings,
      'screenshots.yml': manifest({
        locales: '[en-US]',
        slides,
        extra: 'strings: ["{locale}.lproj/Localizable.strings"]',
      }),
    });

  it('a tab becomes a space and U+2028 a line break; validate passes and the render check passes', () => {
    const dir = project(
      '  - id: home\n    headline: { key: home_title }\n  - id: photo\n    headline: "Inline\\ttab\\r\\nand CRLF"',
    );
    const { plan } = loadProject({ cwd: dir });
    expect(plan.all.map((j) => j.headline?.text)).toEqual(['Track every\nhabit', 'Inline tab\nand CRLF']);
    expect(() => checkGlyphs(plan.all)).not.toThrow(); // the renderer's own check
  });

  it('any other control character is refused by validate at its strings line, not blamed on fonts', () => {
    const dir = project('  - id: stats\n    headline: { key: stats_title }');
    const e = errorOf(() => loadProject({ cwd: dir }));
    expect(e.message).toBe(
      'en.lproj/Localizable.strings:3:1: error: en-US/play.phone/stats headline: control character U+0007 at character 5 of "Ring\\u0007the bell": remove it (it is not text; tabs and line separators are turned into spaces and line breaks, other controls are refused)',
    );
    expect(e.message).not.toContain('no font covers');
  });
});

describe('9: strings.xml entities declared in its DOCTYPE', () => {
  const ctx = { file: 'values/strings.xml', locale: 'en-US', perLocale: true };
  it('are expanded as aapt2 expands them, nested ones and character references included', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE resources [
  <!ENTITY app "Habitual">
  <!ENTITY tagline "&app; &#x2014; habits &amp; goals">
  <!ENTITY app "Not this one">
]>
<resources>
  <string name="home_title">Track every habit with &app;</string>
  <string name="tagline">&tagline;</string>
</resources>`;
    expect(parseAndroidStrings(xml, ctx).values).toEqual({
      home_title: 'Track every habit with Habitual',
      tagline: 'Habitual — habits & goals',
    });
  });

  it('never reads an external entity (no XXE): using one is an error naming it; declaring one is harmless', () => {
    const decl = '<!DOCTYPE resources [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY app "Habitual">]>';
    expect(parseAndroidStrings(`${decl}\n<resources><string name="a">&app;</string></resources>`, ctx).values).toEqual({
      a: 'Habitual',
    });
    expect(() =>
      parseAndroidStrings(`${decl}\n<resources>\n  <string name="a">&secret;</string></resources>`, ctx),
    ).toThrow(
      'values/strings.xml:3:28: error: Invalid strings file: &secret; is an external entity (SYSTEM "file:///etc/passwd"); storeshots never reads files or URLs an XML file names',
    );
  });

  it('bounds the expansion: nested entities that multiply ("billion laughs") and wide ones repeated are refused', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('\n');
    const laughs = `<!DOCTYPE resources [\n<!ENTITY l0 "lol">\n${levels}\n]>\n<resources><string name="a">&l9;</string></resources>`;
    expect(() => parseAndroidStrings(laughs, ctx)).toThrow(
      `the entity &l5; expands to more than ${MAX_ENTITY_CHARS} characters; refused`,
    );
    const wide = `<!DOCTYPE resources [<!ENTITY w "${'x'.repeat(60_000)}">]>\n<resources>${'<string name="a">&w;&w;</string>'.repeat(10)}</resources>`;
    expect(() => parseAndroidStrings(wide, ctx)).toThrow(
      /entities expand to more than 1048576 characters in this file; refused/,
    );
    expect(() =>
      parseAndroidStrings(
        '<!DOCTYPE r [<!ENTITY a "&b;"><!ENTITY b "&a;">]>\n<resources><string name="x">&a;</string></resources>',
        ctx,
      ),
    ).toThrow(/the entity &a; refers to itself \(a -> b -> a\)/);
  });

  it("an entity still undefined is the parser's error at its line", () => {
    expect(() => parseAndroidStrings('<resources>\n<string name="a">&nope;</string></resources>', ctx)).toThrow(
      /values\/strings\.xml:2:\d+: error: Invalid strings file: invalid XML: undefined entity/,
    );
  });
});

describe('10: XLIFF from Angular (ng extract-i18n)', () => {
  const source = `<?xml version="1.0" encoding="UTF-8" ?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en-US" datatype="plaintext" original="ng2.template">
    <body>
      <trans-unit id="home_title" datatype="html">
        <source>Track every <x id="START_BOLD_TEXT" ctype="x-b" equiv-text="&lt;b&gt;"/>habit<x id="CLOSE_BOLD_TEXT" ctype="x-b" equiv-text="&lt;/b&gt;"/></source>
      </trans-unit>
      <trans-unit id="stats_title" datatype="html">
        <source>Hi <x id="INTERPOLATION" equiv-text="{{ name }}"/>,<x id="LINE_BREAK" ctype="lb" equiv-text="&lt;br&gt;"/>see your progress <x id="START_TAG_MAT-SPINNER" ctype="x-mat-spinner" equiv-text="&lt;mat-spinner diameter=&quot;20&quot;&gt;"/><x id="CLOSE_TAG_MAT-SPINNER" ctype="x-mat-spinner" equiv-text="&lt;/mat-spinner&gt;"/></source>
      </trans-unit>
      <trans-unit id="photo_title" datatype="html">
        <source>Capture the moments that matter</source>
      </trans-unit>
    </body>
  </file>
</xliff>
`;
  // The translated copy: no target-language in the header, targets marked new and needs-translation.
  const german = source
    .replace('<source>Track every <x', '<source>x</source>\n        <target state="new">Jede <x')
    .replace(
      'habit<x id="CLOSE_BOLD_TEXT" ctype="x-b" equiv-text="&lt;/b&gt;"/></source>',
      'Gewohnheit<x id="CLOSE_BOLD_TEXT" ctype="x-b" equiv-text="&lt;/b&gt;"/> im Blick</target>',
    )
    .replace('<source>Hi <x', '<source>Hi</source>\n        <target state="translated">Hallo <x')
    .replace('see your progress <x', 'sieh deinen Fortschritt <x')
    .replace('&lt;/mat-spinner&gt;"/></source>', '&lt;/mat-spinner&gt;"/></target>')
    .replace(
      '<source>Capture the moments that matter</source>',
      '<source>Capture the moments that matter</source>\n        <target state="needs-translation">Capture the moments that matter</target>',
    );

  it('renders the text content: markup dropped, <br> a line break, interpolations dropped and listed', () => {
    const en = parseXliff(source, { file: 'src/locale/messages.xlf', locale: 'en-US', perLocale: false });
    expect(en.values).toEqual({
      home_title: 'Track every habit',
      stats_title: 'Hi,\nsee your progress',
      photo_title: 'Capture the moments that matter',
    });
    expect(en.placeholders?.stats_title).toEqual(['{{ name }}', '<mat-spinner diameter="20">', '</mat-spinner>']);
    const v2 = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">
  <file id="ngi18n" original="ng.template"><unit id="greet"><segment state="translated">
    <source>Hi <ph id="0" equiv="INTERPOLATION" disp="{{ name }}"/></source>
    <target>Hallo <ph id="0" equiv="INTERPOLATION" disp="{{ name }}"/>!<ph id="1" equiv="LINE_BREAK" type="fmt" disp="&lt;br/&gt;"/>Sieh <pc id="2" equivStart="START_BOLD_TEXT" equivEnd="CLOSE_BOLD_TEXT" type="fmt" dispStart="&lt;b&gt;" dispEnd="&lt;/b&gt;">alles</pc></target>
  </segment></unit></file></xliff>`;
    const de = parseXliff(v2, { file: 'messages.de.xlf', locale: 'de-DE', perLocale: true });
    expect(de.values).toEqual({ greet: 'Hallo!\nSieh alles' });
    expect(de.placeholders?.greet).toEqual(['{{ name }}', '<b>']);
  });

  it('takes the language from the file name, uses state="new" targets, warns about placeholders in a headline, and says why a key gave nothing', () => {
    const files = { 'src/locale/messages.xlf': source, 'src/locale/messages.de.xlf': german };
    const slides = '  - id: home\n    headline: { key: home_title }\n  - id: stats\n    headline: { key: stats_title }';
    const strings = 'strings: ["src/locale/messages.xlf", "src/locale/messages.{locale}.xlf"]';
    const dir = tempProject({
      ...files,
      'screenshots.yml': manifest({ locales: '[en-US, de-DE]', slides, extra: strings }),
    });
    const p = loadProject({ cwd: dir });
    const text = (id: string) => p.plan.all.find((j) => j.id === id)!.headline!.text;
    expect(text('de-DE/play.phone/home')).toBe('Jede Gewohnheit im Blick');
    expect(text('de-DE/play.phone/stats')).toBe('Hallo,\nsieh deinen Fortschritt');
    expect(text('en-US/play.phone/stats')).toBe('Hi,\nsee your progress');
    const msgs = p.warnings.map((w) => `${w.at?.file}:${w.at?.line}: ${w.message}`);
    expect(msgs).toContain(
      'src/locale/messages.de.xlf:7: 1 <target>(s) marked state="new" (translated, not yet reviewed) were used for de-DE',
    );
    expect(msgs).toContain(
      'src/locale/messages.de.xlf:9: The de-DE text for key "stats_title" (a headline) carries placeholder(s) "{{ name }}", "<mat-spinner diameter=\\"20\\">", "</mat-spinner>" that a screenshot cannot fill: they were left out, the text around them is drawn ("Hallo,\\nsieh deinen Fortschritt"); give the screenshot its own text without placeholders',
    );

    // A needs-translation target, no fallback-locale: the error names each file read and why it gave nothing.
    const dir2 = tempProject({
      ...files,
      'screenshots.yml': manifest({
        locales: '[en-US, de-DE]',
        slides: '  - id: photo\n    headline: { key: photo_title }',
        extra: strings,
      }),
    });
    const e = errorOf(() => loadProject({ cwd: dir2 }));
    expect(e.message).toBe(
      'screenshots.yml:7:15: error: No text for key "photo_title" in locale de-DE at slides[0].headline [read src/locale/messages.xlf: it holds only its source language "en-US", not de-DE; ' +
        'src/locale/messages.de.xlf: its <target> for "photo_title" (line 15) is marked state="needs-translation"]; add it to the strings files or set fallback-locale',
    );
  });
});

describe("11: validate runs the renderer's glyph-coverage check", () => {
  const files = {
    'screenshots.yml': manifest({
      locales: '[en-US, hy-AM]',
      slides: '  - id: home\n    headline: { en-US: Hello, hy-AM: Բարև ձեզ 𓀀 }',
    }),
  };

  it('a character no shipped font covers (a hieroglyph in Armenian text, whose script is covered) fails validate with the place, as render would', async () => {
    const dir = tempProject(files);
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(2);
    const line = 'screenshots.yml:6:5: error: hy-AM/play.phone/home headline: no font covers "𓀀" (U+13000)';
    expect(r.stderr).toContain(`${line}: Add a font that has these characters`);
    // One implementation: the renderer refuses the same job with the same words.
    const loaded = loadManifest(path.join(dir, 'screenshots.yml'), 'screenshots.yml');
    const { plan } = buildPlan({ loaded, theme: { name: 'aurora', style: {} }, cwd: dir });
    const job = plan.all.find((j) => j.locale === 'hy-AM')!;
    expect(coverageProblems([job]).map((c) => c.message)).toEqual([line.replace(/^.*error: /, '')]);
    expect(() => checkGlyphs([job])).toThrow(line.replace(': error:', ':'));
  });

  it('runs without loading native code: the shipped CLI validates with the canvas and sharp unloadable', () => {
    const dir = tempProject(files);
    const block = path.join(mkdtempSync(path.join(tmpdir(), 'ss-block-')), 'block.cjs');
    writeFileSync(
      block,
      `const M = require('node:module'); const load = M._load;
M._load = function (request, ...rest) { if (/^(@napi-rs\\/canvas|sharp)(\\/|$)/.test(request)) throw new Error('native module blocked: ' + request); return load.call(this, request, ...rest); };\n`,
    );
    const r = runBin(['validate'], dir, { NODE_OPTIONS: `--require ${block}` });
    expect(r.stderr).not.toContain('native module blocked');
    expect(r.stderr).toContain('hy-AM/play.phone/home headline: no font covers "𓀀" (U+13000)');
    expect(r.code).toBe(2);
    // Sanity: the hook does block what it names.
    const fixed = tempProject({
      'screenshots.yml': manifest({ locales: '[en-US]', slides: '  - id: home\n    headline: Hello' }),
    });
    expect(runBin(['validate'], fixed, { NODE_OPTIONS: `--require ${block}` }).code).toBe(0);
  });
});

describe('12: stray locale-style entries', () => {
  it('an entry for no locale of the project (an underscore form, a code the import wrote) is warned, with the nearest form', () => {
    const dir = tempProject({
      'screenshots.yml': manifest({
        locales: '[en-US, ar-SA, zh-Hans]',
        presets: '[appstore.iphone_6_9]',
        slides: '  - id: home\n    headline: Hello',
        extra:
          'locale-style:\n  ar_SA: { headline: { weight: 600 } }\n  zcmn-Hans: { headline: { weight: 600 } }\n  Hans: { headline: { weight: 700 } }\n  ar: { headline: { weight: 700 } }\n  en-US: { headline: { weight: 700 } }\n  Arab: { headline: { weight: 700 } }',
      }),
    });
    const { warnings } = loadProject({ cwd: dir });
    expect(warnings.map((w) => `${w.at?.line}: ${w.message}`)).toEqual([
      '9: locale-style "ar_SA" applies to no locale of this project (locales: en-US, ar-SA, zh-Hans; a key is a locale, a language such as "ja", or a script such as "Hans") (did you mean "ar-SA"? locale-style keys use the manifest\'s BCP 47 form); it has no effect',
      '10: locale-style "zcmn-Hans" applies to no locale of this project (locales: en-US, ar-SA, zh-Hans; a key is a locale, a language such as "ja", or a script such as "Hans"); it has no effect',
    ]);
  });
});

describe('6: {locale} in strings patterns finds underscore folders', () => {
  it('ru_RU.lproj and zh_TW.lproj serve ru-RU and zh-TW', () => {
    const dir = tempProject({
      'ru_RU.lproj/Localizable.strings': '"home_title" = "Привет";\n',
      'zh_TW.lproj/Localizable.strings': '"home_title" = "你好";\n',
    });
    const s = readStrings(['{locale}.lproj/Localizable.strings'], ['ru-RU', 'zh-TW'], dir, { cwd: dir });
    expect(s.tables).toEqual({ 'ru-RU': { home_title: 'Привет' }, 'zh-TW': { home_title: '你好' } });
  });
});
