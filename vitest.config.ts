import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// GitHub's workflow parser imports its schema JSON without an import attribute, which Node's
// loader refuses: vite loads those packages instead (inline below). Their published source maps
// point at sources they do not ship; loading the files without the map comment keeps vite quiet.
const GITHUB_PARSERS = /node_modules\/@actions\/(workflow-parser|languageservice|expressions)\/.*\.js$/;

export default defineConfig({
  plugins: [
    {
      name: 'github-parsers-without-maps',
      load: (id) =>
        GITHUB_PARSERS.test(id)
          ? readFileSync(id.replace(/\?.*$/, ''), 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '')
          : null,
    },
  ],
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    setupFiles: ['__tests__/setup/node24.ts'],
    server: { deps: { inline: [/@actions\/(workflow-parser|languageservice|expressions)/] } },
  },
});
