// The signature header of docs/render-api.md#webhooks in detail (src/util/signature.ts): how the header is parsed,
// which parts count, the tolerance edge, and the bytes that are signed.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  parseSignatureHeader,
  signDispatch,
  signWebhook,
  verifyDispatch,
  verifyWebhook,
} from '../src/util/signature.js';

const SECRET = 'whsec_unit';
const T = 1_800_000_000;
const at = (t: number) => ({ now: () => t * 1000 });
const hex = (msg: string | Buffer) => createHmac('sha256', SECRET).update(msg).digest('hex');

describe('parseSignatureHeader', () => {
  it('reads t and every v1, lower-cased, with spaces around parts, keys and values', () => {
    const a = 'a'.repeat(64);
    const b = 'B'.repeat(64);
    expect(parseSignatureHeader(`t=${T},v1=${a}`)).toEqual({ t: T, v1: [a] });
    expect(parseSignatureHeader(` t = ${T} , v1 = ${a} ,v1=${b}`)).toEqual({ t: T, v1: [a, 'b'.repeat(64)] });
  });

  it('ignores parts it does not know and malformed values; needs both a t and a v1', () => {
    const a = 'a'.repeat(64);
    expect(parseSignatureHeader(`t=${T},v0=${a},v1=${a},x=5,novalue,=${a}`)).toEqual({ t: T, v1: [a] });
    expect(parseSignatureHeader(`t=${T},v0=${a}`)).toBeUndefined();
    expect(parseSignatureHeader(`v1=${a}`)).toBeUndefined();
    expect(parseSignatureHeader(`t=${T}`)).toBeUndefined();
    expect(parseSignatureHeader(`t=12ab,v1=${a}`)).toBeUndefined();
    expect(parseSignatureHeader(`t=ab12,v1=${a}`)).toBeUndefined();
    expect(parseSignatureHeader(`t=1234567890123,v1=${a}`)).toBeUndefined();
    expect(parseSignatureHeader(`t=${T},v1=${a}ff`)).toBeUndefined();
    expect(parseSignatureHeader(`t=${T},v1=ff${a}`)).toBeUndefined();
    expect(parseSignatureHeader(`t=${T},v1=${'g'.repeat(64)}`)).toBeUndefined();
    expect(parseSignatureHeader('')).toBeUndefined();
    expect(parseSignatureHeader(null)).toBeUndefined();
    expect(parseSignatureHeader(undefined)).toBeUndefined();
    expect(parseSignatureHeader(12 as unknown as string)).toBeUndefined();
    // A later t replaces an earlier one only when it is a t.
    expect(parseSignatureHeader(`t=${T},v1=${a},x=99`)).toEqual({ t: T, v1: [a] });
  });
});

describe('webhook signatures', () => {
  it('signs "<t>.<raw bytes>", the same for a string, a Buffer and a Uint8Array view', () => {
    const body = '{"type":"render.succeeded","name":"Café ☕"}';
    const expected = `t=${T},v1=${hex(`${T}.${body}`)}`;
    expect(signWebhook(SECRET, body, T)).toBe(expected);
    expect(signWebhook(SECRET, Buffer.from(body), T)).toBe(expected);
    // A view into a larger buffer: only its own bytes are signed.
    const big = Buffer.concat([Buffer.from('xxxx'), Buffer.from(body), Buffer.from('yyyy')]);
    const view = new Uint8Array(big.buffer, big.byteOffset + 4, Buffer.byteLength(body));
    expect(signWebhook(SECRET, view, T)).toBe(expected);
    expect(verifyWebhook(SECRET, view, expected, at(T))).toEqual({ ok: true, timestamp: T });
  });

  it('uses the current time when no timestamp is given', () => {
    const before = Math.floor(Date.now() / 1000);
    const sig = signWebhook(SECRET, 'x');
    const t = parseSignatureHeader(sig)!.t;
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(before + 2);
    expect(verifyWebhook(SECRET, 'x', sig)).toEqual({ ok: true, timestamp: t });
    const d = parseSignatureHeader(signDispatch(SECRET, 'rnd_1', 'succeeded'))!.t;
    expect(d).toBeGreaterThanOrEqual(before);
    expect(d).toBeLessThanOrEqual(before + 2);
  });

  it('accepts exactly the tolerance away, in both directions, and refuses one second more', () => {
    const sig = signWebhook(SECRET, 'b', T);
    expect(verifyWebhook(SECRET, 'b', sig, at(T + 300))).toEqual({ ok: true, timestamp: T });
    expect(verifyWebhook(SECRET, 'b', sig, at(T - 300))).toEqual({ ok: true, timestamp: T });
    expect(verifyWebhook(SECRET, 'b', sig, at(T + 301))).toEqual({
      ok: false,
      reason: `signature timestamp ${T} is more than 300s away from now (${T + 301})`,
    });
    expect(verifyWebhook(SECRET, 'b', sig, at(T - 301))).toEqual({
      ok: false,
      reason: `signature timestamp ${T} is more than 300s away from now (${T - 301})`,
    });
    expect(verifyWebhook(SECRET, 'b', sig, { ...at(T + 10), toleranceSeconds: 10 })).toEqual({
      ok: true,
      timestamp: T,
    });
    expect(verifyWebhook(SECRET, 'b', sig, { ...at(T + 11), toleranceSeconds: 10 })).toEqual({
      ok: false,
      reason: `signature timestamp ${T} is more than 10s away from now (${T + 11})`,
    });
  });

  it('gives a reason for each refusal', () => {
    const sig = signWebhook(SECRET, 'b', T);
    expect(verifyWebhook('', 'b', sig, at(T))).toEqual({ ok: false, reason: 'no secret to verify with' });
    expect(verifyWebhook(SECRET, 'b', 'v1=abc', at(T))).toEqual({
      ok: false,
      reason: 'signature is not of the form t=<unix>,v1=<hex>',
    });
    expect(verifyWebhook(SECRET, 'B', sig, at(T))).toEqual({ ok: false, reason: 'signature does not match' });
    // The signature of the same body at another t does not carry over.
    const other = signWebhook(SECRET, 'b', T + 1).split(',')[1];
    expect(verifyWebhook(SECRET, 'b', `t=${T},${other}`, at(T))).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
  });
});

describe('dispatch signatures', () => {
  it('signs "<t>.<render_id>.<status>"', () => {
    expect(signDispatch(SECRET, 'rnd_1', 'succeeded', T)).toBe(`t=${T},v1=${hex(`${T}.rnd_1.succeeded`)}`);
    const signature = signDispatch(SECRET, 'rnd_1', 'succeeded', T);
    expect(verifyDispatch(SECRET, { render_id: 'rnd_1', status: 'succeeded', signature }, at(T))).toEqual({
      ok: true,
      timestamp: T,
    });
    // Moving the dot between id and status changes the message.
    const shifted = signDispatch(SECRET, 'rnd_1.succeeded', '', T);
    expect(verifyDispatch(SECRET, { render_id: 'rnd_1', status: 'succeeded', signature: shifted }, at(T))).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
    expect(verifyDispatch(SECRET, { render_id: 'rnd_1', status: 'succeeded', signature: undefined }, at(T))).toEqual({
      ok: false,
      reason: 'signature is not of the form t=<unix>,v1=<hex>',
    });
  });
});
