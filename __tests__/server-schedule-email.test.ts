// allscreenshots schedules' email destinations, end to end: the real `storeshots serve` (built bin) with
// Debian's Chromium sends its runs' mails through a real SMTP server, nodemailer's own smtp-server on
// 127.0.0.1 (AUTH required, with the user and password of STORESHOTS_SMTP_URL), and every mail received
// is parsed with mailparser: one mail per destination and run with the right envelope, To, Subject and
// body, whose signed link fetches the image without a key; onlyOnChange skips an unchanged run;
// alertOnFailure mails the failure; an SMTP server down at first gets the mail once it is up (retried by
// the outbox), exactly once; a 5xx for a recipient is final. Recipients and subjects are checked (a 400
// naming the field: a bad address, a header smuggled in a subject), a service without SMTP refuses email
// destinations as before, and a malformed STORESHOTS_SMTP_URL stops `serve` at start, named, its password
// never echoed.
import { writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { generate } from 'selfsigned';
import sharp from 'sharp';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSmtp } from '../src/server/mail.js';
import { listen, type Listener } from './helpers/listen.js';
import { expectFits } from './helpers/openapi.js';
import { api, type ServerHandle, startService, tempData } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

const BROWSER = '/usr/bin/chromium';
const YEARLY = '0 0 1 1 *';
const USER = 'mailer';
const PASSWORD = 'p@ss:w/rd';
const FROM = 'shots@storeshots.test';

interface Got {
  from: string;
  rcpt: string[];
  mail: ParsedMail;
  /** Whether the session was encrypted (TLS from the start, or after STARTTLS). */
  secure: boolean;
}

interface Smtp {
  port: number;
  mails: Got[];
  /** Answers of DATA still to refuse with 451 (a server that is busy). */
  busy: number;
  /** Connections that failed (a client that gave up the TLS handshake). */
  errors: Error[];
  close: () => Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 that wants AUTH and refuses one recipient domain with 550. Without
 * `tls`, plain text (no STARTTLS offered); with it, TLS from the first byte (`secure`) or STARTTLS.
 */
async function startSmtp(port = 0, busy = 0, tls?: { key: string; cert: string; secure: boolean }): Promise<Smtp> {
  const mails: Got[] = [];
  const state = { busy };
  const server = new SMTPServer({
    ...(tls
      ? { key: tls.key, cert: tls.cert, secure: tls.secure }
      : // No TLS on loopback: nodemailer then sends AUTH over plain text, which the server allows here.
        { disabledCommands: ['STARTTLS'], allowInsecureAuth: true }),
    logger: false,
    size: 1024 * 1024,
    onAuth(auth, _session, cb) {
      if (auth.username === USER && auth.password === PASSWORD) cb(null, { user: USER });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      if (address.address.endsWith('@refused.test')) {
        const e = new Error('No such user here') as Error & { responseCode: number };
        e.responseCode = 550;
        cb(e);
      } else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.busy > 0) {
          state.busy--;
          const e = new Error('Busy, try again later') as Error & { responseCode: number };
          e.responseCode = 451;
          cb(e);
          return;
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            rcpt: session.envelope.rcptTo.map((r) => r.address),
            mail,
            secure: session.secure,
          });
          cb();
        }, cb);
      });
    },
  });
  const errors: Error[] = [];
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      server.on('error', (e) => errors.push(e));
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    errors,
    get busy() {
      return state.busy;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const smtpUrl = (port: number, scheme = 'smtp') =>
  `${scheme}://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`;

let origin: Listener;
let flipColor = '#3366cc';
let smtp: Smtp;
let svc: ServerHandle;
let doc: any;

const serviceEnv = (smtpPort?: number, scheme = 'smtp') => ({
  STORESHOTS_BROWSER: BROWSER,
  STORESHOTS_ALLOW_HOSTS: `127.0.0.1:${origin.port}`,
  STORESHOTS_CAPTURE_TIMEOUT_MS: '30000',
  STORESHOTS_SCHEDULE_POLL_MS: '100',
  STORESHOTS_WEBHOOK_TIMEOUT_MS: '5000',
  ...(smtpPort !== undefined
    ? { STORESHOTS_SMTP_URL: smtpUrl(smtpPort, scheme), STORESHOTS_SMTP_FROM: `Storeshots <${FROM}>` }
    : { STORESHOTS_SMTP_URL: undefined, STORESHOTS_SMTP_FROM: undefined }),
});

beforeAll(async () => {
  origin = await listen((req, res) => {
    // A page the browser cannot load (the connection closed with no answer): the run fails.
    if (req.url === '/broken') req.socket.destroy();
    else if (req.url === '/flip')
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><html><body style="margin:0;background:${flipColor}"><p>flip</p></body></html>`);
    else if (req.url === '/')
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><html><body style="margin:0;background:#3366cc"><p>page</p></body></html>');
    else res.writeHead(404).end();
  });
  smtp = await startSmtp();
  svc = await startService({ env: serviceEnv(smtp.port) });
  doc = (await api(svc.url, 'GET', '/v1/openapi.json', undefined, { key: null })).body;
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  await smtp?.close();
  await origin?.close();
});

const fits = (route: string, method: string, status: number, body: unknown) =>
  expectFits(doc, route, method, status, body);

async function create(base: string, body: Record<string, unknown>) {
  const r = await api(base, 'POST', '/v1/schedules', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  fits('/v1/schedules', 'post', 201, r.body);
  return r.body;
}

/** The run `runId` once it is settled (its outcome recorded: `deliveries` or `changed` set). */
const settled = (base: string, id: string, runId: string) =>
  waitFor(
    async () => {
      const h = await api(base, 'GET', `/v1/schedules/${id}/history?limit=100`);
      fits('/v1/schedules/{id}/history', 'get', 200, h.body);
      const run = h.body.executions.find((e: any) => e.id === runId);
      return run?.deliveries ? run : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 200, what: `run ${runId} settled` },
  );

/** Runs the schedule now; the new run's id (the newest in its history). */
async function trigger(base: string, id: string): Promise<string> {
  await api(base, 'POST', `/v1/schedules/${id}/trigger`);
  const h = await api(base, 'GET', `/v1/schedules/${id}/history?limit=1`);
  return h.body.executions[0].id as string;
}

/** The mails received whose text names `needle` (a job or run id), once there are at least `n`. */
const mailsNaming = (box: Smtp, needle: string, n = 1) =>
  waitFor(
    () => {
      const got = box.mails.filter((m) => m.mail.text?.includes(needle));
      return got.length >= n ? got : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100, what: `${n} mail(s) naming ${needle}` },
  );

const LINK = /https?:\/\/\S+\/v1\/files\/renders\/\S+/;

describe('a run mails each email destination through the SMTP server', () => {
  it('one mail per destination: envelope, To, Subject, the facts and a signed link that works without a key', async () => {
    const s = await create(svc.url, {
      name: 'Homepage Monitor',
      url: `${origin.url}/`,
      schedule: YEARLY,
      options: { viewport: { width: 640, height: 480 }, format: 'png' },
      destinations: [
        { type: 'email', to: ['ops@example.com', 'dev@example.com'], subject: 'Homepage shot' },
        { type: 'email', to: 'solo@example.com' },
      ],
    });
    expect(s.destinations).toHaveLength(2);
    expect(s.destinations[0]).toMatchObject({
      type: 'email',
      to: ['ops@example.com', 'dev@example.com'],
      subject: 'Homepage shot',
    });
    expect(s.destinations[0].id).toMatch(/^dst_/);
    // One address as a string is kept as their list; no subject given: none shown, a default one sent.
    expect(s.destinations[1]).toMatchObject({ type: 'email', to: ['solo@example.com'], subject: null });

    const runId = await trigger(svc.url, s.id);
    const run = await settled(svc.url, s.id, runId);
    expect(run).toMatchObject({ status: 'COMPLETED', trigger: 'MANUAL' });
    expect(run.deliveries).toEqual([
      {
        destinationId: s.destinations[0].id,
        type: 'email',
        to: ['ops@example.com', 'dev@example.com'],
        status: 'QUEUED',
        events: ['JOB_COMPLETED'],
      },
      {
        destinationId: s.destinations[1].id,
        type: 'email',
        to: ['solo@example.com'],
        status: 'QUEUED',
        events: ['JOB_COMPLETED'],
      },
    ]);

    const got = await mailsNaming(smtp, run.jobId, 2);
    expect(got).toHaveLength(2);
    const team = got.find((m) => m.rcpt.includes('ops@example.com'))!;
    const solo = got.find((m) => m.rcpt.includes('solo@example.com'))!;
    expect(team.rcpt).toEqual(['ops@example.com', 'dev@example.com']);
    expect(solo.rcpt).toEqual(['solo@example.com']);
    for (const m of [team, solo]) {
      expect(m.from).toBe(FROM);
      expect(m.mail.from?.value).toEqual([{ address: FROM, name: 'Storeshots' }]);
    }
    const to = (m: Got) => (Array.isArray(m.mail.to) ? m.mail.to : [m.mail.to!]).flatMap((a) => a.value);
    expect(to(team).map((a) => a.address)).toEqual(['ops@example.com', 'dev@example.com']);
    expect(team.mail.subject).toBe('Homepage shot');
    expect(solo.mail.subject).toBe('Homepage Monitor: captured');

    // The body: the schedule, the page, the run, the job, and a signed link to the image.
    const text = team.mail.text!;
    for (const fact of ['Homepage Monitor', s.id, `${origin.url}/`, runId, run.jobId, 'triggered'])
      expect(text).toContain(fact);
    const link = LINK.exec(text)?.[0];
    expect(link, text).toBeDefined();
    expect(link).toContain('signature=');
    // The HTML part says the same, the link as a link.
    expect(team.mail.html).toContain(`href="${link!.replaceAll('&', '&amp;')}"`);
    expect(team.mail.html).toContain(run.jobId);
    // The link works without the API key, and is the job's image.
    const img = await fetch(link!);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([640, 480]);
    // It lasts as long as the result (the job's expiry), longer than an answer's link.
    const expires = Number(new URL(link!).searchParams.get('expires')) * 1000;
    const job = await api(svc.url, 'GET', `/v1/screenshots/jobs/${run.jobId}`);
    expect(expires).toBe(Math.floor(Date.parse(job.body.expiresAt) / 1000) * 1000);
    expect(expires - Date.now()).toBeGreaterThan(3600_000);

    const got2 = await api(svc.url, 'GET', `/v1/schedules/${s.id}`);
    fits('/v1/schedules/{id}', 'get', 200, got2.body);
    expect(got2.body.destinations).toEqual(s.destinations);
    expect((await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`)).status).toBe(204);
  }, 120_000);

  it('onlyOnChange: an unchanged run is not mailed (SKIPPED), a changed one is', async () => {
    flipColor = '#3366cc';
    const s = await create(svc.url, {
      name: 'Watch',
      url: `${origin.url}/flip`,
      schedule: YEARLY,
      options: { viewport: { width: 320, height: 240 } },
      onlyOnChange: true,
      destinations: [{ type: 'email', to: ['watch@example.com'] }],
    });
    const first = await settled(svc.url, s.id, await trigger(svc.url, s.id));
    expect(first).toMatchObject({ status: 'COMPLETED', changed: true });
    expect((await mailsNaming(smtp, first.jobId))[0]!.mail.subject).toBe('Watch: changed');

    const same = await settled(svc.url, s.id, await trigger(svc.url, s.id));
    expect(same).toMatchObject({ status: 'COMPLETED', changed: false, diffScore: 0 });
    expect(same.deliveries).toEqual([
      { destinationId: s.destinations[0].id, type: 'email', to: ['watch@example.com'], status: 'SKIPPED', events: [] },
    ]);

    flipColor = '#cc3333';
    const flipped = await settled(svc.url, s.id, await trigger(svc.url, s.id));
    expect(flipped).toMatchObject({ changed: true });
    expect(flipped.diffScore).toBeGreaterThan(0.9);
    const mail = (await mailsNaming(smtp, flipped.jobId))[0]!;
    expect(mail.mail.subject).toBe('Watch: changed');
    expect(mail.mail.text).toMatch(/Changed: yes, \d+\.\d% of the pixels differ/);
    // The outbox sends in order: the changed run's mail is in, the unchanged run's never was.
    expect(smtp.mails.filter((m) => m.mail.text?.includes(same.jobId))).toEqual([]);
    expect((await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`)).status).toBe(204);
  }, 180_000);

  it('alertOnFailure: a failed run mails SCHEDULE_FAILED with its error code and message', async () => {
    const s = await create(svc.url, {
      name: 'Broken page',
      url: `${origin.url}/broken`,
      schedule: YEARLY,
      alertOnFailure: true,
      destinations: [{ type: 'email', to: ['oncall@example.com'], subject: 'Capture failed' }],
    });
    const runId = await trigger(svc.url, s.id);
    const run = await settled(svc.url, s.id, runId);
    expect(run.status).toBe('FAILED');
    expect(typeof run.errorCode).toBe('string');
    expect(run.deliveries).toEqual([
      {
        destinationId: s.destinations[0].id,
        type: 'email',
        to: ['oncall@example.com'],
        status: 'QUEUED',
        events: ['SCHEDULE_FAILED'],
      },
    ]);
    const mail = (await mailsNaming(smtp, runId))[0]!;
    expect(mail.rcpt).toEqual(['oncall@example.com']);
    expect(mail.mail.subject).toBe('Capture failed');
    const text = mail.mail.text!;
    expect(text).toContain('SCHEDULE_FAILED');
    expect(text).toContain(`${run.errorCode}: ${run.errorMessage}`);
    expect(text).toContain('Failures in a row: 1');
    expect(text).not.toMatch(LINK);
    expect((await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`)).status).toBe(204);
  }, 120_000);
});

describe("the schedule's own text in the mail", () => {
  it('a name with a line break makes no header (default subject one line), and is escaped in the HTML', async () => {
    // (nodemailer folds CR/LF in a subject itself; the BEL is one it would keep, encoded.)
    const name = 'Shop\u0007<b>home</b>\r\nBcc: evil@example.com';
    const s = await create(svc.url, {
      name,
      url: `${origin.url}/`,
      schedule: YEARLY,
      destinations: [{ type: 'email', to: ['owner@example.com'] }],
    });
    const run = await settled(svc.url, s.id, await trigger(svc.url, s.id));
    const mail = (await mailsNaming(smtp, run.jobId))[0]!;
    // Only the destination's recipient: the name's "Bcc:" line was no header.
    expect(mail.rcpt).toEqual(['owner@example.com']);
    expect(mail.mail.bcc).toBeUndefined();
    expect(mail.mail.subject).toBe('Shop <b>home</b> Bcc: evil@example.com: captured');
    expect(mail.mail.html).toContain('&lt;b&gt;home&lt;/b&gt;');
    expect(mail.mail.html).not.toContain('<b>home</b>');
    expect((await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`)).status).toBe(204);
  }, 120_000);
});

describe('the outbox retries a mail until the SMTP server takes it', () => {
  it('down at first (connection refused), then busy (451), then up: delivered exactly once', async () => {
    // A port nothing listens on (taken and given back), where the SMTP server starts later.
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    // Enough attempts (200 ms apart at most here) to outlast the wait for two failures and the start.
    const one = await startService({ env: { ...serviceEnv(port), STORESHOTS_WEBHOOK_MAX_ATTEMPTS: '500' } });
    let late: Smtp | undefined;
    try {
      const s = await create(one.url, {
        name: 'Patient',
        url: `${origin.url}/`,
        schedule: YEARLY,
        destinations: [{ type: 'email', to: ['patient@example.com'] }],
      });
      const run = await settled(one.url, s.id, await trigger(one.url, s.id));
      expect(run.deliveries[0]).toMatchObject({ status: 'QUEUED', events: ['JOB_COMPLETED'] });
      // Attempts fail while nothing listens (the service says so on stderr), and are retried.
      await waitFor(() => /email eml_\S+ to the SMTP server: attempt 2 failed/.test(one.stderr()), {
        timeoutMs: 30_000,
        intervalMs: 100,
        what: () => `two failed attempts in:\n${one.stderr()}`,
      });
      // Up, but it refuses the first DATA with 451 (try later): one more retry.
      late = await startSmtp(port, 1);
      const got = await mailsNaming(late, run.jobId);
      expect(got[0]!.rcpt).toEqual(['patient@example.com']);
      expect(late.busy).toBe(0);
      expect(one.stderr()).toMatch(/attempt \d+ failed \(SMTP 127\.0\.0\.1:\d+: EMESSAGE .*451/);
      // Delivered (the outbox has nothing pending), and no later attempt sends it again (retries are
      // 200 ms apart at most here: a second copy would come within the second waited).
      await waitFor(
        async () => (await api(one.url, 'GET', '/healthz', undefined, { key: null })).body.pending_deliveries === 0,
        { timeoutMs: 10_000, intervalMs: 100, what: 'no pending delivery' },
      );
      await new Promise((r) => setTimeout(r, 1000));
      expect(late.mails.filter((m) => m.mail.text?.includes(run.jobId))).toHaveLength(1);
    } finally {
      await one.stop();
      await late?.close();
    }
  }, 120_000);

  it('a recipient the server refuses (550) is final: given up after one attempt, not retried', async () => {
    const s = await create(svc.url, {
      name: 'Refused',
      url: `${origin.url}/`,
      schedule: YEARLY,
      destinations: [{ type: 'email', to: ['nobody@refused.test'] }],
    });
    const run = await settled(svc.url, s.id, await trigger(svc.url, s.id));
    const gaveUp = /email eml_\S+ to the SMTP server: attempt 1 failed \(.*550.*\); giving up/;
    await waitFor(() => gaveUp.test(svc.stderr()), {
      timeoutMs: 30_000,
      intervalMs: 100,
      what: () => `the refused mail given up in:\n${svc.stderr()}`,
    });
    expect(svc.stderr()).not.toMatch(/attempt 2 failed \(.*550/);
    expect(smtp.mails.filter((m) => m.mail.text?.includes(run.jobId))).toEqual([]);
    expect((await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`)).status).toBe(204);
  }, 120_000);
});

describe('some recipients refused', () => {
  it('the others get the mail once: the delivery is given up, not retried into a second copy', async () => {
    const s = await create(svc.url, {
      name: 'Half',
      url: `${origin.url}/`,
      schedule: YEARLY,
      destinations: [{ type: 'email', to: ['half@example.com', 'gone@refused.test'] }],
    });
    const run = await settled(svc.url, s.id, await trigger(svc.url, s.id));
    const got = await mailsNaming(smtp, run.jobId);
    expect(got[0]!.rcpt).toEqual(['half@example.com']);
    await waitFor(() => /attempt 1 failed \(1 of 2 recipients refused.*\); giving up/.test(svc.stderr()), {
      timeoutMs: 30_000,
      intervalMs: 100,
      what: () => `the half-refused mail given up in:\n${svc.stderr()}`,
    });
    expect(smtp.mails.filter((m) => m.mail.text?.includes(run.jobId))).toHaveLength(1);
    expect((await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`)).status).toBe(204);
  }, 120_000);
});

describe('TLS to the SMTP server', () => {
  it('smtps:// (TLS from the first byte) and smtp:// with STARTTLS send encrypted; an untrusted certificate is refused', async () => {
    // A certificate for 127.0.0.1 that the service trusts only through NODE_EXTRA_CA_CERTS.
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    const caFile = path.join(tempData(), 'smtp-ca.pem');
    writeFileSync(caFile, pems.cert);
    const implicit = await startSmtp(0, 0, { key: pems.private, cert: pems.cert, secure: true });
    const starttls = await startSmtp(0, 0, { key: pems.private, cert: pems.cert, secure: false });
    const services: ServerHandle[] = [];
    try {
      const runOn = async (env: NodeJS.ProcessEnv) => {
        const one = await startService({ env: { ...env, STORESHOTS_WEBHOOK_MAX_ATTEMPTS: '500' } });
        services.push(one);
        const s = await create(one.url, {
          name: 'Encrypted',
          url: `${origin.url}/`,
          schedule: YEARLY,
          destinations: [{ type: 'email', to: ['tls@example.com'] }],
        });
        return { one, run: await settled(one.url, s.id, await trigger(one.url, s.id)) };
      };
      const a = await runOn({ ...serviceEnv(implicit.port, 'smtps'), NODE_EXTRA_CA_CERTS: caFile });
      expect((await mailsNaming(implicit, a.run.jobId))[0]!.secure).toBe(true);
      const b = await runOn({ ...serviceEnv(starttls.port, 'smtp'), NODE_EXTRA_CA_CERTS: caFile });
      // smtp:// took the server's STARTTLS: the AUTH and the message went encrypted.
      expect((await mailsNaming(starttls, b.run.jobId))[0]!.secure).toBe(true);
      // Not trusted: nothing is sent, and the attempts say why (retried: the operator may fix the trust).
      const c = await runOn({ ...serviceEnv(implicit.port, 'smtps'), NODE_EXTRA_CA_CERTS: undefined });
      await waitFor(() => /email eml_\S+ to the SMTP server: attempt 2 failed \(.*certificate/.test(c.one.stderr()), {
        timeoutMs: 30_000,
        intervalMs: 100,
        what: () => `failed attempts naming the certificate in:\n${c.one.stderr()}`,
      });
      expect(implicit.mails.filter((m) => m.mail.text?.includes(c.run.jobId))).toEqual([]);
      // The server saw the client end the handshake (it refused the certificate).
      expect(implicit.errors.some((e) => /TLS/.test(e.message))).toBe(true);
    } finally {
      await Promise.all(services.map((x) => x.stop()));
      await implicit.close();
      await starttls.close();
    }
  }, 180_000);
});

describe('hostile email destinations: a 400 naming the field, nothing stored', () => {
  const good = () => ({ name: 'n', url: `${origin.url}/`, schedule: YEARLY });
  const email = (d: Record<string, unknown>) => ({ destinations: [{ type: 'email', ...d }] });
  const cases: Array<[string, Record<string, unknown>, string, string?]> = [
    ['no recipients', email({}), 'destinations[0].to', 'parameter_missing'],
    ['an empty list', email({ to: [] }), 'destinations[0].to', 'parameter_missing'],
    ['a string that is not an address', email({ to: 'not an address' }), 'destinations[0].to'],
    ['a bad address in the list', email({ to: ['ok@example.com', 'bad@@example.com'] }), 'destinations[0].to[1]'],
    [
      'a header smuggled in an address',
      email({ to: ['a@example.com\r\nBcc: evil@example.com'] }),
      'destinations[0].to[0]',
    ],
    ['a display name (one address each)', email({ to: 'Ops <ops@example.com>' }), 'destinations[0].to'],
    ['a comma-separated list in one string', email({ to: ['a@example.com,b@example.com'] }), 'destinations[0].to[0]'],
    ['an address too long', email({ to: [`${'a'.repeat(250)}@example.com`] }), 'destinations[0].to[0]'],
    [
      'fifty-one recipients',
      email({ to: Array.from({ length: 51 }, (_, i) => `r${i}@example.com`) }),
      'destinations[0].to',
    ],
    ['a recipient that is a number', email({ to: [42] }), 'destinations[0].to[0]'],
    [
      'a header smuggled in the subject',
      email({ to: 'a@example.com', subject: 'Hi\r\nBcc: evil@example.com' }),
      'destinations[0].subject',
    ],
    ['a subject with a line feed', email({ to: 'a@example.com', subject: 'Hi\nthere' }), 'destinations[0].subject'],
    ['a subject too long', email({ to: 'a@example.com', subject: 'x'.repeat(256) }), 'destinations[0].subject'],
    ['an empty subject', email({ to: 'a@example.com', subject: '' }), 'destinations[0].subject'],
    ['a webhook field on an email', email({ to: 'a@example.com', url: 'http://x/' }), 'destinations[0].url'],
    [
      'an email field on a webhook',
      { destinations: [{ type: 'webhook', url: 'http://127.0.0.1/h', secret: 's', to: 'a@example.com' }] },
      'destinations[0].to',
    ],
  ];
  it.each(cases)('%s', async (_what, change, param, code) => {
    const before = (await api(svc.url, 'GET', '/v1/schedules')).body.total;
    const r = await api(svc.url, 'POST', '/v1/schedules', { ...good(), ...change });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.param).toBe(param);
    if (code) expect(r.body.error.code).toBe(code);
    expect(r.body.error.message).not.toMatch(/\n\s+at /);
    expect((await api(svc.url, 'GET', '/v1/schedules')).body.total).toBe(before);
  });

  it('PUT checks them as POST does, and keeps the stored ones when none are given', async () => {
    const s = await create(svc.url, { ...good(), ...email({ to: 'keep@example.com' }) });
    const bad = await api(svc.url, 'PUT', `/v1/schedules/${s.id}`, email({ to: ['x@example.com', 'nope'] }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('destinations[0].to[1]');
    const put = await api(svc.url, 'PUT', `/v1/schedules/${s.id}`, { name: 'renamed' });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.destinations).toEqual(s.destinations);
    expect((await api(svc.url, 'DELETE', `/v1/schedules/${s.id}`)).status).toBe(204);
  });
});

describe('without an SMTP server, or with a malformed one', () => {
  it('a service without STORESHOTS_SMTP_URL refuses email destinations: 400 destination_unsupported', async () => {
    const bare = await startService({ env: serviceEnv() });
    const r = await api(bare.url, 'POST', '/v1/schedules', {
      name: 'n',
      url: `${origin.url}/`,
      schedule: YEARLY,
      destinations: [
        { type: 'webhook', url: `${origin.url}/hook`, secret: 's' },
        { type: 'email', to: ['a@example.com'] },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'destination_unsupported', param: 'destinations[1].type' });
    expect(r.body.error.message).toContain('STORESHOTS_SMTP_URL');
    expect((await api(bare.url, 'GET', '/v1/schedules')).body.total).toBe(0);
  }, 60_000);

  const refused: Array<[string, Record<string, string>, RegExp]> = [
    ['an http URL', { STORESHOTS_SMTP_URL: 'http://mail.example.com' }, /STORESHOTS_SMTP_URL/],
    ['not a URL', { STORESHOTS_SMTP_URL: 'mail.example.com:25' }, /STORESHOTS_SMTP_URL/],
    ['a URL with a path', { STORESHOTS_SMTP_URL: 'smtp://mail.example.com/relay' }, /STORESHOTS_SMTP_URL/],
    ['a URL with a query', { STORESHOTS_SMTP_URL: 'smtp://mail.example.com?pool=true' }, /STORESHOTS_SMTP_URL/],
    ['a port out of range', { STORESHOTS_SMTP_URL: 'smtp://u:hunter2@mail.example.com:99999' }, /STORESHOTS_SMTP_URL/],
    [
      'no sender',
      { STORESHOTS_SMTP_URL: 'smtp://mail.example.com:25', STORESHOTS_SMTP_FROM: '' },
      /STORESHOTS_SMTP_FROM/,
    ],
    [
      'a sender that is no address',
      { STORESHOTS_SMTP_URL: 'smtp://mail.example.com:25', STORESHOTS_SMTP_FROM: 'storeshots' },
      /STORESHOTS_SMTP_FROM/,
    ],
  ];
  it.each(refused)(
    '%s stops serve at start, named (the password not shown)',
    async (_what, env, named) => {
      const started = startService({
        env: { ...serviceEnv(), STORESHOTS_SMTP_FROM: FROM, ...env },
      });
      const err = await started.then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err, 'serve should not start').toBeInstanceOf(Error);
      expect(err!.message).toMatch(named);
      expect(err!.message).not.toContain('hunter2');
    },
    60_000,
  );
});

describe('loadSmtp (the settings, read at start)', () => {
  it('reads host, port, TLS, the percent-encoded user and password, and the sender', () => {
    const c = loadSmtp({
      STORESHOTS_SMTP_URL: `smtps://${USER}:${encodeURIComponent(PASSWORD)}@mail.example.com`,
      STORESHOTS_SMTP_FROM: 'Shots <shots@example.com>',
    })!;
    expect(c).toMatchObject({
      host: 'mail.example.com',
      port: 465,
      secure: true,
      auth: { user: USER, pass: PASSWORD },
      from: { name: 'Shots', address: 'shots@example.com' },
    });
    expect(c.shown).not.toContain('w/rd');
    const plain = loadSmtp({ STORESHOTS_SMTP_URL: 'smtp://[::1]', STORESHOTS_SMTP_FROM: 'a@example.com' })!;
    expect(plain).toMatchObject({
      host: '::1',
      port: 587,
      secure: false,
      from: { name: '', address: 'a@example.com' },
    });
    expect(plain.auth).toBeUndefined();
    expect(loadSmtp({})).toBeUndefined();
    expect(loadSmtp({ STORESHOTS_SMTP_URL: '  ' })).toBeUndefined();
  });
});
