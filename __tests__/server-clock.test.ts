// The service's clock is an option of startServer (no environment variable shifts it): render times,
// expiry and the sweep all read the injected clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server/server.js';
import { api, cleanup, KEY, pollUntilEnded, tempData } from './helpers/server.js';

const T0 = Date.parse('2031-05-06T07:08:09.000Z');
let clock = T0;
let server: RunningServer;
const data = tempData();

beforeAll(async () => {
  server = await startServer(
    { port: '0', host: '127.0.0.1', data },
    {
      cwd: process.cwd(),
      env: {
        STORESHOTS_API_KEYS: KEY,
        STORESHOTS_WORKERS: '1',
        STORESHOTS_RATE_LIMIT: '0',
        STORESHOTS_LOG_LEVEL: 'silent',
        STORESHOTS_RESULT_TTL_SECONDS: '60',
        STORESHOTS_SWEEP_INTERVAL_MS: '20',
      },
      stdout: () => undefined,
      stderr: () => undefined,
      isTTY: false,
    },
    { now: () => clock },
  );
}, 60_000);
afterAll(async () => {
  await server?.close();
  cleanup(data);
});

describe('the service clock', () => {
  it('stamps, expires and sweeps renders by the injected clock', async () => {
    const created = await api(server.url, 'POST', '/v1/renders', {
      async: true,
      canvas: { preset: 'play.phone' },
      slides: [{ headline: 'Clock' }],
    });
    expect(created.status).toBe(202);
    expect(created.body.created_at).toBe('2031-05-06T07:08:09.000Z');
    expect(created.body.expires_at).toBe('2031-05-06T07:09:09.000Z');
    const done = await pollUntilEnded(server.url, created.body.id);
    expect(done.status).toBe('succeeded');
    expect([done.started_at, done.completed_at, done.expires_at]).toEqual([
      '2031-05-06T07:08:09.000Z',
      '2031-05-06T07:08:09.000Z',
      '2031-05-06T07:09:09.000Z',
    ]);
    // Expiry follows the injected clock (the sweep runs every 20 ms): still there, then gone once the clock passes expires_at.
    expect((await api(server.url, 'GET', `/v1/renders/${created.body.id}`)).status).toBe(200);
    clock = T0 + 61_000;
    let status = 200;
    for (let i = 0; i < 400 && status === 200; i++) {
      status = (await api(server.url, 'GET', `/v1/renders/${created.body.id}`)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 25));
    }
    expect(status).toBe(410);
  }, 60_000);
});
