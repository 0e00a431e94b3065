// The signature helpers the render service signs with and the Action verifies with (docs/render-api.md#webhooks).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  parseSignatureHeader,
  signDispatch,
  signWebhook,
  verifyDispatch,
  verifyWebhook,
} from '../src/util/signature.js';

const secret = 'whsec_test';
const body = '{"type":"render.succeeded","data":{"id":"rnd_1"}}';
const T = 1_800_000_000;
const at = (unix: number) => () => unix * 1000;

describe('webhook signatures', () => {
  it('signs t.<raw body> with HMAC-SHA256 in the documented header form', () => {
    const header = signWebhook(secret, body, T);
    const hex = createHmac('sha256', secret).update(`${T}.${body}`).digest('hex');
    expect(header).toBe(`t=${T},v1=${hex}`);
  });

  it('verifies its own signature within the tolerance, from a string or the raw bytes', () => {
    const header = signWebhook(secret, body, T);
    expect(verifyWebhook(secret, body, header, { now: at(T + 299) })).toEqual({ ok: true, timestamp: T });
    expect(verifyWebhook(secret, Buffer.from(body), header, { now: at(T - 299) })).toEqual({ ok: true, timestamp: T });
  });

  it('rejects a tampered body, a tampered signature and the wrong secret', () => {
    const header = signWebhook(secret, body, T);
    const now = at(T);
    expect(verifyWebhook(secret, body.replace('succeeded', 'failed'), header, { now }).ok).toBe(false);
    const flipped = header.replace(/v1=(.)/, (_, c: string) => `v1=${c === 'a' ? 'b' : 'a'}`);
    expect(verifyWebhook(secret, body, flipped, { now })).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verifyWebhook('other', body, header, { now }).ok).toBe(false);
    // Re-stamping the header with a fresh t does not carry the old v1 over.
    expect(verifyWebhook(secret, body, header.replace(`t=${T}`, `t=${T + 1}`), { now }).ok).toBe(false);
  });

  it('rejects a stale or future timestamp beyond 300 s, and honours a custom tolerance', () => {
    const header = signWebhook(secret, body, T);
    const stale = verifyWebhook(secret, body, header, { now: at(T + 301) });
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.reason).toMatch(/more than 300s away/);
    expect(verifyWebhook(secret, body, header, { now: at(T - 301) }).ok).toBe(false);
    expect(verifyWebhook(secret, body, header, { now: at(T + 1000), toleranceSeconds: 1200 }).ok).toBe(true);
  });

  it('rejects malformed headers and an empty secret', () => {
    for (const h of [undefined, '', 'garbage', `t=${T}`, 'v1=abc', `t=abc,v1=${'0'.repeat(64)}`]) {
      expect(verifyWebhook(secret, body, h, { now: at(T) }).ok).toBe(false);
    }
    expect(verifyWebhook('', body, signWebhook(secret, body, T), { now: at(T) }).ok).toBe(false);
  });

  it('accepts any of several v1 values (secret rotation)', () => {
    const oldSig = signWebhook('old-secret', body, T).split(',')[1]!;
    const header = `${signWebhook(secret, body, T)},${oldSig}`;
    expect(verifyWebhook(secret, body, header, { now: at(T) }).ok).toBe(true);
    expect(verifyWebhook('old-secret', body, header, { now: at(T) }).ok).toBe(true);
    expect(parseSignatureHeader(header)?.v1).toHaveLength(2);
  });
});

describe('dispatch signatures', () => {
  it('signs t.render_id.status and verifies the client_payload', () => {
    const signature = signDispatch(secret, 'rnd_abc', 'succeeded', T);
    expect(signature).toBe(`t=${T},v1=${createHmac('sha256', secret).update(`${T}.rnd_abc.succeeded`).digest('hex')}`);
    expect(
      verifyDispatch(secret, { render_id: 'rnd_abc', status: 'succeeded', signature }, { now: at(T + 10) }).ok,
    ).toBe(true);
  });

  it('rejects another status or render id, a stale signature and the wrong secret', () => {
    const signature = signDispatch(secret, 'rnd_abc', 'succeeded', T);
    const now = at(T);
    expect(verifyDispatch(secret, { render_id: 'rnd_abc', status: 'failed', signature }, { now }).ok).toBe(false);
    expect(verifyDispatch(secret, { render_id: 'rnd_abd', status: 'succeeded', signature }, { now }).ok).toBe(false);
    expect(
      verifyDispatch(secret, { render_id: 'rnd_abc', status: 'succeeded', signature }, { now: at(T + 301) }).ok,
    ).toBe(false);
    expect(verifyDispatch('nope', { render_id: 'rnd_abc', status: 'succeeded', signature }, { now }).ok).toBe(false);
  });
});
