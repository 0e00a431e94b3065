// Which browser captures web pages: the one configured (--browser PATH, else $STORESHOTS_BROWSER), else
// the first of `chromium` and `chromium-browser` on PATH (Debian's and Ubuntu's names). Nothing is
// downloaded: a machine without a Chromium has no web capture, and says so.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

export const BROWSER_NAMES = ['chromium', 'chromium-browser'];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The browser to launch, or undefined when none is configured or found. A configured path that is
 * not an executable file is reported by `problem` (so a typo is not silently replaced by PATH's). */
export function findBrowser(
  configured: string | undefined,
  env: NodeJS.ProcessEnv,
): { path?: string; problem?: string } {
  const given = configured ?? (env.STORESHOTS_BROWSER?.trim() || undefined);
  if (given) return executable(given) ? { path: given } : { problem: `${given} is not an executable file` };
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of BROWSER_NAMES) {
      const file = path.join(dir, name);
      if (executable(file)) return { path: file };
    }
  }
  return {};
}
