// The part of @lokesh.dhakar/quantize (MMCQ, the median cut behind Color Thief) icon-theme.ts uses.
declare module '@lokesh.dhakar/quantize' {
  type Rgb = [number, number, number];
  interface ColorMap {
    palette(): Rgb[];
    /** The palette colour nearest to a pixel. */
    map(pixel: Rgb): Rgb;
  }
  export default function quantize(pixels: Rgb[], maxColors: number): ColorMap | false;
}
