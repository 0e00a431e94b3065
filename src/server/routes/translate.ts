// POST /v1/translate: caption copy in one locale fanned out into others by the operator's own
// LibreTranslate server (docs/render-api.md#translation). Without one configured, 501 says how to set it up.
import type { FastifyInstance } from 'fastify';
import { ApiError, badRequest } from '../errors.js';
import { checkTexts, type FieldNames, LOCALE, TRANSLATE_LIMITS } from '../translate/translator.js';
import type { RouteDeps } from './shared.js';

const FIELDS = ['source', 'targets', 'texts'];

/** A text key as a request path: `texts.headline`, or `texts["a b"]` for keys that are not plain names. */
const textField = (key: string) =>
  /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `texts.${key}` : `texts[${JSON.stringify(key.slice(0, 60))}]`;

const NAMES: FieldNames = { source: 'source', target: (i) => `targets[${i}]`, text: textField, texts: 'texts' };

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : JSON.stringify(v)?.slice(0, 40));

function locale(v: unknown, field: string): string {
  if (typeof v !== 'string' || !LOCALE.test(v))
    throw badRequest(
      `Expected a locale code (e.g. "en-US", "de-DE", "zh-Hans") for ${field} but received ${show(v)}`,
      field,
    );
  return v;
}

/** The request, checked field by field. */
export function translateRequest(body: unknown): {
  source: string;
  targets: string[];
  texts: Record<string, string>;
} {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('Expected a JSON object {"source", "targets", "texts"}', undefined, 'invalid_request');
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b))
    if (!FIELDS.includes(k))
      throw badRequest(`Unknown field ${k} (fields: ${FIELDS.join(', ')})`, k.slice(0, 60), 'parameter_unknown');
  for (const k of FIELDS) if (b[k] === undefined) throw badRequest(`${k} is required`, k, 'parameter_missing');
  const source = locale(b.source, 'source');
  if (!Array.isArray(b.targets) || b.targets.length === 0)
    throw badRequest(
      `Expected a non-empty array of locale codes for targets but received ${show(b.targets)}`,
      'targets',
    );
  if (b.targets.length > TRANSLATE_LIMITS.targets)
    throw badRequest(
      `Expected at most ${TRANSLATE_LIMITS.targets} targets but received ${b.targets.length}`,
      'targets',
      'too_many_items',
    );
  const targets = b.targets.map((t, i) => locale(t, `targets[${i}]`));
  targets.forEach((t, i) => {
    const first = targets.findIndex((o) => o.toLowerCase() === t.toLowerCase());
    if (first !== i) throw badRequest(`targets[${i}] repeats targets[${first}] (${t})`, `targets[${i}]`);
    if (t.toLowerCase() === source.toLowerCase())
      throw badRequest(`targets[${i}] is the source locale (${t})`, `targets[${i}]`);
  });
  if (!b.texts || typeof b.texts !== 'object' || Array.isArray(b.texts))
    throw badRequest(
      `Expected an object of texts by field name ({"headline": "…"}) for texts but received ${show(b.texts)}`,
      'texts',
    );
  const entries = Object.entries(b.texts as Record<string, unknown>);
  if (entries.length === 0) throw badRequest('texts has no text to translate', 'texts', 'parameter_missing');
  if (entries.length > TRANSLATE_LIMITS.texts)
    throw badRequest(
      `Expected at most ${TRANSLATE_LIMITS.texts} texts but received ${entries.length}`,
      'texts',
      'too_many_items',
    );
  for (const [key, v] of entries) {
    if (key.length > 100) throw badRequest('A key of texts is longer than 100 characters', textField(key));
    if (typeof v !== 'string')
      throw badRequest(`Expected a string for ${textField(key)} but received ${show(v)}`, textField(key));
  }
  const texts = b.texts as Record<string, string>;
  checkTexts(Object.entries(texts), NAMES);
  return { source, targets, texts };
}

export async function translateRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.post('/v1/translate', async (req) => {
    if (req.isMultipart())
      throw new ApiError(415, 'unsupported_media_type', 'Send POST /v1/translate as application/json');
    // The request is checked first: a malformed one is 400 on every server, configured or not.
    const { source, targets, texts } = translateRequest(req.body);
    const translator = deps.translator;
    if (!translator)
      throw new ApiError(
        501,
        'translate_not_configured',
        'Machine translation is not configured on this server: run your own LibreTranslate (https://github.com/LibreTranslate/LibreTranslate) and start storeshots serve with --translate-url or STORESHOTS_TRANSLATE_URL set to it (and STORESHOTS_TRANSLATE_API_KEY if it requires a key)',
      );
    const { translations, engineLanguages } = await translator.translate(
      { source, targets: targets.map((locale) => ({ locale, texts })) },
      NAMES,
    );
    return {
      object: 'translation',
      source,
      engine: translator.engine,
      engine_languages: engineLanguages,
      translations,
    };
  });
}
