#!/usr/bin/env node
// storeshots CLI: the bundled entry in dist/ (rebuilt by `npm run build`).
import '../dist/cli.js';
