// AppScreen's documented requests (https://appscreen.co/docs/api/) as tests send them: a curl command
// from their docs read the way curl builds its request (-H, -F name=value, -F name=@file), only the
// base URL swapped, and the documented poll loop. Shared by compat-appscreen and the webhook
// endpoint tests (an AppScreen job's events).
import path from 'node:path';
import { KEY } from './server.js';
import { waitFor } from './wait.js';

/** The Quick start's request, as the docs print it. */
export const QUICK_START = String.raw`curl https://api.appscreen.co/v1/render \
  -H "X-API-Key: $APPSCREEN_KEY" \
  -F 'theme=paper' \
  -F 'sizes=["ios-6.9"]' \
  -F 'langs=["en"]' \
  -F 'captions=[{"texts":{"Headline":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Find people who share your taste."}]}]}}}]' \
  -F 'fields=[{"id":"Headline","label":"Headline"}]' \
  -F 'screens=@./shot1.png' \
  -F 'screens=@./shot2.png'`;

export const POLL = String.raw`curl https://api.appscreen.co/v1/render/$JOB \
  -H "X-API-Key: $APPSCREEN_KEY"`;

export interface Curl {
  url: string;
  headers: Record<string, string>;
  form?: FormData;
}

/** Reads a documented curl command (-H, -F name=value, -F name=@file) the way curl builds its request. */
export function readCurl(text: string, base: string, env: Record<string, string>, files: Record<string, Buffer>): Curl {
  const vars = (s: string) => s.replace(/\$([A-Z_]+)/g, (_, v: string) => env[v] ?? '');
  const args = [...text.replace(/\\\n/g, ' ').matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) =>
    m[1] !== undefined ? m[1] : vars(m[2] ?? m[3]!),
  );
  const out: Curl = { url: '', headers: {} };
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-H') {
      const [name, ...value] = args[++i]!.split(':');
      out.headers[name!.trim()] = value.join(':').trim();
    } else if (a === '-F') {
      const field = args[++i]!;
      const eq = field.indexOf('=');
      const name = field.slice(0, eq);
      const value = field.slice(eq + 1);
      out.form ??= new FormData();
      if (value.startsWith('@')) {
        const file = value.slice(1);
        out.form.append(name, new Blob([new Uint8Array(files[file]!)], { type: 'image/png' }), path.basename(file));
      } else out.form.append(name, value);
    } else out.url = a.replace('https://api.appscreen.co', base);
  }
  return out;
}

export async function send(
  c: Curl,
  extra: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(c.url, {
    method: c.form ? 'POST' : 'GET',
    headers: { ...c.headers, ...extra },
    body: c.form,
  });
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    headers: res.headers,
    body: type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer()),
  };
}

/** The documented poll loop: GET the job until its status is done (or failed). */
export async function pollUntilDone(base: string, job: string, key = KEY): Promise<any> {
  return waitFor(
    async () => {
      const r = await send(readCurl(POLL, base, { APPSCREEN_KEY: key, JOB: job }, {}));
      if (r.status !== 200) throw new Error(`poll: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.status === 'done' || r.body.status === 'failed' ? r.body : undefined;
    },
    { timeoutMs: 600_000, intervalMs: 25, what: `job ${job}` },
  );
}
