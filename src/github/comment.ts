// The sticky pull-request comment: one per pull request and header, found by a hidden marker
// and its author on every page of comments, updated in place, never duplicated.
import type { GitHub } from './client.js';

/** GitHub refuses issue comment bodies longer than this (characters). */
export const MAX_COMMENT_CHARS = 65536;

export function commentMarker(header: string): string {
  const key = header.trim() === '' ? 'default' : header.trim().replace(/--+/g, '-').replace(/>/g, '');
  return `<!-- storeshots:comment ${key} -->`;
}

/** Cuts a body that GitHub would refuse, keeping the marker and saying what was cut. */
export function fitComment(
  body: string,
  marker: string,
  note = '_The rest of this comment was cut: GitHub limits a comment to 65536 characters. The artifact has the full report._',
): string {
  const full = body.includes(marker) ? body : `${marker}\n${body}`;
  if (full.length <= MAX_COMMENT_CHARS) return full;
  const tail = `\n\n…\n\n${note}\n`;
  let cut = full.slice(0, MAX_COMMENT_CHARS - tail.length);
  // Do not end inside a table row or a link: drop the last partial line.
  const nl = cut.lastIndexOf('\n');
  if (nl > marker.length) cut = cut.slice(0, nl);
  return `${cut}${tail}`;
}

/** The run a comment shows: the render's run (id, attempt) and the commit it rendered. */
export interface RunStamp {
  sha: string;
  run: number;
  attempt: number;
}

const STAMP = /<!-- storeshots:run (\{[^>]*\}) -->/;

export function runStamp(s: RunStamp): string {
  return `<!-- storeshots:run ${JSON.stringify({ sha: s.sha, run: s.run, attempt: s.attempt })} -->`;
}

export function parseRunStamp(body: string): RunStamp | undefined {
  const m = STAMP.exec(body);
  if (!m) return undefined;
  try {
    const v = JSON.parse(m[1]!) as RunStamp;
    return typeof v.run === 'number' && typeof v.attempt === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A later run (ids only grow) or a later attempt of the same run. */
export function isNewer(a: RunStamp, than: RunStamp): boolean {
  return a.run > than.run || (a.run === than.run && a.attempt > than.attempt);
}

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface StickyResult {
  id: number;
  url: string;
  /** skipped: a newer run's comment is there already and stays. */
  operation: 'created' | 'updated' | 'skipped';
}

export interface StickyComment {
  id: number;
  body: string;
  url: string;
  stamp?: RunStamp;
}

/**
 * Who we are. A personal token can ask GET /user; the Actions token and app tokens cannot
 * (403), and then comments by any bot are ours: a person cannot post as a bot.
 */
async function whoAmI(gh: GitHub): Promise<{ login?: string }> {
  try {
    const { data } = await gh.rest.users.getAuthenticated();
    return { login: data.login };
  } catch (e) {
    const s = (e as { status?: number }).status;
    if (s === 403 || s === 401 || s === 404) return {};
    throw e;
  }
}

export async function findStickyComment(
  gh: GitHub,
  t: CommentTarget,
  marker: string,
): Promise<StickyComment | undefined> {
  const me = await whoAmI(gh);
  const ours = (c: { body?: string; user: { login: string; type?: string } | null }) =>
    !!c.body?.includes(marker) && !!c.user && (me.login ? c.user.login === me.login : c.user.type === 'Bot');
  for await (const page of gh.paginate.iterator(gh.rest.issues.listComments, {
    owner: t.owner,
    repo: t.repo,
    issue_number: t.issueNumber,
    per_page: 100,
  })) {
    const found = page.data.find(ours);
    if (found)
      return { id: found.id, body: found.body ?? '', url: found.html_url, stamp: parseRunStamp(found.body ?? '') };
  }
  return undefined;
}

/**
 * Posts or updates the sticky comment. With a stamp, the comment carries it, and a comment
 * stamped by a newer run is left alone (an older run that finished late never overwrites it).
 * `existing`: the comment as found before (saves listing the comments again).
 */
export async function upsertStickyComment(
  gh: GitHub,
  t: CommentTarget,
  header: string,
  body: string,
  o: { stamp?: RunStamp; existing?: StickyComment | null } = {},
): Promise<StickyResult> {
  const marker = commentMarker(header);
  const text = fitComment(o.stamp ? `${marker}\n${runStamp(o.stamp)}\n${body}` : body, marker);
  const existing = o.existing === undefined ? await findStickyComment(gh, t, marker) : (o.existing ?? undefined);
  if (existing && o.stamp && existing.stamp && isNewer(existing.stamp, o.stamp))
    return { id: existing.id, url: existing.url, operation: 'skipped' };
  if (existing) {
    try {
      const { data } = await gh.rest.issues.updateComment({
        owner: t.owner,
        repo: t.repo,
        comment_id: existing.id,
        body: text,
      });
      return { id: data.id, url: data.html_url, operation: 'updated' };
    } catch (e) {
      // Deleted between the search and the update: post a new one.
      if ((e as { status?: number }).status !== 404) throw e;
    }
  }
  const { data } = await gh.rest.issues.createComment({
    owner: t.owner,
    repo: t.repo,
    issue_number: t.issueNumber,
    body: text,
  });
  return { id: data.id, url: data.html_url, operation: 'created' };
}
