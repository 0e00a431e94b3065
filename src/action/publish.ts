// The steps every mode ends in: annotations -> artifact -> PR comment -> release PR -> job
// summary -> outputs. A read-only token (a fork, or missing `permissions:`) never fails the
// step: what could not be written becomes a notice and the rest goes on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { explainRefusal } from '../github/client.js';
import { oneLineMessage } from '../util/errors.js';
import {
  commentMarker,
  findStickyComment,
  isNewer,
  upsertStickyComment,
  type StickyComment,
} from '../github/comment.js';
import { publishPreviews, type PublishedPreview } from '../github/previews.js';
import { PullRequestsNotAllowedError, syncReleasePr, type ReleasePrResult } from '../github/release-pr.js';
import { outputPath } from '../plan/output-path.js';
import { getPreset } from '../store/presets.js';
import { isGhesNotSupported, uploadSet } from '../publish/artifact.js';
import { COMMENT_SHEET, contactSheets } from '../publish/contact-sheet.js';
import { commentBody, jobSummary, presetLabel, releaseChangesSection, releasePrBody } from '../publish/markdown.js';
import type { ImageRecord } from '../report/types.js';
import type { ArtifactRef, RenderedSet } from '../publish/set.js';
import { joinInside } from '../util/paths.js';
import type { PullRequestRef } from './context.js';
import type { ActionEnv } from './env.js';
import { rulesDocBase } from './links.js';
import { findingAnnotations } from './annotations.js';
import { shardArtifactName } from './merge.js';
import { DIFF_DIR, compareWithBase, type BaseComparison, type RenderBase } from './base.js';
import { diffPictures, hasChanges } from '../diff/index.js';
import type { ChangesView } from '../publish/markdown.js';

export const FORK_NOTICE =
  'This pull request comes from a fork: its token is read-only, so storeshots uploaded the artifact but posts no comment. ' +
  'To comment on fork pull requests, add the workflow_run workflow with `mode: comment` (docs/action.md#forks).';

export interface PublishResult {
  artifact?: ArtifactRef;
  /** What changed against the pull request's base (pull requests only). */
  comparison?: BaseComparison;
  comment?: { id: number; url: string; operation: string };
  release?: ReleasePrResult;
  notes: string[];
}

export interface PublishOptions {
  /** The pull request to comment on (the event's, or the one comment mode verified). */
  pullRequest?: PullRequestRef;
  /** False in comment mode: the set already lives in an artifact. */
  upload: boolean;
  /** False in comment mode: a fork's set must never reach a branch. */
  allowRelease: boolean;
  /** Whether the run that rendered was a tag push or release (collect mode learns it from the render's metadata). */
  releaseEvent?: boolean;
  /** The run that rendered the set (comment and collect mode: not this run); default this run. */
  renderedBy?: { run: number; attempt: number };
  /** Renders the base commit on this runner (local mode): diff-base: render, and the fallback without a base artifact. */
  renderBase?: RenderBase;
}

/** Changed, added and removed images shown with a picture in the comment; the rest are listed by name. */
export const MAX_PICTURES = 10;
/** Row height of the comment's before | after | diff strips. */
const PICTURE_HEIGHT = 400;

function artifactName(a: ActionEnv): string {
  const { inputs } = a;
  return inputs.shard ? shardArtifactName(inputs.artifactName, inputs.shard) : inputs.artifactName;
}

export async function publish(a: ActionEnv, set: RenderedSet, o: PublishOptions): Promise<PublishResult> {
  const { inputs, ctx, gh, runner } = a;
  const notes: string[] = [];
  const result: PublishResult = { notes, artifact: set.artifact };
  const timings = [...set.timings];
  // Each step is one collapsible group of the log, and one line of the summary's timings.
  const step = async <T>(stage: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await runner.group(stage, fn);
    } finally {
      timings.push([stage, performance.now() - t]);
    }
  };

  const { cached, images, rendered } = set.report.summary;
  if (cached > 0)
    notes.push(`${cached} of ${images} images were unchanged and copied from the render cache; ${rendered} rendered.`);

  let changes: ChangesView | undefined;
  try {
    if (o.pullRequest) {
      const pr = o.pullRequest;
      const c = await step('compare with base', () =>
        compareWithBase(a, set, pr, {
          runId: o.renderedBy?.run ?? (Number(ctx.runId) || 0),
          renderBase: o.renderBase,
        }),
      );
      result.comparison = c;
      runner.info(c.base);
      if (c.diff)
        runner.info(
          `Against the base: ${c.diff.changed.length} changed, ${c.diff.added.length} added, ${c.diff.removed.length} removed, ${c.diff.unchanged} unchanged.`,
        );
      changes = { base: c.base, diff: c.diff, diffHtml: `${DIFF_DIR}/diff.html` };
    }

    for (const an of findingAnnotations(
      set.report.findings,
      set.plan,
      ctx.workspace,
      ctx.workspace,
      rulesDocBase(ctx),
    )) {
      const props = { title: an.title, file: an.file, startLine: an.startLine, startColumn: an.startColumn };
      if (an.severity === 'error') runner.error(an.message, props);
      else runner.warning(an.message, props);
    }

    if (o.upload && inputs.uploadArtifact) {
      result.artifact = await step('upload artifact', async () => {
        try {
          const up = await uploadSet(a.artifacts, {
            name: artifactName(a),
            outDir: set.outDir,
            report: set.report,
            reportFile: set.reportFile,
            runFile: {
              version: 1,
              sha: ctx.sha,
              partial: set.partial,
              pullRequest: ctx.pullRequest && { number: ctx.pullRequest.number, headSha: ctx.pullRequest.headSha },
            },
            retentionDays: inputs.retentionDays,
            extraDirs: result.comparison?.diffDir ? [result.comparison.diffDir] : [],
            overwrite: inputs.overwrite,
            serverUrl: ctx.serverUrl,
            repository: `${ctx.owner}/${ctx.repo}`,
            runId: ctx.runId,
          });
          if (up.replaced !== undefined)
            runner.info(
              `Replaced the artifact "${up.name}" (id ${up.replaced}) an earlier attempt of this run uploaded (overwrite: true).`,
            );
          runner.info(`Artifact "${up.name}": ${up.files} files${up.url ? `, ${up.url}` : ''}`);
          if (changes) changes.artifact = up;
          return up;
        } catch (e) {
          // GitHub Enterprise Server has no v4 artifact service: say so and carry on without one.
          if (!isGhesNotSupported(e)) throw e;
          const msg =
            'This GitHub Enterprise Server has no artifact service the Action can use: no artifact (set upload-artifact: false, and use actions/upload-artifact@v3 on the output folder).';
          runner.warning(msg);
          notes.push(msg);
          return undefined;
        }
      });
    }

    const pr = o.pullRequest;
    if (changes && !changes.artifact && set.artifact) changes.artifact = set.artifact;
    const unchanged = !!changes?.diff && !hasChanges(changes.diff);
    if (pr && inputs.comment) {
      // pull_request_target runs with the base repository's token: a fork's PR can be commented on there.
      if (o.upload && ctx.fromFork && ctx.eventName !== 'pull_request_target') {
        runner.notice(FORK_NOTICE);
        notes.push(FORK_NOTICE);
      } else if (!gh) {
        runner.warning('No github-token: no preview comment.');
      } else {
        await step('comment', async () => {
          const r = { owner: ctx.owner, repo: ctx.repo };
          const target = { ...r, issueNumber: pr.number };
          const stamp = {
            sha: pr.headSha,
            run: o.renderedBy?.run ?? (Number(ctx.runId) || 0),
            attempt: o.renderedBy?.attempt ?? ctx.runAttempt,
          };
          let existing: StickyComment | undefined;
          try {
            existing = await findStickyComment(gh, target, commentMarker(inputs.commentHeader));
          } catch (e) {
            const why = explainRefusal(e, `the preview comment on #${pr.number}`, 'pull-requests: write');
            if (!why) throw e;
            runner.notice(why);
            notes.push(why);
            return;
          }
          // A newer run already commented (this one finished late): leave its comment and images alone.
          if (existing?.stamp && isNewer(existing.stamp, stamp)) {
            const msg = `The preview comment on #${pr.number} already shows a newer run (${existing.stamp.run}, commit ${existing.stamp.sha.slice(0, 7)}): left as it is.`;
            runner.notice(msg);
            notes.push(msg);
            result.comment = { id: existing.id, url: existing.url, operation: 'skipped' };
            return;
          }
          // comment: changes-only and nothing changed: no comment; one already there is brought up to date.
          if (unchanged && inputs.commentChangesOnly && !existing) {
            const msg = `No visual change against the base (comment: changes-only): no preview comment on #${pr.number}.`;
            runner.info(msg);
            notes.push(msg);
            return;
          }
          let previews: PublishedPreview[] | undefined;
          const commentNotes: string[] = [];
          // Nothing changed: the comment is one line, with no pictures to publish.
          if (inputs.previewImages && set.report.images.length > 0 && !unchanged) {
            try {
              const sheets = await contactSheets(set.outDir, set.report.images, {
                ...COMMENT_SHEET,
                label: presetLabel,
              });
              const c = result.comparison;
              const pictures =
                c?.diff && c.diffDir
                  ? await diffPictures(c.diffDir, c.diff, { max: MAX_PICTURES, height: PICTURE_HEIGHT })
                  : [];
              previews = (
                await publishPreviews(gh, r, inputs.previewBranch, ctx.serverUrl, [...sheets, ...pictures], {
                  pr: pr.number,
                  header: inputs.commentHeader,
                })
              ).previews;
              if (changes && pictures.length) {
                const keys = new Set(pictures.map((p) => p.label));
                changes.pictures = new Map(previews.filter((p) => keys.has(p.label)).map((p) => [p.label, p.url]));
                changes.linkPictures = ctx.repoPrivate === true;
              }
            } catch (e) {
              const why = explainRefusal(e, `the preview images to ${inputs.previewBranch}`, 'contents: write', {
                name: inputs.previewBranch,
                input: 'preview-branch',
              });
              if (!why) throw e;
              const msg = `${why} The comment links the artifact instead; it has every image.`;
              runner.notice(msg);
              commentNotes.push(msg);
              notes.push(msg);
            }
          }
          const body = commentBody({
            report: set.report,
            header: inputs.commentHeader || undefined,
            sha: pr.headSha,
            commitUrl: pr.headSha ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/commit/${pr.headSha}` : undefined,
            runUrl: ctx.runId ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}` : undefined,
            artifact: result.artifact,
            previews,
            linkPreviews: ctx.repoPrivate === true,
            notes: commentNotes,
            rulesBase: rulesDocBase(ctx),
            changes,
          });
          try {
            const c = await upsertStickyComment(gh, target, inputs.commentHeader, body, {
              stamp,
              existing: existing ?? null,
            });
            result.comment = c;
            runner.info(`Preview comment ${c.operation}: ${c.url}`);
          } catch (e) {
            const why = explainRefusal(
              e,
              `the preview comment on #${pr.number}`,
              'pull-requests: write (forks: see docs/action.md#forks)',
            );
            if (!why) throw e;
            runner.notice(why);
            notes.push(why);
          }
        });
      }
    }

    const wantRelease = inputs.releasePr === true || (inputs.releasePr === 'auto' && (o.releaseEvent ?? ctx.isRelease));
    if (wantRelease && o.allowRelease) {
      if (ctx.fromFork) runner.notice('A fork pull request never opens the release pull request.');
      else if (set.partial)
        runner.warning(
          'Only part of the manifest was rendered (filters or a shard): no release pull request, since it would remove the rest.',
        );
      else if (!gh) runner.warning('No github-token: no release pull request.');
      else {
        await step('release pull request', async () => {
          try {
            result.release = await releasePullRequest(a, set);
            runner.info(
              `Release pull request ${result.release.operation}${result.release.url ? `: ${result.release.url}` : ''}`,
            );
          } catch (e) {
            const why =
              e instanceof PullRequestsNotAllowedError
                ? e.message
                : explainRefusal(
                    e,
                    `the release pull request from ${inputs.prBranch}`,
                    'contents: write and pull-requests: write',
                    { name: inputs.prBranch, input: 'pr-branch' },
                  );
            if (!why) throw e;
            runner.warning(why);
            notes.push(why);
          }
        });
      }
    }
  } catch (e) {
    // The step fails, but the summary still says what was published before it did.
    notes.push(`storeshots stopped: ${oneLineMessage(e)}`);
    throw e;
  } finally {
    await runner.summary(
      jobSummary({
        report: set.report,
        timings,
        artifact: result.artifact,
        comment: result.comment,
        pullRequest: result.release?.url ? { url: result.release.url, operation: result.release.operation } : undefined,
        notes,
        rulesBase: rulesDocBase(ctx),
        changes,
      }),
    );
  }

  const s = set.report.summary;
  runner.setOutput('images', s.images);
  runner.setOutput('errors', s.errors);
  runner.setOutput('warnings', s.warnings);
  runner.setOutput('report', set.reportFile);
  runner.setOutput('artifact-id', result.artifact?.id ?? '');
  runner.setOutput('artifact-url', result.artifact?.url ?? '');
  runner.setOutput('comment-id', result.comment?.id ?? '');
  // Empty when there was nothing to compare with (not a pull request, no base, diff-base: none).
  const d = result.comparison?.diff;
  runner.setOutput('changed', d ? d.changed.length : '');
  runner.setOutput('added', d ? d.added.length : '');
  runner.setOutput('removed', d ? d.removed.length : '');
  runner.setOutput('pull-request-number', result.release?.number ?? '');
  runner.setOutput('pull-request-url', result.release?.url ?? '');
  runner.setOutput('pull-request-operation', result.release?.operation ?? 'none');
  return result;
}

/** The set's files at their fastlane paths in the repository, and the files it replaces. */
export function fastlaneFiles(
  set: RenderedSet,
  prPath: string,
): {
  files: Array<{ path: string; content: Buffer }>;
  owns: (p: string) => boolean;
  skipped: string[];
  /** The image each file is, by its path. */
  images: Map<string, ImageRecord>;
} {
  const prefix = prPath ? `${prPath}/` : '';
  const files: Array<{ path: string; content: Buffer }> = [];
  const skipped: string[] = [];
  const dirs = new Set<string>();
  const images = new Map<string, ImageRecord>();
  for (const img of set.report.images) {
    const src = joinInside(set.outDir, img.path);
    const rel = outputPath('fastlane', {
      locale: img.locale,
      preset: img.preset,
      slide: img.slide,
      index: img.index,
      ext: path.extname(img.path).slice(1) || 'png',
      appearance: img.appearance,
      alternate: img.alternate,
    });
    if (!src || !rel) {
      skipped.push(img.path);
      continue;
    }
    const p = `${prefix}${rel}`;
    files.push({ path: p, content: readFileSync(src) });
    images.set(p, img);
    dirs.add(path.posix.dirname(p));
  }
  const presets = new Set(set.report.images.map((i) => i.preset));
  const appstoreTokens = [...presets]
    .filter((p) => getPreset(p.split('@')[0]!)?.store === 'appstore')
    .map((p) => `_${p.replace('@', '-')}_`);
  const owns = (p: string) => {
    if (!/\.(png|jpe?g)$/i.test(p) || !dirs.has(path.posix.dirname(p))) return false;
    // App Store folders mix every device in one locale folder: only our presets' files are ours.
    if (p.startsWith(`${prefix}fastlane/screenshots/`))
      return appstoreTokens.some((t) => path.posix.basename(p).includes(t));
    return true;
  };
  return { files, owns, skipped, images };
}

async function releasePullRequest(a: ActionEnv, set: RenderedSet): Promise<ReleasePrResult> {
  const { inputs, ctx, gh, runner } = a;
  const { files, owns, skipped, images } = fastlaneFiles(set, inputs.prPath);
  if (skipped.length)
    runner.warning(
      `${skipped.length} images have no fastlane place (a locale the store does not list): ${skipped.slice(0, 5).join(', ')}`,
    );
  const ref = ctx.ref.replace(/^refs\/(heads|tags)\//, '') || ctx.sha.slice(0, 7);
  return syncReleasePr(
    gh!,
    { owner: ctx.owner, repo: ctx.repo },
    {
      branch: inputs.prBranch,
      base: inputs.prBase ?? ctx.defaultBranch,
      title: inputs.prTitle,
      body: (changes) =>
        releasePrBody(
          set.report,
          ctx.runId ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}` : undefined,
          ref,
          rulesDocBase(ctx),
          releaseChangesSection(changes, (p) => images.get(p)),
        ),
      labels: inputs.prLabels,
      message: `storeshots: screenshots for ${ref}`,
      files,
      owns,
    },
  );
}
