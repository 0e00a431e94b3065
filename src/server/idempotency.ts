// Idempotency keys with Stripe's semantics. The first request with a key claims it (a row written
// before any work starts); a later request with the same key and body gets the saved response
// (Idempotent-Replayed: true), waiting for it when the first is still running, so concurrent
// duplicates make one render; the same key with another body is 422. Requests that fail validation
// save nothing (the key is released), as at Stripe. Keys live `idempotencyTtlSeconds` (24 h).
import { createHash } from 'node:crypto';
import { canonicalJson } from '../util/json.js';
import { sha256 } from '../util/hash.js';
import type { Clock } from './access.js';
import { ApiError } from './errors.js';
import type { ServiceDb } from './store.js';

export interface SavedResponse {
  status: number;
  body: unknown;
}

export type Claim =
  | { kind: 'replay'; response: SavedResponse }
  /** The key's render exists but the process died before answering: rebuild the answer from the render. */
  | { kind: 'resume'; renderId: string; mode: string; finish: (r: SavedResponse) => void }
  | { kind: 'new'; attach: (renderId: string) => void; finish: (r: SavedResponse) => void; abandon: () => void };

export function requestHash(route: string, body: unknown, files?: Map<string, Buffer>): string {
  const h = createHash('sha256').update(route).update('\n').update(canonicalJson(body));
  for (const [name, buf] of [...(files ?? new Map<string, Buffer>()).entries()].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    h.update(`\n${name}:`).update(sha256(buf));
  }
  return h.digest('hex');
}

export function checkKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0]! : raw;
  if (key.length < 1 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new ApiError(
      400,
      'invalid_request',
      'Expected 1 to 200 printable ASCII characters for the Idempotency-Key header',
      'Idempotency-Key',
    );
  }
  return key;
}

export class Idempotency {
  private readonly inflight = new Map<string, Promise<SavedResponse | undefined>>();

  constructor(
    private readonly store: ServiceDb,
    private readonly now: Clock,
    private readonly ttlSeconds: number,
  ) {}

  async claim(owner: string, key: string, hash: string, mode: string): Promise<Claim> {
    const k = `${owner}\n${key}`;
    for (;;) {
      // Everything from the read to the claim runs without awaiting, so two requests cannot both claim.
      let row = this.store.idempotency(owner, key);
      if (row && row.expires_at <= this.now()) {
        this.store.releaseIdempotency(owner, key);
        row = undefined;
      }
      if (row) {
        if (row.body_hash !== hash) {
          throw new ApiError(
            422,
            'idempotency_key_reused',
            `Idempotency-Key "${key}" was used with a different request body; use a new key for a new request`,
            'Idempotency-Key',
          );
        }
        if (row.response !== null && row.status_code !== null)
          return { kind: 'replay', response: { status: row.status_code, body: JSON.parse(row.response) } };
        const pending = this.inflight.get(k);
        if (pending) {
          const r = await pending;
          if (r) return { kind: 'replay', response: r };
          continue; // the first request was abandoned (invalid): try again from the top
        }
        if (row.render_id) {
          return {
            kind: 'resume',
            renderId: row.render_id,
            mode: row.mode,
            finish: (r) => this.store.setIdempotencyResponse(owner, key, r.status, JSON.stringify(r.body)),
          };
        }
      }
      const now = this.now();
      this.store.claimIdempotency({
        owner,
        key,
        body_hash: hash,
        mode,
        created_at: now,
        expires_at: now + this.ttlSeconds * 1000,
      });
      let settle!: (r: SavedResponse | undefined) => void;
      this.inflight.set(k, new Promise((res) => (settle = res)));
      const done = (r: SavedResponse | undefined) => {
        this.inflight.delete(k);
        settle(r);
      };
      return {
        kind: 'new',
        attach: (renderId) => this.store.setIdempotencyRender(owner, key, renderId),
        finish: (r) => {
          this.store.setIdempotencyResponse(owner, key, r.status, JSON.stringify(r.body));
          done(r);
        },
        abandon: () => {
          this.store.releaseIdempotency(owner, key);
          done(undefined);
        },
      };
    }
  }
}
