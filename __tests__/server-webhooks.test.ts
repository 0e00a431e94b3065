// Webhooks and GitHub dispatches from the real service to loopback receivers: signed per docs/render-api.md#webhooks,
// retried until a 2xx with a stable delivery id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDispatch, verifyWebhook } from '../src/util/signature.js';
import {
  api,
  b64,
  cleanup,
  pollUntilEnded,
  receiver,
  SCREEN_PNG,
  startService,
  type ServerHandle,
} from './helpers/server.js';

const DEFAULT_SECRET = 'whsec_server_default';
const GITHUB_TOKEN = 'ghs_test_token';

describe('webhooks and dispatches', () => {
  let s: ServerHandle;
  let github: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    github = await receiver([204]);
    s = await startService({
      env: {
        STORESHOTS_ALLOW_PRIVATE_URLS: '1',
        STORESHOTS_WEBHOOK_SECRET: DEFAULT_SECRET,
        STORESHOTS_GITHUB_TOKEN: GITHUB_TOKEN,
        STORESHOTS_GITHUB_API_URL: github.url,
      },
    });
  });
  afterAll(async () => {
    await s?.stop();
    await github?.close();
    if (s) cleanup(s.data);
  });

  const render = (extra: Record<string, unknown>) => ({
    async: true,
    canvas: { preset: 'play.phone' },
    slides: [{ id: 'home', headline: 'Hello', screenshot: { data: b64(SCREEN_PNG) } }],
    ...extra,
  });

  it('delivers render.succeeded to a loopback receiver, signed with the request secret', async () => {
    const hook = await receiver([200]);
    try {
      const r = await api(
        s.url,
        'POST',
        '/v1/renders',
        render({ webhook_url: `${hook.url}/hooks/storeshots`, webhook_secret: 'whsec_request', metadata: { run: 7 } }),
      );
      expect(r.status).toBe(202);
      const [got] = await hook.next(1);
      expect(got!.method).toBe('POST');
      expect(got!.url).toBe('/hooks/storeshots');
      expect(got!.headers['content-type']).toBe('application/json');
      expect(got!.headers['x-asa-event']).toBe('render.succeeded');
      const sig = got!.headers['x-asa-signature'] as string;
      expect(verifyWebhook('whsec_request', got!.body, sig)).toMatchObject({ ok: true });
      // The request's secret overrides the server default.
      expect(verifyWebhook(DEFAULT_SECRET, got!.body, sig).ok).toBe(false);
      const event = JSON.parse(got!.body);
      expect(event.type).toBe('render.succeeded');
      expect(event.id).toBe(got!.headers['x-asa-delivery']);
      expect(event.data).toMatchObject({ id: r.body.id, status: 'succeeded', metadata: { run: 7 } });
      expect(event.data.images).toHaveLength(1);
      expect(Number.isNaN(Date.parse(event.created_at))).toBe(false);
      const polled = await pollUntilEnded(s.url, r.body.id);
      expect(polled.images[0].sha256).toBe(event.data.images[0].sha256);
    } finally {
      await hook.close();
    }
  });

  it('retries a receiver that fails twice: the third attempt arrives with the same delivery id and body', async () => {
    const hook = await receiver([500, 503, 200]);
    try {
      const r = await api(s.url, 'POST', '/v1/renders', render({ webhook_url: hook.url }));
      const got = await hook.next(3);
      expect(got.map((g) => g.status)).toEqual([500, 503, 200]);
      const ids = new Set(got.map((g) => g.headers['x-asa-delivery']));
      expect(ids.size).toBe(1);
      expect(new Set(got.map((g) => g.body)).size).toBe(1);
      for (const g of got)
        expect(verifyWebhook(DEFAULT_SECRET, g.body, g.headers['x-asa-signature'] as string).ok).toBe(true);
      expect(JSON.parse(got[2]!.body).data.id).toBe(r.body.id);
    } finally {
      await hook.close();
    }
  });

  it('sends render.failed for a render that fails', async () => {
    const hook = await receiver([200]);
    try {
      await api(s.url, 'POST', '/v1/renders', {
        async: true,
        canvas: { preset: 'play.phone' },
        slides: [{ headline: '\u{13000}' }],
        webhook_url: hook.url,
      });
      const [got] = await hook.next(1);
      expect(got!.headers['x-asa-event']).toBe('render.failed');
      const event = JSON.parse(got!.body);
      expect(event.data).toMatchObject({ status: 'failed', error: { code: 'render_failed' } });
    } finally {
      await hook.close();
    }
  });

  it('calls GitHub repository_dispatch with a signed client_payload and the server token', async () => {
    const before = github.received.length;
    const r = await api(
      s.url,
      'POST',
      '/v1/renders',
      render({ github_dispatch: { repository: 'octo/app', event_type: 'screenshots-ready' }, metadata: { pr: 12 } }),
    );
    expect(r.status).toBe(202);
    const got = (await github.next(before + 1))[before]!;
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/repos/octo/app/dispatches');
    expect(got.headers.authorization).toBe(`Bearer ${GITHUB_TOKEN}`);
    expect(got.headers.accept).toBe('application/vnd.github+json');
    const body = JSON.parse(got.body);
    expect(body.event_type).toBe('screenshots-ready');
    expect(body.client_payload).toMatchObject({
      render_id: r.body.id,
      status: 'succeeded',
      api_url: `${s.url}/v1/renders/${r.body.id}`,
      metadata: { pr: 12 },
    });
    expect(Object.keys(body.client_payload).sort()).toEqual([
      'api_url',
      'metadata',
      'render_id',
      'signature',
      'status',
    ]);
    expect(verifyDispatch(DEFAULT_SECRET, body.client_payload).ok).toBe(true);
    expect(verifyDispatch(DEFAULT_SECRET, { ...body.client_payload, status: 'failed' }).ok).toBe(false);
    // The api_url answers with the render.
    const polled = await api(s.url, 'GET', new URL(body.client_payload.api_url).pathname);
    expect(polled.body.status).toBe('succeeded');
  });
});
