// The workflow artifact: the rendered set, report.json, report.html and the run file, through
// the @actions/artifact client the caller passes (the real one reads ACTIONS_RUNTIME_TOKEN and
// ACTIONS_RESULTS_URL).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as toolkit from '@actions/artifact';
import type { ArtifactClient } from '@actions/artifact';
import type { Report } from '../report/types.js';
import { UserError, errorMessage } from '../util/errors.js';
import { RUN_FILE, type ArtifactRef, type RunFile } from './set.js';
import { joinInside } from '../util/paths.js';
import { readReport } from '../report/read.js';

// The toolkit's typed errors. GitHub's local-action runs the Action with a stand-in
// @actions/artifact that exports the client only (no error classes): there these are false.
type ErrorClass = abstract new (...args: never[]) => Error;
const isA = (e: unknown, cls: ErrorClass | undefined): boolean => cls !== undefined && e instanceof cls;
/** GitHub Enterprise Server has no v4 artifact service (the toolkit's GHESNotSupportedError). */
export const isGhesNotSupported = (e: unknown): boolean =>
  isA(e, toolkit.GHESNotSupportedError as ErrorClass | undefined);
/** The run has no artifact of that name (the toolkit's ArtifactNotFoundError). */
export const isArtifactNotFound = (e: unknown): boolean =>
  isA(e, toolkit.ArtifactNotFoundError as ErrorClass | undefined);

export interface UploadOptions {
  name: string;
  outDir: string;
  report: Report;
  reportFile: string;
  runFile: RunFile;
  retentionDays?: number;
  /** Folders inside outDir uploaded whole as well (the comparison with the base, storeshots-diff/). */
  extraDirs?: string[];
  /** Delete this run's artifact of the same name first (actions/upload-artifact's overwrite). */
  overwrite?: boolean;
  /** For the artifact's URL. */
  serverUrl: string;
  repository: string;
  runId: string;
}

/** Uploads the set; `replaced` is the id of the artifact of the same name it deleted first (overwrite). */
export async function uploadSet(
  client: ArtifactClient,
  o: UploadOptions,
): Promise<ArtifactRef & { files: number; replaced?: number }> {
  writeFileSync(path.join(o.outDir, RUN_FILE), `${JSON.stringify(o.runFile, null, 2)}\n`);
  const files = [
    ...o.report.images.map((i) => joinInside(o.outDir, i.path)).filter((f): f is string => !!f && existsSync(f)),
    o.reportFile,
    path.join(o.outDir, 'report.html'),
    path.join(o.outDir, RUN_FILE),
    ...(o.extraDirs ?? []).flatMap((d) =>
      existsSync(d)
        ? readdirSync(d, { recursive: true, withFileTypes: true })
            .filter((e) => e.isFile())
            .map((e) => path.join(e.parentPath, e.name))
        : [],
    ),
  ].filter((f) => existsSync(f));
  // PNG and JPEG are already compressed: zipping them again costs time and saves nothing.
  const upload = () =>
    client.uploadArtifact(o.name, files, o.outDir, { retentionDays: o.retentionDays, compressionLevel: 0 });
  const exists = (e: unknown) => /\(409\)/.test(errorMessage(e));
  let replaced: number | undefined;
  let res: { id?: number };
  try {
    res = await upload();
  } catch (e) {
    if (!exists(e)) throw e;
    // A re-run of the job uploads under the same name again, which the service refuses (409). As
    // actions/upload-artifact's overwrite does, delete the old one (the runtime token may) and upload.
    if (!o.overwrite) {
      throw new UserError(
        `An artifact named "${o.name}" already exists in this workflow run (a re-run of the job, or two jobs with one artifact-name): set overwrite: true to replace it, or give each job its own artifact-name`,
      );
    }
    replaced = (await client.deleteArtifact(o.name)).id;
    res = await upload();
  }
  const url =
    res.id !== undefined && o.runId
      ? `${o.serverUrl}/${o.repository}/actions/runs/${o.runId}/artifacts/${res.id}`
      : undefined;
  return { name: o.name, id: res.id, url, files: files.length, replaced };
}

export interface DownloadOptions {
  name: string;
  token: string;
  owner: string;
  repo: string;
  runId: number;
  dir: string;
  serverUrl: string;
}

/** Downloads the artifact another run uploaded (workflow_run); returns where it was unpacked. */
export async function downloadSet(
  client: ArtifactClient,
  o: DownloadOptions,
): Promise<{ dir: string; artifact: ArtifactRef; report: Report; runFile?: RunFile }> {
  const findBy = { token: o.token, workflowRunId: o.runId, repositoryOwner: o.owner, repositoryName: o.repo };
  const { artifact } = await client.getArtifact(o.name, { findBy });
  mkdirSync(o.dir, { recursive: true });
  await client.downloadArtifact(artifact.id, { path: o.dir, findBy });
  const report = readReport(o.dir, {
    missing: `The artifact "${o.name}" of run ${o.runId} has no report.json: was it uploaded by storeshots?`,
  });
  const runPath = path.join(o.dir, RUN_FILE);
  const runFile = existsSync(runPath) ? (JSON.parse(readFileSync(runPath, 'utf8')) as RunFile) : undefined;
  return {
    dir: o.dir,
    artifact: {
      name: o.name,
      id: artifact.id,
      url: `${o.serverUrl}/${o.owner}/${o.repo}/actions/runs/${o.runId}/artifacts/${artifact.id}`,
    },
    report,
    runFile,
  };
}
