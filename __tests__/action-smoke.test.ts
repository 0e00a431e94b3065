// The shipped action from exactly the tree a release tag holds (scripts/release-tree.mjs: action.yml,
// dist/, templates/, fonts/, schema/, README.md, LICENSE, package.json), no node_modules. The action installs the
// pinned sharp and @napi-rs/canvas from the npm registry into the runner's tool cache on first
// use (cached across runs of this test in the temp folder), then renders the example.
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeGitHub } from './fakes/github.js';
import { FakeArtifacts } from './fakes/artifacts.js';
import { RELEASE_FILES, ROOT, runAction, shippedAction } from './fakes/run-action.js';

let gh: FakeGitHub;
let arts: FakeArtifacts;
beforeAll(async () => {
  gh = await new FakeGitHub().start();
  arts = await new FakeArtifacts().start();
  gh.artifacts = arts;
});
afterAll(async () => {
  await gh.stop();
  await arts.stop();
});

it('runs from an empty folder under Node 24 and renders the example', async () => {
  const actionDir = shippedAction({ linkModules: false });
  expect(existsSync(path.join(actionDir, 'node_modules'))).toBe(false);
  expect(readdirSync(actionDir).sort()).toEqual([...RELEASE_FILES].sort());
  // No sources, tests or examples ride along; dist/ holds only what the Action loads (no CLI, no server).
  expect(existsSync(path.join(actionDir, 'dist', 'action.js'))).toBe(true);
  expect(existsSync(path.join(actionDir, 'dist', 'render', 'worker.js'))).toBe(true);
  expect(existsSync(path.join(actionDir, 'dist', 'cli.js'))).toBe(false);
  expect(existsSync(path.join(actionDir, 'dist', 'server'))).toBe(false);
  const ws = mkdtempSync(path.join(tmpdir(), 'storeshots-smoke-ws-'));
  cpSync(path.join(ROOT, 'examples/habitual'), ws, {
    recursive: true,
    filter: (src) => !src.includes('storeshots-out'),
  });
  // One tool cache for every run of this test: the first installs from the registry, later ones reuse it.
  const toolCache = path.join(tmpdir(), 'storeshots-smoke-tool-cache');

  const r = await runAction({
    actionDir,
    workspace: ws,
    inputs: { manifest: 'screenshots.yml', 'github-token': 'ghs_write', 'fail-on': 'never' },
    event: {
      name: 'push',
      payload: { ref: 'refs/heads/main', repository: { full_name: gh.full, default_branch: 'main', private: false } },
    },
    github: gh,
    artifacts: arts,
    env: { RUNNER_TOOL_CACHE: toolCache },
  });
  expect(r.stdout).toMatch(/Native packages (installed|from the tool cache): .*storeshots-natives/);
  expect(r.code).toBe(0);
  // piscina travels with the natives: the render used the worker pool, not one thread.
  expect(r.stdout).not.toMatch(/rendering in one thread/);
  expect(process.versions.node.split('.')[0]).toBe('24');
  const link = path.join(actionDir, 'node_modules');
  expect(lstatSync(link).isSymbolicLink()).toBe(true);
  expect(realpathSync(link).startsWith(realpathSync(toolCache))).toBe(true);
  const pinned = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')).packages['node_modules/sharp']
    .version;
  expect(JSON.parse(readFileSync(path.join(link, 'sharp', 'package.json'), 'utf8')).version).toBe(pinned);

  expect(r.outputs.images).toBe('48');
  const report = JSON.parse(readFileSync(path.join(ws, 'storeshots-out', 'report.json'), 'utf8'));
  expect(report.images).toHaveLength(48);
  expect(existsSync(path.join(ws, 'storeshots-out', 'ar', 'play.phone', '01-home.png'))).toBe(true);
  expect(r.summary).toContain('## storeshots: 48 images');
  expect(gh.violations).toEqual([]);
}, 600_000);
