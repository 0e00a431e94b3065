// mode: collect: runs in the repository_dispatch workflow the render service wakes. It checks the
// dispatch's signature first, then trusts nothing else in the event: the renders, their metadata
// (pull request, layout, the rest of the batch) and the images come from the API with our key.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { verifyDispatch } from '../../util/signature.js';
import {
  clientFor,
  downloadImages,
  recordOf,
  remoteFindingsOf,
  waitForRenders,
  type RemoteRunOptions,
} from '../../remote/run.js';
import type { RemoteRender } from '../../remote/client.js';
import { outputPath } from '../../plan/output-path.js';
import { lintPaths } from '../../lint/index.js';
import { buildReport, writeReport } from '../../report/index.js';
import type { ImageRecord } from '../../report/types.js';
import type { RenderedSet } from '../../publish/set.js';
import type { PullRequestRef } from '../context.js';
import { httpStatus } from '../../github/client.js';
import { RenderError, UserError } from '../../util/errors.js';
import type { ActionEnv } from '../env.js';
import { DISPATCH_EVENT, remoteConfig, type BatchEntry, type RunMetadata } from './remote.js';

export interface CollectResult {
  set: RenderedSet;
  pullRequest?: PullRequestRef;
  /** The run that submitted was a tag push or a release: the release PR may follow. */
  release: boolean;
  /** The submitting run, which the comment is stamped with (a late collect never overwrites a newer run's comment). */
  renderedBy?: { run: number; attempt: number };
}

interface DispatchPayload {
  render_id?: unknown;
  status?: unknown;
  api_url?: unknown;
  signature?: unknown;
}

export interface CollectDeps {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const ID = /^[A-Za-z0-9_-]{1,100}$/;
const SET = /^[A-Za-z0-9-]{2,35}\/[a-z0-9_.@]{3,60}$/;

export async function collectMode(a: ActionEnv, deps: CollectDeps = {}): Promise<CollectResult> {
  const { inputs, ctx, runner } = a;
  if (ctx.eventName !== 'repository_dispatch') {
    throw new UserError(
      `mode: collect runs in a repository_dispatch workflow (on: repository_dispatch: types: [${DISPATCH_EVENT}]); this event is ${ctx.eventName || 'unknown'}`,
    );
  }
  const secret = inputs.remote.webhookSecret;
  if (!secret)
    throw new UserError(
      'mode: collect needs webhook-secret to verify the dispatch (the secret the render service signs with)',
    );
  const payload = (ctx.payload.client_payload ?? {}) as DispatchPayload;
  if (typeof payload.render_id !== 'string' || typeof payload.status !== 'string' || !ID.test(payload.render_id)) {
    throw new UserError(
      'refusing the repository_dispatch: its client_payload has no render_id and status (was it sent by the render service?)',
    );
  }
  if (typeof payload.signature !== 'string' || payload.signature === '') {
    throw new UserError(`refusing the repository_dispatch for ${payload.render_id}: it is not signed`);
  }
  const verdict = verifyDispatch(
    secret,
    { render_id: payload.render_id, status: payload.status, signature: payload.signature },
    { now: deps.now },
  );
  if (!verdict.ok) throw new UserError(`refusing the repository_dispatch for ${payload.render_id}: ${verdict.reason}`);
  runner.info(`Dispatch for render ${payload.render_id} (${payload.status}) verified.`);

  const cfg = remoteConfig(a);
  if (typeof payload.api_url === 'string' && payload.api_url.replace(/\/+$/, '') !== cfg.baseUrl.replace(/\/+$/, '')) {
    runner.warning(`The dispatch names ${payload.api_url} but api-url is ${cfg.baseUrl}: using api-url.`);
  }
  const opts: RemoteRunOptions = {
    ...cfg,
    now: deps.now,
    sleep: deps.sleep,
    onState: (set, status, id) => runner.info(`remote ${set}: ${status} (${id})`),
  };
  const client = clientFor(opts);
  const t0 = performance.now();
  const first = await client.getRender(payload.render_id);
  const meta = (first.metadata ?? {}) as Partial<RunMetadata>;
  if (meta.storeshots !== 1)
    throw new RenderError(
      `render ${first.id} was not submitted by storeshots' remote mode (its metadata has no storeshots marker)`,
    );
  checkRepository(first, `${ctx.owner}/${ctx.repo}`);
  const batch: BatchEntry[] = [
    ...(Array.isArray(meta.batch)
      ? meta.batch.filter(
          (b): b is BatchEntry => !!b && typeof b.id === 'string' && ID.test(b.id) && typeof b.set === 'string',
        )
      : []),
    { set: String((first.metadata as { set?: unknown })?.set ?? first.id), id: first.id },
  ];
  const finished = await waitForRenders(batch, opts, client);
  const layout = meta.layout === 'fastlane' ? 'fastlane' : 'flat';
  const outDir = path.resolve(ctx.workspace, inputs.outputDir ?? 'storeshots-out');
  mkdirSync(outDir, { recursive: true });
  const records: ImageRecord[] = [];
  // The set each render says it is (its own metadata, not the batch's label), for the report too.
  const setOf = new Map<string, string>();
  for (const b of batch) {
    const render = finished.get(b.id)!;
    // Every render of the batch, not only the one the dispatch names, was submitted from this repository.
    checkRepository(render, `${ctx.owner}/${ctx.repo}`);
    const set = String((render.metadata as { set?: unknown })?.set ?? b.set);
    if (!SET.test(set)) throw new RenderError(`render ${render.id} names an unexpected set ${JSON.stringify(set)}`);
    setOf.set(render.id, set);
    const [locale, preset] = set.split('/') as [string, string];
    const got = await downloadImages(
      render,
      outDir,
      (img) => {
        const rel = outputPath(layout, {
          locale,
          preset,
          slide: img.slide,
          index: img.index,
          ext: img.format === 'jpeg' ? 'jpg' : 'png',
        });
        if (!rel || !/^[a-z0-9][a-z0-9_-]{0,39}$/.test(img.slide))
          throw new RenderError(
            `render ${render.id} has an image for slide ${JSON.stringify(img.slide)} that has no place in the ${layout} layout`,
          );
        return { img, path: rel, locale, preset };
      },
      client,
    );
    records.push(...got.map((g) => recordOf(g.placed, g.bytes)));
  }
  const tRender = performance.now() - t0;
  // Our lint reads the downloaded bytes; the service's own findings are shown beside, never alone.
  const lint = await lintPaths([outDir], { cwd: outDir });
  const report = buildReport(records, lint.findings);
  report.remote = {
    url: cfg.baseUrl,
    renders: batch.map((b) => ({ set: setOf.get(b.id)!, id: b.id, status: finished.get(b.id)!.status })),
    findings: remoteFindingsOf(finished.values() as Iterable<RemoteRender>),
  };
  const reportFile = writeReport(outDir, report);
  const set: RenderedSet = {
    outDir,
    report,
    reportFile,
    timings: [
      ['wait and download', tRender],
      ['lint', performance.now() - t0 - tRender],
    ],
    partial: false,
  };
  const submitted = Number(meta.run_id);
  return {
    set,
    pullRequest: await trustedPullRequest(a, meta),
    release: meta.release === true,
    renderedBy: Number.isSafeInteger(submitted) && submitted > 0 ? { run: submitted, attempt: 1 } : undefined,
  };
}

/** A render whose metadata names no repository, or another one, is not this repository's to publish. */
function checkRepository(render: RemoteRender, here: string): void {
  const named = ((render.metadata ?? {}) as Partial<RunMetadata>).repository;
  // GitHub owner and repository names are case-insensitive.
  if (typeof named !== 'string' || named.toLowerCase() !== here.toLowerCase()) {
    throw new UserError(
      `render ${render.id} belongs to ${typeof named === 'string' ? named : 'no repository'}, not ${here}`,
    );
  }
}

/** The pull request named by the render's metadata, if it exists and still points at the rendered commit. */
async function trustedPullRequest(a: ActionEnv, meta: Partial<RunMetadata>): Promise<PullRequestRef | undefined> {
  const { ctx, gh, runner } = a;
  const n = meta.pr?.number;
  if (!n || !Number.isInteger(n) || n < 1) return undefined;
  if (!gh) {
    runner.warning('No github-token: no preview comment.');
    return undefined;
  }
  try {
    const { data: pr } = await gh.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: n });
    if (meta.pr?.head_sha && pr.head.sha !== meta.pr.head_sha) {
      runner.notice(
        `Pull request #${n} has moved on to ${pr.head.sha.slice(0, 7)} since ${meta.pr.head_sha.slice(0, 7)} was rendered: commenting anyway, marked with the rendered commit.`,
      );
    }
    return {
      number: pr.number,
      headSha: meta.pr?.head_sha ?? pr.head.sha,
      headRepo: pr.head.repo?.full_name,
      baseRef: pr.base.ref,
      baseSha: pr.base.sha,
    };
  } catch (e) {
    if (httpStatus(e) !== 404) throw e;
    runner.notice(`Pull request #${n} does not exist in ${ctx.owner}/${ctx.repo}: no comment.`);
    return undefined;
  }
}
