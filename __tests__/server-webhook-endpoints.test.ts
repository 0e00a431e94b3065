// Webhook endpoints, "subscribe once" (docs/render-api.md#webhook-endpoints), against the real
// `storeshots serve` with loopback receivers: a key subscribes URLs, then every job of that key sends
// its events to each enabled endpoint whose enabled_events match, signed with that endpoint's own
// secret; AppScreen's documented Quick start (sent literally) makes an `appscreen.render.completed`
// event carrying AppScreen's poll answer. Disabled and deleted endpoints get nothing (a pending retry
// of a deleted one stops), another key's endpoints are invisible (404 as an unknown id) and get none
// of this key's events, and hostile bodies get a 400 naming the field. Every answer is validated
// against /v1/openapi.json.
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../src/util/signature.js';
import { pollUntilDone, QUICK_START, readCurl, send } from './helpers/appscreen.js';
import { expectFits } from './helpers/openapi.js';
import {
  api,
  b64,
  cleanup,
  KEY,
  OTHER_KEY,
  pollUntilEnded,
  receiver,
  SCREEN_PNG,
  type ServerHandle,
  startService,
} from './helpers/server.js';

/** A key of its own for the limit race (it has no endpoints before). */
const THIRD_KEY = 'sk_test_gamma';
const SHOTS = { './shot1.png': SCREEN_PNG, './shot2.png': SCREEN_PNG };

type Receiver = Awaited<ReturnType<typeof receiver>>;

describe('webhook endpoints', () => {
  let s: ServerHandle;
  let doc: any;
  const hooks: Receiver[] = [];

  beforeAll(async () => {
    s = await startService({
      env: {
        STORESHOTS_ALLOW_PRIVATE_URLS: '1',
        STORESHOTS_API_KEYS: `${KEY},${OTHER_KEY},${THIRD_KEY}`,
        STORESHOTS_MAX_SCREENSHOT_BYTES: String(64 * 1024),
      },
    });
    doc = (await api(s.url, 'GET', '/v1/openapi.json', undefined, { key: null })).body;
  });
  afterAll(async () => {
    await s?.stop();
    await Promise.all(hooks.map((h) => h.close()));
    if (s) cleanup(s.data);
  });

  async function hook(statuses: number[] = [200]): Promise<Receiver> {
    const h = await receiver(statuses);
    hooks.push(h);
    return h;
  }

  const fits = (route: string, method: string, status: number, body: unknown) =>
    expectFits(doc, route, method, status, body);

  /** An event body against the document's WebhookEndpointEvent (the `webhooks` entry's body). */
  function fitsEvent(body: unknown) {
    const schema = doc.webhooks['webhook-endpoint-event'].post.requestBody.content['application/json'].schema;
    const check = new Ajv({ strict: false, validateFormats: false }).compile({ ...schema, components: doc.components });
    expect(check(body), `event: ${JSON.stringify(check.errors)}`).toBe(true);
  }

  async function subscribe(url: string, extra: Record<string, unknown> = {}, key = KEY) {
    const r = await api(s.url, 'POST', '/v1/webhook_endpoints', { url, ...extra }, { key });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    fits('/v1/webhook_endpoints', 'post', 201, r.body);
    return r.body as { id: string; secret: string; url: string };
  }

  const render = (extra: Record<string, unknown> = {}) => ({
    async: true,
    canvas: { preset: 'play.phone' },
    slides: [{ id: 'home', headline: 'Hello', screenshot: { data: b64(SCREEN_PNG) } }],
    ...extra,
  });

  const events = (h: Receiver) => h.received.map((g) => JSON.parse(g.body));

  it('creates, lists (paged), retrieves, updates and deletes an endpoint in Stripe’s shape; the secret is shown once', async () => {
    const h = await hook();
    const made = await subscribe(`${h.url}/a`, { enabled_events: ['render.succeeded'], description: 'CI' });
    expect(made).toMatchObject({
      object: 'webhook_endpoint',
      url: `${h.url}/a`,
      enabled_events: ['render.succeeded'],
      description: 'CI',
      status: 'enabled',
    });
    expect(made.id).toMatch(/^we_[0-9a-f]{24}$/);
    expect(made.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    const second = await subscribe(`${h.url}/b`);
    expect((second as any).enabled_events).toEqual(['*']);

    const got = await api(s.url, 'GET', `/v1/webhook_endpoints/${made.id}`);
    expect(got.status).toBe(200);
    fits('/v1/webhook_endpoints/{id}', 'get', 200, got.body);
    expect(got.body.secret).toBeUndefined();
    expect(got.body.created).toBe((made as any).created);

    // Newest first, paged with limit and starting_after.
    const page1 = await api(s.url, 'GET', '/v1/webhook_endpoints?limit=1');
    fits('/v1/webhook_endpoints', 'get', 200, page1.body);
    expect(page1.body.data.map((e: any) => e.id)).toEqual([second.id]);
    expect(page1.body.has_more).toBe(true);
    const page2 = await api(s.url, 'GET', `/v1/webhook_endpoints?limit=1&starting_after=${second.id}`);
    expect(page2.body.data.map((e: any) => e.id)).toEqual([made.id]);
    for (const e of [...page1.body.data, ...page2.body.data]) expect(e.secret).toBeUndefined();

    const updated = await api(s.url, 'POST', `/v1/webhook_endpoints/${made.id}`, {
      url: `${h.url}/c`,
      enabled_events: ['render.failed', 'set.failed'],
      description: null,
      disabled: true,
    });
    expect(updated.status).toBe(200);
    fits('/v1/webhook_endpoints/{id}', 'post', 200, updated.body);
    expect(updated.body).toMatchObject({
      url: `${h.url}/c`,
      enabled_events: ['render.failed', 'set.failed'],
      description: null,
      status: 'disabled',
    });
    const enabled = await api(s.url, 'POST', `/v1/webhook_endpoints/${made.id}`, { disabled: false });
    expect(enabled.body).toMatchObject({ status: 'enabled', url: `${h.url}/c` });

    for (const e of [made, second]) {
      const del = await api(s.url, 'DELETE', `/v1/webhook_endpoints/${e.id}`);
      expect(del.status).toBe(200);
      fits('/v1/webhook_endpoints/{id}', 'delete', 200, del.body);
      expect(del.body).toEqual({ id: e.id, object: 'webhook_endpoint', deleted: true });
    }
    const gone = await api(s.url, 'GET', `/v1/webhook_endpoints/${made.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('webhook_endpoint_not_found');
  });

  it('hides a key’s endpoints from another key exactly as ids that do not exist', async () => {
    const h = await hook();
    const mine = await subscribe(h.url);
    const unknown = 'we_000000000000000000000000';
    for (const [method, body] of [
      ['GET', undefined],
      ['POST', { disabled: true }],
      ['DELETE', undefined],
    ] as const) {
      const theirs = await api(s.url, method, `/v1/webhook_endpoints/${mine.id}`, body, { key: OTHER_KEY });
      const none = await api(s.url, method, `/v1/webhook_endpoints/${unknown}`, body, { key: OTHER_KEY });
      expect(theirs.status, method).toBe(404);
      expect(theirs.body.error.code).toBe(none.body.error.code);
      expect(theirs.body.error.message.replace(mine.id, 'ID')).toBe(none.body.error.message.replace(unknown, 'ID'));
    }
    const list = await api(s.url, 'GET', '/v1/webhook_endpoints', undefined, { key: OTHER_KEY });
    expect(list.body.data.map((e: any) => e.id)).not.toContain(mine.id);
    const cursor = await api(s.url, 'GET', `/v1/webhook_endpoints?starting_after=${mine.id}`, undefined, {
      key: OTHER_KEY,
    });
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.param).toBe('starting_after');
    // Still there, unchanged, for its own key.
    const own = await api(s.url, 'GET', `/v1/webhook_endpoints/${mine.id}`);
    expect(own.body.status).toBe('enabled');
    await api(s.url, 'DELETE', `/v1/webhook_endpoints/${mine.id}`);
  });

  it('an AppScreen job (the Quick start, sent literally) sends one signed event to each matching endpoint; disabled, deleted, non-matching and another key’s endpoints get nothing', async () => {
    const all = await hook();
    const completed = await hook();
    const rendersOnly = await hook();
    const disabled = await hook();
    const deleted = await hook();
    const foreign = await hook();
    const eAll = await subscribe(`${all.url}/all`);
    const eCompleted = await subscribe(`${completed.url}/done`, { enabled_events: ['appscreen.render.completed'] });
    const eRenders = await subscribe(`${rendersOnly.url}/r`, { enabled_events: ['render.succeeded'] });
    const eDisabled = await subscribe(disabled.url);
    expect((await api(s.url, 'POST', `/v1/webhook_endpoints/${eDisabled.id}`, { disabled: true })).status).toBe(200);
    const eDeleted = await subscribe(deleted.url);
    expect((await api(s.url, 'DELETE', `/v1/webhook_endpoints/${eDeleted.id}`)).status).toBe(200);
    const eForeign = await subscribe(foreign.url, {}, OTHER_KEY);

    const posted = await send(readCurl(QUICK_START, s.url, { APPSCREEN_KEY: KEY }, SHOTS));
    expect(posted.status).toBe(202);
    const job = posted.body.jobId as string;
    await all.next(1);
    const [got] = await completed.next(1);
    const done = await pollUntilDone(s.url, job);
    expect(done.status).toBe('done');

    for (const [h, e] of [
      [all, eAll],
      [completed, eCompleted],
    ] as const) {
      const g = h.received[0]!;
      expect(g.headers['x-asa-event']).toBe('appscreen.render.completed');
      expect(g.headers['x-asa-webhook-endpoint']).toBe(e.id);
      expect(verifyWebhook(e.secret, g.body, g.headers['x-asa-signature'] as string)).toMatchObject({ ok: true });
    }
    // Each endpoint's own secret: one endpoint's event does not verify with another's.
    expect(verifyWebhook(eAll.secret, got!.body, got!.headers['x-asa-signature'] as string).ok).toBe(false);
    // One event (one id and body) to both endpoints, one delivery each.
    expect(all.received[0]!.body).toBe(got!.body);
    expect(all.received[0]!.headers['x-asa-delivery']).not.toBe(got!.headers['x-asa-delivery']);
    const event = JSON.parse(got!.body);
    fitsEvent(event);
    expect(event).toMatchObject({ object: 'event', type: 'appscreen.render.completed' });
    expect(event.id).toMatch(/^evt_/);
    // data.object is AppScreen's poll answer; its downloadUrl opens without a key.
    const { downloadUrl, downloadUrlExpiresAt: _at, ...rest } = event.data.object;
    const { downloadUrl: _u, downloadUrlExpiresAt: _e, ...polled } = done;
    expect(rest).toEqual(polled);
    expect(rest).toMatchObject({ jobId: job, status: 'done', totalSteps: 2, doneSteps: 2 });
    const zip = await fetch(downloadUrl);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');

    // A render of the same key afterwards: the render-only endpoint gets that one (render.succeeded),
    // and nothing from the AppScreen job before it (the outbox sends in order).
    const r = await api(s.url, 'POST', '/v1/renders', render());
    await rendersOnly.next(1);
    await all.next(2);
    await pollUntilEnded(s.url, r.body.id);
    expect(events(rendersOnly).map((e) => [e.type, e.data.object.id])).toEqual([['render.succeeded', r.body.id]]);
    fitsEvent(events(rendersOnly)[0]);
    expect(events(all).map((e) => e.type)).toEqual(['appscreen.render.completed', 'render.succeeded']);
    expect(completed.received).toHaveLength(1);

    // Another key's job reaches its own endpoint, and only that one.
    const theirs = await api(s.url, 'POST', '/v1/renders', render(), { key: OTHER_KEY });
    const [f] = await foreign.next(1);
    expect(JSON.parse(f!.body).data.object.id).toBe(theirs.body.id);
    expect(verifyWebhook(eForeign.secret, f!.body, f!.headers['x-asa-signature'] as string).ok).toBe(true);
    await pollUntilEnded(s.url, theirs.body.id, OTHER_KEY);
    expect(foreign.received).toHaveLength(1);
    expect(all.received).toHaveLength(2);
    expect(disabled.received).toHaveLength(0);
    expect(deleted.received).toHaveLength(0);

    for (const e of [eAll, eCompleted, eRenders, eDisabled])
      await api(s.url, 'DELETE', `/v1/webhook_endpoints/${e.id}`);
    await api(s.url, 'DELETE', `/v1/webhook_endpoints/${eForeign.id}`, undefined, { key: OTHER_KEY });
  });

  it('failures have their own event types: appscreen.render.failed, render.failed; a per-request webhook_url still gets ours', async () => {
    const failures = await hook();
    const succeeded = await hook();
    const perRequest = await hook();
    const eFail = await subscribe(failures.url, { enabled_events: ['render.failed', 'appscreen.render.failed'] });
    const eOk = await subscribe(succeeded.url, { enabled_events: ['render.succeeded', 'appscreen.render.completed'] });

    // The Quick start with a screen whose header is a PNG's but whose pixels do not decode: the job
    // is accepted and fails when it renders.
    const posted = await send(
      readCurl(QUICK_START, s.url, { APPSCREEN_KEY: KEY }, { ...SHOTS, './shot2.png': undecodable(SCREEN_PNG) }),
    );
    expect(posted.status).toBe(202);
    const [a] = await failures.next(1);
    const ev = JSON.parse(a!.body);
    fitsEvent(ev);
    expect(ev.type).toBe('appscreen.render.failed');
    expect(ev.data.object).toMatchObject({ jobId: posted.body.jobId, status: 'failed', downloadUrl: null });
    expect(ev.data.object.error).toEqual(expect.any(String));

    const r = await api(s.url, 'POST', '/v1/renders', {
      async: true,
      canvas: { preset: 'play.phone' },
      slides: [{ headline: '\u{13000}' }],
      webhook_url: perRequest.url,
      webhook_secret: 'whsec_request',
    });
    expect(r.status).toBe(202);
    const [b] = await failures.next(2).then((x) => x.slice(1));
    expect(JSON.parse(b!.body)).toMatchObject({ type: 'render.failed', data: { object: { id: r.body.id } } });
    expect(verifyWebhook(eFail.secret, b!.body, b!.headers['x-asa-signature'] as string).ok).toBe(true);
    // The per-request webhook: our event shape, its own secret, as before.
    const [w] = await perRequest.next(1);
    expect(verifyWebhook('whsec_request', w!.body, w!.headers['x-asa-signature'] as string).ok).toBe(true);
    expect(JSON.parse(w!.body)).toMatchObject({ type: 'render.failed', data: { id: r.body.id } });

    // A success afterwards reaches the success endpoint only: it got neither failure.
    const ok = await api(s.url, 'POST', '/v1/renders', render());
    const [c] = await succeeded.next(1);
    expect(JSON.parse(c!.body)).toMatchObject({ type: 'render.succeeded', data: { object: { id: ok.body.id } } });
    expect(verifyWebhook(eOk.secret, c!.body, c!.headers['x-asa-signature'] as string).ok).toBe(true);
    expect(succeeded.received).toHaveLength(1);
    expect(failures.received).toHaveLength(2);
    for (const e of [eFail, eOk]) await api(s.url, 'DELETE', `/v1/webhook_endpoints/${e.id}`);
  });

  it('a deleted endpoint’s pending retry stops: no attempt after the delete', async () => {
    const failing = await hook([500]);
    const witness = await hook();
    const eFailing = await subscribe(failing.url);
    const first = await api(s.url, 'POST', '/v1/renders', render());
    await failing.next(1); // the first attempt failed: a retry is pending (20-200 ms backoff)
    expect((await api(s.url, 'DELETE', `/v1/webhook_endpoints/${eFailing.id}`)).status).toBe(200);
    const attempts = failing.received.length;
    // Another render through the same outbox, to a witness endpoint: by the time it arrives the
    // deleted endpoint's retry (due within 200 ms) would have been sent.
    const eWitness = await subscribe(witness.url);
    const second = await api(s.url, 'POST', '/v1/renders', render());
    const [w] = await witness.next(1);
    expect(JSON.parse(w!.body).data.object.id).toBe(second.body.id);
    await pollUntilEnded(s.url, first.body.id);
    // At most the one attempt that may have been on the wire when the delete landed.
    expect(failing.received.length).toBeLessThanOrEqual(attempts + 1);
    await api(s.url, 'DELETE', `/v1/webhook_endpoints/${eWitness.id}`);
  });

  it('refuses hostile bodies with a 400 naming the field, and never answers 500', async () => {
    const h = await hook();
    const cases: Array<[string, unknown, number, string | undefined, string?]> = [
      ['not a URL', { url: 'not a url' }, 400, 'url', 'url_refused'],
      ['ftp', { url: 'ftp://127.0.0.1/x' }, 400, 'url', 'url_refused'],
      ['credentials', { url: 'http://user:pw@127.0.0.1/x' }, 400, 'url', 'url_refused'],
      ['link-local (never allowed)', { url: 'http://169.254.169.254/latest' }, 400, 'url', 'url_refused'],
      ['link-local IPv6', { url: 'http://[fe80::1]/x' }, 400, 'url', 'url_refused'],
      ['url not a string', { url: 42 }, 400, 'url'],
      ['missing url', { enabled_events: ['*'] }, 400, 'url', 'parameter_missing'],
      ['long url', { url: `${h.url}/${'a'.repeat(10_000)}` }, 400, 'url', 'too_long'],
      [
        'unknown event',
        { url: h.url, enabled_events: ['render.succeeded', 'render.exploded'] },
        400,
        'enabled_events[1]',
      ],
      ['event not a string', { url: h.url, enabled_events: [{ $gt: '' }] }, 400, 'enabled_events[0]'],
      ['events not an array', { url: h.url, enabled_events: 'render.succeeded' }, 400, 'enabled_events'],
      ['no events', { url: h.url, enabled_events: [] }, 400, 'enabled_events'],
      ['many events', { url: h.url, enabled_events: Array(50).fill('*') }, 400, 'enabled_events', 'too_many_items'],
      ['huge description', { url: h.url, description: 'd'.repeat(6000) }, 400, 'description', 'too_long'],
      ['description not a string', { url: h.url, description: ['x'] }, 400, 'description'],
      ['unknown field', { url: h.url, secret: 'whsec_mine' }, 400, 'secret', 'parameter_unknown'],
      ['disabled on create', { url: h.url, disabled: true }, 400, 'disabled', 'parameter_unknown'],
      ['array body', [h.url], 400, undefined],
      ['huge body', { url: h.url, description: 'd'.repeat(200_000) }, 413, undefined, 'payload_too_large'],
    ];
    for (const [name, body, status, param, code] of cases) {
      const r = await api(s.url, 'POST', '/v1/webhook_endpoints', body);
      expect(r.status, `${name}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(status);
      expect(r.body.error.param, name).toBe(param);
      if (code) expect(r.body.error.code, name).toBe(code);
      expect(JSON.stringify(r.body), name).not.toMatch(/at .*\.js:\d+/);
    }
    const bad = await api(s.url, 'POST', '/v1/webhook_endpoints', undefined, {
      raw: '{"url": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_json');

    // An update is checked the same way and changes nothing when refused.
    const e = await subscribe(h.url, { enabled_events: ['set.succeeded'] });
    for (const [body, param] of [
      [{ disabled: 'yes' }, 'disabled'],
      [{ url: 'http://169.254.169.254/', enabled_events: ['*'] }, 'url'],
      [{ enabled_events: ['*', 'nope'] }, 'enabled_events[1]'],
    ] as const) {
      const r = await api(s.url, 'POST', `/v1/webhook_endpoints/${e.id}`, body);
      expect(r.status).toBe(400);
      expect(r.body.error.param).toBe(param);
    }
    const same = await api(s.url, 'GET', `/v1/webhook_endpoints/${e.id}`);
    expect(same.body).toMatchObject({ url: h.url, enabled_events: ['set.succeeded'], status: 'enabled' });
    await api(s.url, 'DELETE', `/v1/webhook_endpoints/${e.id}`);
  });

  it('a key has at most 16 endpoints, even when 24 are created at once', async () => {
    const h = await hook();
    const made = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        api(s.url, 'POST', '/v1/webhook_endpoints', { url: `${h.url}/${i}` }, { key: THIRD_KEY }),
      ),
    );
    expect(made.filter((r) => r.status === 201)).toHaveLength(16);
    const refused = made.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(8);
    for (const r of refused) {
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('webhook_endpoint_limit');
      expect(r.body.error.message).toMatch(/16 webhook endpoints/);
    }
    const list = await api(s.url, 'GET', '/v1/webhook_endpoints?limit=100', undefined, { key: THIRD_KEY });
    expect(list.body.data).toHaveLength(16);
    // One deleted: one more may be made.
    await api(s.url, 'DELETE', `/v1/webhook_endpoints/${list.body.data[0].id}`, undefined, { key: THIRD_KEY });
    expect((await api(s.url, 'POST', '/v1/webhook_endpoints', { url: h.url }, { key: THIRD_KEY })).status).toBe(201);
  });
});

describe('webhook endpoints without STORESHOTS_ALLOW_PRIVATE_URLS', () => {
  it('refuses a loopback or private URL exactly as webhook_url is refused', async () => {
    const s = await startService({
      env: { STORESHOTS_ALLOW_PRIVATE_URLS: undefined, STORESHOTS_ALLOW_HOSTS: undefined },
    });
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://10.0.0.8/hook',
      'http://[::1]/hook',
      'http://localhost/hook',
    ]) {
      const endpoint = await api(s.url, 'POST', '/v1/webhook_endpoints', { url });
      const webhook = await api(s.url, 'POST', '/v1/renders', withWebhook(url));
      expect(endpoint.status, url).toBe(400);
      expect(endpoint.body.error).toMatchObject({ code: 'url_refused', param: 'url' });
      expect(webhook.status, url).toBe(400);
      expect(webhook.body.error.param).toBe('webhook_url');
      expect(endpoint.body.error.message.replace(/^url: /, '')).toBe(
        webhook.body.error.message.replace(/^webhook_url: /, ''),
      );
    }
  });
});

/** A PNG whose signature and header are intact and whose image data is zeros (no valid zlib stream). */
function undecodable(png: Buffer): Buffer {
  const out = Buffer.from(png);
  const at = out.indexOf('IDAT');
  out.fill(0, at + 4, at + 4 + out.readUInt32BE(at - 4));
  return out;
}

function withWebhook(webhookUrl: string) {
  return {
    async: true,
    canvas: { preset: 'play.phone' },
    slides: [{ id: 'home', headline: 'Hello', screenshot: { data: b64(SCREEN_PNG) } }],
    webhook_url: webhookUrl,
    webhook_secret: 'whsec_x',
  };
}
