// `storeshots lint PATH... [--store appstore|play] [--json]`: lints existing images.
// Exit 0 when no finding is an error, 1 when one is, 2 for a path that does not exist or holds no images.
import type { CliIO } from './io.js';
import { lintPaths } from '../lint/index.js';
import { countFindings, failingCount, findingCommand, formatFinding } from '../outcome.js';

export async function lintCommand(paths: string[], opts: { store?: 'appstore' | 'play'; json?: boolean }, io: CliIO): Promise<number> {
  const { findings, images } = await lintPaths(paths, { cwd: io.cwd, store: opts.store });
  const { errors, warnings } = countFindings(findings);
  if (opts.json) {
    io.stdout(`${JSON.stringify({ findings, summary: { images: images.length, errors, warnings } }, null, 2)}\n`);
  } else {
    for (const f of findings) io.stdout(formatFinding(f));
    io.stdout(`${images.length} image(s): ${errors} error(s), ${warnings} warning(s)\n`);
    if (io.env.GITHUB_ACTIONS === 'true') for (const f of findings) io.stdout(findingCommand(f));
  }
  return failingCount({ errors, warnings }, 'error') > 0 ? 1 : 0;
}
