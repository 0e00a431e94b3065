// Nothing accepted is lost: the service is killed with SIGKILL mid-render and restarted on the same
// --data; the interrupted render, the one queued behind it and a webhook that had not got its 2xx
// all complete.
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sniffImage } from '../src/server/image-info.js';
import { verifyWebhook } from '../src/util/signature.js';
import {
  api,
  b64,
  cleanup,
  pollUntilEnded,
  receiver,
  SCREEN_IPAD,
  SCREEN_PNG,
  startService,
  tempData,
  type ServerHandle,
} from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const SECRET = 'whsec_crash';
const env = {
  STORESHOTS_ALLOW_PRIVATE_URLS: '1',
  STORESHOTS_WEBHOOK_SECRET: SECRET,
  STORESHOTS_WORKERS: '1',
  STORESHOTS_CONCURRENCY: '1',
};

describe('crash safety', () => {
  const data = tempData();
  const servers: ServerHandle[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
    cleanup(data);
  });

  it('finishes an interrupted render and the queue behind it after kill -9, and delivers their webhooks', async () => {
    const hook = await receiver([200]);
    try {
      const first = await startService({ data, env });
      servers.push(first);
      const slides = Array.from({ length: 6 }, (_, i) => ({
        id: `s${i + 1}`,
        headline: `Slide ${i + 1}`,
        screenshot: { data: b64(SCREEN_IPAD) },
      }));
      const big = await api(
        first.url,
        'POST',
        '/v1/renders',
        { async: true, canvas: { preset: 'appstore.ipad_13' }, slides, webhook_url: hook.url },
        { headers: { 'idempotency-key': 'crash-big' } },
      );
      const behind = await api(first.url, 'POST', '/v1/renders', {
        async: true,
        canvas: { preset: 'play.phone' },
        slides: [{ headline: 'behind' }],
        webhook_url: hook.url,
      });
      expect(big.status).toBe(202);

      // Wait until the big render is part-way: processing, some images stored, not all.
      const mid: any = await waitFor(
        async () => {
          const r = (await api(first.url, 'GET', `/v1/renders/${big.body.id}`)).body;
          if (r.status !== 'queued' && r.images.length > 0) return r;
          if (r.status !== 'queued' && r.status !== 'processing')
            throw new Error(`render ended before the kill: ${JSON.stringify(r.error)}`);
          return undefined;
        },
        { timeoutMs: 150_000, intervalMs: 10, what: 'the big render to be part-way' },
      );
      expect(mid.status).toBe('processing');
      expect(mid.images.length).toBeLessThan(slides.length);
      await first.kill9();
      expect(hook.received).toHaveLength(0);

      const second = await startService({ data, env });
      servers.push(second);
      const done = await pollUntilEnded(second.url, big.body.id);
      expect(done.status).toBe('succeeded');
      expect(done.images.map((i: { slide: string }) => i.slide)).toEqual(slides.map((s) => s.id));
      // Images finished before the crash were kept, not rendered again.
      for (const i of mid.images) expect(done.images[i.index - 1].sha256).toBe(i.sha256);
      expect((await pollUntilEnded(second.url, behind.body.id)).status).toBe('succeeded');

      const got = await hook.next(2);
      const events = got.map((g) => JSON.parse(g.body));
      expect(events.map((e) => e.data.id).sort()).toEqual([big.body.id, behind.body.id].sort());
      for (const g of got) expect(verifyWebhook(SECRET, g.body, g.headers['x-asa-signature'] as string).ok).toBe(true);

      // The idempotency key survived too: a retry gets the same render.
      const retry = await api(
        second.url,
        'POST',
        '/v1/renders',
        { async: true, canvas: { preset: 'appstore.ipad_13' }, slides, webhook_url: hook.url },
        { headers: { 'idempotency-key': 'crash-big' } },
      );
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body.id).toBe(big.body.id);
      await second.stop();
    } finally {
      await hook.close();
    }
  }, 180_000);

  it('answers a retried synchronous request with the render its first attempt started before the crash', async () => {
    const d = tempData();
    const first = await startService({ data: d, env });
    const body = {
      canvas: { preset: 'appstore.ipad_13' },
      slides: Array.from({ length: 4 }, (_, i) => ({
        id: `p${i}`,
        headline: `Page ${i}`,
        screenshot: { data: b64(SCREEN_IPAD) },
      })),
    };
    const headers = { 'idempotency-key': 'sync-crash' };
    const lost = api(first.url, 'POST', '/v1/renders', body, { headers }).catch((e: Error) => e);
    const id: string = await waitFor(
      async () => (await api(first.url, 'GET', '/v1/renders')).body.data[0]?.id as string | undefined,
      {
        timeoutMs: 150_000,
        intervalMs: 10,
        what: 'the synchronous render to be listed',
      },
    );
    await first.kill9();
    expect(await lost).toBeInstanceOf(Error); // the client never got an answer
    const second = await startService({ data: d, env });
    try {
      const retry = await api(second.url, 'POST', '/v1/renders', body, { headers });
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body).toMatchObject({ id, status: 'succeeded' });
      expect(retry.body.images).toHaveLength(4);
      const all = await api(second.url, 'GET', '/v1/renders');
      expect(all.body.data.map((r: { id: string }) => r.id)).toEqual([id]);
    } finally {
      await second.stop();
      cleanup(d);
    }
  }, 180_000);

  it('delivers a webhook that was still failing when the process was killed, with the same delivery id', async () => {
    const failing = await receiver([500]);
    const third = await startService({ data, env });
    servers.push(third);
    const r = await api(third.url, 'POST', '/v1/renders', {
      async: true,
      canvas: { preset: 'play.wear' },
      slides: [{ headline: 'ping' }],
      webhook_url: `${failing.url}/hook`,
    });
    const [firstAttempt] = await failing.next(1);
    await third.kill9();
    await failing.close();

    // The receiver comes back (same address) and answers 200 now.
    const port = Number(new URL(failing.url).port);
    const healthy = await (async () => {
      const http = await import('node:http');
      const received: Array<{ headers: import('node:http').IncomingHttpHeaders; body: string }> = [];
      let wake: () => void = () => undefined;
      const server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c));
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          res.writeHead(200).end();
          wake();
        });
      });
      await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
      return {
        received,
        arrived: () => new Promise<void>((ok) => (received.length ? ok() : (wake = ok))),
        close: () => new Promise<void>((ok) => server.close(() => ok())),
      };
    })();
    try {
      const fourth = await startService({ data, env });
      servers.push(fourth);
      await healthy.arrived();
      const got = healthy.received[0]!;
      expect(got.headers['x-asa-delivery']).toBe(firstAttempt!.headers['x-asa-delivery']);
      expect(got.body).toBe(firstAttempt!.body);
      expect(JSON.parse(got.body).data.id).toBe(r.body.id);
      expect(verifyWebhook(SECRET, got.body, got.headers['x-asa-signature'] as string).ok).toBe(true);
    } finally {
      await healthy.close();
    }
  });

  it('loses no accepted render over a bounded loop of kill -9s under a stream of requests', async () => {
    const d = tempData();
    const hook = await receiver([200]);
    const accepted = new Set<string>();
    const ROUNDS = 3;
    let unanswered = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const srv = await startService({ data: d, env });
        const body = (i: number) => ({
          async: true,
          canvas: { preset: 'play.phone' },
          slides: [{ id: `r${round}-${i}`, headline: `Round ${round} #${i}`, screenshot: { data: b64(SCREEN_PNG) } }],
          webhook_url: `${hook.url}/hook`,
        });
        const send = (i: number) =>
          api(srv.url, 'POST', '/v1/renders', body(i)).then(
            (r) => {
              if (r.status === 202) accepted.add(r.body.id);
              else throw new Error(`HTTP ${r.status} ${JSON.stringify(r.body)}`);
            },
            () => void unanswered++, // no answer: the client must not assume it was accepted
          );
        await Promise.all([0, 1, 2].map(send));
        // Two more in flight at the moment of the kill: whichever got its 202 must survive.
        const inflight = [3, 4].map(send);
        await srv.kill9();
        await Promise.all(inflight);
      }
      const last = await startService({ data: d, env });
      try {
        for (const id of accepted) {
          const done = await pollUntilEnded(last.url, id);
          expect(done.status, `${id}: ${JSON.stringify(done.error)}`).toBe('succeeded');
          expect(done.images).toHaveLength(1);
          for (const img of done.images) {
            const bytes = (await api(last.url, 'GET', `/v1/renders/${id}/images/${img.index}`)).body as Buffer;
            expect(createHash('sha256').update(bytes).digest('hex'), `${id} image ${img.index}`).toBe(img.sha256);
            expect(sniffImage(bytes)).toEqual({ format: 'png', width: 1080, height: 1920 });
          }
        }
        // Every accepted render's webhook arrives (at least once) with a valid signature.
        await hook.next(accepted.size);
        while (new Set(hook.received.map((g) => JSON.parse(g.body).data.id)).size < accepted.size) await hook.next();
        for (const g of hook.received)
          expect(verifyWebhook(SECRET, g.body, g.headers['x-asa-signature'] as string).ok).toBe(true);
        expect(new Set(hook.received.map((g) => JSON.parse(g.body).data.id))).toEqual(accepted);
        expect(accepted.size).toBeGreaterThanOrEqual(ROUNDS * 3);
        expect(accepted.size + unanswered).toBe(ROUNDS * 5);
      } finally {
        await last.stop();
      }
    } finally {
      await hook.close();
      cleanup(d);
    }
  }, 240_000);
});
