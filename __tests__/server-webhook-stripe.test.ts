// Our webhook endpoints' events are "Stripe's event shape", signed in Stripe's scheme
// (docs/render-api.md#webhook-endpoints): here the publisher's own reference, Stripe's official Node
// library (npm `stripe`), checks them. The real `storeshots serve` on 127.0.0.1 sends render.succeeded,
// render.failed, set.succeeded and appscreen.render.completed to a loopback receiver; every delivery's
// raw bytes and X-ASA-Signature verify with `stripe.webhooks.constructEvent`, whose result is the body;
// Stripe's library (not the service) refuses a body altered by one byte, a wrong secret and a timestamp
// outside its default tolerance; and each event has every field Stripe's `Stripe.Event` marks required,
// with its type.
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICK_START, readCurl, send } from './helpers/appscreen.js';
import {
  api,
  b64,
  cleanup,
  KEY,
  type Received,
  receiver,
  SCREEN_PNG,
  type ServerHandle,
  startService,
} from './helpers/server.js';

// Stripe's webhook helpers run locally: constructing the client sends nothing anywhere.
const stripe = new Stripe('sk_test_storeshots_unused');

/**
 * The members Stripe's event type marks required (no `?`), with their types: `interface EventBase` in
 * node_modules/stripe/esm/resources/Events.d.ts, stripe 23.2.0 (every `Stripe.Event` extends it;
 * `account` and `context` are optional there). Typed by it, so tsc fails if a stripe upgrade adds one.
 */
type Required = Exclude<keyof Stripe.EventBase, 'account' | 'context'>;
const REQUIRED: Record<Required, (v: unknown) => boolean> = {
  id: (v) => typeof v === 'string',
  object: (v) => v === 'event',
  api_version: (v) => v === null || typeof v === 'string',
  created: (v) => Number.isInteger(v),
  data: (v) => typeof v === 'object' && v !== null && typeof (v as { object?: unknown }).object === 'object',
  livemode: (v) => typeof v === 'boolean',
  pending_webhooks: (v) => Number.isInteger(v),
  request: (v) =>
    v === null ||
    (typeof v === 'object' &&
      ['id', 'idempotency_key'].every((k) => {
        const x = (v as Record<string, unknown>)[k];
        return x === null || typeof x === 'string';
      })),
  type: (v) => typeof v === 'string',
};
const OPTIONAL = new Set(['account', 'context']);

const SHOTS = { './shot1.png': SCREEN_PNG, './shot2.png': SCREEN_PNG };

describe('webhook endpoint events, checked by Stripe’s own library', () => {
  let s: ServerHandle;
  let h: Awaited<ReturnType<typeof receiver>>;
  let secret: string;
  let byType: Map<string, Received>;

  beforeAll(async () => {
    s = await startService({ env: { STORESHOTS_ALLOW_PRIVATE_URLS: '1' } });
    h = await receiver();
    const made = await api(s.url, 'POST', '/v1/webhook_endpoints', { url: `${h.url}/stripe` });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    secret = made.body.secret;

    const ok = await api(s.url, 'POST', '/v1/renders', {
      async: true,
      canvas: { preset: 'play.phone' },
      slides: [{ id: 'home', headline: 'Hello', screenshot: { data: b64(SCREEN_PNG) } }],
    });
    expect(ok.status).toBe(202);
    // A headline no font can draw: accepted, fails when rendered.
    const bad = await api(s.url, 'POST', '/v1/renders', {
      async: true,
      canvas: { preset: 'play.phone' },
      slides: [{ headline: '\u{13000}' }],
    });
    expect(bad.status).toBe(202);
    const set = await api(s.url, 'POST', '/v1/sets', {
      manifest: {
        version: 1,
        app: { name: 'Habits' },
        locales: ['en-US'],
        presets: ['play.phone'],
        screenshots: 'shots/{locale}/{slide}.png',
        slides: [{ id: 'home', headline: 'Track every habit' }],
        output: { layout: 'flat' },
      },
      files: { 'shots/en-US/home.png': { data: b64(SCREEN_PNG) } },
    });
    expect([200, 202], JSON.stringify(set.body)).toContain(set.status);
    const quick = await send(readCurl(QUICK_START, s.url, { APPSCREEN_KEY: KEY }, SHOTS));
    expect(quick.status).toBe(202);

    await h.next(4);
    byType = new Map(h.received.map((g) => [JSON.parse(g.body).type as string, g]));
  });
  afterAll(async () => {
    await s?.stop();
    await h?.close();
    if (s) cleanup(s.data);
  });

  const TYPES = ['render.succeeded', 'render.failed', 'set.succeeded', 'appscreen.render.completed'];

  it('sends each event type once to the endpoint', () => {
    expect([...byType.keys()].sort()).toEqual([...TYPES].sort());
    expect(h.received).toHaveLength(4);
  });

  it.each(TYPES)('%s verifies with stripe.webhooks.constructEvent, and its result is the body', (type) => {
    const g = byType.get(type)!;
    const header = g.headers['x-asa-signature'] as string;
    const event: Stripe.Event = stripe.webhooks.constructEvent(g.raw, header, secret);
    expect(event).toEqual(JSON.parse(g.body));
    expect(event.type as string).toBe(type);
  });

  it.each(TYPES)('%s has every field Stripe.Event marks required, with its type', (type) => {
    const event = JSON.parse(byType.get(type)!.body) as Record<string, unknown>;
    for (const [key, ok] of Object.entries(REQUIRED)) {
      expect(Object.hasOwn(event, key), `${type}: ${key} missing`).toBe(true);
      expect(ok(event[key]), `${type}: ${key} = ${JSON.stringify(event[key])}`).toBe(true);
    }
    // What we fill: no API version, no live mode, and the one endpoint still waiting when it was made.
    expect(event).toMatchObject({ api_version: null, livemode: false, pending_webhooks: 1, request: null });
    // Nothing of Stripe's is there that the docs do not list (created_at is ours).
    for (const key of Object.keys(event))
      expect(key in REQUIRED || OPTIONAL.has(key) || key === 'created_at', key).toBe(true);
  });

  it.each(TYPES)('%s: Stripe’s library refuses it altered by one byte, with a wrong secret, or stale', (type) => {
    const g = byType.get(type)!;
    const header = g.headers['x-asa-signature'] as string;
    const altered = Buffer.from(g.raw);
    const at = altered.indexOf('"created":') + 10;
    altered[at] = altered[at] === 0x31 ? 0x32 : 0x31;
    expect(() => stripe.webhooks.constructEvent(altered, header, secret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => stripe.webhooks.constructEvent(g.raw, header, `${secret}x`)).toThrow(
      /No signatures found matching the expected signature/,
    );
    // Received 301 s after it was signed (receivedAt is in ms): outside Stripe's default tolerance (300 s).
    const t = Number(/(?:^|,)t=(\d+)/.exec(header)![1]);
    expect(() => stripe.webhooks.constructEvent(g.raw, header, secret, undefined, undefined, (t + 301) * 1000)).toThrow(
      /Timestamp outside the tolerance zone/,
    );
    // And inside it, the same header is still good.
    expect(stripe.webhooks.constructEvent(g.raw, header, secret, undefined, undefined, (t + 299) * 1000).id).toBe(
      JSON.parse(g.body).id,
    );
  });
});
