// The base set of a pull request: the artifact the latest successful run of the same workflow
// on the pull request's base branch uploaded, downloaded across runs with the token. Read-only,
// bounded (one page of at most `maxRuns` runs) and never throws for what GitHub answers: every
// way of finding nothing is a reason the summary can show.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArtifactClient } from '@actions/artifact';
import { httpStatus, type GitHub } from '../github/client.js';
import { readReport } from '../report/read.js';
import type { Report } from '../report/types.js';
import { errorMessage } from '../util/errors.js';
import { RUN_FILE, type RunFile } from './set.js';

export interface FindBaseOptions {
  gh: GitHub;
  artifacts: ArtifactClient;
  /** The same token `gh` uses: the toolkit's cross-run download takes it again. */
  token: string;
  owner: string;
  repo: string;
  /** This workflow run (GITHUB_RUN_ID): its workflow is the one searched, and it is never its own base. */
  runId: number;
  /** The pull request's base branch. */
  baseRef: string;
  /** The artifact name the Action uploads (input artifact-name). */
  artifactName: string;
  /** Where to unpack the base set: created; give a folder of its own. */
  dir: string;
  /** How many of the newest successful runs to look at, one page (default 20, at most 100). */
  maxRuns?: number;
}

export interface BaseSet {
  found: true;
  runId: number;
  runUrl: string;
  /** The commit the base run built. */
  headSha: string;
  artifactId: number;
  dir: string;
  report: Report;
  /** The base run rendered only part of its manifest (filters or a shard). */
  partial: boolean;
  /** Newer runs passed over, and why. */
  skipped: string[];
}

export type NoBaseReason = 'no-run' | 'no-artifact' | 'expired' | 'permission' | 'unavailable';

export interface NoBase {
  found: false;
  reason: NoBaseReason;
  /** One sentence for the log and the summary. */
  message: string;
  skipped: string[];
}

export const DEFAULT_MAX_RUNS = 20;

/** 401/403/404 from the Actions API: what the token lacks, in words. */
function refusal(e: unknown, what: string): NoBase | undefined {
  const s = httpStatus(e);
  if (s === 401)
    return {
      found: false,
      reason: 'permission',
      message: `Could not ${what} (HTTP 401: GitHub refused the token as bad or expired credentials). Check github-token.`,
      skipped: [],
    };
  if (s === 403 || s === 404)
    return {
      found: false,
      reason: 'permission',
      message: `Could not ${what} (HTTP ${s}): the token needs \`actions: read\` to read other workflow runs and their artifacts. Add it to the job's \`permissions:\`.`,
      skipped: [],
    };
  return undefined;
}

const unavailable = (what: string, e: unknown, skipped: string[] = []): NoBase => ({
  found: false,
  reason: 'unavailable',
  message: `Could not ${what}: ${errorMessage(e).split('\n')[0]}`,
  skipped,
});

const short = (sha: string) => sha.slice(0, 7);

/** Finds and downloads the base set, or says why there is none. Throws only for a programming error. */
export async function findBaseSet(o: FindBaseOptions): Promise<BaseSet | NoBase> {
  const { gh, owner, repo } = o;
  const max = Math.max(1, Math.min(100, Math.floor(o.maxRuns ?? DEFAULT_MAX_RUNS)));
  const full = `${owner}/${repo}`;
  let workflowId: number;
  try {
    const { data } = await gh.rest.actions.getWorkflowRun({
      owner,
      repo,
      run_id: o.runId,
      exclude_pull_requests: true,
    });
    workflowId = data.workflow_id;
  } catch (e) {
    return refusal(e, `read this workflow run (${o.runId})`) ?? unavailable(`read this workflow run (${o.runId})`, e);
  }
  let runs;
  const listing = `list the successful runs of this workflow on ${o.baseRef}`;
  try {
    ({
      data: { workflow_runs: runs },
    } = await gh.rest.actions.listWorkflowRuns({
      owner,
      repo,
      workflow_id: workflowId,
      branch: o.baseRef,
      status: 'success',
      per_page: max,
      exclude_pull_requests: true,
    }));
  } catch (e) {
    return refusal(e, listing) ?? unavailable(listing, e);
  }
  const skipped: string[] = [];
  let expired = 0;
  let withoutArtifact = 0;
  let candidates = 0;
  // Newest first, as GitHub lists them.
  for (const run of runs.slice(0, max)) {
    if (run.id === o.runId) continue;
    // The API's filters, checked again: a run that is not this branch's own success is no base.
    if (run.head_branch !== o.baseRef || run.conclusion !== 'success') continue;
    // A fork's branch of the same name, or a pull request's merge preview, is not the base branch.
    if (run.head_repository?.full_name !== full || run.event.startsWith('pull_request')) {
      skipped.push(`run ${run.id}: ${run.event} from ${run.head_repository?.full_name ?? 'a deleted repository'}`);
      continue;
    }
    candidates++;
    let arts;
    try {
      ({
        data: { artifacts: arts },
      } = await gh.rest.actions.listWorkflowRunArtifacts({
        owner,
        repo,
        run_id: run.id,
        name: o.artifactName,
        per_page: 100,
      }));
    } catch (e) {
      const what = `list the artifacts of run ${run.id}`;
      return { ...(refusal(e, what) ?? unavailable(what, e)), skipped };
    }
    const named = arts.filter((a) => a.name === o.artifactName).sort((a, b) => b.id - a.id);
    const live = named.find((a) => !a.expired);
    if (!live) {
      if (named.length) {
        expired++;
        skipped.push(`run ${run.id}: its artifact "${o.artifactName}" has expired`);
      } else {
        withoutArtifact++;
        skipped.push(`run ${run.id}: no artifact named "${o.artifactName}"`);
      }
      continue;
    }
    const what = `download the artifact "${o.artifactName}" (${live.id}) of run ${run.id}`;
    try {
      mkdirSync(o.dir, { recursive: true });
      const res = await o.artifacts.downloadArtifact(live.id, {
        path: o.dir,
        expectedHash: live.digest ?? undefined,
        findBy: { token: o.token, workflowRunId: run.id, repositoryOwner: owner, repositoryName: repo },
      });
      if (res.digestMismatch)
        return unavailable(what, new Error(`its bytes do not match the digest GitHub lists (${live.digest})`), skipped);
    } catch (e) {
      if (httpStatus(e) === 410) {
        expired++;
        skipped.push(`run ${run.id}: its artifact "${o.artifactName}" has expired`);
        continue;
      }
      return { ...(refusal(e, what) ?? unavailable(what, e)), skipped };
    }
    let report: Report;
    try {
      report = readReport(o.dir, { missing: `it holds no report.json (was it uploaded by storeshots?)` });
    } catch (e) {
      return unavailable(`use the artifact "${o.artifactName}" of run ${run.id}`, e, skipped);
    }
    const runFile = path.join(o.dir, RUN_FILE);
    let partial = false;
    try {
      if (existsSync(runFile)) partial = (JSON.parse(readFileSync(runFile, 'utf8')) as RunFile).partial === true;
    } catch {
      // An unreadable run file only loses the partial flag.
    }
    return {
      found: true,
      runId: run.id,
      runUrl: run.html_url,
      headSha: run.head_sha,
      artifactId: live.id,
      dir: o.dir,
      report,
      partial,
      skipped,
    };
  }
  const where = `this workflow on ${o.baseRef}`;
  if (candidates === 0)
    return {
      found: false,
      reason: 'no-run',
      message: `No successful run of ${where} yet: no base set to compare with.${skipped.length ? ` Passed over: ${skipped.join('; ')}.` : ''}`,
      skipped,
    };
  if (expired > 0 && withoutArtifact === 0)
    return {
      found: false,
      reason: 'expired',
      message: `The artifact "${o.artifactName}" of every successful run of ${where} has expired (looked at ${candidates}): run the workflow on ${o.baseRef} again, or raise retention-days.`,
      skipped,
    };
  return {
    found: false,
    reason: expired > 0 ? 'expired' : 'no-artifact',
    message: `No successful run of ${where} left a live artifact named "${o.artifactName}" (looked at ${candidates}${expired ? `, ${expired} expired` : ''}).`,
    skipped,
  };
}

/** The summary's line about the base: which run and commit, or why there is none. */
export function describeBase(b: BaseSet | NoBase, baseRef: string): string {
  if (!b.found) return `No base set: ${b.message}`;
  return `Compared with run [${b.runId}](${b.runUrl}) on ${baseRef} at \`${short(b.headSha)}\`${b.partial ? ' (a partial render)' : ''}.`;
}
