// Phase 4 of `import frameit`: each screenshot's title and keyword, found as frameit finds them:
// title.strings / keyword.strings beside the screenshot (or up to two folders above, for
// screengrab's images/phoneScreenshots/), the first key in file order that is part of the
// screenshot's path (case-insensitive), an empty value falling back to the Framefile's text.
// A value of only spaces is kept: frameit draws that title blank. Strings files are read in
// frameit's dialect (a line may end without its ";", with a warning).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeStringsFile } from '../../l10n/text.js';
import { parseAppleStrings } from '../../l10n/apple-strings.js';
import { isObj, type Note, type Obj, type Shot } from './types.js';

export interface FoundText {
  text: string;
  /** The strings key that matched, and the file it is in (absolute). */
  key?: string;
  file?: string;
  line?: number;
  /** Only spaces: frameit draws no visible title. */
  blank?: boolean;
}

type Entry = { key: string; value: string; line: number };

export function createTextFinder(root: string, cwd: string, note: Note, matchPath: (abs: string) => string) {
  const tables = new Map<string, Entry[] | null>();
  const read = (f: string): Entry[] | null => {
    if (!tables.has(f)) {
      if (!existsSync(f)) tables.set(f, null);
      else {
        const shown = path.relative(cwd, f) || f;
        const parsed = parseAppleStrings(decodeStringsFile(readFileSync(f), shown), {
          file: shown,
          locale: '',
          perLocale: true,
          dialect: 'frameit',
        });
        for (const w of parsed.warnings ?? [])
          note('import.approximated', w.message, { file: shown, line: w.line, column: w.column });
        const entries = Object.entries(parsed.values).map(([key, value]) => ({
          key,
          value,
          line: parsed.lines?.[key] ?? 0,
        }));
        // File order, as frameit's reader keeps it (a JS object would put numeric keys first).
        tables.set(
          f,
          entries.sort((a, b) => a.line - b.line),
        );
      }
    }
    return tables.get(f)!;
  };
  const stringsFor = (name: string, shot: string): { file: string; entries: Entry[] } | undefined => {
    let dir = path.dirname(shot);
    for (let up = 0; up < 3; up++, dir = path.dirname(dir)) {
      const f = path.join(dir, name);
      const t = read(f);
      if (t) return { file: f, entries: t };
      if (path.relative(root, dir) === '') break;
    }
    return undefined;
  };
  return (kind: 'title' | 'keyword', shot: Shot, c: Obj): FoundText | undefined => {
    const s = stringsFor(`${kind}.strings`, shot.abs);
    const where = matchPath(shot.abs).toLowerCase();
    const hit = s?.entries.find((e) => where.includes(e.key.toLowerCase()));
    if (hit && hit.value !== '')
      return {
        text: hit.value,
        key: hit.key,
        file: s!.file,
        line: hit.line,
        ...(hit.value.trim() === '' ? { blank: true } : {}),
      };
    const block = c[kind];
    const t = isObj(block) && typeof block.text === 'string' ? block.text.replace(/\\n/g, '\n') : undefined;
    return t ? { text: t, ...(t.trim() === '' ? { blank: true } : {}) } : undefined;
  };
}
