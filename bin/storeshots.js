#!/usr/bin/env node
// storeshots CLI: the bundled entry in dist/ (rebuilt by `npm run build`).
// The product targets GitHub's node24 runtime; say so plainly instead of failing deep inside.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `storeshots needs Node.js 24 or newer; this is Node.js ${process.versions.node}.\n` +
      'Install Node 24, or, in a clone of the storeshots repository, run it through npx or npm scripts (npm ci installs a Node 24 for them).\n',
  );
  process.exit(2);
}
await import('../dist/cli.js');
