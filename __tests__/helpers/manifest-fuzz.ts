// A seeded manifest fuzzer (issue #13's corpus): a valid project's manifest, mutated by the moves
// that found the #13 defects (hostile paths, non-finite and huge numbers, colour junk, aliases,
// deep nesting, bad UTF-8, typo'd and unknown keys, wrong types) plus random byte damage.
// The same seed always yields the same cases, so a failure reproduces from (seed, index).
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { ROOT } from './cli.js';

export const DEFAULT_SEED = 13013;
export const DEFAULT_CASES = 500;

/** mulberry32: small, fast and good enough to pick mutations reproducibly. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const BASE_MANIFEST = {
  version: 1,
  app: { name: 'Habitual' },
  locales: ['en-US', 'de-DE'],
  presets: [{ id: 'play.phone', size: '540x960' }],
  theme: 'aurora',
  style: {
    background: { gradient: ['#4f46e5', '#0ea5e9'], angle: 180 },
    headline: { color: '#ffffff', weight: 800 },
    device: { frame: 'auto' },
  },
  screenshots: 'shots/{locale}/{slide}.png',
  slides: [
    {
      id: 'home',
      headline: { 'en-US': 'Track every habit', 'de-DE': 'Jede Gewohnheit im Blick' },
      subtitle: 'Streaks',
    },
    { id: 'stats', headline: { 'en-US': 'See your progress', 'de-DE': 'Sieh deinen Fortschritt' } },
  ],
  'fallback-locale': 'en-US',
  output: { dir: 'out', format: 'png', layout: 'flat' },
};

/** A project folder `top/proj` (manifest to be written, shots for both locales) with `top/outside.png` beside it. */
export function fuzzProject(): { top: string; dir: string } {
  const top = mkdtempSync(path.join(tmpdir(), 'ss-fuzz-'));
  const dir = path.join(top, 'proj');
  const shot = path.join(ROOT, 'examples/habitual/shots/en-US/android-phone/home.png');
  for (const locale of ['en-US', 'de-DE']) {
    mkdirSync(path.join(dir, 'shots', locale), { recursive: true });
    for (const slide of ['home', 'stats']) copyFileSync(shot, path.join(dir, 'shots', locale, `${slide}.png`));
  }
  copyFileSync(shot, path.join(top, 'outside.png'));
  return { top, dir };
}

type Path = Array<string | number>;

// Fields to aim at: every kind the schema has (paths, colours, numbers, enums, texts, lists).
const FIELDS: Path[] = [
  ['version'],
  ['app'],
  ['app', 'name'],
  ['app', 'icon'],
  ['app', 'tagline'],
  ['locales'],
  ['locales', 0],
  ['locales', 1],
  ['presets'],
  ['presets', 0],
  ['presets', 0, 'id'],
  ['presets', 0, 'size'],
  ['presets', 0, 'style'],
  ['theme'],
  ['style'],
  ['style', 'layout'],
  ['style', 'padding'],
  ['style', 'background'],
  ['style', 'background', 'color'],
  ['style', 'background', 'gradient'],
  ['style', 'background', 'gradient', 1],
  ['style', 'background', 'angle'],
  ['style', 'background', 'image'],
  ['style', 'background', 'blur'],
  ['style', 'background', 'tint'],
  ['style', 'background', 'type'],
  ['style', 'headline', 'color'],
  ['style', 'headline', 'accent'],
  ['style', 'headline', 'size'],
  ['style', 'headline', 'min-size'],
  ['style', 'headline', 'font'],
  ['style', 'headline', 'weight'],
  ['style', 'headline', 'line-height'],
  ['style', 'headline', 'letter-spacing'],
  ['style', 'headline', 'max-lines'],
  ['style', 'subtitle', 'size'],
  ['style', 'subtitle', 'font'],
  ['style', 'subtitle', 'color'],
  ['style', 'device', 'frame'],
  ['style', 'device', 'color'],
  ['style', 'device', 'scale'],
  ['style', 'device', 'tilt'],
  ['style', 'device', 'offset-y'],
  ['screenshots'],
  ['slides'],
  ['slides', 0],
  ['slides', 0, 'id'],
  ['slides', 0, 'headline'],
  ['slides', 0, 'headline', 'en-US'],
  ['slides', 0, 'subtitle'],
  ['slides', 0, 'screenshot'],
  ['slides', 0, 'second-screenshot'],
  ['slides', 0, 'presets'],
  ['slides', 1, 'style'],
  ['slides', 1, 'style', 'background', 'image'],
  ['fonts'],
  ['fonts', 0],
  ['strings'],
  ['strings', 0],
  ['fallback-locale'],
  ['output'],
  ['output', 'dir'],
  ['output', 'format'],
  ['output', 'quality'],
  ['output', 'layout'],
  ['locale-style'],
  ['locale-style', 'de', 'headline', 'font'],
  ['feature-graphic', 'screenshot'],
];

const HOSTILE_VALUES: unknown[] = [
  '../outside.png',
  '/etc/passwd',
  '/dev/zero',
  '/proc/self/environ',
  'builtin:../../../../../../etc/passwd',
  'builtin:',
  '../../x.ttf',
  '/etc/passwd.ttf',
  '../outside',
  'shots',
  '.',
  '..',
  '',
  ' ',
  '~',
  'shots/{locale}/../../../outside.png',
  '{locale}/{slide}.png',
  'a\u0000b',
  'line\nbreak',
  '\t',
  '%s%n%x',
  '${HOME}',
  '__proto__',
  'constructor',
  'Z'.repeat(50_000),
  'x'.repeat(2000),
  '#',
  '#ggg',
  '#12345',
  'rgb(',
  'rgba(1,2,3,4,5)',
  'hsl(1e999, 0%, 0%)',
  'notacolour',
  'transparent',
  'red',
  '#ff000080',
  Infinity,
  -Infinity,
  Number.NaN,
  0,
  -0,
  -1,
  1e308,
  5e-324,
  1.5,
  99999,
  2 ** 53,
  true,
  false,
  null,
  [],
  {},
  [[[[]]]],
  { key: 'x' },
  { 'en-US': 5 },
  ['a', 'a'],
  'play.phone',
  'play.phon',
  'appstore.iphone_6_9@landscape',
  '99999x99999',
  '10x10',
  '540x960',
  'pseudo',
  'xx-YY',
  'en-US',
  'auto',
  'none',
  'iphone-island',
  'frame.png',
  'fastlane',
  'jpeg',
  'gif',
  'text-top',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '😀'.repeat(40),
  'ﬀ\u0301\u0308',
  'NUL\u0000',
  'a'.repeat(41),
];

const KEY_JUNK = [
  'locale',
  'preset',
  'slide',
  'headlines',
  'colour',
  'Version',
  'output_dir',
  '__proto__',
  'x-y',
  '',
  '😀',
  'constructor',
];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function setAt(root: Record<string, unknown>, fp: Path, value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (let i = 0; i < fp.length - 1; i++) {
    const k = fp[i]!;
    if (!node[k] || typeof node[k] !== 'object') node[k] = typeof fp[i + 1] === 'number' ? [] : {};
    node = node[k] as Record<string | number, unknown>;
  }
  node[fp[fp.length - 1]!] = value;
}

function deleteAt(root: Record<string, unknown>, fp: Path): void {
  let node: unknown = root;
  for (let i = 0; i < fp.length - 1; i++)
    node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[fp[i]!] : undefined;
  if (node && typeof node === 'object') {
    if (Array.isArray(node) && typeof fp[fp.length - 1] === 'number') node.splice(fp[fp.length - 1] as number, 1);
    else delete (node as Record<string | number, unknown>)[fp[fp.length - 1]!];
  }
}

function nested(depth: number, open: string): string {
  return open.repeat(depth);
}

export interface FuzzCase {
  index: number;
  /** What was done, for the failure message. */
  moves: string[];
  /** The manifest's bytes. */
  bytes: Buffer;
}

/** Case `index` of `seed`: 1-3 moves on the base manifest (structured edits, then text or byte damage). */
export function fuzzCase(seed: number, index: number): FuzzCase {
  const r = rng((seed * 1_000_003 + index) >>> 0);
  const data = structuredClone(BASE_MANIFEST) as unknown as Record<string, unknown>;
  const moves: string[] = [];
  const count = 1 + Math.floor(r() * 3);
  let textMoves: Array<(t: string) => string> = [];
  for (let m = 0; m < count; m++) {
    const kind = r();
    if (kind < 0.5) {
      const fp = pick(r, FIELDS);
      const v = pick(r, HOSTILE_VALUES);
      setAt(data, fp, v);
      moves.push(
        `set ${fp.join('.')} = ${typeof v === 'string' && v.length > 40 ? `${JSON.stringify(v.slice(0, 20))}...(${v.length})` : String(JSON.stringify(v) ?? v)}`,
      );
    } else if (kind < 0.6) {
      const fp = pick(r, FIELDS);
      deleteAt(data, fp);
      moves.push(`delete ${fp.join('.')}`);
    } else if (kind < 0.68) {
      const fp = pick(r, FIELDS).slice(0, Math.max(0, Math.floor(r() * 3)));
      const key = pick(r, KEY_JUNK);
      setAt(data, [...fp, key], pick(r, HOSTILE_VALUES));
      moves.push(`add key ${[...fp, key].join('.')}`);
    } else if (kind < 0.74) {
      const fp = pick(r, FIELDS);
      const depth = pick(r, [10, 40, 200, 5000]);
      let v: unknown = 'deep';
      for (let i = 0; i < Math.min(depth, 300); i++) v = r() < 0.5 ? [v] : { k: v };
      setAt(data, fp, v);
      moves.push(`nest ${fp.join('.')} ${Math.min(depth, 300)} deep`);
    } else {
      const t = Math.floor(r() * 9);
      const at = r();
      const bytes = Math.floor(r() * 256);
      const depth = pick(r, [33, 100, 10_000]);
      textMoves.push((text) => {
        const pos = Math.floor(at * text.length);
        switch (t) {
          case 0:
            return `${text}x-bomb:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n`;
          case 1:
            return `${text}theme: *nowhere\n`;
          case 2:
            return text.slice(0, pos);
          case 3:
            return `${text.slice(0, pos)}${String.fromCharCode(bytes)}${text.slice(pos)}`;
          case 4:
            return `${text}app: ${nested(depth, '[')}\n`;
          case 5:
            return `${text}fonts:\n${'- '.repeat(depth)}x\n`;
          case 6:
            return text.replace(/^(\w[\w-]*):/m, (_, k: string) => `${k}: 1\n${k}:`);
          case 7:
            return `${text.slice(0, pos)}\t${text.slice(pos)}`;
          default:
            return `${text}\n---\nversion: 1\n`;
        }
      });
      moves.push(`text move ${t} at ${at.toFixed(3)}`);
    }
  }
  let text: string;
  try {
    text = stringify(data, { aliasDuplicateObjects: false, lineWidth: 0 });
  } catch {
    text = JSON.stringify(data) ?? '';
  }
  for (const f of textMoves) text = f(text);
  textMoves = [];
  let bytes = Buffer.from(text, 'utf8');
  if (r() < 0.06) {
    // Bytes that are not UTF-8 somewhere in the file.
    const pos = Math.floor(r() * bytes.length);
    bytes = Buffer.concat([
      bytes.subarray(0, pos),
      Buffer.from([pick(r, [0xff, 0xc3, 0xe9, 0x80, 0xfe])]),
      bytes.subarray(pos),
    ]);
    moves.push(`bad byte at ${pos}`);
  }
  return { index, moves, bytes };
}

/** What every answer to a fuzzed manifest must be: a known exit code, no stack, every manifest error positioned. */
export function checkAnswer(r: { code: number; stderr: string; stdout: string }, allowed: number[]): string[] {
  const out: string[] = [];
  if (!allowed.includes(r.code)) out.push(`exit code ${r.code} (allowed: ${allowed.join(', ')})`);
  const all = `${r.stdout}\n${r.stderr}`;
  if (/^\s+at .+(:\d+:\d+\)?|\(native\))$/m.test(all)) out.push('a stack trace');
  if (
    /Maximum call stack|RangeError|TypeError|ReferenceError|SyntaxError|Unexpected message from Worker|\uFFFD/.test(all)
  )
    out.push('an internal error name or U+FFFD');
  if (r.code === 2) {
    for (const line of r.stderr.split('\n')) {
      if (/\berror: /.test(line) && !/^screenshots\.yml:\d+:\d+: error: /.test(line))
        out.push(`a manifest error without a position: ${line.slice(0, 200)}`);
    }
  }
  return out;
}
