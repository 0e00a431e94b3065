// Each strings parser on real-world shaped files, and on malformed ones (file and line named).
import { describe, expect, it } from 'vitest';
import { decodeStringsFile } from '../src/l10n/text.js';
import { icuOther } from '../src/l10n/arb.js';
import { androidQualifiers } from '../src/l10n/android.js';
import { matchCatalogLocale } from '../src/l10n/xcstrings.js';
import { parseXliff } from '../src/l10n/xliff.js';
import { parseAppleStrings } from '../src/l10n/apple-strings.js';
import { expectParseError, parseFixture } from './helpers/l10n.js';

const P = 'projects';

describe('Apple .strings', () => {
  it('reads comments, escapes, unquoted keys and the "key"; shorthand', () => {
    const t = parseFixture(`${P}/apple-strings/en.lproj/Localizable.strings`);
    expect(t.values).toMatchObject({
      home_title: 'Track every **habit**',
      home_subtitle: 'Streaks, reminders and stats',
      stats_title: 'See your progress',
      greeting: 'Hello, "%@"!\nWelcome back.',
      'tab.today': 'Today',
      settings_title: 'Settings',
      OK: 'OK',
      copyright: '© 2024 Habitual Labs',
    });
    expect(t.lines?.home_title).toBe(10);
    expect(t.lines?.stats_title).toBe(16);
  });

  it('reads UTF-16 little- and big-endian files with a byte order mark, and UTF-8 with one', () => {
    expect(parseFixture(`${P}/apple-strings/de.lproj/Localizable.strings`, 'de-DE').values).toMatchObject({
      home_title: 'Jede **Gewohnheit** im Blick',
      photo_title: 'Halte fest, was wirklich zählt',
      greeting: 'Hallo, "%@"!\nWillkommen zurück.',
    });
    expect(parseFixture(`${P}/apple-strings/ja.lproj/Localizable.strings`, 'ja').values.home_title).toBe(
      'すべての**習慣**を記録',
    );
    expect(parseFixture(`${P}/apple-strings/ar.lproj/Localizable.strings`, 'ar').values.stats_title).toBe('شاهد تقدمك');
  });

  it('recognises UTF-16 without a byte order mark by its zero bytes', () => {
    const text = '"a" = "Grüße";\n';
    expect(decodeStringsFile(Buffer.from(text, 'utf16le'), 'x.strings')).toBe(text);
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(decodeStringsFile(be, 'x.strings')).toBe(text);
  });

  it('reads a file wrapped in { } (old-style plist) and surrogate-pair escapes', () => {
    const t = parseAppleStrings('{\n  "a" = "\\UD83D\\UDE00 ok";\n  b = c;\n}\n', {
      file: 'x.strings',
      locale: 'en',
      perLocale: true,
    });
    expect(t.values).toEqual({ a: '😀 ok', b: 'c' });
  });

  it('names file and line for a missing semicolon, a lost closing quote, an open comment, bad escapes and bad bytes', () => {
    expectParseError('malformed/missing-semicolon.strings', 4, 'expected ; after the entry "home_subtitle"');
    expectParseError('malformed/unclosed-quote.strings', 4, 'closing " missing', 'de-DE', 17);
    expectParseError('malformed/unclosed-comment.strings', 2, 'never closed (missing */)');
    expectParseError('malformed/bad-unicode-escape.strings', 2, '4 hex digits');
    expectParseError('malformed/latin1.strings', 1, 'not valid UTF-8', 'de-DE', 20);
  });
});

describe('Xcode .xcstrings catalogs', () => {
  const file = `${P}/xcstrings/Habitual/Localizable.xcstrings`;
  it("picks the locale's language out of the one catalog", () => {
    const de = parseFixture(file, 'de-DE', false);
    expect(de.values.home_title).toBe('Jede **Gewohnheit** im Blick');
    expect(de.values['See your progress']).toBe('Sieh deinen Fortschritt');
    // needs_review still has the translator's text
    expect(de.values.home_subtitle).toBe('Serien, Erinnerungen und Statistiken');
    expect(parseFixture(file, 'ar', false).values.home_title).toBe('تابع كل **عادة**');
  });

  it('takes the "other" case of plural and device variations, and fills substitutions', () => {
    const de = parseFixture(file, 'de-DE', false);
    expect(de.values['%lld habits']).toBe('%lld Gewohnheiten');
    expect(de.values.photo_title).toBe('Halte fest, was wirklich zählt');
    expect(parseFixture(file, 'ja', false).values['%lld habits']).toBe('%lld件の習慣');
    expect(parseFixture(file, 'en-US', false).values.streak_message).toBe('You kept %arg days in a row');
  });

  it('uses the key as the source text when the source language has no entry, and keeps shouldTranslate: false texts everywhere', () => {
    const en = parseFixture(file, 'en-US', false);
    expect(en.values['See your progress']).toBe('See your progress');
    const ja = parseFixture(file, 'ja', false);
    expect(ja.values.Habitual).toBe('Habitual');
    expect(ja.fixed).toEqual(['Habitual']);
    // A locale the catalog lacks gets only the fixed keys.
    expect(parseFixture(file, 'fr-FR', false).values).toEqual({ Habitual: 'Habitual' });
  });

  it('treats an empty value (state "new") as missing', () => {
    expect(parseFixture(file, 'de-DE', false).values.streak_message).toBeUndefined();
  });

  it('names file and line for broken JSON and for a value that is not text', () => {
    expectParseError('malformed/trailing-comma.xcstrings', 7, 'invalid JSON');
    expectParseError(
      'malformed/value-number.xcstrings',
      9,
      'expected text for the value at strings > home_title > localizations > de',
    );
  });

  it('matches catalog languages from most to least specific', () => {
    expect(matchCatalogLocale('de-DE', ['en', 'de'])).toBe('de');
    expect(matchCatalogLocale('zh-Hans-CN', ['zh-Hant', 'zh-Hans'])).toBe('zh-Hans');
    expect(matchCatalogLocale('pt-BR', ['pt-PT', 'pt-BR'])).toBe('pt-BR');
    expect(matchCatalogLocale('pt-BR', ['pt-PT'])).toBeUndefined();
    expect(matchCatalogLocale('en-GB', ['en_GB', 'en'])).toBe('en_GB');
  });
});

describe('Android strings.xml', () => {
  const res = `${P}/android/app/src/main/res`;
  it('applies aapt2 rules: escapes, quotes, whitespace, CDATA, markup, references', () => {
    const en = parseFixture(`${res}/values/strings.xml`);
    expect(en.values.stats_title).toBe('See your progress'); // line break and indent collapse to one space
    expect(en.values.photo_title).toBe('Capture the moments that matter'); // quotes dropped
    expect(en.values.welcome).toBe('Welcome back, %1$s!'); // <xliff:g> keeps its text
    expect(en.values.dont_forget).toBe("Don't forget today's habits");
    expect(en.values.share_link).toBe('Habitual'); // @string/app_name
    expect(en.values.tablet_hint).toBe('Swipe between pages'); // default product wins
    expect(en.values.habits_count).toBe('%d habits');
    expect(en.values['habits_count.one']).toBe('%d habit');
    expect(en.values['onboarding.1']).toBe('Set a reminder');
    expect(en.values.headline_size).toBeUndefined();
    expect(en.fixed).toEqual(['app_name']);
    expect(en.lines?.home_title).toBe(5);

    const de = parseFixture(`${res}/values-de/strings.xml`, 'de-DE');
    expect(de.values.dont_forget).toBe('Vergiss die heutigen Gewohnheiten nicht – "Heute" zählt');
    expect(de.values.rich).toBe('<b>Fett</b> & kursiv');
    expect(de.values.quoted).toBe("Zwei  Leerzeichen, ein Apostroph: ' ok");
    expect(de.values.unicode).toBe('Straße\tTab');
  });

  it('names file, line and column for an unescaped apostrophe (also in CDATA), a bad \\u escape, broken XML and a wrong root', () => {
    expectParseError(
      'malformed/apostrophe-strings.xml',
      4,
      'unescaped apostrophe in <string name="dont_forget">: write \\\'',
      'fr-FR',
      33,
    );
    expectParseError('malformed/apostrophe-in-cdata-strings.xml', 4, 'unescaped apostrophe', 'fr-FR', 13);
    expectParseError('malformed/bad-unicode-strings.xml', 4, 'invalid unicode escape sequence', 'de-DE', 28);
    expectParseError('malformed/mismatched-strings.xml', 4, 'invalid XML: unexpected close tag');
    expectParseError('malformed/not-resources-strings.xml', 2, 'expected <resources>');
  });

  it('maps BCP 47 locales to resource qualifiers', () => {
    expect(androidQualifiers('de-DE')).toEqual(['de-rDE', 'b+de+DE', 'de']);
    expect(androidQualifiers('de')).toEqual(['de']);
    expect(androidQualifiers('zh-Hans')).toEqual(['b+zh+Hans', 'zh']);
    expect(androidQualifiers('he')).toEqual(['he', 'iw']);
    expect(androidQualifiers('he-IL')).toEqual(['he-rIL', 'b+he+IL', 'iw-rIL', 'b+iw+IL', 'he', 'iw']);
    expect(androidQualifiers('es-419')).toEqual(['es-r419', 'b+es+419', 'es']);
  });
});

describe('Flutter .arb', () => {
  it('skips @metadata, and takes the other case of ICU plural and select', () => {
    const en = parseFixture(`${P}/arb/lib/l10n/app_en.arb`, 'en-US');
    expect(Object.keys(en.values).sort()).toEqual([
      'greeting',
      'habitsCount',
      'home_subtitle',
      'home_title',
      'photo_title',
      'stats_title',
    ]);
    expect(en.values.habitsCount).toBe('{count} habits');
    expect(en.values.greeting).toBe('Hello {name}!');
    const de = parseFixture(`${P}/arb/lib/l10n/app_de.arb`, 'de-DE');
    expect(de.values.pronoun).toBe('Sie hat {count} Serien');
  });

  it('icuOther keeps plain placeholders and picks the first case without other', () => {
    expect(icuOther('{n, plural, offset:1 =0{none} other{# more}}')).toBe('# more');
    expect(icuOther('{g, select, a{A} b{B}}')).toBe('A');
    expect(icuOther('Hi {name}')).toBe('Hi {name}');
  });

  it('refuses a file whose @@locale is another language, and an unclosed ICU brace, naming the line', () => {
    expectParseError('malformed/wrong-locale.arb', 2, '"@@locale": "fr" does not match the locale de-DE');
    expectParseError('malformed/unclosed-plural.arb', 4, 'message "habitsCount"');
  });
});

describe('JSON', () => {
  it('reads flat and nested (i18next) files; nested keys join with dots; lists and null are skipped', () => {
    const de = parseFixture(`${P}/json/locales/de-DE.json`, 'de-DE');
    expect(de.values['settings.title']).toBe('Einstellungen');
    expect(de.values.habits_count_other).toBe('{{count}} Gewohnheiten');
    expect(de.values.deprecated).toBeUndefined();
    expect(de.values['settings.items']).toBeUndefined();
  });

  it('names file and line for a syntax error and for a number where text belongs', () => {
    expectParseError('malformed/missing-brace.json', 4, 'invalid JSON');
    expectParseError('malformed/number-value.json', 4, 'expected text for "home.count" but found number 3', 'de-DE', 5);
  });
});

describe('XLIFF', () => {
  it('reads an Xcode 1.2 export: several <file>s, notes, inline placeholders, entities; skips untranslated units', () => {
    const de = parseFixture(`${P}/xliff/Localizations/de.xliff`, 'de-DE');
    expect(de.values).toMatchObject({
      home_title: 'Jede **Gewohnheit** im Blick',
      CFBundleDisplayName: 'Habitual',
      greeting: 'Hallo, %@!',
      amp: 'Gewohnheiten & Ziele',
    });
    expect(de.values.settings_title).toBeUndefined(); // state="needs-translation"
    expect(de.values.new_feature).toBeUndefined(); // no <target>
    expect(de.lines?.home_title).toBe(20);
  });

  it('serves the source language from a file, and nothing for an unrelated locale when the file is shared', () => {
    const src = parseFixture(`${P}/xliff/Localizations/de.xliff`, 'en-US', false);
    expect(src.values.home_title).toBe('Track every **habit**');
    expect(src.values.new_feature).toBe('Try focus mode');
    expect(parseFixture(`${P}/xliff/Localizations/de.xliff`, 'ja', false).values).toEqual({});
  });

  it('refuses a file chosen for another locale by the pattern', () => {
    expectParseError(`${P}/xliff/Localizations/de.xliff`, 3, 'target language "de" does not match the locale ja', 'ja');
  });

  it('reads XLIFF 2.0: segments, ignorables, <ph equiv>, <pc>, and groups', () => {
    const x = `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="ja-JP">
  <file id="f1">
    <group id="g">
      <unit id="home_title">
        <segment state="translated"><source>Track every habit.</source><target>すべての習慣を記録。</target></segment>
        <ignorable><source> </source></ignorable>
        <segment><source>Daily.</source><target>毎日。</target></segment>
      </unit>
    </group>
    <unit id="greet"><segment><source>Hi <ph id="1" equiv="%@"/></source><target>こんにちは<ph id="1" equiv="%@"/>、<pc id="2">ようこそ</pc></target></segment></unit>
    <unit id="todo"><segment><source>Later</source></segment></unit>
  </file>
</xliff>`;
    const t = parseXliff(x, { file: 'ja.xlf', locale: 'ja', perLocale: true });
    expect(t.values).toEqual({ home_title: 'すべての習慣を記録。 毎日。', greet: 'こんにちは%@、ようこそ' });
    expect(t.lines?.home_title).toBe(5);
  });

  it('names file and line for broken XML and undefined entities, and refuses other versions', () => {
    expectParseError('malformed/unclosed-target.xliff', 8, 'invalid XML');
    expectParseError('malformed/undefined-entity.xliff', 5, 'undefined entity');
    expect(() => parseXliff('<xliff version="3.0"/>', { file: 'a.xlf', locale: 'de', perLocale: true })).toThrow(
      /a\.xlf:1:1: .*unsupported XLIFF version "3.0"/,
    );
  });
});
