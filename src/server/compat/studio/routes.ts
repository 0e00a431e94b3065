// App Screenshot Studio's builder API (https://appscreenshotstudio.com/docs/api) as a thin adapter over
// our projects (../../projects.ts) and so over the one render core: its paths under /api/v1, its field
// names (device_id, canvas_state), its envelope ({success, data, credits_remaining}) and its error
// shape ({success: false, error, code}). What differs is in docs/render-api.md#app-screenshot-studio.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { creditsRemaining } from '../../access.js';
import { ApiError, asApiError, badRequest } from '../../errors.js';
import type { ProjectRow } from '../../projects.js';
import { projectFields, readUploads, presentUpload } from '../../routes/projects.js';
import { parameterError, type RouteDeps } from '../../routes/shared.js';

/** Studio's device ids and the presets they render as; any of our preset ids is taken as well. */
const DEVICES: Record<string, string> = {
  'iphone-6.9': 'appstore.iphone_6_9',
  'iphone-6.5': 'appstore.iphone_6_5',
  'ipad-13': 'appstore.ipad_13',
  'android-phone': 'play.phone',
  'android-tablet': 'play.tablet_10',
};
const DEVICE_OF = Object.fromEntries(Object.entries(DEVICES).map(([d, p]) => [p, d]));

/** Studio's error codes for our statuses (its documented four, and two it leaves unnamed). */
function studioCode(e: ApiError): string {
  if (e.status === 401) return 'UNAUTHORIZED';
  if (e.status === 402) return e.code === 'quota_exceeded' ? 'NO_CREDITS' : 'QUOTA_EXCEEDED';
  if (e.status === 404) return 'NOT_FOUND';
  if (e.status === 429) return 'RATE_LIMITED';
  if (e.status === 501) return 'NOT_IMPLEMENTED';
  if (e.status >= 500) return 'INTERNAL_ERROR';
  return 'VALIDATION_ERROR';
}

const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;

export async function studioRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { projects, renders, config, store, now } = deps;
  app.setSchemaErrorFormatter(parameterError);
  const credits = (req: FastifyRequest) => creditsRemaining(config, store, req.owner, now());

  const fail = (reply: FastifyReply, e: ApiError, credits?: number | null) =>
    reply
      .code(e.status)
      .headers(e.headers)
      .send({
        success: false,
        error: e.message,
        code: studioCode(e),
        ...(e.param ? { field: e.param } : {}),
        ...(credits !== undefined ? { credits_remaining: credits } : {}),
      });

  // Errors of these routes (authentication and rate limit included: they run in this context) in Studio's shape.
  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    let e = asApiError(error);
    if (!e) {
      req.log.error(error);
      e = new ApiError(500, 'internal_error', `Internal error (request ${req.id}); the server log has the details`);
    }
    return fail(reply, e, req.owner ? await credits(req) : undefined);
  });
  app.setNotFoundHandler((req, reply) =>
    fail(reply, new ApiError(404, 'not_found', `No route ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}`)),
  );
  // Studio's clients read X-RateLimit-*: the same bucket as the RateLimit-* headers (reset as a Unix time).
  app.addHook('onSend', async (_req, reply) => {
    const limit = reply.getHeader('ratelimit-limit');
    if (limit === undefined) return;
    reply.header('x-ratelimit-limit', limit);
    reply.header('x-ratelimit-remaining', reply.getHeader('ratelimit-remaining'));
    const reset = Number(reply.getHeader('ratelimit-reset') ?? 0);
    reply.header('x-ratelimit-reset', String(Math.ceil(now() / 1000) + reset));
  });

  const ok = async (req: FastifyRequest, data?: unknown) => ({
    success: true,
    ...(data !== undefined ? { data } : {}),
    credits_remaining: await credits(req),
  });

  const present = async (p: ProjectRow) => ({
    id: p.id,
    name: p.name,
    device_id: DEVICE_OF[p.preset] ?? p.preset,
    canvas_state: JSON.parse(p.canvas_state) as unknown,
    screenshots: (await projects.uploads(p.id)).map(presentUpload),
    created_at: new Date(p.created_at).toISOString(),
    updated_at: new Date(p.updated_at).toISOString(),
  });

  /** device_id -> preset; codebase_context is kept in the canvas state, as Studio keeps it. */
  function fields(body: unknown, create: boolean) {
    const b = (body ?? {}) as Record<string, unknown>;
    const { codebase_context: context, ...rest } =
      typeof b === 'object' && !Array.isArray(b) ? b : ({} as Record<string, unknown>);
    if (typeof body !== 'object' || Array.isArray(body) || body === null) {
      if (create || body !== undefined) throw badRequest('Expected a JSON object for the request body');
    }
    const f = projectFields(rest, { preset: 'device_id' });
    if (create && f.preset === undefined)
      throw badRequest('Missing device_id (e.g. "iphone-6.9" or "android-phone")', 'device_id', 'parameter_missing');
    if (f.preset !== undefined) {
      const preset = DEVICES[f.preset] ?? f.preset;
      if (!DEVICES[f.preset] && !/^(appstore|play)\./.test(f.preset))
        throw badRequest(
          `Unknown device_id ${JSON.stringify(f.preset.slice(0, 64))}; use one of ${Object.keys(DEVICES).join(', ')} or a storeshots preset id`,
          'device_id',
        );
      f.preset = preset;
    }
    if (context !== undefined) {
      if (!context || typeof context !== 'object' || Array.isArray(context))
        throw badRequest('Expected a JSON object for codebase_context', 'codebase_context');
      const state = (f.canvas_state ?? { cards: [] }) as Record<string, unknown>;
      f.canvas_state = { ...state, codebaseContext: context };
    }
    return f;
  }

  app.post('/projects', async (req) =>
    ok(req, await present(await projects.create(req.owner, fields(req.body, true)))),
  );

  app.get('/projects', async (req) =>
    ok(req, await Promise.all((await projects.list(req.owner, config.limits.projectsPerKey + 1)).map(present))),
  );

  app.get<{ Params: { id: string } }>('/projects/:id', { schema: { params: idParams } }, async (req) =>
    ok(req, await present(await projects.get(req.owner, req.params.id))),
  );

  app.patch<{ Params: { id: string } }>('/projects/:id', { schema: { params: idParams } }, async (req) => {
    const f = fields(req.body, false);
    if (f.canvas_state !== undefined && (req.body as Record<string, unknown>).canvas_state === undefined) {
      // codebase_context alone: merged into the stored state.
      const stored = JSON.parse((await projects.get(req.owner, req.params.id)).canvas_state) as Record<string, unknown>;
      f.canvas_state = { ...stored, ...(f.canvas_state as Record<string, unknown>), cards: stored.cards };
    }
    return ok(req, await present(await projects.update(req.owner, req.params.id, f)));
  });

  app.delete<{ Params: { id: string } }>('/projects/:id', { schema: { params: idParams } }, async (req) => {
    await projects.delete(req.owner, req.params.id);
    return ok(req);
  });

  // Not in Studio's API (its cards take images through chat): our project uploads, in its envelope.
  app.post<{ Params: { id: string } }>('/projects/:id/screenshots', { schema: { params: idParams } }, async (req) => {
    await projects.get(req.owner, req.params.id);
    const files = await readUploads(req, config.limits.slidesPerRender, config.limits.screenshotBytes);
    return ok(req, (await projects.addUploads(req.owner, req.params.id, files)).map(presentUpload));
  });

  app.post<{ Params: { id: string } }>('/projects/:id/render', { schema: { params: idParams } }, async (req, reply) => {
    const row = await projects.render(req.owner, req.params.id, deps.baseUrl(req), false);
    const r = await renders.present(row);
    if (row.status !== 'succeeded') {
      const err = r.error as { code: string; message: string } | null;
      return fail(
        reply,
        new ApiError(
          err?.code === 'render_timeout' ? 504 : 422,
          err?.code ?? 'render_failed',
          err?.message ?? 'Render failed',
        ),
        await credits(req),
      );
    }
    const images = (r.images as Array<{ index: number; download_url: string; width: number; height: number }>).map(
      (i) => ({ card_index: i.index - 1, url: i.download_url, width: i.width, height: i.height }),
    );
    return ok(req, { images, render_id: row.id, expires_at: r.download_urls_expire_at });
  });

  // Natural-language edits need a language model: out of scope for a self-hosted renderer.
  app.post('/projects/:id/chat', { schema: { params: idParams } }, async () => {
    throw new ApiError(
      501,
      'not_implemented',
      'POST /projects/:id/chat (natural-language edits) is not available on storeshots serve: edit the cards with PATCH /projects/:id canvas_state',
    );
  });
}
