// Machine translation of caption text into many locales through the operator's LibreTranslate
// (docs/render-api.md#translation): our locales become the codes that server publishes (languages.ts),
// each text goes line by line as HTML so `**accent**` survives (markup.ts), identical lines are sent once,
// and targets that share a code are translated once. Refusals are ApiErrors naming the request field.
import { ApiError, badRequest } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { EngineError, type LibreTranslate } from './libretranslate.js';
import { engineCode, translates } from './languages.js';
import { fromHtml, markupProblem, toHtml } from './markup.js';

/** Limits of one translation request (ours, not the engine's): captions are short. */
export const TRANSLATE_LIMITS = { targets: 30, texts: 50, textChars: 1000, totalChars: 10_000 } as const;

export const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** How a caller names its fields in errors. */
export interface FieldNames {
  source: string;
  /** The i-th target. */
  target: (i: number) => string;
  /** A text, by its key. */
  text: (key: string) => string;
  /** All the texts together. */
  texts: string;
}

export interface TranslateJob {
  /** Our locale of the texts. */
  source: string;
  /** Our locales, each with the texts (by key) it needs. */
  targets: Array<{ locale: string; texts: Record<string, string> }>;
}

export interface TranslateResult {
  translations: Record<string, Record<string, string>>;
  /** The code LibreTranslate was asked for, per locale (the source's included). */
  engineLanguages: Record<string, string>;
}

/** Engine failures as the API answers them: 504 on a time-out, else 502 naming what LibreTranslate said. */
export function engineFailure(e: EngineError): ApiError {
  if (e.timeout) return new ApiError(504, 'translate_timeout', e.message);
  const wait: Record<string, string> =
    e.retryAfterMs === undefined ? {} : { 'retry-after': String(Math.ceil(e.retryAfterMs / 1000)) };
  return new ApiError(502, 'translate_failed', e.message, undefined, wait);
}

/** Checks texts against the limits and the markup rule, naming the field at fault. */
export function checkTexts(texts: Array<[string, string]>, names: FieldNames): void {
  let total = 0;
  for (const [key, text] of texts) {
    if (text.length > TRANSLATE_LIMITS.textChars)
      throw badRequest(
        `${names.text(key)} is ${text.length} characters; a text to translate may have at most ${TRANSLATE_LIMITS.textChars}`,
        names.text(key),
        'text_too_long',
      );
    const problem = text.split('\n').map(markupProblem).find(Boolean);
    if (problem) throw badRequest(`${names.text(key)} ${problem}`, names.text(key));
    total += text.length;
  }
  if (total > TRANSLATE_LIMITS.totalChars)
    throw badRequest(
      `The texts are ${total} characters together; one request may translate at most ${TRANSLATE_LIMITS.totalChars}`,
      names.texts,
      'text_too_long',
    );
}

export class Translator {
  readonly engine = 'libretranslate';

  constructor(
    private readonly client: LibreTranslate,
    private readonly metrics?: Metrics,
  ) {}

  /** Counts one call of a target language to LibreTranslate (its lines, its outcome), for /metrics. */
  private count(lines: number, outcome: 'ok' | 'failed' | 'timeout'): void {
    this.metrics?.inc('storeshots_translate_calls_total', 'Target languages asked of LibreTranslate, by outcome.', {
      outcome,
    });
    if (outcome === 'ok')
      this.metrics?.inc('storeshots_translate_lines_total', 'Lines LibreTranslate translated.', {}, lines);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** Runs a job: every target's texts in its language, `**accent**` kept. */
  async translate(job: TranslateJob, names: FieldNames): Promise<TranslateResult> {
    let languages: Awaited<ReturnType<LibreTranslate['languages']>>;
    try {
      languages = await this.client.languages();
    } catch (e) {
      if (e instanceof EngineError) throw engineFailure(e);
      throw e;
    }
    const published = () =>
      languages
        .map((l) => l.code)
        .sort()
        .join(', ');
    const src = engineCode(job.source, languages);
    if (!src)
      throw badRequest(
        `The LibreTranslate server has no model for ${job.source} (it has: ${published()})`,
        names.source,
        'unsupported_language',
      );
    const engineLanguages: Record<string, string> = { [job.source]: src };
    // One engine call list per engine code: de-DE and de-AT both become de, and are translated once.
    const byCode = new Map<string, Set<string>>();
    job.targets.forEach(({ locale, texts }, i) => {
      const code = engineCode(locale, languages);
      const into = [...languages.find((l) => l.code === src)!.targets].sort().join(', ');
      if (!code || !translates(src, code, languages))
        throw badRequest(
          code === src
            ? `${names.target(i)} (${locale}) is ${src} to LibreTranslate, the language of the source (${job.source}): there is nothing to translate`
            : `The LibreTranslate server cannot translate ${job.source} (${src}) into ${locale}${code ? ` (${code})` : ''}; from ${src} it translates into: ${into || 'nothing'}`,
          names.target(i),
          'unsupported_language',
        );
      engineLanguages[locale] = code;
      const lines = byCode.get(code) ?? new Set<string>();
      for (const text of Object.values(texts)) for (const line of text.split('\n')) if (line.trim()) lines.add(line);
      byCode.set(code, lines);
    });

    // At most two engine calls at once: a LibreTranslate server translates on a few CPU cores.
    const done = new Map<string, Map<string, string>>();
    const queue = [...byCode.entries()];
    let failed = false;
    const worker = async () => {
      for (let next = queue.shift(); next && !failed; next = queue.shift()) {
        const [code, lines] = next;
        const list = [...lines];
        let out: string[];
        try {
          out = await this.client.translate(list.map(toHtml), src, code);
        } catch (e) {
          failed = true;
          this.count(list.length, e instanceof EngineError && e.timeout ? 'timeout' : 'failed');
          if (e instanceof EngineError) throw engineFailure(e);
          throw e;
        }
        this.count(list.length, 'ok');
        done.set(code, new Map(list.map((l, k) => [l, fromHtml(out[k]!)])));
      }
    };
    await Promise.all([worker(), worker()]);

    const translations: Record<string, Record<string, string>> = {};
    for (const { locale, texts } of job.targets) {
      const map = done.get(engineLanguages[locale]!)!;
      translations[locale] = Object.fromEntries(
        Object.entries(texts).map(([key, text]) => [
          key,
          text
            .split('\n')
            .map((line) => (line.trim() ? map.get(line)! : line))
            .join('\n'),
        ]),
      );
    }
    return { translations, engineLanguages };
  }
}
