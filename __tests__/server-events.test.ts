// Events (docs/render-api.md#events), against the real `storeshots serve` with loopback receivers
// that verify every signature: the events a key's jobs sent to its webhook endpoints are listed
// (newest first, Stripe's limit/starting_after paging, `type` with `*` groups, delivery_success) and
// retrieved from what the outbox holds, and one is resent to one of the key's endpoints (Stripe's
// `POST /v1/events/{id}/retry` with `webhook_endpoint`, JSON or form-encoded as the Stripe CLI sends
// it): a new delivery of the same event id and body, signed afresh with that endpoint's secret, with
// the outbox's retries. Another key's events and endpoints are 404 as unknown ids; hostile queries
// and bodies get a 400 naming the field. Every answer is validated against /v1/openapi.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../src/util/signature.js';
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
import { waitFor } from './helpers/wait.js';
import { expectFits } from './helpers/openapi.js';

type Receiver = Awaited<ReturnType<typeof receiver>>;
type Endpoint = { id: string; secret: string; url: string };

describe('events', () => {
  let s: ServerHandle;
  let doc: any;
  const hooks: Receiver[] = [];

  beforeAll(async () => {
    s = await startService({ env: { STORESHOTS_ALLOW_PRIVATE_URLS: '1', STORESHOTS_WEBHOOK_MAX_ATTEMPTS: '3' } });
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

  async function subscribe(url: string, extra: Record<string, unknown> = {}, key = KEY): Promise<Endpoint> {
    const r = await api(s.url, 'POST', '/v1/webhook_endpoints', { url, ...extra }, { key });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }

  const render = (headline = 'Hello') => ({
    async: true,
    canvas: { preset: 'play.phone' },
    slides: [{ id: 'home', headline, screenshot: { data: b64(SCREEN_PNG) } }],
  });
  /** A glyph no bundled font has: the render is accepted and fails when it renders. */
  const FAILS = '\u{13000}';

  /** Every delivery a receiver got verifies with the endpoint's secret; the events it carried, parsed. */
  function verified(h: Receiver, e: Endpoint): any[] {
    return h.received.map((g) => {
      expect(verifyWebhook(e.secret, g.body, g.headers['x-asa-signature'] as string), g.body).toMatchObject({
        ok: true,
      });
      expect(g.headers['x-asa-webhook-endpoint']).toBe(e.id);
      return JSON.parse(g.body);
    });
  }

  const withoutPending = ({ pending_webhooks: _p, ...rest }: any) => rest;

  it('lists (newest first, paged, filtered) and retrieves the events the key’s endpoints were sent, one per event', async () => {
    const all = await hook();
    const failures = await hook();
    const eAll = await subscribe(all.url);
    const eFail = await subscribe(failures.url, { enabled_events: ['render.failed'] });
    const jobs: string[] = [];
    // One after another, so the events' order is the jobs' order.
    for (const headline of ['one', FAILS, 'three']) {
      const r = await api(s.url, 'POST', '/v1/renders', render(headline));
      expect(r.status).toBe(202);
      jobs.push(r.body.id);
      await all.next(jobs.length);
    }
    await failures.next(1);
    const sent = verified(all, eAll);
    expect(sent.map((e) => e.data.object.id)).toEqual(jobs);
    expect(sent.map((e) => e.type)).toEqual(['render.succeeded', 'render.failed', 'render.succeeded']);
    // The failure went to both endpoints as one event (one id, one body).
    expect(verified(failures, eFail)).toEqual([sent[1]]);

    // Every delivery recorded: none pending.
    const list = await waitFor(
      async () => {
        const r = await api(s.url, 'GET', '/v1/events?limit=100');
        return r.body.data?.every((e: any) => e.pending_webhooks === 0) ? r : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 25, what: 'every delivery recorded' },
    );
    expect(list.status).toBe(200);
    fits('/v1/events', 'get', 200, list.body);
    expect(list.body).toMatchObject({ object: 'list', url: '/v1/events', has_more: false });
    // Newest first, each event once (the failure was delivered twice), exactly as sent.
    expect(list.body.data.map(withoutPending)).toEqual([...sent].reverse().map(withoutPending));

    // Stripe's default page is 10; limit and starting_after walk the list one at a time.
    const walked: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await api(s.url, 'GET', `/v1/events?limit=1${after ? `&starting_after=${after}` : ''}`);
      expect(page.status).toBe(200);
      fits('/v1/events', 'get', 200, page.body);
      walked.push(...page.body.data.map((e: any) => e.id));
      if (!page.body.has_more) break;
      after = page.body.data[0].id;
    }
    expect(walked).toEqual([...sent].reverse().map((e) => e.id));

    // type: one type, or a group with *.
    const byType = async (q: string) =>
      (await api(s.url, 'GET', `/v1/events?${q}`)).body.data.map((e: any) => e.data.object.id);
    expect(await byType('type=render.failed')).toEqual([jobs[1]]);
    expect(await byType('type=*.failed')).toEqual([jobs[1]]);
    expect(await byType('type=render.*')).toEqual([...jobs].reverse());
    expect(await byType(`type=${encodeURIComponent('render.succeeded')}&limit=1`)).toEqual([jobs[2]]);
    expect(await byType('type=set.*')).toEqual([]);
    expect(await byType('delivery_success=true')).toEqual([...jobs].reverse());
    expect(await byType('delivery_success=false')).toEqual([]);

    // Retrieve: the same object as in the list.
    for (const e of list.body.data) {
      const got = await api(s.url, 'GET', `/v1/events/${e.id}`);
      expect(got.status).toBe(200);
      fits('/v1/events/{id}', 'get', 200, got.body);
      expect(got.body).toEqual(e);
    }
    for (const e of [eAll, eFail]) await api(s.url, 'DELETE', `/v1/webhook_endpoints/${e.id}`);
  });

  it('resends an event to one endpoint: a new delivery of the same id and body, signed with its secret, retried by the outbox', async () => {
    const first = await hook();
    const eFirst = await subscribe(first.url, { enabled_events: ['render.succeeded'] });
    const r = await api(s.url, 'POST', '/v1/renders', render());
    const [original] = await first.next(1);
    const event = JSON.parse(original!.body);
    await pollUntilEnded(s.url, r.body.id);

    // An endpoint made afterwards, taking other events: it never had this one. Its first attempt fails.
    const later = await hook([500, 200]);
    const eLater = await subscribe(later.url, { enabled_events: ['set.succeeded'] });
    const retried = await api(s.url, 'POST', `/v1/events/${event.id}/retry`, { webhook_endpoint: eLater.id });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    fits('/v1/events/{id}/retry', 'post', 200, retried.body);
    expect(withoutPending(retried.body)).toEqual(withoutPending(event));
    expect(retried.body.pending_webhooks).toBeGreaterThanOrEqual(0);

    // The outbox retried the 500: two attempts of one delivery, each the same body, signed with the
    // later endpoint's secret (and not the first's).
    const attempts = await later.next(2);
    for (const a of attempts) {
      expect(a.body).toBe(original!.body);
      expect(verifyWebhook(eLater.secret, a.body, a.headers['x-asa-signature'] as string).ok).toBe(true);
      expect(verifyWebhook(eFirst.secret, a.body, a.headers['x-asa-signature'] as string).ok).toBe(false);
      expect(a.headers['x-asa-event']).toBe('render.succeeded');
      expect(a.headers['x-asa-webhook-endpoint']).toBe(eLater.id);
    }
    expect(attempts[0]!.headers['x-asa-delivery']).toBe(attempts[1]!.headers['x-asa-delivery']);
    expect(attempts[0]!.headers['x-asa-delivery']).not.toBe(original!.headers['x-asa-delivery']);
    // Signed when sent, not when the job ended.
    const t = (h: Receiver['received'][number]) => Number(/t=(\d+)/.exec(h.headers['x-asa-signature'] as string)![1]);
    expect(t(attempts[0]!)).toBeGreaterThanOrEqual(t(original!));

    // The Stripe CLI's shape: form-encoded, to the first endpoint again.
    const form = await api(s.url, 'POST', `/v1/events/${event.id}/retry`, undefined, {
      raw: `webhook_endpoint=${encodeURIComponent(eFirst.id)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status, JSON.stringify(form.body)).toBe(200);
    const [, again] = await first.next(2);
    expect(again!.body).toBe(original!.body);
    expect(verifyWebhook(eFirst.secret, again!.body, again!.headers['x-asa-signature'] as string).ok).toBe(true);
    expect(again!.headers['x-asa-delivery']).not.toBe(original!.headers['x-asa-delivery']);

    // Still one event; every delivery of it (the original and two resends) ends delivered.
    const got = await waitFor(
      async () => {
        const g = await api(s.url, 'GET', `/v1/events/${event.id}`);
        return g.body.pending_webhooks === 0 ? g.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 25, what: 'the resends recorded' },
    );
    expect(withoutPending(got)).toEqual(withoutPending(event));
    const listed = await api(s.url, 'GET', '/v1/events?limit=100');
    expect(listed.body.data.filter((e: any) => e.id === event.id)).toHaveLength(1);
    for (const e of [eFirst, eLater]) await api(s.url, 'DELETE', `/v1/webhook_endpoints/${e.id}`);
  });

  it('a resend that keeps failing ends failed, and delivery_success=false finds its event', async () => {
    const ok = await hook();
    const eOk = await subscribe(ok.url);
    const r = await api(s.url, 'POST', '/v1/renders', render());
    const [original] = await ok.next(1);
    const event = JSON.parse(original!.body);
    await pollUntilEnded(s.url, r.body.id);
    const broken = await hook([503]);
    const eBroken = await subscribe(broken.url, { enabled_events: ['set.failed'] });
    expect((await api(s.url, 'POST', `/v1/events/${event.id}/retry`, { webhook_endpoint: eBroken.id })).status).toBe(
      200,
    );
    // STORESHOTS_WEBHOOK_MAX_ATTEMPTS=3: three attempts, then the delivery is given up.
    await broken.next(3);
    const failed = await waitFor(
      async () => {
        const l = await api(s.url, 'GET', '/v1/events?delivery_success=false');
        return l.body.data.length && l.body.data[0].pending_webhooks === 0 ? l.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 25, what: 'the failed resend recorded' },
    );
    fits('/v1/events', 'get', 200, failed);
    expect(failed.data.map((e: any) => e.id)).toEqual([event.id]);
    const succeeded = await api(s.url, 'GET', '/v1/events?delivery_success=true&limit=100');
    expect(succeeded.body.data.map((e: any) => e.id)).not.toContain(event.id);
    expect(broken.received).toHaveLength(3);
    for (const e of [eOk, eBroken]) await api(s.url, 'DELETE', `/v1/webhook_endpoints/${e.id}`);
  });

  it('hides a key’s events from another key exactly as ids that do not exist, and resends only to the key’s own endpoints', async () => {
    const mine = await hook();
    const theirs = await hook();
    const eMine = await subscribe(mine.url);
    const eTheirs = await subscribe(theirs.url, {}, OTHER_KEY);
    const r = await api(s.url, 'POST', '/v1/renders', render());
    const [got] = await mine.next(1);
    const event = JSON.parse(got!.body);
    await pollUntilEnded(s.url, r.body.id);
    const unknown = 'evt_000000000000000000000000';

    for (const [method, url, body] of [
      ['GET', '/v1/events/ID', undefined],
      ['POST', '/v1/events/ID/retry', { webhook_endpoint: eTheirs.id }],
    ] as const) {
      const a = await api(s.url, method, url.replace('ID', event.id), body, { key: OTHER_KEY });
      const b = await api(s.url, method, url.replace('ID', unknown), body, { key: OTHER_KEY });
      expect(a.status, `${method} ${url}`).toBe(404);
      fits(url.replace('ID', '{id}'), method.toLowerCase(), 404, a.body);
      expect(a.body.error).toMatchObject({ code: 'event_not_found', param: 'id' });
      expect(a.body.error.code).toBe(b.body.error.code);
      expect(a.body.error.message.replace(event.id, 'ID')).toBe(b.body.error.message.replace(unknown, 'ID'));
    }
    const list = await api(s.url, 'GET', '/v1/events?limit=100', undefined, { key: OTHER_KEY });
    expect(list.body.data.map((e: any) => e.id)).not.toContain(event.id);
    const cursor = await api(s.url, 'GET', `/v1/events?starting_after=${event.id}`, undefined, { key: OTHER_KEY });
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.param).toBe('starting_after');

    // This key's event to another key's endpoint: that endpoint does not exist for this key.
    const cross = await api(s.url, 'POST', `/v1/events/${event.id}/retry`, { webhook_endpoint: eTheirs.id });
    expect(cross.status).toBe(404);
    fits('/v1/events/{id}/retry', 'post', 404, cross.body);
    expect(cross.body.error).toMatchObject({ code: 'webhook_endpoint_not_found', param: 'webhook_endpoint' });
    // A job of the other key afterwards reaches its endpoint first and only: nothing of this key's came before it.
    const other = await api(s.url, 'POST', '/v1/renders', render(), { key: OTHER_KEY });
    const [f] = await theirs.next(1);
    expect(JSON.parse(f!.body).data.object.id).toBe(other.body.id);
    expect(theirs.received).toHaveLength(1);
    await pollUntilEnded(s.url, other.body.id, OTHER_KEY);
    await api(s.url, 'DELETE', `/v1/webhook_endpoints/${eMine.id}`);
    await api(s.url, 'DELETE', `/v1/webhook_endpoints/${eTheirs.id}`, undefined, { key: OTHER_KEY });
  });

  it('refuses hostile queries and bodies with a 400 naming the field (or a 404), never a 500', async () => {
    const h = await hook();
    const e = await subscribe(h.url);
    const r = await api(s.url, 'POST', '/v1/renders', render());
    const [got] = await h.next(1);
    const event = JSON.parse(got!.body);
    await pollUntilEnded(s.url, r.body.id);

    const queries: Array<[string, string]> = [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=1&limit=2', 'limit'],
      ['type=render.exploded', 'type'],
      [`type=${encodeURIComponent("render.succeeded' OR '1'='1")}`, 'type'],
      ['type=render.%25', 'type'],
      [`type=${'a'.repeat(200)}`, 'type'],
      ['delivery_success=maybe', 'delivery_success'],
      ['starting_after=evt_000000000000000000000000', 'starting_after'],
      [`starting_after=${encodeURIComponent("evt_' OR 1=1 --")}`, 'starting_after'],
    ];
    for (const [q, param] of queries) {
      const res = await api(s.url, 'GET', `/v1/events?${q}`);
      expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(400);
      fits('/v1/events', 'get', 400, res.body);
      expect(res.body.error.param, q).toBe(param);
      expect(JSON.stringify(res.body), q).not.toMatch(/at .*\.js:\d+/);
    }
    for (const id of ['evt_x', `${event.id}0`, event.id.toUpperCase(), "evt_' OR '1'='1", encodeURIComponent('../')]) {
      const res = await api(s.url, 'GET', `/v1/events/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.body.error.code, id).toBe('event_not_found');
    }

    const disabled = await subscribe(h.url);
    await api(s.url, 'POST', `/v1/webhook_endpoints/${disabled.id}`, { disabled: true });
    const deleted = await subscribe(h.url);
    await api(s.url, 'DELETE', `/v1/webhook_endpoints/${deleted.id}`);
    const retry = `/v1/events/${event.id}/retry`;
    const bodies: Array<[string, unknown, number, string | undefined, string?]> = [
      ['no body', undefined, 400, 'webhook_endpoint', 'parameter_missing'],
      ['empty', {}, 400, 'webhook_endpoint', 'parameter_missing'],
      ['not a string', { webhook_endpoint: 42 }, 400, 'webhook_endpoint'],
      ['an object', { webhook_endpoint: { $ne: '' } }, 400, 'webhook_endpoint'],
      ['long', { webhook_endpoint: `we_${'0'.repeat(500)}` }, 400, 'webhook_endpoint'],
      ['unknown field', { webhook_endpoint: e.id, url: 'http://169.254.169.254/' }, 400, 'url', 'parameter_unknown'],
      ['array body', [e.id], 400, undefined],
      ['unknown endpoint', { webhook_endpoint: 'we_000000000000000000000000' }, 404, 'webhook_endpoint'],
      ['deleted endpoint', { webhook_endpoint: deleted.id }, 404, 'webhook_endpoint', 'webhook_endpoint_not_found'],
      ['disabled endpoint', { webhook_endpoint: disabled.id }, 400, 'webhook_endpoint', 'webhook_endpoint_disabled'],
      ['huge', { webhook_endpoint: e.id, pad: 'x'.repeat(10_000) }, 413, undefined, 'payload_too_large'],
    ];
    for (const [name, body, status, param, code] of bodies) {
      const res = await api(s.url, 'POST', retry, body);
      expect(res.status, `${name}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(status);
      fits('/v1/events/{id}/retry', 'post', status, res.body);
      expect(res.body.error.param, name).toBe(param);
      if (code) expect(res.body.error.code, name).toBe(code);
      expect(JSON.stringify(res.body), name).not.toMatch(/at .*\.js:\d+/);
    }
    const raw: Array<[string, string, string, number, string?]> = [
      ['bad JSON', 'application/json', '{"webhook_endpoint": ', 400, 'invalid_json'],
      ['form field twice', 'application/x-www-form-urlencoded', `webhook_endpoint=${e.id}&webhook_endpoint=x`, 400],
      ['text', 'text/plain', e.id, 415, 'unsupported_media_type'],
    ];
    for (const [name, type, body, status, code] of raw) {
      const res = await api(s.url, 'POST', retry, undefined, { raw: body, headers: { 'content-type': type } });
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(status);
      if (code) expect(res.body.error.code, name).toBe(code);
    }
    // Nothing of the refused requests was sent: the one original delivery only, and the disabled
    // endpoint got nothing.
    const witness = await api(s.url, 'POST', retry, { webhook_endpoint: e.id });
    expect(witness.status).toBe(200);
    await h.next(2);
    expect(h.received.map((g) => g.headers['x-asa-webhook-endpoint'])).toEqual([e.id, e.id]);
    for (const x of [e, disabled]) await api(s.url, 'DELETE', `/v1/webhook_endpoints/${x.id}`);
  });
});
