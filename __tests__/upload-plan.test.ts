// The plan's pure parts: matching by checksum (each live asset once, unfinished ones never),
// the App Store's reorder rule and Play's append-only rule, Retry-After, and the markdown.
import { describe, expect, it } from 'vitest';
import { planMarkdown, planSet, type LiveImage } from '../src/upload/plan.js';
import { retryAfterMs } from '../src/util/retry.js';
import type { LocalImage } from '../src/upload/local.js';

const img = (name: string, sum: string): LocalImage => ({
  file: `/x/${name}`,
  path: `en-US/p/${name}`,
  fileName: name,
  size: 1,
  md5: sum,
  sha1: sum,
  sha256: sum,
  mime: 'image/png',
});
const live = (id: string, sum: string | undefined, usable = true): LiveImage => ({
  id,
  checksum: sum,
  label: `${id}.png`,
  usable,
});
const base = { store: 'appstore' as const, locale: 'en-US', displayType: 'APP_IPHONE_67' };
const summary = (p: ReturnType<typeof planSet>) => ({
  unchanged: p.unchanged,
  upload: p.upload.map((u) => u.fileName),
  delete: p.delete.map((d) => d.id),
  reorder: p.reorder,
});

describe('planSet', () => {
  it('the same bytes twice match two live assets, never one twice', () => {
    const p = planSet(base, [img('a', 'S'), img('b', 'S')], [live('1', 'S')], (i) => i.md5, false);
    expect(summary(p)).toEqual({ unchanged: 1, upload: ['b'], delete: [], reorder: false });
  });

  it('checksums compare without regard to case; an unfinished or failed asset is replaced even with our checksum', () => {
    const p = planSet(
      base,
      [img('a', 'abc'), img('b', 'def')],
      [live('1', 'ABC'), live('2', 'def', false)],
      (i) => i.md5,
      false,
    );
    expect(summary(p)).toEqual({ unchanged: 1, upload: ['b'], delete: ['2'], reorder: false });
  });

  it('App Store: new images land at the end, so one placed before a kept image needs a reorder', () => {
    expect(summary(planSet(base, [img('a', 'A'), img('n', 'N')], [live('1', 'A')], (i) => i.md5, false)).reorder).toBe(
      false,
    );
    expect(summary(planSet(base, [img('n', 'N'), img('a', 'A')], [live('1', 'A')], (i) => i.md5, false)).reorder).toBe(
      true,
    );
    expect(
      summary(planSet(base, [img('b', 'B'), img('a', 'A')], [live('1', 'A'), live('2', 'B')], (i) => i.md5, false)),
    ).toEqual({ unchanged: 2, upload: [], delete: [], reorder: true });
  });

  it('Play (append only): images after the first one out of place are uploaded again', () => {
    const p = planSet(
      { ...base, store: 'play' },
      [img('c', 'C'), img('a', 'A'), img('b', 'B')],
      [live('1', 'A'), live('2', 'B'), live('3', 'C')],
      (i) => i.sha256,
      true,
    );
    expect(summary(p)).toEqual({ unchanged: 1, upload: ['a', 'b'], delete: ['1', '2'], reorder: true });
    expect(p.order.map((o) => o.keep?.id)).toEqual(['3', undefined, undefined]);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-12-02T08:00:00Z');
  it('reads delta seconds and HTTP dates; anything else is unknown', () => {
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Wed, 02 Dec 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Wed, 02 Dec 2026 07:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe('planMarkdown', () => {
  it('escapes file names so a crafted name cannot break the table or inject markup', () => {
    const p = planSet(base, [img('a|b<img src=x>*.png', 'N')], [live('1', 'O')], (i) => i.md5, false);
    const md = planMarkdown('appstore', [p]);
    const row = md.split('\n').find((l) => l.startsWith('| en-US'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(8);
    expect(md).not.toContain('<img');
  });
});
