// The shared helpers of src/util/ (one copy each): canonical JSON, path containment, sha256,
// the PNG header, the retry arithmetic, and the one report.json reader.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/util/json.js';
import { isInside, isReallyInside, joinInside, resolveInside } from '../src/util/paths.js';
import { sha256 } from '../src/util/hash.js';
import { isPng, pngSize, PNG_SIGNATURE } from '../src/util/png.js';
import { backoffMs, retryAfterMs, retrying } from '../src/util/retry.js';
import { readReport } from '../src/report/read.js';
import { UserError } from '../src/util/errors.js';
import { tempDirs } from './helpers/temp.js';

const tmp = tempDirs('storeshots-util-');

describe('canonicalJson', () => {
  it('writes what JSON.stringify writes for undefined: null in arrays, the key left out of objects', () => {
    expect(canonicalJson([1, undefined, 2])).toBe('[1,null,2]');
    expect(JSON.parse(canonicalJson([1, undefined, 2]))).toEqual(JSON.parse(JSON.stringify([1, undefined, 2])));
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([() => 1, Symbol('s')])).toBe('[null,null]');
    expect(canonicalJson({ f: () => 1, s: Symbol('s'), n: null })).toBe('{"n":null}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([NaN, Infinity, -0])).toBe(JSON.stringify([NaN, Infinity, -0]));
  });

  it('sorts keys at every depth by code unit, and otherwise equals JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: 'x', c: [{ z: 1, y: 2 }] }], e: null })).toBe(
      '{"a":[3,{"c":[{"y":2,"z":1}],"d":"x"}],"b":1,"e":null}',
    );
    expect(canonicalJson({ 9: 'nine', 10: 'ten', B: 1, a: 2 })).toBe('{"10":"ten","9":"nine","B":1,"a":2}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    const value = { s: 'quote " and \u2028 and é', n: [1.5, -2e-7, 0], t: true, o: {} };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
    expect(canonicalJson('s')).toBe('"s"');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });

  it('honours toJSON as JSON.stringify does', () => {
    const d = new Date(0);
    expect(canonicalJson({ d })).toBe(JSON.stringify({ d }));
    expect(canonicalJson({ x: { toJSON: () => ({ b: 1, a: 2 }) } })).toBe('{"x":{"a":2,"b":1}}');
  });

  it('refuses what has no JSON form: a bigint, a cycle', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    const o: Record<string, unknown> = {};
    o.self = o;
    expect(() => canonicalJson(o)).toThrow(/cyclic/);
    const shared = { a: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"a":1},{"a":1}]');
  });
});

describe('isInside / joinInside / isReallyInside', () => {
  const base = path.resolve('/srv/out');
  it('refuses .. in every spelling', () => {
    expect(isInside(base, path.join(base, '..'))).toBe(false);
    expect(isInside(base, `${base}/../x`)).toBe(false);
    expect(isInside(base, `${base}/a/../../x`)).toBe(false);
    expect(joinInside(base, '..')).toBeUndefined();
    expect(joinInside(base, '../x.png')).toBeUndefined();
    expect(joinInside(base, 'a/../../x.png')).toBeUndefined();
    expect(joinInside(base, 'a/../../../../../../etc/passwd')).toBeUndefined();
  });

  it('is not fooled by a sibling that shares a prefix (/a/bc is not inside /a/b)', () => {
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a/bc/d')).toBe(false);
    expect(isInside('/a/b/', '/a/b/c')).toBe(true);
    expect(joinInside('/a/b', '../bc/x')).toBeUndefined();
  });

  it('keeps names that only start with two dots, and paths that come back inside', () => {
    expect(isInside(base, path.join(base, '..x'))).toBe(true);
    expect(joinInside(base, '..x/y.png')).toBe(path.join(base, '..x/y.png'));
    expect(joinInside(base, 'a/../b.png')).toBe(path.join(base, 'b.png'));
    expect(joinInside(base, './a//b.png')).toBe(path.join(base, 'a/b.png'));
  });

  it('refuses absolute paths, drive letters, UNC and backslash roots, NUL bytes, and the folder itself', () => {
    expect(joinInside(base, '/etc/passwd')).toBeUndefined();
    expect(joinInside(base, `${base}/a.png`)).toBeUndefined();
    expect(joinInside(base, 'C:\\Windows\\x.png')).toBeUndefined();
    expect(joinInside(base, 'c:x.png')).toBeUndefined();
    expect(joinInside(base, '\\\\server\\share\\x.png')).toBeUndefined();
    expect(joinInside(base, '\\x.png')).toBeUndefined();
    expect(joinInside(base, 'a.png\0.txt')).toBeUndefined();
    expect(isInside(base, `${base}/a\0`)).toBe(false);
    expect(joinInside(base, '')).toBeUndefined();
    expect(joinInside(base, '.')).toBeUndefined();
    expect(joinInside(base, 'a/..')).toBeUndefined();
    expect(isInside(base, base)).toBe(false);
    expect(isInside(base, base, { self: true })).toBe(true);
  });

  it('resolveInside (manifest paths) allows the manifest folder or the working directory, never elsewhere', () => {
    expect(resolveInside('/p/app', 'shots/a.png', '/work')).toBe('/p/app/shots/a.png');
    expect(resolveInside('/p/app', '.', '/work')).toBe('/p/app');
    expect(resolveInside('/work/app', '../shared/a.png', '/work')).toBe('/work/shared/a.png');
    expect(resolveInside('/p/app', '/etc/passwd', '/work')).toBeUndefined();
    expect(resolveInside('/p/app', '../appx/a.png', '/work')).toBeUndefined();
    expect(resolveInside('/p/app', 'a\0', '/work')).toBeUndefined();
  });

  it('follows symbolic links where asked: a link inside that points outside is outside', () => {
    const root = tmp();
    const dir = path.join(root, 'set');
    const out = path.join(root, 'setx');
    mkdirSync(dir);
    mkdirSync(out);
    writeFileSync(path.join(out, 'secret.png'), 'x');
    writeFileSync(path.join(dir, 'ok.png'), 'x');
    symlinkSync(path.join(out, 'secret.png'), path.join(dir, 'link.png'));
    symlinkSync(out, path.join(dir, 'sub'));
    symlinkSync(path.join(dir, 'ok.png'), path.join(dir, 'inner.png'));
    expect(isReallyInside(dir, path.join(dir, 'ok.png'))).toBe(true);
    expect(isReallyInside(dir, path.join(dir, 'inner.png'))).toBe(true);
    expect(isInside(dir, path.join(dir, 'link.png'))).toBe(true);
    expect(isReallyInside(dir, path.join(dir, 'link.png'))).toBe(false);
    expect(isReallyInside(dir, path.join(dir, 'sub', 'secret.png'))).toBe(false);
    expect(isReallyInside(dir, path.join(dir, 'missing.png'))).toBe(false);
    // The folder itself reached through a link is still the folder.
    symlinkSync(dir, path.join(root, 'alias'));
    expect(isReallyInside(path.join(root, 'alias'), path.join(dir, 'ok.png'))).toBe(true);
  });
});

describe('sha256', () => {
  it('hashes bytes and strings (UTF-8) as hex or base64', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('é')).toBe(createHash('sha256').update(Buffer.from('é', 'utf8')).digest('hex'));
    expect(sha256('abc', 'base64')).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
  });
});

describe('pngSize / isPng', () => {
  const header = (w: number, h: number, type = 'IHDR') => {
    const b = Buffer.alloc(33);
    PNG_SIGNATURE.copy(b, 0);
    b.writeUInt32BE(13, 8);
    b.write(type, 12, 'latin1');
    b.writeUInt32BE(w, 16);
    b.writeUInt32BE(h, 20);
    return b;
  };
  it('reads width and height from IHDR', () => {
    expect(pngSize(header(1290, 2796))).toEqual({ width: 1290, height: 2796 });
    expect(pngSize(new Uint8Array(header(1, 2)))).toEqual({ width: 1, height: 2 });
    const inside = Buffer.concat([Buffer.from('xxxx'), header(7, 9)]).subarray(4);
    expect(pngSize(inside)).toEqual({ width: 7, height: 9 });
  });
  it('refuses a wrong signature, a first chunk that is not IHDR, and a cut header', () => {
    const bad = header(1, 1);
    bad[7] = 0;
    expect(isPng(bad)).toBe(false);
    expect(pngSize(bad)).toBeUndefined();
    expect(pngSize(header(1, 1, 'IDAT'))).toBeUndefined();
    expect(pngSize(header(1, 1).subarray(0, 23))).toBeUndefined();
    expect(isPng(PNG_SIGNATURE.subarray(0, 7))).toBe(false);
    expect(isPng(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBeUndefined();
  });
});

describe('backoffMs / retryAfterMs', () => {
  it('doubles from the base, caps at the maximum, jitters over the upper half', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000, Infinity, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(10, 500, 3000, () => 1)).toBe(3000);
    expect(backoffMs(3, 1000, 60_000, () => 0)).toBe(2000);
    expect(backoffMs(0, 1000, 60_000, () => 1)).toBe(1000);
    for (let i = 0; i < 50; i++) {
      const w = backoffMs(4, 100, 10_000);
      expect(w).toBeGreaterThanOrEqual(400);
      expect(w).toBeLessThanOrEqual(800);
    }
  });
  it('reads Retry-After as delay-seconds or an HTTP date', () => {
    const now = Date.parse('Wed, 02 Dec 2026 08:00:00 GMT');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Wed, 02 Dec 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Wed, 02 Dec 2026 07:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-5', now)).toBeUndefined();
    expect(retryAfterMs('', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe('retrying', () => {
  const failing = (n: number, make: (i: number) => unknown = (i) => new Error(`fail ${i}`)) => {
    let calls = 0;
    return async (attempt: number) => {
      calls++;
      expect(attempt).toBe(calls);
      if (calls <= n) throw make(calls);
      return `ok after ${calls}`;
    };
  };

  it('waits what delayAfter says (through the injected sleep) and returns the first success', async () => {
    const sleeps: number[] = [];
    const seen: Array<[string, number]> = [];
    const r = await retrying(failing(2), {
      retries: 5,
      sleep: async (ms) => void sleeps.push(ms),
      delayAfter: (e, n) => (seen.push([(e as Error).message, n]), n * 100),
    });
    expect(r).toBe('ok after 3');
    expect(sleeps).toEqual([100, 200]);
    expect(seen).toEqual([
      ['fail 1', 1],
      ['fail 2', 2],
    ]);
  });

  it("gives up at once when delayAfter says so, throwing the attempt's own error", async () => {
    const err = new RangeError('final');
    const sleeps: number[] = [];
    await expect(
      retrying(
        failing(9, () => err),
        { retries: 5, sleep: async (ms) => void sleeps.push(ms), delayAfter: () => undefined },
      ),
    ).rejects.toBe(err);
    expect(sleeps).toEqual([]);
  });

  it('stops after `retries` retries with the last error; delayAfter hears of the last failure too', async () => {
    const sleeps: number[] = [];
    const attempts: number[] = [];
    await expect(
      retrying(failing(9), {
        retries: 2,
        sleep: async (ms) => void sleeps.push(ms),
        delayAfter: (_e, n) => (attempts.push(n), 5),
      }),
    ).rejects.toThrow('fail 3');
    expect(sleeps).toEqual([5, 5]);
    expect(attempts).toEqual([1, 2, 3]);
    await expect(retrying(failing(9), { retries: 0, sleep: async () => {}, delayAfter: () => 1 })).rejects.toThrow(
      'fail 1',
    );
  });

  it('retries whatever delayAfter accepts (a TypeError, a thrown string) and rethrows it unwrapped', async () => {
    expect(
      await retrying(
        failing(1, () => new TypeError('fetch failed badly')),
        { retries: 1, sleep: async () => {}, delayAfter: () => 0 },
      ),
    ).toBe('ok after 2');
    expect(
      await retrying(
        failing(1, () => 'a string'),
        { retries: 1, sleep: async () => {}, delayAfter: () => 0 },
      ),
    ).toBe('ok after 2');
    await expect(
      retrying(
        failing(3, () => 'a string'),
        { retries: 1, sleep: async () => {}, delayAfter: () => 0 },
      ),
    ).rejects.toBe('a string');
  });
});

describe('readReport', () => {
  it('reads a version 1 report and refuses a missing, broken or foreign one with the file named', () => {
    const dir = tmp();
    expect(() => readReport(dir)).toThrow(`${dir} has no report.json`);
    expect(() => readReport(dir, { missing: 'no artifact report' })).toThrow('no artifact report');
    writeFileSync(path.join(dir, 'report.json'), '{"version":1,');
    expect(() => readReport(dir)).toThrow(`${path.join(dir, 'report.json')} is not valid JSON`);
    writeFileSync(path.join(dir, 'report.json'), '{"version":2,"images":[],"findings":[]}');
    expect(() => readReport(dir)).toThrow(UserError);
    expect(() => readReport(dir)).toThrow(`${path.join(dir, 'report.json')} is not a storeshots report`);
    writeFileSync(path.join(dir, 'report.json'), 'null');
    expect(() => readReport(dir)).toThrow('is not a storeshots report');
    writeFileSync(path.join(dir, 'report.json'), '{"version":1,"images":[],"findings":[]}');
    expect(readReport(dir)).toEqual({ version: 1, images: [], findings: [] });
  });
});
