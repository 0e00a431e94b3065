// POST /v1/translate: caption copy in one locale fanned out into others by the operator's own
// LibreTranslate server (docs/render-api.md#translation). Without one configured, 501 says how to set it up.
// The request is checked against schema.ts's translateRequestSchema (the OpenAPI document's too), its
// errors worded here, naming the field.
import type { ErrorObject } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { pathOf, valueAt } from '../../util/ajv-errors.js';
import { ApiError, badRequest } from '../errors.js';
import { bodyChecker } from '../request.js';
import { translateRequestSchema } from '../schema.js';
import { checkTexts, type FieldNames, TRANSLATE_LIMITS } from '../translate/translator.js';
import type { RouteDeps } from './shared.js';

const FIELDS = ['source', 'targets', 'texts'];

/** A text key as a request path: `texts.headline`, or `texts["a b"]` for keys that are not plain names. */
const textField = (key: string) =>
  /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `texts.${key}` : `texts[${JSON.stringify(key.slice(0, 60))}]`;

const NAMES: FieldNames = { source: 'source', target: (i) => `targets[${i}]`, text: textField, texts: 'texts' };

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : JSON.stringify(v)?.slice(0, 40));

const localeError = (v: unknown, field: string) =>
  badRequest(`Expected a locale code (e.g. "en-US", "de-DE", "zh-Hans") for ${field} but received ${show(v)}`, field);

/** The schema's first error (schema.ts's translateRequestSchema) in this route's words, naming the field. */
function translateError(e: ErrorObject, body: unknown): ApiError {
  const at = pathOf(e.instancePath);
  const value = valueAt(body, at);
  const p = e.params as Record<string, unknown>;
  const [field, member] = at;
  if (field === undefined) {
    if (e.keyword === 'required') {
      const k = String(p.missingProperty);
      return badRequest(`${k} is required`, k, 'parameter_missing');
    }
    if (e.keyword === 'additionalProperties') {
      const k = String(p.additionalProperty);
      return badRequest(`Unknown field ${k} (fields: ${FIELDS.join(', ')})`, k.slice(0, 60), 'parameter_unknown');
    }
    return badRequest('Expected a JSON object {"source", "targets", "texts"}', undefined, 'invalid_request');
  }
  if (field === 'source') return localeError(value, 'source');
  if (field === 'targets') {
    if (member !== undefined) return localeError(value, `targets[${member}]`);
    if (e.keyword === 'maxItems')
      return badRequest(
        `Expected at most ${TRANSLATE_LIMITS.targets} targets but received ${(value as unknown[]).length}`,
        'targets',
        'too_many_items',
      );
    return badRequest(`Expected a non-empty array of locale codes for targets but received ${show(value)}`, 'targets');
  }
  // texts
  if (e.schemaPath.includes('/propertyNames')) {
    const key = String((e as { propertyName?: string }).propertyName ?? p.propertyName);
    return badRequest('A key of texts is longer than 100 characters', textField(key));
  }
  if (member !== undefined) {
    const key = String(member);
    if (e.keyword === 'maxLength')
      return badRequest(
        `${textField(key)} is ${(value as string).length} characters; a text to translate may have at most ${TRANSLATE_LIMITS.textChars}`,
        textField(key),
        'text_too_long',
      );
    return badRequest(`Expected a string for ${textField(key)} but received ${show(value)}`, textField(key));
  }
  if (e.keyword === 'minProperties') return badRequest('texts has no text to translate', 'texts', 'parameter_missing');
  if (e.keyword === 'maxProperties')
    return badRequest(
      `Expected at most ${TRANSLATE_LIMITS.texts} texts but received ${Object.keys(value as object).length}`,
      'texts',
      'too_many_items',
    );
  return badRequest(
    `Expected an object of texts by field name ({"headline": "…"}) for texts but received ${show(value)}`,
    'texts',
  );
}

const checkShape = bodyChecker<{ source: string; targets: string[]; texts: Record<string, string> }>(
  translateRequestSchema,
  translateError,
);

/** The request, checked: its shape by the schema, then what a schema cannot say. */
export function translateRequest(body: unknown): {
  source: string;
  targets: string[];
  texts: Record<string, string>;
} {
  const { source, targets, texts } = checkShape(body);
  targets.forEach((t, i) => {
    const first = targets.findIndex((o) => o.toLowerCase() === t.toLowerCase());
    if (first !== i) throw badRequest(`targets[${i}] repeats targets[${first}] (${t})`, `targets[${i}]`);
    if (t.toLowerCase() === source.toLowerCase())
      throw badRequest(`targets[${i}] is the source locale (${t})`, `targets[${i}]`);
  });
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
