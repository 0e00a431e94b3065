// Signed, expiring download links (docs/render-api.md#signed-download-links), against the real service:
// usable without a key, made afresh on every poll, refused after expiry, bound to one file of one
// render, still valid across a restart and a rotation of the signing secret, and dead at once when
// the key that made the render is revoked. The clock is the service's injected clock, not a sleep.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { LINK_SECRET_FILE } from '../src/server/links.js';
import {
  api,
  b64,
  cleanup,
  KEY,
  OTHER_KEY,
  pollUntilEnded,
  SCREEN_PNG,
  startService,
  startServiceInProcess,
  tempData,
  type InProcessService,
} from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const T0 = Date.UTC(2026, 11, 2, 12, 0, 0);
const SECRET_A = 'a'.repeat(40);
const SECRET_B = 'b'.repeat(40);

const request = (slides = 2) => ({
  canvas: { preset: 'play.phone' },
  slides: Array.from({ length: slides }, (_, i) => ({
    id: `s${i + 1}`,
    headline: `Slide ${i + 1}`,
    screenshot: { data: b64(SCREEN_PNG) },
  })),
});

/** GET without any key. */
async function fetchLink(url: string): Promise<{ status: number; body: Buffer; json?: any; headers: Headers }> {
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  const json = res.headers.get('content-type')?.includes('json') ? JSON.parse(body.toString()) : undefined;
  return { status: res.status, body, json, headers: res.headers };
}

describe('signed download links', () => {
  let clock = T0;
  const running: InProcessService[] = [];
  const dirs: string[] = [];
  const start = async (env: NodeJS.ProcessEnv = {}, data?: string) => {
    const s = await startServiceInProcess({
      env: {
        STORESHOTS_API_KEYS: `${KEY},${OTHER_KEY}`,
        STORESHOTS_WORKERS: '1',
        STORESHOTS_LOG_LEVEL: 'silent',
        STORESHOTS_LINK_TTL_SECONDS: '600',
        ...env,
      },
      now: () => clock,
      data,
    });
    running.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of running.splice(0)) await s.close();
    for (const d of dirs.splice(0)) cleanup(d);
    clock = T0;
  });

  it('serves each image and the archive without a key, only until the link expires', async () => {
    const s = await start();
    const r = await api(s.url, 'POST', '/v1/renders', request(2));
    expect(r.status).toBe(200);
    expect(r.body.download_urls_expire_at).toBe(new Date(T0 + 600_000).toISOString());
    for (const image of r.body.images) {
      expect(image.download_url).toMatch(
        new RegExp(
          `^${s.url}/v1/files/renders/${r.body.id}/images/${image.index}\\?expires=\\d+&signature=[\\w-]{43}$`,
        ),
      );
      const got = await fetchLink(image.download_url);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(createHash('sha256').update(got.body).digest('hex')).toBe(image.sha256);
      expect(got.headers.get('cache-control')).toBe('public, max-age=600, immutable');
    }
    const zip = await fetchLink(r.body.archive_download_url);
    expect(zip.status).toBe(200);
    expect(Object.keys(unzipSync(new Uint8Array(zip.body))).sort()).toEqual(
      r.body.images.map((i: any) => i.path).sort(),
    );

    // One second before expiry it works; at expiry it is refused, saying how to get a fresh one.
    clock = T0 + 599_000;
    expect((await fetchLink(r.body.images[0].download_url)).status).toBe(200);
    clock = T0 + 600_000;
    const late = await fetchLink(r.body.images[0].download_url);
    expect(late.status).toBe(403);
    expect(late.json.error).toEqual({
      code: 'link_expired',
      message: `This link expired at ${new Date(T0 + 600_000).toISOString()}: GET /v1/renders/${r.body.id} gives a fresh one`,
      param: 'expires',
    });
    // A poll hands out fresh links, valid from now.
    const polled = await api(s.url, 'GET', `/v1/renders/${r.body.id}`);
    expect(polled.body.download_urls_expire_at).toBe(new Date(T0 + 1_200_000).toISOString());
    expect(polled.body.images[0].download_url).not.toBe(r.body.images[0].download_url);
    expect((await fetchLink(polled.body.images[0].download_url)).status).toBe(200);
  });

  it('binds a link to its one file: another image, another render, a changed expiry or signature are refused', async () => {
    const s = await start();
    const a = (await api(s.url, 'POST', '/v1/renders', request(2))).body;
    const b = (await api(s.url, 'POST', '/v1/renders', request(1))).body;
    const link = new URL(a.images[0].download_url);
    const sig = link.searchParams.get('signature')!;
    const exp = link.searchParams.get('expires')!;
    const forged = [
      `/v1/files/renders/${a.id}/images/2?expires=${exp}&signature=${sig}`,
      `/v1/files/renders/${b.id}/images/1?expires=${exp}&signature=${sig}`,
      `/v1/files/renders/${a.id}/archive?expires=${exp}&signature=${sig}`,
      `/v1/files/renders/${a.id}/images/1?expires=${Number(exp) + 3600}&signature=${sig}`,
      `/v1/files/renders/${a.id}/images/1?expires=${exp}&signature=${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`,
      // The last character carries 4 bits of the MAC and 2 unused ones: a spelling that only changes the
      // unused bits decodes to the same bytes and must still be refused (this once passed by chance).
      `/v1/files/renders/${a.id}/images/1?expires=${exp}&signature=${sig.slice(0, -1)}${otherSpelling(sig.at(-1)!)}`,
    ];
    for (const f of forged) {
      const got = await fetchLink(s.url + f);
      expect(got.status, f).toBe(403);
      expect(got.json.error.code, f).toBe('link_invalid');
    }
    const missing = await fetchLink(`${s.url}/v1/files/renders/${a.id}/images/1?expires=${exp}`);
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ code: 'parameter_missing', param: 'signature' });
    // No link is handed out before a render has succeeded, and a failed one has none.
    const failed = await api(s.url, 'POST', '/v1/renders', {
      canvas: { preset: 'play.phone' },
      slides: [{ headline: '\u{13000}' }],
    });
    expect(failed.body.status).toBe('failed');
    expect(failed.body.archive_download_url).toBeNull();
    expect(failed.body.download_urls_expire_at).toBeNull();
  });

  it('never outlives the render: a link made near the render’s expiry ends with it', async () => {
    const s = await start({ STORESHOTS_RESULT_TTL_SECONDS: '300', STORESHOTS_SWEEP_INTERVAL_MS: '10' });
    const r = (await api(s.url, 'POST', '/v1/renders', request(1))).body;
    expect(r.download_urls_expire_at).toBe(r.expires_at);
    clock = Date.parse(r.expires_at) - 1000;
    expect((await fetchLink(r.images[0].download_url)).status).toBe(200);
    clock = Date.parse(r.expires_at);
    expect((await fetchLink(r.images[0].download_url)).json.error.code).toBe('link_expired');
  });

  it('keeps its secret under --data across a restart, and rotates: the new secret signs, the old one still verifies', async () => {
    const data = tempData();
    dirs.push(data);
    let s = await start({}, data);
    const first = (await api(s.url, 'POST', '/v1/renders', request(1))).body;
    expect(statSync(path.join(data, LINK_SECRET_FILE)).mode & 0o777).toBe(0o600);
    const generated = readFileSync(path.join(data, LINK_SECRET_FILE), 'utf8').trim();
    await s.close();
    running.length = 0;

    s = await start({}, data);
    expect((await fetchLink(first.images[0].download_url.replace(/^http:\/\/[^/]+/, s.url))).status).toBe(200);
    await s.close();
    running.length = 0;

    // Rotation: a new secret first, the generated one second.
    s = await start({ STORESHOTS_LINK_SECRETS: `${SECRET_A},${generated}` }, data);
    const old = first.images[0].download_url.replace(/^http:\/\/[^/]+/, s.url);
    expect((await fetchLink(old)).status).toBe(200);
    const second = (await api(s.url, 'GET', `/v1/renders/${first.id}`)).body;
    // Absolute URLs carry the host the render was made through (the first start's port here).
    const fresh = second.images[0].download_url.replace(/^http:\/\/[^/]+/, s.url);
    expect((await fetchLink(fresh)).status).toBe(200);
    await s.close();
    running.length = 0;

    // The old secret dropped: its links die, the new secret's links live.
    s = await start({ STORESHOTS_LINK_SECRETS: `${SECRET_B},${SECRET_A}` }, data);
    expect((await fetchLink(old.replace(/^http:\/\/[^/]+/, s.url))).json.error.code).toBe('link_invalid');
    expect((await fetchLink(fresh.replace(/^http:\/\/[^/]+/, s.url))).status).toBe(200);
  });

  it('refuses a short signing secret at start, naming it', async () => {
    await expect(start({ STORESHOTS_LINK_SECRETS: `${SECRET_A},short` })).rejects.toThrow(
      'STORESHOTS_LINK_SECRETS: secret 2 of 2 is 5 characters; use at least 32 (e.g. openssl rand -hex 32)',
    );
  });
});

describe('signed links and key revocation', () => {
  it('stops serving a render’s links the moment the key that made it is revoked', async () => {
    const data = tempData();
    const keys = path.join(data, 'keys.txt');
    writeFileSync(keys, `${KEY}\n${OTHER_KEY}\n`);
    const s = await startService({ env: { STORESHOTS_API_KEYS: undefined }, args: ['--keys', keys] });
    try {
      const mine = (await api(s.url, 'POST', '/v1/renders', request(1))).body;
      const theirs = (await api(s.url, 'POST', '/v1/renders', request(1), { key: OTHER_KEY })).body;
      expect((await fetchLink(mine.images[0].download_url)).status).toBe(200);
      writeFileSync(keys, `${OTHER_KEY}\n`);
      s.proc.kill('SIGHUP');
      await waitFor(() => /keys reloaded \(SIGHUP\)/.test(s.stderr()), {
        timeoutMs: 30_000,
        intervalMs: 20,
        what: () => `the key reload; stderr: ${s.stderr()}`,
      });
      const revoked = await fetchLink(mine.images[0].download_url);
      expect(revoked.status).toBe(403);
      expect(revoked.json.error.code).toBe('link_revoked');
      expect((await fetchLink(theirs.images[0].download_url)).status).toBe(200);
      expect((await pollUntilEnded(s.url, theirs.id, OTHER_KEY)).status).toBe('succeeded');
    } finally {
      await s.stop();
      cleanup(s.data);
      cleanup(data);
    }
  });
});

/** A base64url character that differs from `c` only in its two low (unused) bits. */
function otherSpelling(c: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return alphabet[alphabet.indexOf(c) ^ 1]!;
}
