// The few parts of untyped libraries the renderer uses.
declare module 'fontkit' {
  export interface Font {
    familyName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export interface FontCollection {
    fonts: Font[];
  }
  export function openSync(filename: string): Font | FontCollection;
  /** The same from bytes (the render service checks an uploaded font before storing it). */
  export function create(buffer: Uint8Array): Font | FontCollection;
}

declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}

declare module 'hyphen/*' {
  export function hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string;
}

declare module 'fontkit' {
  export interface Font {
    unitsPerEm: number;
    numGlyphs: number;
    variationAxes: Record<string, { min: number; default: number; max: number }>;
    'OS/2'?: { usWeightClass: number };
    getVariation(settings: Record<string, number>): Font;
    layout(text: string): { advanceWidth: number };
  }
}
