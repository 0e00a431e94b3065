// mode: merge in the Action: finds this run's shard artifacts by name, refuses a missing shard or
// mixed splits, and merges what it downloads into the set one runner would have made. The
// artifact service is a fake that serves the shards' real output folders.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactClient } from '@actions/artifact';
import { mergeMode, shardArtifactName, shardArtifacts } from '../src/action/merge.js';
import { readContext } from '../src/action/context.js';
import { parseInputs } from '../src/action/inputs.js';
import type { ActionEnv, Runner } from '../src/action/env.js';
import { runPipeline } from '../src/pipeline.js';
import type { Report } from '../src/report/types.js';
import { privateWorker, smallProject, type SmallProject } from './helpers/small-project.js';

const a = (name: string, id: number) => ({ name, id });

describe('shard artifacts of a run', () => {
  it('are the <name>-<i>-of-<n> artifacts, in shard order', () => {
    const got = shardArtifacts('storeshots', [
      a('storeshots-2-of-3', 12),
      a('other', 1),
      a('storeshots-1-of-3', 11),
      a('storeshots-3-of-3', 13),
      a('storeshots', 9),
    ]);
    expect(got.map((s) => [s.index, s.id])).toEqual([
      [1, 11],
      [2, 12],
      [3, 13],
    ]);
  });

  it('are named <name>-<i>-of-<n> by the shard jobs, for the default name and a given one alike', () => {
    expect(shardArtifactName('storeshots', '2/3')).toBe('storeshots-2-of-3');
    expect(shardArtifactName('ios-shots', '1/2')).toBe('ios-shots-1-of-2');
    expect(shardArtifactName('ios-shots-1-of-2', '1/2')).toBe('ios-shots-1-of-2');
    const names = ['1/2', '2/2'].map((s, k) => a(shardArtifactName('ios-shots', s), k + 1));
    expect(shardArtifacts('ios-shots', names).map((s) => s.name)).toEqual(['ios-shots-1-of-2', 'ios-shots-2-of-2']);
  });

  it('must all be there, from one split', () => {
    expect(() => shardArtifacts('storeshots', [a('storeshots-1-of-3', 1), a('storeshots-3-of-3', 3)])).toThrow(
      'missing shard 2/3 (artifact storeshots-2-of-3)',
    );
    expect(() => shardArtifacts('storeshots', [a('storeshots-1-of-2', 1), a('storeshots-1-of-3', 3)])).toThrow(
      'shards of different splits',
    );
    expect(() => shardArtifacts('shots', [a('storeshots-1-of-1', 1)])).toThrow(
      'no shard artifacts named "shots-<i>-of-<n>"',
    );
  });
});

describe('mode: merge', () => {
  let p: SmallProject;
  let single: Report;
  const shardDirs: Record<string, string> = {};

  beforeAll(async () => {
    p = smallProject();
    const workerFile = privateWorker();
    const one = await runPipeline({ cwd: p.dir, noCache: true, workerFile, outDir: path.join(p.dir, 'single') });
    single = JSON.parse(readFileSync(one.reportFile, 'utf8')) as Report;
    for (const i of [1, 2]) {
      const r = await runPipeline({
        cwd: p.dir,
        noCache: true,
        workerFile,
        shard: `${i}/2`,
        outDir: path.join(p.dir, `s${i}`),
      });
      shardDirs[`storeshots-${i}-of-2`] = r.plan.outDir;
    }
  }, 180_000);

  it('downloads every shard and returns the merged set, linted as a whole', async () => {
    const ids = Object.keys(shardDirs);
    // The toolkit's ArtifactClient; merge mode only lists and downloads.
    const unused = async (): Promise<never> => {
      throw new Error('merge mode only lists and downloads artifacts');
    };
    const client: ArtifactClient = {
      listArtifacts: async () => ({ artifacts: ids.map((name, k) => ({ name, id: k + 1, size: 0 })) }),
      downloadArtifact: async (id, o) => {
        cpSync(shardDirs[ids[id - 1]!]!, o!.path!, { recursive: true });
        return { downloadPath: o!.path };
      },
      uploadArtifact: unused,
      getArtifact: unused,
      deleteArtifact: unused,
    };
    const infos: string[] = [];
    const runner: Runner = {
      info: (m) => infos.push(m),
      notice: () => {},
      warning: () => {},
      error: () => {},
      setOutput: () => {},
      summary: async () => {},
      fail: () => {},
      group: (_name, fn) => fn(),
    };
    const inputs = parseInputs((n) => ({ mode: 'merge', 'output-dir': 'merged' })[n] ?? '');
    const ctx = readContext({
      GITHUB_WORKSPACE: p.dir,
      RUNNER_TEMP: mkdtempSync(path.join(tmpdir(), 'storeshots-runner-')),
      GITHUB_REPOSITORY: 'o/r',
    });
    const env: ActionEnv = { inputs, ctx, runner, artifacts: client };
    const set = await mergeMode(env);
    expect(infos[0]).toBe('Downloaded 2 shard artifacts: storeshots-1-of-2, storeshots-2-of-2');
    expect(set.outDir).toBe(path.join(p.dir, 'merged'));
    expect(set.partial).toBe(false);
    expect(set.report).toEqual(single);
  });

  it("annotates the manifest's warnings on their line, as local mode does", async () => {
    // A locale-style for no locale of the project: a warning with a position, and no effect on the images.
    p.write((y) => `${y}locale-style:\n  fr: { headline: { color: "#fde68a" } }\n`);
    try {
      const ids = Object.keys(shardDirs);
      const unused = async (): Promise<never> => {
        throw new Error('merge mode only lists and downloads artifacts');
      };
      const client: ArtifactClient = {
        listArtifacts: async () => ({ artifacts: ids.map((name, k) => ({ name, id: k + 1, size: 0 })) }),
        downloadArtifact: async (id, o) => {
          cpSync(shardDirs[ids[id - 1]!]!, o!.path!, { recursive: true });
          return { downloadPath: o!.path };
        },
        uploadArtifact: unused,
        getArtifact: unused,
        deleteArtifact: unused,
      };
      const warnings: Array<{ message: string; props?: object }> = [];
      const runner: Runner = {
        info: () => {},
        notice: () => {},
        warning: (message, props) => warnings.push({ message, props }),
        error: () => {},
        setOutput: () => {},
        summary: async () => {},
        fail: () => {},
        group: (_name, fn) => fn(),
      };
      const inputs = parseInputs((n) => ({ mode: 'merge', 'output-dir': 'merged-warned' })[n] ?? '');
      const ctx = readContext({
        GITHUB_WORKSPACE: p.dir,
        RUNNER_TEMP: mkdtempSync(path.join(tmpdir(), 'storeshots-runner-')),
        GITHUB_REPOSITORY: 'o/r',
      });
      await mergeMode({ inputs, ctx, runner, artifacts: client });
      const stray = warnings.filter((w) => w.message.includes('locale-style "fr" applies to no locale'));
      expect(stray).toHaveLength(1);
      const line = readFileSync(p.manifest, 'utf8').split('\n').indexOf('  fr: { headline: { color: "#fde68a" } }') + 1;
      expect(stray[0]!.props).toEqual({ file: 'screenshots.yml', startLine: line, startColumn: 7 });
    } finally {
      p.write();
    }
  });
});
