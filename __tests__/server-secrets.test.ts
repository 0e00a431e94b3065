// Secrets at rest and in logs (issue #13, item 12): a failing webhook's URL is logged as origin + path
// only (its query may carry tokens), request logs carry no query either, and a delivery's signing secret
// is dropped once the delivery is final (delivered or given up), from the delivery and from the render.
// The check reads the database files' bytes, so a secret left in a free page would be found too.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, cleanup, pollUntilEnded, receiver, startService, type ServerHandle } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const QUERY_TOKEN = 'tok_query_c0ffee';
const FAILING_SECRET = 'whsec_failing_5ecret';
const DELIVERED_SECRET = 'whsec_delivered_5ecret';
const REQUEST_TOKEN = 'tok_in_request_url_beef';

describe('secrets at rest and in logs', () => {
  let s: ServerHandle;
  let failing: Awaited<ReturnType<typeof receiver>>;
  let healthy: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    failing = await receiver([500]);
    healthy = await receiver([200]);
    s = await startService({
      env: { STORESHOTS_ALLOW_PRIVATE_URLS: '1', STORESHOTS_WEBHOOK_MAX_ATTEMPTS: '2', STORESHOTS_LOG_LEVEL: 'info' },
    });
  });
  afterAll(async () => {
    await s?.stop();
    await failing?.close();
    await healthy?.close();
    if (s) cleanup(s.data);
  });

  const render = (webhook_url: string, webhook_secret: string) => ({
    async: true,
    canvas: { preset: 'play.wear' },
    slides: [{ headline: 'x' }],
    webhook_url,
    webhook_secret,
  });

  it('logs a failed delivery by origin and path, and keeps no secret once deliveries are final', async () => {
    const bad = await api(
      s.url,
      'POST',
      '/v1/renders',
      render(`${failing.url}/hook/path?token=${QUERY_TOKEN}&x=1#frag`, FAILING_SECRET),
    );
    const good = await api(
      s.url,
      'POST',
      '/v1/renders',
      render(`${healthy.url}/ok?token=${QUERY_TOKEN}`, DELIVERED_SECRET),
    );
    expect([bad.status, good.status]).toEqual([202, 202]);
    await pollUntilEnded(s.url, bad.body.id);
    await pollUntilEnded(s.url, good.body.id);
    await failing.next(2);
    await healthy.next(1);
    // A request whose own URL carries a token (request logs are on at level info).
    expect((await api(s.url, 'GET', `/v1/renders?limit=5&token=${REQUEST_TOKEN}`)).status).toBe(200);
    // The delivery loop writes its "giving up" line after recording the final attempt.
    await waitFor(() => /giving up/.test(s.stderr()), {
      timeoutMs: 30_000,
      intervalMs: 20,
      what: () => `the "giving up" line:\n${s.stderr()}`,
    });

    const log = s.stderr();
    expect(log).toContain(`${failing.url}/hook/path`);
    expect(log).not.toContain(QUERY_TOKEN);
    expect(log).not.toContain(REQUEST_TOKEN);
    expect(log).not.toContain('#frag');
    expect(log).toMatch(/"url":"\/v1\/renders\?…"/); // the request log line is there, without its query

    expect(await s.stop()).toBe(0);
    const dbFile = path.join(s.data, 'storeshots.db');
    const db = new DatabaseSync(dbFile, { readOnly: true });
    try {
      const rows = db.prepare('SELECT status, secret FROM deliveries').all() as Array<{
        status: string;
        secret: string;
      }>;
      expect(rows.map((r) => r.status).sort()).toEqual(['delivered', 'failed']);
      for (const r of rows) expect(r.secret).toBe('');
      for (const r of db.prepare('SELECT spec FROM renders').all() as Array<{ spec: string }>) {
        expect(r.spec).not.toContain(FAILING_SECRET);
        expect(r.spec).not.toContain(DELIVERED_SECRET);
      }
    } finally {
      db.close();
    }
    // Not in any page of the database or its journal either (cleared values are overwritten).
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-journal`]) {
      if (!existsSync(f)) continue;
      const bytes = readFileSync(f).toString('latin1');
      expect(bytes.includes(FAILING_SECRET), f).toBe(false);
      expect(bytes.includes(DELIVERED_SECRET), f).toBe(false);
    }
  });
});
