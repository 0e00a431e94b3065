// What the route plugins share: their dependencies, reading a JSON or multipart body, answering a
// creating request under its Idempotency-Key, and turning a params/querystring schema error into
// the API's error shape (with the one ajv-error formatter the manifest loader uses too).
import type { FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import type { ErrorObject } from 'ajv';
import { formatAjvError } from '../../util/ajv-errors.js';
import { errorMessage } from '../../util/errors.js';
import type { Clock } from '../access.js';
import type { ServerConfig } from '../config.js';
import type { Deliveries } from '../deliveries.js';
import type { Attach, Idempotency } from '../idempotency.js';
import type { KeyRing } from '../keys.js';
import type { LinkSigner } from '../links.js';
import type { Metrics } from '../metrics.js';
import { jsonDepth, MAX_JSON_DEPTH } from '../body.js';
import { ApiError, asApiError, badRequest } from '../errors.js';
import { checkKey, requestHash, type SavedResponse } from '../idempotency.js';
import type { Projects } from '../projects.js';
import type { Renders } from '../renders.js';
import type { Sets } from '../sets.js';
import type { Translator } from '../translate/translator.js';
import type { BlobStore, RenderRow, ServiceStore } from '../storage/types.js';

export interface AppDeps {
  config: ServerConfig;
  store: ServiceStore;
  blobs: BlobStore;
  renders: Renders;
  /** The outbox: webhooks, events to webhook endpoints (and their resends), dispatches. */
  deliveries: Deliveries;
  projects: Projects;
  /** Whole-set jobs (sets.ts). */
  sets: Sets;
  idempotency: Idempotency;
  metrics: Metrics;
  now: Clock;
  keys: KeyRing;
  links: LinkSigner;
  /** Machine translation through the operator's LibreTranslate; undefined when not configured. */
  translator?: Translator;
}

export interface RouteDeps extends AppDeps {
  /** The URL clients reach this service at (STORESHOTS_PUBLIC_URL, or the request's own host). */
  baseUrl(req: FastifyRequest): string;
  /** Takes a rate-limit token for an owner (requests on public routes that act for one, e.g. signed links). */
  rateLimit(owner: string, reply: FastifyReply): void;
}

/** A params or querystring schema error as a 400 naming the parameter: `Expected <what> for <param> but received <value>`. */
export function parameterError(errors: FastifySchemaValidationError[]): Error {
  const { field, message } = formatAjvError(errors[0] as ErrorObject);
  return badRequest(message, field);
}

/** A preValidation hook: each of the route's query parameters given twice is refused before the schema looks at it (others are ignored). */
export function oneValueEach(names: readonly string[]) {
  return async (req: FastifyRequest): Promise<void> => {
    const query = req.query as Record<string, unknown>;
    for (const name of names) {
      const v = query[name];
      if (Array.isArray(v)) throw badRequest(`Expected one value for ${name} but received ${v.length}`, name);
    }
  };
}

/** A sync render answers with the render: 200 when it succeeded, 422 when it failed, 504 on the time-out. */
export async function syncResponse(renders: Renders, row: RenderRow): Promise<SavedResponse> {
  const body = await renders.present(row);
  const code = (body.error as { code?: string } | null)?.code;
  return { status: row.status === 'succeeded' ? 200 : code === 'render_timeout' ? 504 : 422, body };
}

export async function accepted(renders: Renders, row: RenderRow): Promise<SavedResponse> {
  const r = await renders.present(row);
  // docs/render-api.md#post-v1renders fixes "processing" for the 202 answer: accepted for processing (a poll shows queued first).
  return {
    status: 202,
    body: {
      id: row.id,
      object: r.object,
      status: 'processing',
      polling_url: r.polling_url,
      total_steps: r.total_steps,
      done_steps: r.done_steps,
      created_at: r.created_at,
      expires_at: r.expires_at,
      metadata: r.metadata,
    },
  };
}

export function send(reply: FastifyReply, r: SavedResponse) {
  return reply.code(r.status).send(r.body);
}

/** The body and file parts of a JSON or multipart request. */
export async function readBody(
  req: FastifyRequest,
  bodyBytes: number,
  /** Per-request multipart limits (busboy's), over the app's defaults: a whole-set job takes more files. */
  limits?: { files?: number; parts?: number },
): Promise<{ body: unknown; files?: Map<string, Buffer> }> {
  if (!req.isMultipart()) return { body: req.body };
  const files = new Map<string, Buffer>();
  let body: unknown;
  let total = 0;
  try {
    for await (const part of req.parts(limits ? { limits } : undefined)) {
      if (part.type === 'file') {
        const buf = await part.toBuffer();
        total += buf.length;
        if (total > bodyBytes)
          throw new ApiError(413, 'payload_too_large', `Upload is larger than the limit of ${bodyBytes} bytes`);
        files.set(part.fieldname, buf);
      } else if (part.fieldname === 'request') {
        // busboy cuts a field at its size limit: say so, rather than failing to parse the rest.
        if (part.valueTruncated)
          throw new ApiError(
            413,
            'payload_too_large',
            'The "request" part is larger than the limit of 1 MiB',
            'request',
          );
        const text = String(part.value);
        if (jsonDepth(text) > MAX_JSON_DEPTH)
          throw badRequest(
            `The "request" part is nested deeper than ${MAX_JSON_DEPTH} levels`,
            'request',
            'invalid_json',
          );
        try {
          body = JSON.parse(text);
        } catch (e) {
          throw badRequest(`The "request" part is not JSON: ${errorMessage(e)}`, 'request', 'invalid_json');
        }
      } else {
        throw badRequest(
          `Unknown multipart field "${part.fieldname}" (send the request as a "request" field and files as slides[N].screenshot)`,
          part.fieldname,
          'parameter_unknown',
        );
      }
    }
  } catch (e) {
    // The multipart parser (busboy) throws plain errors for a missing boundary, a truncated body or a
    // malformed part header: all of them are the client's request, never a server failure.
    const known = asApiError(e as Error);
    if (known) throw known;
    throw new ApiError(400, 'invalid_multipart', `Invalid multipart body: ${errorMessage(e)}`);
  }
  if (body === undefined)
    throw badRequest('A multipart request needs a "request" field with the JSON body', 'request', 'parameter_missing');
  return { body, files };
}

/** Runs a creating request under its Idempotency-Key (if any) and sends the saved or fresh response. */
export async function idempotent(
  deps: RouteDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  route: string,
  body: unknown,
  files: Map<string, Buffer> | undefined,
  work: (attach?: Attach) => Promise<SavedResponse>,
) {
  const { idempotency, store, renders } = deps;
  const key = checkKey(req.headers['idempotency-key']);
  if (!key) return send(reply, await work(undefined));
  const mode = (body as { async?: unknown } | null)?.async === true || route === 'bulk' ? 'async' : 'sync';
  const claim = await idempotency.claim(req.owner, key, requestHash(route, body, files), mode);
  if (claim.kind === 'replay') return send(reply.header('idempotent-replayed', 'true'), claim.response);
  if (claim.kind === 'resume') {
    const row = (await store.render(claim.renderId))!;
    const r =
      claim.mode === 'async'
        ? await accepted(renders, row)
        : await syncResponse(renders, await renders.waitFor(row.id));
    await claim.finish(r);
    return send(reply.header('idempotent-replayed', 'true'), r);
  }
  let r: SavedResponse;
  try {
    r = await work(claim.attach);
  } catch (e) {
    await claim.abandon();
    throw e;
  }
  await claim.finish(r);
  return send(reply, r);
}
