// Uploads a hand-made set as the artifact of workflow run `runId`, with the real client, the
// way a pull_request run of the Action does (for the workflow_run tests).
import { DefaultArtifactClient } from '@actions/artifact';
import { uploadSet } from '../../src/publish/artifact.js';
import type { RunFile } from '../../src/publish/set.js';
import { FakeArtifacts } from './artifacts.js';
import { makeSet } from './sets.js';

export async function uploadFixture(
  arts: FakeArtifacts,
  runId: number,
  run: Partial<RunFile>,
  name = 'storeshots',
): Promise<number> {
  const backend = `run-${runId}`;
  arts.runs.set(backend, runId);
  const saved = {
    token: process.env.ACTIONS_RUNTIME_TOKEN,
    url: process.env.ACTIONS_RESULTS_URL,
    server: process.env.GITHUB_SERVER_URL,
  };
  process.env.ACTIONS_RUNTIME_TOKEN = FakeArtifacts.token(backend, `job-${runId}`);
  process.env.ACTIONS_RESULTS_URL = `${arts.url}/`;
  delete process.env.GITHUB_SERVER_URL;
  try {
    const set = await makeSet({
      locales: ['en-US', 'de-DE'],
      presets: ['appstore.iphone_6_9'],
      slides: ['home', 'stats'],
    });
    const res = await uploadSet(new DefaultArtifactClient(), {
      name,
      outDir: set.outDir,
      report: set.report,
      reportFile: set.reportFile,
      runFile: { version: 1, sha: 'b'.repeat(40), partial: false, ...run },
      serverUrl: 'https://github.com',
      repository: 'acme/habitual',
      runId: String(runId),
    });
    return res.id!;
  } finally {
    for (const [k, v] of [
      ['ACTIONS_RUNTIME_TOKEN', saved.token],
      ['ACTIONS_RESULTS_URL', saved.url],
      ['GITHUB_SERVER_URL', saved.server],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
