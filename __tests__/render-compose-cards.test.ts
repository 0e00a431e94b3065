// allscreenshots' compose cards and layouts drawn by the real renderer (src/render/compose.ts: sharp's
// composite, the canvas with the shipped fonts for labels): labels (LabelConfig), borders with rounded
// corners (BorderConfig), shadows (ShadowConfig), and the masonry and partitioning layouts, each checked
// by the composed image's geometry and pixel colours. The service's end of it (request fields, 400s, the
// preview) is in server-capture-allshots-compose.test.ts.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { composeImages, layoutCompose, parseColor } from '../src/render/compose.js';

const solid = (width: number, height: number, hex: string) =>
  sharp({ create: { width, height, channels: 3, background: hex } })
    .png()
    .toBuffer();

async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return (x: number, y: number) => {
    const i = (y * info.width + x) * info.channels;
    return [data[i]!, data[i + 1]!, data[i + 2]!] as const;
  };
}
const hex = (c: readonly number[]) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const near = (got: readonly number[], want: string, tol = 12) => {
  const w = parseColor(want);
  return [w.r, w.g, w.b].every((v, i) => Math.abs(got[i]! - v) <= tol);
};
async function expectColors(png: Buffer, points: Array<[number, number, string]>) {
  const at = await pixels(png);
  for (const [x, y, want] of points)
    expect(near(at(x, y), want), `(${x}, ${y}) is ${hex(at(x, y))}, expected ${want}`).toBe(true);
}
const base = { spacing: 10, padding: 0, alignment: 'center' as const, background: '#ffffff' };

describe('compose cards', () => {
  it('labels: a strip under each image (their defaults: 14 px #333333 on #ffffff, padding 8), the text drawn in it', async () => {
    const images = [await solid(200, 100, '#e02020'), await solid(200, 100, '#2040c0')];
    const texts = ['Site 1', undefined];
    const labels = {
      position: 'bottom' as const,
      fontSize: 14,
      fontColor: '#333333',
      background: '#ffe000',
      padding: 8,
      texts,
    };
    const r = await composeImages(
      images,
      [
        { width: 200, height: 100 },
        { width: 200, height: 100 },
      ],
      { ...base, layout: 'horizontal', decor: { labels } },
      7680,
    );
    // Strip: ceil(14 * 1.2) + 2 * 8 = 33 high, under each 100-high image.
    expect([r.width, r.height]).toEqual([410, 133]);
    expect(r.placements[1]).toEqual({ index: 1, x: 210, y: 0, width: 200, height: 133 });
    await expectColors(r.png, [
      [100, 50, '#e02020'],
      [5, 120, '#ffe000'],
      [310, 50, '#2040c0'],
      [215, 120, '#ffe000'],
    ]);
    // Text: dark pixels in the middle of the first strip only (the second capture has no label).
    const at = await pixels(r.png);
    const dark = (x0: number) => {
      let n = 0;
      for (let y = 100; y < 133; y++) for (let x = x0; x < x0 + 200; x++) if (at(x, y)[0] < 0x90) n++;
      return n;
    };
    expect(dark(0)).toBeGreaterThan(40);
    expect(dark(210)).toBe(0);

    // On top, the strip comes first and the image moves down by it.
    const top = await composeImages(
      [images[0]!],
      [{ width: 200, height: 100 }],
      { ...base, layout: 'grid', decor: { labels: { ...labels, position: 'top' } } },
      7680,
    );
    await expectColors(top.png, [
      [5, 5, '#ffe000'],
      [5, 40, '#e02020'],
    ]);
  });

  it('a long label is cut with an ellipsis to the image width, never drawn past it', async () => {
    const r = await composeImages(
      [await solid(120, 60, '#20c040'), await solid(120, 60, '#20c040')],
      [
        { width: 120, height: 60 },
        { width: 120, height: 60 },
      ],
      {
        ...base,
        layout: 'horizontal',
        spacing: 40,
        decor: {
          labels: {
            position: 'bottom',
            fontSize: 20,
            fontColor: '#000000',
            background: '#ffffff',
            padding: 4,
            texts: ['A very long label that is much wider than the image', undefined],
          },
        },
      },
      7680,
    );
    const at = await pixels(r.png);
    // Nothing dark in the 40 px gap between the cards.
    for (let y = 60; y < r.height; y++) for (let x = 121; x < 159; x++) expect(at(x, y)[0]).toBeGreaterThan(0xe0);
  });

  it('border: inside each card (default 1 px #cccccc); a radius rounds the corners and the background shows there', async () => {
    const r = await composeImages(
      [await solid(100, 100, '#e02020')],
      [{ width: 100, height: 100 }],
      {
        ...base,
        layout: 'grid',
        padding: 10,
        background: '#000000',
        decor: { border: { width: 6, color: '#2040c0', radius: 30 } },
      },
      7680,
    );
    // The card is the image plus the border on each side: 112 square, at the padding.
    expect([r.width, r.height]).toEqual([132, 132]);
    expect(r.placements[0]).toEqual({ index: 0, x: 10, y: 10, width: 112, height: 112 });
    await expectColors(r.png, [
      [66, 12, '#2040c0'], // top edge, middle: border
      [66, 15, '#2040c0'], // 5 px in: still the 6 px border
      [12, 66, '#2040c0'],
      [66, 119, '#2040c0'],
      [66, 66, '#e02020'], // the image
      [66, 17, '#e02020'], // just inside the border
      [11, 11, '#000000'], // corner outside the radius: the background
      [5, 5, '#000000'], // padding
    ]);
    // Without a radius the corner is the border's.
    const square = await composeImages(
      [await solid(100, 100, '#e02020')],
      [{ width: 100, height: 100 }],
      {
        ...base,
        layout: 'grid',
        padding: 10,
        background: '#000000',
        decor: { border: { width: 6, color: '#2040c0', radius: 0 } },
      },
      7680,
    );
    await expectColors(square.png, [[11, 11, '#2040c0']]);
  });

  it('shadow: blurred, offset, behind every card (never over a neighbour), in the padding and spacing', async () => {
    const images = [await solid(100, 100, '#e02020'), await solid(100, 100, '#2040c0')];
    const sizes = [
      { width: 100, height: 100 },
      { width: 100, height: 100 },
    ];
    const o = { ...base, layout: 'horizontal' as const, padding: 30, spacing: 4 };
    const r = await composeImages(
      images,
      sizes,
      { ...o, decor: { shadow: { color: 'rgba(0,0,0,0.5)', blur: 10, offsetX: 0, offsetY: 8 } } },
      7680,
    );
    expect([r.width, r.height]).toEqual([264, 160]);
    const at = await pixels(r.png);
    // Under the cards (offset 8 down): darker than the white background; far away: white.
    const below = at(80, 133);
    expect(below[0], `below the card ${hex(below)}`).toBeLessThan(0xe8);
    expect(hex(at(2, 2))).toBe('#ffffff');
    // The shadow is weaker above the card than below it (offset down).
    expect(at(80, 27)[0]).toBeGreaterThan(below[0]);
    // The cards themselves are untouched: the first card's right edge is red, not darkened by the
    // second card's shadow.
    await expectColors(r.png, [
      [129, 80, '#e02020'] as [number, number, string],
      [134, 80, '#2040c0'],
      [80, 80, '#e02020'],
    ]);
    const plain = await composeImages(images, sizes, { ...o, decor: {} }, 7680);
    expect(hex((await pixels(plain.png))(80, 133))).toBe('#ffffff');
  });
});

describe('compose layouts', () => {
  it('masonry: columns as wide as the narrowest image, each image into the shortest column so far', () => {
    const sizes = [
      { width: 100, height: 300 },
      { width: 100, height: 100 },
      { width: 200, height: 200 }, // scaled to 100 x 100
      { width: 100, height: 150 },
    ];
    const r = layoutCompose(sizes, { ...base, layout: 'masonry', columns: 2 }, 7680);
    expect(r.layout).toBe('masonry');
    expect(r.placements).toEqual([
      { index: 0, x: 0, y: 0, width: 100, height: 300 },
      { index: 1, x: 110, y: 0, width: 100, height: 100 },
      { index: 2, x: 110, y: 110, width: 100, height: 100 },
      { index: 3, x: 110, y: 220, width: 100, height: 150 },
    ]);
    expect([r.width, r.height]).toEqual([210, 370]);
  });

  it('masonry, drawn: the images where the layout puts them, the background in the short column', async () => {
    const colours = ['#e02020', '#2040c0', '#20c040'];
    const sizes = [
      { width: 100, height: 300 },
      { width: 100, height: 100 },
      { width: 100, height: 100 },
    ];
    const images = await Promise.all(sizes.map((s, i) => solid(s.width, s.height, colours[i]!)));
    const r = await composeImages(
      images,
      sizes,
      { ...base, layout: 'MASONRY'.toLowerCase() as 'masonry', columns: 2, background: '#000000' },
      7680,
    );
    expect([r.width, r.height]).toEqual([210, 300]);
    await expectColors(r.png, [
      [50, 250, '#e02020'],
      [160, 50, '#2040c0'],
      [160, 160, '#20c040'],
      [160, 260, '#000000'],
    ]);
  });

  it('partitioning: rows of one height each as wide as a grid row, split where the widest row is narrowest', () => {
    const sizes = [
      { width: 200, height: 100 }, // 2
      { width: 100, height: 100 }, // 1
      { width: 100, height: 100 }, // 1
      { width: 200, height: 100 }, // 2
    ];
    const r = layoutCompose(sizes, { ...base, layout: 'partitioning', spacing: 0 }, 7680);
    // 2 columns -> 2 rows; aspect sums 2+1 | 1+2 (3 and 3); rows 400 wide (2 x the widest image).
    expect(r.placements.map((p) => [p.x, p.y, p.width, p.height])).toEqual([
      [0, 0, 266, 133], // 2 x 133
      [266, 0, 134, 133], // the last of a row takes what rounding left
      [0, 133, 133, 133],
      [133, 133, 267, 133],
    ]);
    expect([r.width, r.height]).toEqual([400, 266]);
    for (const row of [r.placements.slice(0, 2), r.placements.slice(2)])
      expect(row[row.length - 1]!.x + row[row.length - 1]!.width).toBe(400);
  });

  it("mondrian: the grid rectangle cut across its longer side by the halves' areas, no gaps but the spacing", () => {
    const sizes = [
      { width: 300, height: 100 },
      { width: 100, height: 100 },
      { width: 100, height: 100 },
    ];
    const r = layoutCompose(sizes, { ...base, layout: 'mondrian', spacing: 10, padding: 5 }, 7680);
    // 2 x 2 cells of 300 x 100: a 610 x 210 rectangle inside 5 of padding. First half [0, 1] (area
    // 40000 of 50000) left of a cut at 0.8 x (610 - 10) = 480, [2] right of it; the 480 x 210 part is
    // still wider than high: [0] left of [1] by 30000 : 10000, 0.75 x 470 = 353 (rounded).
    expect([r.width, r.height]).toEqual([620, 220]);
    expect(r.placements).toEqual([
      { index: 0, x: 5, y: 5, width: 353, height: 210 },
      { index: 1, x: 368, y: 5, width: 117, height: 210 },
      { index: 2, x: 495, y: 5, width: 120, height: 210 },
    ]);
  });

  it('mondrian, drawn: each image cropped to fill its cell (centred), never stretched', async () => {
    // A 200 x 100 red image with a blue band 20 wide down its middle, into a tall cell.
    const split = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#e02020' } })
      .composite([{ input: await solid(20, 100, '#2040c0'), left: 90, top: 0 }])
      .png()
      .toBuffer();
    // With a 300 x 300 neighbour it gets 20000 / 110000 of a 600 x 300 rectangle: a tall cell.
    const sizes = [
      { width: 200, height: 100 },
      { width: 300, height: 300 },
    ];
    const r = await composeImages(
      [split, await solid(300, 300, '#20c040')],
      sizes,
      { ...base, layout: 'mondrian', spacing: 0 },
      7680,
    );
    const a = r.placements[0]!;
    expect(a.width).toBeLessThan(a.height);
    // Cropped, not squeezed: scaled to the cell's height (x 3), the band is 60 wide in the middle of
    // the cell (squeezed to its width it would be 11); red at the edges.
    const mid = a.x + Math.floor(a.width / 2);
    await expectColors(r.png, [
      [mid - 20, a.y + 10, '#2040c0'],
      [mid + 20, a.y + 10, '#2040c0'],
      [a.x + 2, a.y + 10, '#e02020'],
      [a.x + a.width - 3, a.y + 10, '#e02020'],
      [r.placements[1]!.x + 5, r.placements[1]!.y + 5, '#20c040'],
    ]);
    expect(r.layout).toBe('mondrian');
  });

  it('a border and a label strip make every card bigger in every layout, scaled down with the whole', () => {
    const sizes = [
      { width: 1000, height: 500 },
      { width: 1000, height: 500 },
    ];
    const frame = { border: 5, label: 30, labelAt: 'bottom' as const };
    const g = layoutCompose(sizes, { ...base, layout: 'vertical', frame }, 7680);
    expect(g.placements[1]).toEqual({ index: 1, x: 0, y: 550, width: 1010, height: 540 });
    const small = layoutCompose(sizes, { ...base, layout: 'vertical', frame, maxWidth: 505 }, 7680);
    expect(small.scale).toBeCloseTo(0.5);
    expect(small.placements[0]).toEqual({ index: 0, x: 0, y: 0, width: 505, height: 270 });
  });
});
