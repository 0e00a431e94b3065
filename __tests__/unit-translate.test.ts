// The parts of machine translation (docs/render-api.md#translation) that need no service: `**accent**`
// to LibreTranslate's HTML and back, our locales as the codes each generation of LibreTranslate
// publishes, the client's retries (the wait recorded through the injected sleep, never slept) against
// the loopback LibreTranslate, and the script that makes the description the fake is checked against.
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseHighlights } from '../src/render/text.js';
import { EngineError, LibreTranslate, RETRY_AFTER_MAX_MS } from '../src/server/translate/libretranslate.js';
import { candidates, engineCode, type EngineLanguage } from '../src/server/translate/languages.js';
import { fromHtml, markupProblem, toHtml } from '../src/server/translate/markup.js';
import { ARGOS_CODES, CURRENT_LANGUAGES, FakeLibreTranslate } from './fakes/libretranslate.js';
import { ROOT } from './helpers/root.js';

const published = (codes: string[]): EngineLanguage[] =>
  codes.map((code) => ({ code, name: code, targets: codes.filter((c) => c !== code) }));

describe('accent markup through HTML', () => {
  it('sends **accent** as <b>, escapes text, and reads <b> back as **, spaces moved outside', () => {
    expect(toHtml('Track every **habit**')).toBe('Track every <b>habit</b>');
    expect(toHtml('a < b & **c > d**')).toBe('a &lt; b &amp; <b>c &gt; d</b>');
    expect(fromHtml('Verfolge <b>jede</b> Gewohnheit')).toBe('Verfolge **jede** Gewohnheit');
    expect(fromHtml('Verfolge<b> jede </b>Gewohnheit')).toBe('Verfolge **jede** Gewohnheit');
    expect(fromHtml('<STRONG class="x">Alle</STRONG> Serien')).toBe('**Alle** Serien');
  });

  it('reads markup as the renderer does: an unmatched ** is text, an empty accent nothing', () => {
    for (const line of ['5 ** 2 is 25', '**a** and **b', 'x ****y', '**', 'plain']) {
      const back = fromHtml(toHtml(line).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
      expect(parseHighlights(back).text, line).toBe(parseHighlights(line).text);
      expect(parseHighlights(back).spans, line).toEqual(parseHighlights(line).spans);
    }
  });

  it('drops unbalanced tags a translation leaves, keeping their words', () => {
    expect(fromHtml('Alle <b>Serien')).toBe('Alle Serien');
    expect(fromHtml('Alle</b> Serien')).toBe('Alle Serien');
    expect(fromHtml('<b></b>leer')).toBe('leer');
  });

  it('refuses a literal <b> in the source, which would come back as markup', () => {
    expect(markupProblem('Say <b>hi</b>')).toContain('<b>');
    expect(markupProblem('I <3 **streaks**')).toBeUndefined();
  });
});

describe('locales as LibreTranslate codes', () => {
  it('tries the tag, then what its prefix is called, then its language', () => {
    expect(candidates('de-DE')).toEqual(['de-DE', 'de']);
    expect(candidates('zh-Hant-TW')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zt']);
    expect(candidates('no-NO')).toEqual(['no-NO', 'nb', 'no']);
  });

  it('maps to what a current server publishes and to the Argos codes of older ones', () => {
    const now = published(CURRENT_LANGUAGES);
    const argos = published(ARGOS_CODES);
    const cases: Array<[string, string | undefined, string | undefined]> = [
      ['pt-BR', 'pt-BR', 'pb'],
      ['pt-PT', 'pt', 'pt'],
      ['zh-Hans', 'zh-Hans', 'zh'],
      ['zh-CN', 'zh-Hans', 'zh'],
      ['zh-Hant', 'zh-Hant', 'zt'],
      ['zh-HK', 'zh-Hant', 'zt'],
      ['de-DE', 'de', 'de'],
      ['JA', 'ja', 'ja'],
      ['no', 'nb', undefined],
      ['iw-IL', 'he', undefined],
      ['ko-KR', undefined, undefined],
    ];
    for (const [locale, current, old] of cases) {
      expect(engineCode(locale, now), locale).toBe(current);
      expect(engineCode(locale, argos), locale).toBe(old);
    }
    // Traditional Chinese never falls back to Simplified.
    expect(engineCode('zh-TW', published(['en', 'zh']))).toBeUndefined();
  });
});

describe('the LibreTranslate client', () => {
  let lt: FakeLibreTranslate;
  const waits: number[] = [];
  const client = (over: Partial<ConstructorParameters<typeof LibreTranslate>[0]> = {}) =>
    new LibreTranslate(
      { url: lt.url.replace(/\/$/, ''), timeoutMs: 5_000, retries: 2, batchTexts: 2, apiKey: 'k', ...over },
      async (ms) => {
        waits.push(ms);
      },
    );
  beforeAll(async () => {
    lt = await new FakeLibreTranslate({ apiKey: 'k' }).start();
  });
  afterAll(async () => {
    await lt?.stop();
  });
  afterEach(() => {
    expect(lt.violations).toEqual([]);
    lt.calls.length = 0;
    lt.faults = [];
    waits.length = 0;
  });

  it('honours Retry-After on a 429, and backs off on a 5xx without one', async () => {
    lt.faults = [
      { op: 'translate', status: 429, retryAfter: '3' },
      { op: 'translate', status: 500 },
    ];
    const c = client();
    expect(await c.translate(['a', 'b', 'c'], 'en', 'de')).toEqual(['[de]a', '[de]b', '[de]c']);
    expect(waits[0]).toBe(3000);
    expect(waits[1]).toBeGreaterThan(0);
    expect(waits[1]).toBeLessThanOrEqual(500);
    expect(lt.translations.map((b) => b.q)).toEqual([['a', 'b'], ['a', 'b'], ['a', 'b'], ['c']]);
    await c.close();
  });

  it('gives up after the retries, and at once on a 4xx or a Retry-After over the limit', async () => {
    const c = client();
    lt.faults = [{ op: 'translate', status: 502, times: 5 }];
    await expect(c.translate(['a'], 'en', 'de')).rejects.toThrow(EngineError);
    expect(lt.translations).toHaveLength(3);
    lt.calls.length = 0;
    lt.faults = [{ op: 'translate', status: 400, message: 'xx is not supported' }];
    await expect(c.translate(['a'], 'en', 'de')).rejects.toThrow('with 400: xx is not supported');
    expect(lt.translations).toHaveLength(1);
    lt.calls.length = 0;
    lt.faults = [{ op: 'translate', status: 429, retryAfter: String(RETRY_AFTER_MAX_MS / 1000 + 1) }];
    const e = await c.translate(['a'], 'en', 'de').catch((x: unknown) => x);
    expect((e as EngineError).retryAfterMs).toBe(RETRY_AFTER_MAX_MS + 1000);
    expect(lt.translations).toHaveLength(1);
    await c.close();
  });

  it('names a wrong key and a cut connection, and fetches /languages again after a failure', async () => {
    const wrong = client({ apiKey: 'not-it' });
    await expect(wrong.translate(['a'], 'en', 'de')).rejects.toThrow('with 403: Invalid API key');
    await wrong.close();
    const c = client();
    lt.faults = [{ op: 'languages', cut: true }];
    await expect(c.languages()).rejects.toThrow(/answer to GET \/languages was cut off|cannot reach LibreTranslate/);
    expect((await c.languages()).map((l) => l.code)).toEqual(CURRENT_LANGUAGES);
    await c.languages();
    expect(lt.calls.filter((x) => x.op === 'languages')).toHaveLength(2);
    await c.close();
  });
});

describe('scripts/trim-libretranslate.mjs', () => {
  it('builds the operations as flask_swagger does: ids hoisted into definitions, examples dropped', async () => {
    const { trimLibreTranslate } = (await import(path.join(ROOT, 'scripts/trim-libretranslate.mjs') as string)) as {
      trimLibreTranslate: (source: string, commit: string) => any;
    };
    const app = [
      '    @bp.get("/languages")',
      '    def langs():',
      '        """',
      '        Retrieve list of supported languages',
      '        ---',
      '        responses:',
      '          200:',
      '            schema:',
      '              id: languages',
      '              type: array',
      '        """',
      '    @bp.post("/translate")',
      '    def translate():',
      '        """',
      '        Translate text',
      '        ---',
      '        parameters:',
      '          - in: formData',
      '            name: q',
      '            schema:',
      '              type: string',
      '              example: Hello',
      '        responses:',
      '          400:',
      '            schema:',
      '              id: error-response',
      '              type: object',
      '          500:',
      '            schema:',
      '              id: error-response',
      '              properties:',
      '                error: {type: string}',
      '        """',
    ].join('\n');
    const doc = trimLibreTranslate(app, 'a'.repeat(40));
    expect(doc.paths['/languages'].get.summary).toBe('Retrieve list of supported languages');
    expect(doc.paths['/languages'].get.responses['200'].schema).toEqual({ $ref: '#/definitions/languages' });
    expect(doc.paths['/translate'].post.parameters[0].schema).toEqual({ type: 'string' });
    expect(doc.definitions['error-response']).toEqual({ type: 'object', properties: { error: { type: 'string' } } });
    expect(() => trimLibreTranslate('no views here', 'a'.repeat(40))).toThrow('@bp.get("/languages")');
  });
});
