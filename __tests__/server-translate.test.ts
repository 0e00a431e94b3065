// Machine translation through the operator's LibreTranslate (docs/render-api.md#translation), end to
// end: the real `storeshots serve` on loopback talking to a loopback LibreTranslate that checks every
// request and answer against LibreTranslate's own published description (__tests__/fakes/libretranslate.ts).
// Our API (POST /v1/translate), AppScreen's `translate=true` on POST /v1/render, locale codes mapped to
// the codes the server publishes, batching, `**accent**` kept, a 429 then success, a 5xx that stays (502),
// a Retry-After too long to wait, a time-out (504), no server configured (501), and hostile input.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeLibreTranslate } from './fakes/libretranslate.js';
import { api, cleanup, KEY, SCREEN_PNG, startService, type ServerHandle } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const LT_KEY = 'lt-secret-key';

const doc = (...content: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content }] });
const text = (t: string, bold = false) => ({ type: 'text', text: t, ...(bold ? { marks: [{ type: 'bold' }] } : {}) });

/** An AppScreen render request as curl -F sends it (screens as PNG file parts). */
function appscreenForm(fields: Record<string, string>, screens = 1): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (let i = 0; i < screens; i++)
    form.append('screens', new Blob([new Uint8Array(SCREEN_PNG)], { type: 'image/png' }), `shot${i + 1}.png`);
  return form;
}

async function postForm(base: string, form: FormData): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/v1/render`, { method: 'POST', headers: { 'X-API-Key': KEY }, body: form });
  return { status: res.status, body: await res.json() };
}

describe('POST /v1/translate with a LibreTranslate server', () => {
  let lt: FakeLibreTranslate;
  let s: ServerHandle;
  beforeAll(async () => {
    lt = await new FakeLibreTranslate({ apiKey: LT_KEY }).start();
    s = await startService({
      env: {
        STORESHOTS_TRANSLATE_URL: lt.url,
        STORESHOTS_TRANSLATE_API_KEY: LT_KEY,
        STORESHOTS_TRANSLATE_BATCH_TEXTS: '4',
        STORESHOTS_MAX_SCREENSHOT_BYTES: String(64 * 1024),
      },
    });
  });
  afterAll(async () => {
    await s?.stop();
    if (s) cleanup(s.data);
    await lt?.stop();
  });
  afterEach(() => {
    expect(lt.violations).toEqual([]);
    lt.calls.length = 0;
    lt.faults = [];
  });

  it('translates every text into every target, in the codes the server publishes, **accent** and escapes kept', async () => {
    const r = await api(s.url, 'POST', '/v1/translate', {
      source: 'en-US',
      targets: ['de-DE', 'ja', 'pt-BR', 'zh-Hans', 'zh-TW'],
      texts: { headline: 'Track every **habit**', subtitle: 'Streaks & stats\n<3 your goals' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.object).toBe('translation');
    expect(r.body.engine).toBe('libretranslate');
    expect(r.body.source).toBe('en-US');
    expect(r.body.engine_languages).toEqual({
      'en-US': 'en',
      'de-DE': 'de',
      ja: 'ja',
      'pt-BR': 'pt-BR',
      'zh-Hans': 'zh-Hans',
      'zh-TW': 'zh-Hant',
    });
    expect(r.body.translations['de-DE']).toEqual({
      headline: '[de]Track every **[de]habit**',
      subtitle: '[de]Streaks & stats\n[de]<3 your goals',
    });
    expect(r.body.translations['zh-TW'].headline).toBe('[zh-Hant]Track every **[zh-Hant]habit**');
    // One request a target (three lines fit one batch of 4), as HTML, with the key, from en.
    const sent = lt.translations;
    expect(sent.map((b) => b.target).sort()).toEqual(['de', 'ja', 'pt-BR', 'zh-Hans', 'zh-Hant']);
    for (const b of sent)
      expect(b).toEqual({
        q: ['Track every <b>habit</b>', 'Streaks &amp; stats', '&lt;3 your goals'],
        source: 'en',
        target: b.target,
        format: 'html',
        api_key: LT_KEY,
      });
    // /languages was fetched once and kept.
    const again = await api(s.url, 'POST', '/v1/translate', {
      source: 'en-US',
      targets: ['fr-FR'],
      texts: { headline: 'Hello' },
    });
    expect(again.body.translations['fr-FR'].headline).toBe('[fr]Hello');
    expect(lt.calls.filter((c) => c.op === 'languages')).toHaveLength(1);
    // Operators see the calls and the lines translated at /metrics.
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toContain('storeshots_translate_calls_total{outcome="ok"} 6');
    expect(metrics).toContain('storeshots_translate_lines_total 16');
  });

  it('batches the lines by the server batch limit and sends a line used twice once', async () => {
    const texts: Record<string, string> = {};
    for (let i = 0; i < 9; i++) texts[`t${i}`] = `Line ${i}`;
    texts.again = 'Line 0';
    const r = await api(s.url, 'POST', '/v1/translate', { source: 'en', targets: ['de'], texts });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(lt.translations.map((b) => b.q.length)).toEqual([4, 4, 1]);
    expect(lt.translations.flatMap((b) => b.q)).toEqual([...Array(9).keys()].map((i) => `Line ${i}`));
    expect(r.body.translations.de.t8).toBe('[de]Line 8');
    expect(r.body.translations.de.again).toBe('[de]Line 0');
  });

  it('refuses a target the server has no model for, naming targets[i] and what it has', async () => {
    const r = await api(s.url, 'POST', '/v1/translate', {
      source: 'en-US',
      targets: ['de-DE', 'ko-KR'],
      texts: { headline: 'Hello' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('unsupported_language');
    expect(r.body.error.param).toBe('targets[1]');
    expect(r.body.error.message).toContain('ko-KR');
    expect(r.body.error.message).toContain('de, fr, he, ja');
    expect(lt.translations).toEqual([]);
    const src = await api(s.url, 'POST', '/v1/translate', { source: 'ko', targets: ['de'], texts: { h: 'x' } });
    expect(src.status).toBe(400);
    expect(src.body.error.param).toBe('source');
  });

  it('waits out a 429 Retry-After, then succeeds', async () => {
    lt.faults = [{ op: 'translate', status: 429, retryAfter: '1', message: 'Slowdown: 10 per 1 minute' }];
    const r = await api(s.url, 'POST', '/v1/translate', { source: 'en', targets: ['de'], texts: { h: 'Hi' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.translations.de.h).toBe('[de]Hi');
    const calls = lt.calls.filter((c) => c.op === 'translate');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('answers 502 naming the upstream error when LibreTranslate keeps failing, after a bounded number of tries', async () => {
    lt.faults = [{ op: 'translate', status: 500, times: 10, message: 'Cannot translate text: model crashed' }];
    const r = await api(s.url, 'POST', '/v1/translate', { source: 'en', targets: ['de'], texts: { h: 'Hi' } });
    expect(r.status).toBe(502);
    expect(r.body.error.code).toBe('translate_failed');
    expect(r.body.error.message).toContain('LibreTranslate answered POST /translate with 500');
    expect(r.body.error.message).toContain('model crashed');
    expect(JSON.stringify(r.body)).not.toContain(LT_KEY);
    expect(lt.translations).toHaveLength(3); // the first try and STORESHOTS_TRANSLATE_RETRIES (2)
  });

  it('does not wait out a Retry-After longer than it may: 502 passing the wait on', async () => {
    lt.faults = [{ op: 'translate', status: 429, retryAfter: '120', message: 'Slowdown: 1 per 1 day' }];
    const r = await api(s.url, 'POST', '/v1/translate', { source: 'en', targets: ['de'], texts: { h: 'Hi' } });
    expect(r.status).toBe(502);
    expect(r.headers.get('retry-after')).toBe('120');
    expect(r.body.error.message).toContain('429');
    expect(lt.translations).toHaveLength(1);
  });

  it('refuses hostile input with 400 naming the field, before LibreTranslate is asked anything', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ source: 'en', targets: ['de'], texts: { headline: 'x'.repeat(1001) } }, 'texts.headline', 'text_too_long'],
      [
        {
          source: 'en',
          targets: ['de'],
          texts: Object.fromEntries([...Array(11).keys()].map((i) => [`t${i}`, 'y'.repeat(1000)])),
        },
        'texts',
        'text_too_long',
      ],
      [
        { source: 'en', targets: [...Array(31).keys()].map((i) => `de-X${i}x`), texts: { h: 'x' } },
        'targets',
        'too_many_items',
      ],
      [{ source: 'en', targets: ['de', 5], texts: { h: 'x' } }, 'targets[1]', 'invalid_request'],
      [{ source: 'en', targets: ['de', 'DE'], texts: { h: 'x' } }, 'targets[1]', 'invalid_request'],
      [{ source: 'en', targets: ['en'], texts: { h: 'x' } }, 'targets[0]', 'invalid_request'],
      [{ source: 'en', targets: [], texts: { h: 'x' } }, 'targets', 'invalid_request'],
      [{ source: 'en', targets: ['de'], texts: { headline: 5 } }, 'texts.headline', 'invalid_request'],
      [{ source: 'en', targets: ['de'], texts: { 'a b': ['x'] } }, 'texts["a b"]', 'invalid_request'],
      [{ source: 'en', targets: ['de'], texts: ['x'] }, 'texts', 'invalid_request'],
      [{ source: 'en', targets: ['de'], texts: {} }, 'texts', 'parameter_missing'],
      [
        { source: 'en', targets: ['de'], texts: Object.fromEntries([...Array(51).keys()].map((i) => [`t${i}`, 'x'])) },
        'texts',
        'too_many_items',
      ],
      [{ targets: ['de'], texts: { h: 'x' } }, 'source', 'parameter_missing'],
      [{ source: '../../etc', targets: ['de'], texts: { h: 'x' } }, 'source', 'invalid_request'],
      [{ source: 'en', targets: ['de'], texts: { h: 'x' }, engine: 'deepl' }, 'engine', 'parameter_unknown'],
      [{ source: 'en', targets: ['de'], texts: { headline: 'Say <b>hi</b>' } }, 'texts.headline', 'invalid_request'],
    ];
    for (const [body, param, code] of cases) {
      const r = await api(s.url, 'POST', '/v1/translate', body);
      expect(r.status, `${param}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.error.param, JSON.stringify(r.body)).toBe(param);
      expect(r.body.error.code).toBe(code);
    }
    // The schema's errors in the route's own words (routes/translate.ts), each naming the field.
    const long = 'k'.repeat(101);
    const worded: Array<[unknown, string, string]> = [
      [null, '', 'Expected a JSON object {"source", "targets", "texts"}'],
      [{ targets: ['de'], texts: { h: 'x' } }, 'source', 'source is required'],
      [
        { source: 'en', targets: ['de'], texts: { h: 'x' }, engine: 'deepl' },
        'engine',
        'Unknown field engine (fields: source, targets, texts)',
      ],
      [
        { source: '../../etc', targets: ['de'], texts: { h: 'x' } },
        'source',
        'Expected a locale code (e.g. "en-US", "de-DE", "zh-Hans") for source but received "../../etc"',
      ],
      [
        { source: 'en', targets: ['de', 5], texts: { h: 'x' } },
        'targets[1]',
        'Expected a locale code (e.g. "en-US", "de-DE", "zh-Hans") for targets[1] but received 5',
      ],
      [
        { source: 'en', targets: [], texts: { h: 'x' } },
        'targets',
        'Expected a non-empty array of locale codes for targets but received []',
      ],
      [
        { source: 'en', targets: [...Array(31).keys()].map((i) => `de-X${i}x`), texts: { h: 'x' } },
        'targets',
        'Expected at most 30 targets but received 31',
      ],
      [{ source: 'en', targets: ['de'], texts: {} }, 'texts', 'texts has no text to translate'],
      [
        { source: 'en', targets: ['de'], texts: 'x' },
        'texts',
        'Expected an object of texts by field name ({"headline": "…"}) for texts but received "x"',
      ],
      [
        { source: 'en', targets: ['de'], texts: Object.fromEntries([...Array(51).keys()].map((i) => [`t${i}`, 'x'])) },
        'texts',
        'Expected at most 50 texts but received 51',
      ],
      [
        { source: 'en', targets: ['de'], texts: { headline: 5 } },
        'texts.headline',
        'Expected a string for texts.headline but received 5',
      ],
      [
        { source: 'en', targets: ['de'], texts: { [long]: 'x' } },
        `texts.${long}`,
        'A key of texts is longer than 100 characters',
      ],
      [
        { source: 'en', targets: ['de'], texts: { h: 'y'.repeat(1001) } },
        'texts.h',
        'texts.h is 1001 characters; a text to translate may have at most 1000',
      ],
      [{ source: 'en', targets: ['de', 'DE'], texts: { h: 'x' } }, 'targets[1]', 'targets[1] repeats targets[0] (DE)'],
    ];
    for (const [body, param, message] of worded) {
      const r = await api(s.url, 'POST', '/v1/translate', body);
      expect(r.status, message).toBe(400);
      expect(r.body.error.message).toBe(message);
      expect(r.body.error.param ?? '', message).toBe(param);
    }
    const broken = await api(s.url, 'POST', '/v1/translate', undefined, {
      raw: '{"source": "en", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_json');
    const form = new FormData();
    form.append('source', 'en');
    const multipart = await api(s.url, 'POST', '/v1/translate', undefined, { raw: form });
    expect(multipart.status).toBe(415);
    expect(lt.translations).toEqual([]);
  });

  it('fills AppScreen captions (translate=true) from langs[0] before the set renders, bold marks kept', async () => {
    const posted = await postForm(
      s.url,
      appscreenForm(
        {
          translate: 'true',
          sizes: '["ios-6.9"]',
          langs: '["en","de","fr"]',
          fields: '[{"id":"Headline","label":"Headline"}]',
          captions: JSON.stringify([
            { texts: { Headline: doc(text('Find people who share your '), text('taste', true), text('.')) } },
            { texts: { Headline: { en: doc(text('Plan trips')), de: doc(text('Reisen planen')) } } },
          ]),
        },
        2,
      ),
    );
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    const byTarget = Object.fromEntries(lt.translations.map((b) => [b.target, b.q]));
    // The first screen into de and fr; the second, which has its de caption, into fr only.
    expect(byTarget).toEqual({
      de: ['Find people who share your <b>taste</b>.'],
      fr: ['Find people who share your <b>taste</b>.', 'Plan trips'],
    });
    const set = await waitFor(
      async () => {
        const r = await api(s.url, 'GET', `/v1/sets/${posted.body.jobId}`);
        return ['succeeded', 'failed'].includes(r.body.status) ? r.body : undefined;
      },
      { timeoutMs: 600_000, intervalMs: 50, what: 'the AppScreen job' },
    );
    expect(set.status, JSON.stringify(set.error)).toBe('succeeded');
    expect(set.locales).toEqual(['en-US', 'de', 'fr-FR']); // AppScreen's bare fr is the store's fr-FR
    // Each language's image of a screen has its own text: six different images.
    const shas = new Set(set.images.map((i: { sha256: string }) => i.sha256));
    expect(set.images).toHaveLength(6);
    expect(shas.size).toBe(6);
  }, 300_000);

  it('refuses an AppScreen caption without the source language when translating, naming it', async () => {
    const r = await postForm(
      s.url,
      appscreenForm({
        translate: 'true',
        langs: '["en","de","ja"]',
        captions: JSON.stringify([{ texts: { Headline: { de: doc(text('Reisen planen')) } } }]),
      }),
    );
    expect(r.status).toBe(400);
    expect(r.body.error.param).toBe('captions[0].texts.Headline.en');
    const one = await postForm(s.url, appscreenForm({ translate: 'true', langs: '["en"]' }));
    expect(one.status).toBe(400);
    expect(one.body.error.param).toBe('langs');
    const bad = await postForm(s.url, appscreenForm({ translate: 'yes', langs: '["en","de"]' }));
    expect(bad.body.error.param).toBe('translate');
    const ko = await postForm(
      s.url,
      appscreenForm({
        translate: 'true',
        langs: '["en","de","ko"]',
        captions: JSON.stringify([{ texts: { Headline: doc(text('Hello')) } }]),
      }),
    );
    expect(ko.status).toBe(400);
    expect(ko.body.error.param).toBe('langs[2]');
    expect(lt.translations).toEqual([]);
  });
});

describe('translation time-outs and a server without translation', () => {
  let lt: FakeLibreTranslate;
  beforeAll(async () => {
    lt = await new FakeLibreTranslate().start();
  });
  afterAll(async () => {
    await lt?.stop();
  });

  it('answers 504 when LibreTranslate does not answer in time, and serves the next request', async () => {
    const s = await startService({
      env: { STORESHOTS_TRANSLATE_URL: lt.url, STORESHOTS_TRANSLATE_TIMEOUT_MS: '500' },
    });
    lt.faults = [{ op: 'translate', hang: true }];
    const r = await api(s.url, 'POST', '/v1/translate', { source: 'en', targets: ['de'], texts: { h: 'Hi' } });
    expect(r.status).toBe(504);
    expect(r.body.error.code).toBe('translate_timeout');
    expect(r.body.error.message).toContain('did not answer POST /translate within 500 ms');
    expect(lt.translations).toHaveLength(1); // a time-out is not retried
    const next = await api(s.url, 'POST', '/v1/translate', { source: 'en', targets: ['de'], texts: { h: 'Hi' } });
    expect(next.status).toBe(200);
    expect(lt.violations).toEqual([]);
  });

  it('takes the server from --translate-url, and refuses to start on a URL it cannot use, naming the setting', async () => {
    const s = await startService({ args: ['--translate-url', lt.url] });
    const r = await api(s.url, 'POST', '/v1/translate', { source: 'en', targets: ['ja'], texts: { h: 'Hi' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.translations.ja.h).toBe('[ja]Hi');
    for (const [env, args, said] of [
      [{ STORESHOTS_TRANSLATE_URL: 'ftp://127.0.0.1/lt' }, [], 'STORESHOTS_TRANSLATE_URL'],
      [{ STORESHOTS_TRANSLATE_URL: 'http://user:secret@127.0.0.1:5000' }, [], 'STORESHOTS_TRANSLATE_API_KEY'],
      [{}, ['--translate-url', 'not a url'], '--translate-url'],
      [
        { STORESHOTS_TRANSLATE_URL: lt.url, STORESHOTS_TRANSLATE_TIMEOUT_MS: '0' },
        [],
        'STORESHOTS_TRANSLATE_TIMEOUT_MS',
      ],
    ] as const) {
      const failed = await startService({ env: { ...env }, args: [...args] }).then(
        () => '',
        (e: Error) => e.message,
      );
      expect(failed, said).toContain(said);
      expect(failed).not.toContain('secret@');
    }
  });

  it('answers 501 saying how to configure it, and AppScreen translate=true 400, without a LibreTranslate', async () => {
    const s = await startService();
    const r = await api(s.url, 'POST', '/v1/translate', { source: 'en', targets: ['de'], texts: { h: 'Hi' } });
    expect(r.status).toBe(501);
    expect(r.body.error.code).toBe('translate_not_configured');
    expect(r.body.error.message).toContain('STORESHOTS_TRANSLATE_URL');
    const a = await postForm(
      s.url,
      appscreenForm({
        translate: 'true',
        langs: '["en","de"]',
        captions: JSON.stringify([{ texts: { Headline: doc(text('Hello')) } }]),
      }),
    );
    expect(a.status).toBe(400);
    expect(a.body.error).toMatchObject({ code: 'translate_not_configured', param: 'translate' });
  });
});
