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
import type { NewIdempotency, ServiceStore } from './storage/types.js';

export interface SavedResponse {
  status: number;
  body: unknown;
}

/** Records the render a claimed key made; runs inside the transaction that inserts the render (`s`). */
export type Attach = (renderId: string, s: ServiceStore) => Promise<void>;

export type Claim =
  | { kind: 'replay'; response: SavedResponse }
  /** The key's render exists but the process died before answering: rebuild the answer from the render. */
  | { kind: 'resume'; renderId: string; mode: string; finish: (r: SavedResponse) => Promise<void> }
  | {
      kind: 'new';
      attach: Attach;
      finish: (r: SavedResponse) => Promise<void>;
      abandon: () => Promise<void>;
    };

/** How long another node's claim without a render may take before it counts as orphaned (shared stores only). */
const ORPHAN_AFTER_MS = 60_000;
/** How often a duplicate polls a claim another node holds (shared stores only). */
const POLL_MS = 100;

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
  /** Keys this process is claiming or holds, until they have an answer (or are abandoned). */
  private readonly inflight = new Map<string, { hash: string; answer: Promise<SavedResponse | undefined> }>();

  constructor(
    private readonly store: ServiceStore,
    private readonly now: Clock,
    private readonly ttlSeconds: number,
  ) {}

  async claim(owner: string, key: string, hash: string, mode: string): Promise<Claim> {
    const k = `${owner}\n${key}`;
    for (;;) {
      const pending = this.inflight.get(k);
      if (pending) {
        const r = await pending.answer;
        if (r && pending.hash === hash) return { kind: 'replay', response: r };
        continue; // abandoned (invalid), lost the key, or another body (the stored row decides): from the top
      }
      // This process claims the key: later duplicates here wait for this claim, whatever comes of it.
      let settle!: (r: SavedResponse | undefined) => void;
      this.inflight.set(k, { hash, answer: new Promise((res) => (settle = res)) });
      const done = (r: SavedResponse | undefined) => {
        this.inflight.delete(k);
        settle(r);
      };
      const now = this.now();
      const fresh: NewIdempotency = {
        owner,
        key,
        body_hash: hash,
        mode,
        created_at: now,
        expires_at: now + this.ttlSeconds * 1000,
      };
      let row;
      try {
        // Atomic insert-if-absent (an expired key counts as absent): of concurrent claims on any node one wins.
        row = await this.store.claimIdempotency(fresh);
        if (row && row.body_hash === hash && row.response === null && row.render_id === null) {
          // A claim without a render or an answer. On a store only this process uses it is an orphan of a
          // dead process; on a shared one another node may be checking its request: wait a while for it.
          if (this.store.shared && now - row.created_at < ORPHAN_AFTER_MS) {
            done(undefined);
            await new Promise((r) => setTimeout(r, POLL_MS));
            continue;
          }
          if (await this.store.takeOverIdempotency(fresh, row.created_at)) row = undefined;
          else {
            done(undefined);
            continue;
          }
        }
      } catch (e) {
        done(undefined);
        throw e;
      }
      if (row) {
        done(undefined);
        if (row.body_hash !== hash) throw reused(key);
        if (row.response !== null && row.status_code !== null)
          return { kind: 'replay', response: { status: row.status_code, body: JSON.parse(row.response) } };
        return {
          kind: 'resume',
          renderId: row.render_id!,
          mode: row.mode,
          finish: (r) => this.store.setIdempotencyResponse(owner, key, r.status, JSON.stringify(r.body)),
        };
      }
      return {
        kind: 'new',
        attach: (renderId, s) => s.setIdempotencyRender(owner, key, renderId),
        finish: async (r) => {
          try {
            await this.store.setIdempotencyResponse(owner, key, r.status, JSON.stringify(r.body));
          } finally {
            done(r);
          }
        },
        abandon: async () => {
          try {
            await this.store.releaseIdempotency(owner, key);
          } finally {
            done(undefined);
          }
        },
      };
    }
  }
}

function reused(key: string): ApiError {
  return new ApiError(
    422,
    'idempotency_key_reused',
    `Idempotency-Key "${key}" was used with a different request body; use a new key for a new request`,
    'Idempotency-Key',
  );
}
