// A client for the operator's own LibreTranslate server (https://github.com/LibreTranslate/LibreTranslate):
// GET /languages (fetched once and kept) and POST /translate with a JSON body, `q` an array of texts
// (only the JSON body carries an array: its form-data reading takes one q), batched to the server's
// batch limit. Every request has a deadline; a 429 or 5xx is retried a bounded number of times,
// after the server's Retry-After when it sends one. What it answers is checked before it is used.
// The API key travels as LibreTranslate's `api_key` body field and is never logged or echoed.
import { Agent, request } from 'undici';
import { errorMessage } from '../../util/errors.js';
import { backoffMs, retryAfterMs, retrying } from '../../util/retry.js';
import type { TranslateConfig } from '../config.js';
import type { EngineLanguage } from './languages.js';

/** A Retry-After longer than this is not waited out: the request fails at once, passing the wait on. */
export const RETRY_AFTER_MAX_MS = 10_000;
/** The largest answer read from LibreTranslate (a batch of captions is a few KiB). */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** LibreTranslate failed, answered out of its description, or did not answer in time. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly timeout = false,
    /** LibreTranslate's HTTP status, when it answered. */
    readonly status?: number,
    /** Its Retry-After, in ms, on a 429 or 5xx. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function parseLanguages(body: unknown): EngineLanguage[] {
  const ok =
    Array.isArray(body) &&
    body.every(
      (l) =>
        l &&
        typeof l === 'object' &&
        typeof (l as EngineLanguage).code === 'string' &&
        (l as EngineLanguage).code !== '' &&
        Array.isArray((l as EngineLanguage).targets) &&
        (l as EngineLanguage).targets.every((t) => typeof t === 'string'),
    );
  if (!ok)
    throw new EngineError('LibreTranslate answered GET /languages with something other than its list of languages');
  return (body as EngineLanguage[]).map((l) => ({ code: l.code, name: String(l.name ?? l.code), targets: l.targets }));
}

export class LibreTranslate {
  private readonly agent = new Agent({ connect: { timeout: 10_000 }, keepAliveTimeout: 4_000 });
  private languagesOnce?: Promise<EngineLanguage[]>;

  constructor(
    private readonly config: TranslateConfig,
    /** Waits before a retry (tests record the wait instead). */
    private readonly sleep: (ms: number) => Promise<void> = realSleep,
  ) {}

  /** The server's languages and the targets of each: fetched on first use and kept (a server's models
   * change only when it restarts); a failed fetch is not kept, so the next request tries again. */
  languages(): Promise<EngineLanguage[]> {
    this.languagesOnce ??= this.call('GET', '/languages')
      .then(parseLanguages)
      .catch((e: unknown) => {
        this.languagesOnce = undefined;
        throw e;
      });
    return this.languagesOnce;
  }

  /** Translates `html` texts from one published code into another, in batches of config.batchTexts. */
  async translate(texts: readonly string[], source: string, target: string): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < texts.length; i += this.config.batchTexts) {
      const q = texts.slice(i, i + this.config.batchTexts);
      const body = await this.call('POST', '/translate', {
        q,
        source,
        target,
        format: 'html',
        ...(this.config.apiKey ? { api_key: this.config.apiKey } : {}),
      });
      const t = (body as { translatedText?: unknown } | null)?.translatedText;
      if (!Array.isArray(t) || t.length !== q.length || t.some((x) => typeof x !== 'string'))
        throw new EngineError(
          `LibreTranslate answered POST /translate (${source} to ${target}) without one translatedText string for each of the ${q.length} texts`,
        );
      out.push(...(t as string[]));
    }
    return out;
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** One exchange with retries: the parsed JSON of a 200. */
  private call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const { retries } = this.config;
    return retrying(() => this.once(method, path, body), {
      retries,
      sleep: (ms) => (ms > 0 ? this.sleep(ms) : Promise.resolve()),
      // 429 and 5xx are retried (a busy or restarting server); a time-out is not (the translation may still be
      // running there: asking again would only add load), and nor is any other answer.
      delayAfter: (error, attempt) => {
        if (!(error instanceof EngineError) || error.status === undefined) return undefined;
        if (error.status !== 429 && error.status < 500) return undefined;
        if (attempt > retries) return undefined;
        if (error.retryAfterMs !== undefined)
          return error.retryAfterMs > RETRY_AFTER_MAX_MS ? undefined : error.retryAfterMs;
        return backoffMs(attempt, 250, 4_000);
      },
    });
  }

  private async once(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const what = `${method} ${path}`;
    const signal = AbortSignal.timeout(this.config.timeoutMs);
    const late = () =>
      new EngineError(`LibreTranslate did not answer ${what} within ${this.config.timeoutMs} ms`, true);
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(`${this.config.url}${path}`, {
        method,
        dispatcher: this.agent,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (e) {
      if (signal.aborted) throw late();
      // The error code only (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET): the message would name the
      // operator's internal address, which is none of an API client's business.
      const code = (x: unknown) => (x as { code?: unknown } | undefined)?.code;
      const why = code((e as Error).cause) ?? code(e) ?? (e as Error).name;
      throw new EngineError(`cannot reach LibreTranslate (${what}): ${String(why)}`);
    }
    let text = '';
    try {
      let size = 0;
      const chunks: Buffer[] = [];
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > MAX_ANSWER_BYTES) {
          res.body.destroy();
          throw new EngineError(`LibreTranslate answered ${what} with more than ${MAX_ANSWER_BYTES} bytes`);
        }
        chunks.push(chunk as Buffer);
      }
      text = Buffer.concat(chunks).toString('utf8');
    } catch (e) {
      if (e instanceof EngineError) throw e;
      if (signal.aborted) throw late();
      throw new EngineError(`LibreTranslate's answer to ${what} was cut off (${errorMessage(e)})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (res.statusCode === 200) {
      if (json === undefined) throw new EngineError(`LibreTranslate answered ${what} with something other than JSON`);
      return json;
    }
    // LibreTranslate's errors are {"error": "<message>"} (its error-response schema).
    const said = (json as { error?: unknown } | undefined)?.error;
    const message = typeof said === 'string' ? said : text.replace(/\s+/g, ' ').trim();
    const header = res.headers['retry-after'];
    throw new EngineError(
      `LibreTranslate answered ${what} with ${res.statusCode}: ${message.slice(0, 300) || '(no message)'}`,
      false,
      res.statusCode,
      res.statusCode === 429 || res.statusCode >= 500
        ? retryAfterMs(Array.isArray(header) ? header[0] : header)
        : undefined,
    );
  }
}
