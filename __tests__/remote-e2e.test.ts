// Remote mode end to end: the CLI renders through a real `storeshots serve` on loopback, and the
// images equal a local render within the renderer's tolerance. Faults come from a loopback proxy
// in front of the real service: 500s, a 429 with Retry-After, a download cut off midway, and the
// service killed and restarted while a render runs.
import { cpSync, readFileSync, readdirSync, mkdtempSync, existsSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, ROOT, EXAMPLE } from './helpers/cli.js';
import { KEY, startService, cleanup, type ServerHandle } from './helpers/server.js';
import { loadProject } from '../src/project.js';
import { selectJobs } from '../src/plan/plan.js';
import { renderRemote } from '../src/remote/run.js';
import type { Report } from '../src/report/types.js';

type Fault = { status: number; headers?: Record<string, string>; body?: string } | 'cut' | 'flip' | 'pass' | 'down';

/** Forwards to the current backend; `fault` decides per request whether to interfere. */
async function faultProxy(backend: () => string, fault: (req: http.IncomingMessage, n: number) => Fault) {
  let n = 0;
  const log: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const f = fault(req, ++n);
      log.push(`${req.method} ${req.url} ${typeof f === 'string' ? f : f.status}`);
      if (typeof f === 'object')
        return void res
          .writeHead(f.status, { 'content-type': 'application/json', ...f.headers })
          .end(f.body ?? '{"error":{"code":"injected","message":"injected fault"}}');
      const up = http.request(`${backend()}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
        const body: Buffer[] = [];
        r.on('data', (c: Buffer) => body.push(c));
        r.on('end', () => {
          const all = Buffer.concat(body);
          res.writeHead(r.statusCode ?? 502, r.headers);
          if (f === 'cut') {
            res.write(all.subarray(0, Math.floor(all.length / 3)));
            res.destroy();
          } else if (f === 'flip') {
            // Same length, one bit different in the middle: only the sha256 can tell.
            const bad = Buffer.from(all);
            bad[bad.length >> 1]! ^= 0x01;
            res.end(bad);
          } else res.end(all);
        });
      });
      up.on('error', () =>
        res
          .writeHead(502, { 'content-type': 'application/json' })
          .end('{"error":{"code":"bad_gateway","message":"backend down"}}'),
      );
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function diffRatio(a: string, b: string): Promise<number> {
  const [ra, rb] = await Promise.all(
    [a, b].map((f) => sharp(f).ensureAlpha().raw().toBuffer({ resolveWithObject: true })),
  );
  const { width, height } = ra!.info;
  expect(rb!.info.width).toBe(width);
  expect(rb!.info.height).toBe(height);
  return pixelmatch(ra!.data, rb!.data, undefined, width, height, { threshold: 0.1 }) / (width * height);
}

const images = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.png')).sort();

let server: ServerHandle;
beforeAll(async () => {
  server = await startService();
});
afterAll(async () => {
  await server?.stop();
  if (server) cleanup(server.data);
});

describe('render --remote against storeshots serve', () => {
  // Two CLI renders and a lint: about 20 s on a quiet machine, over 60 s at load 15.
  it('renders the example remotely; the images equal a local render and pass lint', async () => {
    const remoteOut = mkdtempSync(path.join(tmpdir(), 'ss-remote-'));
    const localOut = mkdtempSync(path.join(tmpdir(), 'ss-local-'));
    const args = ['-c', EXAMPLE, '--locale', 'de-DE', '--preset', 'appstore.iphone_6_9', '--preset', 'play.phone'];
    const r = await runCli(['render', ...args, '--remote', server.url, '--out', remoteOut], ROOT, {
      STORESHOTS_API_KEY: KEY,
    });
    expect(r.stderr).toMatch(/remote de-DE\/appstore.iphone_6_9: succeeded/);
    expect(r.code).toBe(0);
    const l = await runCli(['render', ...args, '--out', localOut], ROOT);
    expect(l.code).toBe(0);
    expect(images(remoteOut)).toEqual(images(localOut));
    expect(images(remoteOut)).toHaveLength(8);
    for (const f of images(remoteOut))
      expect(await diffRatio(path.join(remoteOut, f), path.join(localOut, f)), f).toBeLessThan(0.005);
    const report = JSON.parse(readFileSync(path.join(remoteOut, 'report.json'), 'utf8')) as Report;
    expect(report.summary.errors).toBe(0);
    expect(report.images).toHaveLength(8);
    // Width and height of each image come from the service's answer and match the local render's report.
    const local = JSON.parse(readFileSync(path.join(localOut, 'report.json'), 'utf8')) as Report;
    const dims = (rep: Report) => rep.images.map((i) => `${i.path} ${i.width}x${i.height}`).sort();
    expect(dims(report)).toEqual(dims(local));
    expect(new Set(report.images.map((i) => `${i.preset} ${i.width}x${i.height}`))).toEqual(
      new Set(['appstore.iphone_6_9 1320x2868', 'play.phone 1080x1920']),
    );
    expect(report.remote?.renders.map((x) => x.status)).toEqual(['succeeded', 'succeeded']);

    // A re-run with the same content reuses the same renders (content-derived idempotency keys).
    const again = await runCli(['render', ...args, '--remote', server.url, '--out', remoteOut], ROOT, {
      STORESHOTS_API_KEY: KEY,
    });
    expect(again.code).toBe(0);
    const report2 = JSON.parse(readFileSync(path.join(remoteOut, 'report.json'), 'utf8')) as Report;
    expect(report2.remote?.renders.map((x) => x.id)).toEqual(report.remote?.renders.map((x) => x.id));
  }, 180_000);

  it('asks for an API key before sending anything', async () => {
    const r = await runCli(['render', '-c', EXAMPLE, '--remote', server.url], ROOT, { STORESHOTS_API_KEY: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--remote needs an API key/);
  });
});

describe('remote faults', () => {
  const plan = () =>
    selectJobs(loadProject({ config: EXAMPLE, cwd: ROOT }).plan, { locales: ['ja'], presets: ['play.phone'] });

  it('survives 500 twice, a 429 with Retry-After: 2 and a download cut off midway, losing and duplicating nothing', async () => {
    let posts = 0;
    let polls = 0;
    let imageGets = 0;
    const proxy = await faultProxy(
      () => server.url,
      (req) => {
        if (req.method === 'POST' && req.url === '/v1/renders' && ++posts <= 2) return { status: 500 };
        if (req.method === 'GET' && /^\/v1\/renders\/[^/]+$/.test(req.url!) && ++polls === 1)
          return { status: 429, headers: { 'retry-after': '2' } };
        if (req.method === 'GET' && /\/images\//.test(req.url!) && ++imageGets === 1) return 'cut';
        return 'pass';
      },
    );
    const waits: number[] = [];
    const p = { ...plan(), outDir: mkdtempSync(path.join(tmpdir(), 'ss-faults-')) };
    try {
      const result = await renderRemote(p, {
        baseUrl: proxy.url,
        apiKey: KEY,
        minDelayMs: 10,
        pollMs: 20,
        sleep: async (ms) => {
          waits.push(ms);
          await new Promise((r) => setTimeout(r, Math.min(ms, 20)));
        },
      });
      expect(waits).toContain(2000);
      expect(posts).toBeGreaterThanOrEqual(3);
      expect(result.images.map((i) => i.record.path)).toEqual(p.jobs.map((j) => j.output.path));
      expect(new Set(result.images.map((i) => i.record.path)).size).toBe(4);
      expect(images(p.outDir)).toEqual(p.jobs.map((j) => j.output.path).sort());
      for (const img of result.images) {
        const meta = await sharp(img.file).metadata();
        expect([meta.width, meta.height]).toEqual([1080, 1920]);
      }
      // The two failed POSTs and the retry that went through carried one Idempotency-Key: one render.
      expect(result.renders).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('a download whose bytes do not match the sha256 is refused and nothing is written', async () => {
    const p = { ...plan(), outDir: mkdtempSync(path.join(tmpdir(), 'ss-sha-')) };
    // The service says one thing, the bytes say another: a proxy flips one bit of every image body.
    const corrupting = await faultProxy(
      () => server.url,
      (req) => (/\/images\//.test(req.url!) ? 'flip' : 'pass'),
    );
    try {
      const err = await renderRemote(p, {
        baseUrl: corrupting.url,
        apiKey: KEY,
        minDelayMs: 1,
        retries: 1,
        pollMs: 20,
        sleep: async () => {},
      }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(Error);
      expect(err!.message).toMatch(
        /^image 1 of render rnd_\S+ does not match its sha256 \(got [0-9a-f]{12}…, expected [0-9a-f]{12}…\)$/,
      );
      expect(
        corrupting.log.filter((l) => / \/v1\/renders\/[^/]+\/images\/1 flip$/.test(l)).length,
      ).toBeGreaterThanOrEqual(1);
      expect(images(p.outDir)).toEqual([]);
    } finally {
      await corrupting.close();
    }
  });

  it("a rerun after changing only a screenshot's bytes makes a new render; an unchanged rerun reuses it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-rerun-'));
    cpSync(path.dirname(EXAMPLE), dir, { recursive: true, filter: (f) => !/[\\/](out|storeshots-out)$/.test(f) });
    const planOf = () => ({
      ...selectJobs(loadProject({ config: path.join(dir, 'screenshots.yml'), cwd: dir }).plan, {
        locales: ['ja'],
        presets: ['play.phone'],
        slides: ['home'],
      }),
      outDir: mkdtempSync(path.join(tmpdir(), 'ss-rerun-out-')),
    });
    const opts = { baseUrl: server.url, apiKey: KEY, minDelayMs: 1, pollMs: 20, metadata: { run: 'same' } };
    const first = await renderRemote(planOf(), opts);
    const unchanged = await renderRemote(planOf(), opts);
    expect(unchanged.renders.map((r) => r.id)).toEqual(first.renders.map((r) => r.id));
    // Same pixel size, same everything else; one pixel of the screenshot is different.
    const shot = path.join(dir, 'shots/ja/android-phone/home.png');
    const { data, info } = await sharp(shot).raw().toBuffer({ resolveWithObject: true });
    data[0] = data[0]! ^ 0xff;
    writeFileSync(shot, await sharp(data, { raw: info }).png().toBuffer());
    const changed = await renderRemote(planOf(), opts);
    expect(changed.renders).toHaveLength(1);
    expect(changed.renders[0]!.id).not.toBe(first.renders[0]!.id);
    expect(changed.renders[0]!.status).toBe('succeeded');
  });

  it('the service is killed and restarted on the same data while a render runs; the run still ends right', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'ss-restart-'));
    let backend = await startService({ data, env: { STORESHOTS_WORKERS: '1' } });
    const proxy = await faultProxy(
      () => backend.url,
      () => 'pass',
    );
    const p = {
      ...selectJobs(loadProject({ config: EXAMPLE, cwd: ROOT }).plan, {
        locales: ['en-US'],
        presets: ['appstore.iphone_6_9'],
      }),
      outDir: mkdtempSync(path.join(tmpdir(), 'ss-restart-out-')),
    };
    const states: string[] = [];
    let restarted = false;
    try {
      const run = renderRemote(p, {
        baseUrl: proxy.url,
        apiKey: KEY,
        minDelayMs: 20,
        // The proxy answers 502 while the service is down: at 500 ms a try, 120 tries give a loaded
        // machine a minute to start the service again (it took over 10 s at load 15).
        retries: 120,
        pollMs: 20,
        onState: (_s, status) => {
          states.push(status);
          if (!restarted && (status === 'processing' || status === 'queued')) {
            restarted = true;
            void (async () => {
              await backend.kill9();
              backend = await startService({ data, env: { STORESHOTS_WORKERS: '1' } });
            })();
          }
        },
        sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 500))),
      });
      const result = await run;
      expect(restarted).toBe(true);
      expect(states.at(-1)).toBe('succeeded');
      expect(result.images).toHaveLength(4);
      expect(images(p.outDir)).toHaveLength(4);
      expect(existsSync(path.join(p.outDir, p.jobs[0]!.output.path))).toBe(true);
    } finally {
      await proxy.close();
      await backend.stop();
      cleanup(data);
    }
  }, 180_000);
});
