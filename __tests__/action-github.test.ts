// The GitHub side of the Action against a loopback GitHub whose every request and response is
// checked against GitHub's OpenAPI description: sticky comment, preview branch, release PR,
// rate limits and read-only tokens.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHub, rateLimitWait, type GitHub } from '../src/github/client.js';
import {
  commentMarker,
  findStickyComment,
  fitComment,
  upsertStickyComment,
  MAX_COMMENT_CHARS,
} from '../src/github/comment.js';
import { formatIndex, parseIndex, previewName, publishPreviews } from '../src/github/previews.js';
import { syncReleasePr, type TreeChanges } from '../src/github/release-pr.js';
import { branchHead, createCommit, gitBlobSha, setBranch } from '../src/github/git.js';
import { FakeGitHub } from './fakes/github.js';

let fake: FakeGitHub;
let waits: number[];
const client = (token = 'ghs_write', now = () => 1_700_000_000_000): GitHub =>
  createGitHub({ token, baseUrl: fake.url, sleep: async (ms) => void waits.push(ms), now });
const repo = () => ({ owner: fake.owner, repo: fake.repo });

beforeEach(async () => {
  fake = await new FakeGitHub().start();
  waits = [];
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.stop();
});

describe('sticky comment', () => {
  const target = () => ({ owner: fake.owner, repo: fake.repo, issueNumber: 7 });

  it('creates one comment, then updates it in place', async () => {
    const gh = client();
    const a = await upsertStickyComment(gh, target(), '', 'first');
    const b = await upsertStickyComment(gh, target(), '', 'second');
    expect(a.operation).toBe('created');
    expect(b).toMatchObject({ operation: 'updated', id: a.id });
    expect(fake.comments).toHaveLength(1);
    expect(fake.comments[0]!.body).toBe(`${commentMarker('')}\nsecond`);
  });

  it("finds its comment on a later page, and ignores the marker in a person's comment", async () => {
    const gh = client();
    const person = fake.tokens.get('ghp_person')!;
    // A person quoting the marker must not get their comment overwritten.
    fake.comments.push({
      id: 1,
      issue: 7,
      body: `quote: ${commentMarker('')}`,
      user: person,
      created: '2026-01-01T00:00:00Z',
      updated: '2026-01-01T00:00:00Z',
    });
    const mine = await upsertStickyComment(gh, target(), '', 'v1');
    for (let i = 0; i < 130; i++)
      fake.comments.push({
        id: 5000 + i,
        issue: 7,
        body: `chatter ${i}`,
        user: person,
        created: '2026-01-01T00:00:00Z',
        updated: '2026-01-01T00:00:00Z',
      });
    // Move ours to the end: it is now on page 2 of 100.
    fake.comments.push(
      fake.comments.splice(
        fake.comments.findIndex((c) => c.id === mine.id),
        1,
      )[0]!,
    );
    const again = await upsertStickyComment(gh, target(), '', 'v2');
    expect(again).toMatchObject({ operation: 'updated', id: mine.id });
    expect(fake.log.some((l) => l.path.includes('page=2'))).toBe(true);
    expect(fake.comments.filter((c) => c.body.includes(commentMarker('')))).toHaveLength(2);
  });

  it('keeps separate comments per header', async () => {
    const gh = client();
    await upsertStickyComment(gh, target(), 'ios', 'a');
    await upsertStickyComment(gh, target(), 'android', 'b');
    await upsertStickyComment(gh, target(), 'ios', 'c');
    expect(fake.comments.map((c) => c.body)).toEqual([`${commentMarker('ios')}\nc`, `${commentMarker('android')}\nb`]);
  });

  it('with a personal token, matches on its own login', async () => {
    const gh = client('ghp_person');
    const a = await upsertStickyComment(gh, target(), '', 'x');
    const b = await upsertStickyComment(gh, target(), '', 'y');
    expect(b.id).toBe(a.id);
    expect(fake.log.some((l) => l.path === '/user' && l.status === 200)).toBe(true);
  });

  it('a comment stamped by a newer run or attempt stays; an older, equal or unstamped one is updated', async () => {
    const gh = client();
    const stamp = (run: number, attempt: number) => ({ sha: 'a'.repeat(40), run, attempt });
    const a = await upsertStickyComment(gh, target(), '', 'run 10.2', { stamp: stamp(10, 2) });
    expect(a.operation).toBe('created');
    const stamped = (run: number, attempt: number, body: string) =>
      `${commentMarker('')}\n<!-- storeshots:run {"sha":"${'a'.repeat(40)}","run":${run},"attempt":${attempt}} -->\n${body}`;
    expect(fake.comments[0]!.body).toBe(stamped(10, 2, 'run 10.2'));
    // An older run, or an earlier attempt of the same run, that finished late.
    for (const [run, attempt] of [
      [9, 5],
      [10, 1],
    ] as const) {
      const late = await upsertStickyComment(gh, target(), '', 'late', { stamp: stamp(run, attempt) });
      expect(late).toEqual({ id: a.id, url: a.url, operation: 'skipped' });
      expect(fake.comments[0]!.body).toBe(stamped(10, 2, 'run 10.2'));
    }
    // The same run and attempt again (a re-post), a later attempt, a later run.
    for (const [run, attempt] of [
      [10, 2],
      [10, 3],
      [11, 1],
    ] as const) {
      const r = await upsertStickyComment(gh, target(), '', `run ${run}.${attempt}`, { stamp: stamp(run, attempt) });
      expect(r).toMatchObject({ id: a.id, operation: 'updated' });
      expect(fake.comments[0]!.body).toBe(stamped(run, attempt, `run ${run}.${attempt}`));
    }
    expect(fake.comments).toHaveLength(1);
    // A stamp that does not parse, or lacks a number, counts as no stamp: the comment is updated.
    for (const bad of ['{"run":"12","attempt":1}', '{"run":12,"attempt":"1"}', '{run}']) {
      fake.comments[0]!.body = `${commentMarker('')}\n<!-- storeshots:run ${bad} -->\nold`;
      const r = await upsertStickyComment(gh, target(), '', 'new', { stamp: stamp(1, 1) });
      expect(r.operation, bad).toBe('updated');
    }
    // Without a stamp of its own, a run updates whatever is there.
    expect((await upsertStickyComment(gh, target(), '', 'plain')).operation).toBe('updated');
    expect(fake.comments[0]!.body).toBe(`${commentMarker('')}\nplain`);
  });

  it('without GET /user (401, 403 or 404) any bot comment with the marker is ours; another error stops the upsert', async () => {
    const gh = client();
    const first = await upsertStickyComment(gh, target(), '', 'one');
    for (const status of [401, 404]) {
      fake.faults.push({ method: 'GET', path: '/user', status, message: 'no' });
      expect(await upsertStickyComment(gh, target(), '', `after ${status}`), String(status)).toMatchObject({
        id: first.id,
        operation: 'updated',
      });
    }
    fake.faults.push({ method: 'GET', path: '/user', status: 500, message: 'Server Error' });
    await expect(upsertStickyComment(gh, target(), '', 'never')).rejects.toMatchObject({ status: 500 });
    expect(fake.comments.map((c) => c.body)).toEqual([`${commentMarker('')}\nafter 404`]);
  });

  it("a person's token never takes over the bot's comment, and a bot's never a person's", async () => {
    const bot = await upsertStickyComment(client(), target(), '', 'bot');
    const person = await upsertStickyComment(client('ghp_person'), target(), '', 'person');
    expect(person.operation).toBe('created');
    expect(person.id).not.toBe(bot.id);
    expect((await upsertStickyComment(client(), target(), '', 'bot 2')).id).toBe(bot.id);
    expect(fake.comments.map((c) => c.body)).toEqual([`${commentMarker('')}\nbot 2`, `${commentMarker('')}\nperson`]);
  });

  it('takes the comment found before instead of listing again; null says there is none', async () => {
    const gh = client();
    const marker = commentMarker('');
    await upsertStickyComment(gh, target(), '', 'one');
    const found = await findStickyComment(gh, target(), marker);
    expect(found).toMatchObject({ id: fake.comments[0]!.id, body: `${marker}\none`, stamp: undefined });
    const lists = () => fake.log.filter((l) => l.method === 'GET' && l.path.includes('/comments')).length;
    const before = lists();
    expect(await upsertStickyComment(gh, target(), '', 'two', { existing: found })).toMatchObject({
      id: found!.id,
      operation: 'updated',
    });
    expect(lists()).toBe(before);
    expect((await upsertStickyComment(gh, target(), '', 'three', { existing: null })).operation).toBe('created');
    expect(lists()).toBe(before);
    expect(fake.comments.map((c) => c.body)).toEqual([`${marker}\ntwo`, `${marker}\nthree`]);
  });

  it('an update refused for another reason than 404 is an error, not a second comment', async () => {
    const gh = client();
    await upsertStickyComment(gh, target(), '', 'one');
    fake.faults.push({ method: 'PATCH', path: '/issues/comments/', status: 403, message: 'Forbidden' });
    await expect(upsertStickyComment(gh, target(), '', 'two')).rejects.toMatchObject({ status: 403 });
    expect(fake.comments.map((c) => c.body)).toEqual([`${commentMarker('')}\none`]);
  });

  it('passes over a comment without a body (GitHub may leave it out) and posts its own', async () => {
    const bot = fake.tokens.get('ghs_write')!;
    const at = '2026-01-01T00:00:00Z';
    fake.comments.push({ id: 1, issue: 7, body: undefined as unknown as string, user: bot, created: at, updated: at });
    expect((await upsertStickyComment(client(), target(), '', 'x')).operation).toBe('created');
    expect(fake.comments.map((c) => c.body)).toEqual([undefined, `${commentMarker('')}\nx`]);
  });

  it('the marker names the header, trimmed, without what would end an HTML comment', () => {
    expect(commentMarker('')).toBe('<!-- storeshots:comment default -->');
    expect(commentMarker('   ')).toBe('<!-- storeshots:comment default -->');
    expect(commentMarker(' ios ')).toBe('<!-- storeshots:comment ios -->');
    expect(commentMarker('a--b--->c')).toBe('<!-- storeshots:comment a-b-c -->');
  });

  it('a body that fits is kept whole, with the marker put first when it lacks one', () => {
    const marker = commentMarker('x');
    expect(fitComment('hello', marker)).toBe(`${marker}\nhello`);
    expect(fitComment(`${marker}\nhello`, marker)).toBe(`${marker}\nhello`);
    const exact = `${marker}\n${'a'.repeat(MAX_COMMENT_CHARS - marker.length - 1)}`;
    expect(fitComment(exact, marker)).toBe(exact);
    // One character over: cut at the last whole line, then the note.
    const over = `${marker}\n${'line\n'.repeat(20000)}`.slice(0, MAX_COMMENT_CHARS + 1);
    const cut = fitComment(over, marker, 'CUT');
    expect(cut.endsWith('line\n\n…\n\nCUT\n')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(cut.length).toBeGreaterThan(MAX_COMMENT_CHARS - 20);
    // One long line: nothing to cut back to, so the cut stays mid-line.
    const oneLine = `${marker}\n${'z'.repeat(MAX_COMMENT_CHARS)}`;
    const tail = '\n\n…\n\nCUT\n';
    expect(fitComment(oneLine, marker, 'CUT')).toBe(`${oneLine.slice(0, MAX_COMMENT_CHARS - tail.length)}${tail}`);
  });

  it("trims a body over GitHub's limit with a note, and GitHub accepts it", async () => {
    const marker = commentMarker('');
    const huge = `${'| row | with | text |\n'.repeat(5000)}`;
    const fitted = fitComment(huge, marker);
    expect(fitted.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(fitted).toContain('65536 characters');
    expect(fitted.startsWith(marker)).toBe(true);
    await upsertStickyComment(client(), target(), '', huge);
    expect(fake.comments[0]!.body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
  });

  it('a read-only token gets 403 on the write', async () => {
    await expect(upsertStickyComment(client('ghs_read'), target(), '', 'x')).rejects.toMatchObject({ status: 403 });
  });
});

describe('rate limits', () => {
  it('waits for the reset and retries (primary limit)', async () => {
    const now = 1_700_000_000_000;
    fake.faults.push({
      method: 'GET',
      path: '/git/ref/',
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 42) },
    });
    const gh = client('ghs_write', () => now);
    const { data } = await gh.rest.git.getRef({ ...repo(), ref: 'heads/main' });
    expect(data.object.sha).toBe(fake.refs.get('heads/main'));
    expect(waits).toEqual([43_000]);
  });

  it('honours Retry-After on a secondary limit (429), then gives up after the retries', async () => {
    fake.faults.push({
      method: 'GET',
      path: '/git/ref/',
      status: 429,
      headers: { 'retry-after': '7' },
      times: 10,
      message: 'You have exceeded a secondary rate limit',
    });
    await expect(client().rest.git.getRef({ ...repo(), ref: 'heads/main' })).rejects.toMatchObject({ status: 429 });
    expect(waits).toEqual([7000, 7000, 7000]);
  });

  it('does not retry a plain 403 or 404', () => {
    expect(
      rateLimitWait(
        {
          status: 403,
          message: 'Resource not accessible by integration',
          response: { headers: { 'x-ratelimit-remaining': '4000' } },
        },
        0,
      ),
    ).toBeUndefined();
    expect(rateLimitWait({ status: 404, response: { headers: {} } }, 0)).toBeUndefined();
  });
});

describe('preview branch', () => {
  const img = (s: string, v = '') => ({ label: s, content: Buffer.from(`image ${s}${v}`), ext: 'png' as const });
  const at = (pr: number, header = '') => ({ pr, header });

  it('commits content-addressed images once; the same images again make no commit', async () => {
    const gh = client();
    fake.openPull(1);
    fake.openPull(2);
    const first = await publishPreviews(
      gh,
      repo(),
      'storeshots-previews',
      'https://github.com',
      [img('en-US'), img('de-DE')],
      at(1),
    );
    expect(first.committed).toBe(true);
    expect(first.previews[0]!.url).toMatch(
      /^https:\/\/github\.com\/acme\/habitual\/blob\/storeshots-previews\/[0-9a-f]{32}\.png\?raw=true$/,
    );
    const files = fake.filesOf('storeshots-previews');
    expect([...files.values()].map(String).sort()).toEqual(['image de-DE', 'image en-US']);
    const commits = fake.commits.size;
    const again = await publishPreviews(
      gh,
      repo(),
      'storeshots-previews',
      'https://github.com',
      [img('en-US'), img('de-DE')],
      at(1),
    );
    expect(again.committed).toBe(false);
    expect(fake.commits.size).toBe(commits);
    // Another pull request's comment: both sets stay.
    const more = await publishPreviews(gh, repo(), 'storeshots-previews', 'https://github.com', [img('ja')], at(2));
    expect(more.committed).toBe(true);
    expect(fake.filesOf('storeshots-previews').size).toBe(3);
  });

  it("keeps only what open pull requests' latest comments show: a new push replaces its PR's sheets, a closed PR's go", async () => {
    const gh = client();
    fake.openPull(1);
    fake.openPull(2);
    await publishPreviews(gh, repo(), 'storeshots-previews', 'https://github.com', [img('en-US', ' v1')], at(1));
    await publishPreviews(gh, repo(), 'storeshots-previews', 'https://github.com', [img('en-US', ' pr2')], at(2));
    await publishPreviews(
      gh,
      repo(),
      'storeshots-previews',
      'https://github.com',
      [img('en-US', ' v2')],
      at(1, 'nightly'),
    );
    await publishPreviews(gh, repo(), 'storeshots-previews', 'https://github.com', [img('en-US', ' v3')], at(1));
    expect([...fake.filesOf('storeshots-previews').values()].map(String).sort()).toEqual([
      'image en-US pr2',
      'image en-US v2',
      'image en-US v3',
    ]);
    fake.pulls.find((p) => p.number === 2)!.state = 'closed';
    await publishPreviews(gh, repo(), 'storeshots-previews', 'https://github.com', [img('en-US', ' v4')], at(1));
    expect([...fake.filesOf('storeshots-previews').values()].map(String).sort()).toEqual([
      'image en-US v2',
      'image en-US v4',
    ]);
    // One parentless commit: nothing older is reachable.
    expect(fake.reachable('storeshots-previews').commits).toBe(1);
  });

  it('a refused ref move (422 or 409: another run moved or made the branch) is tried again on the new head, three times at most', async () => {
    const gh = client();
    fake.openPull(1);
    const B = 'storeshots-previews';
    const refWrites = () =>
      fake.log
        .filter((l) => /\/git\/refs(\/heads(\/|%2F)storeshots-previews)?$/.test(l.path))
        .map((l) => `${l.method} ${l.status}`);
    // Another run made the branch first: the create answers 422, the next attempt moves it.
    fake.faults.push({ method: 'POST', path: /\/git\/refs$/, status: 422, message: 'Reference already exists' });
    expect((await publishPreviews(gh, repo(), B, 'https://github.com', [img('en-US')], at(1))).committed).toBe(true);
    expect(refWrites()).toEqual(['POST 422', 'POST 201']);
    fake.log.length = 0;
    fake.faults.push({ method: 'PATCH', path: /\/git\/refs\/heads/, status: 409, message: 'Conflict' });
    expect((await publishPreviews(gh, repo(), B, 'https://github.com', [img('de-DE')], at(1))).committed).toBe(true);
    expect(refWrites()).toEqual(['PATCH 409', 'PATCH 200']);
    expect([...fake.filesOf(B).values()].map(String)).toEqual(['image de-DE']);
    fake.log.length = 0;
    fake.faults.push({
      method: 'PATCH',
      path: /\/git\/refs\/heads/,
      status: 422,
      message: 'Update is not a fast forward',
      times: 3,
    });
    const err = await publishPreviews(gh, repo(), B, 'https://github.com', [img('ja')], at(1)).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422 });
    expect(refWrites()).toEqual(['PATCH 422', 'PATCH 422', 'PATCH 422']);
    // A rule or protection, or any other status, is final at once.
    for (const [status, message] of [
      [422, 'Repository rule violations found'],
      [422, 'Cannot update this protected ref.'],
      [500, 'Server Error'],
    ] as const) {
      fake.log.length = 0;
      fake.faults.push({ method: 'PATCH', path: /\/git\/refs\/heads/, status, message });
      const refused = await publishPreviews(gh, repo(), B, 'https://github.com', [img('ar')], at(1)).catch(
        (e: unknown) => e,
      );
      expect(refused, message).toMatchObject({ status });
      expect(refWrites(), message).toEqual([`PATCH ${status}`]);
    }
    expect([...fake.filesOf(B).values()].map(String)).toEqual(['image de-DE']);
  });

  it('another update landing while one is built is kept: the update builds again on it rather than drop its sheets', async () => {
    fake.openPull(1);
    fake.openPull(2);
    const B = 'storeshots-previews';
    const gh = client();
    const other = client();
    await publishPreviews(gh, repo(), B, 'https://github.com', [img('en-US', ' pr1')], at(1));
    let raced = false;
    gh.hook.after('request', async (_res, options) => {
      // Right after this run made its commit, PR 2's run updates the branch.
      if (!raced && options.method === 'POST' && String(options.url).endsWith('/git/commits')) {
        raced = true;
        await publishPreviews(other, repo(), B, 'https://github.com', [img('en-US', ' pr2')], at(2));
      }
    });
    const r = await publishPreviews(gh, repo(), B, 'https://github.com', [img('en-US', ' pr1 v2')], at(1));
    expect(r.committed).toBe(true);
    expect([...fake.filesOf(B).values()].map(String).sort()).toEqual(['image en-US pr1 v2', 'image en-US pr2']);
    const head = fake.commits.get(fake.refs.get(`heads/${B}`)!)!;
    expect(head.parents).toEqual([]);
    expect(parseIndex(head.message).comments).toEqual({
      '1:': { pr: 1, names: [r.names[0]] },
      '2:': { pr: 2, names: [...fake.filesOf(B).keys()].filter((n) => n !== r.names[0]) },
    });
  });

  it('names each image by its bytes once (a repeated image is uploaded once), with a URL that keeps the branch readable', async () => {
    const gh = client();
    fake.openPull(3);
    const same = img('en-US');
    const r = await publishPreviews(
      gh,
      repo(),
      'previews/ü',
      'https://ghe.example',
      [same, { ...same, label: 'de-DE' }, img('ja')],
      at(3, 'nightly'),
    );
    const [a, b] = [r.previews[0]!.name, r.previews[2]!.name];
    expect(r.previews).toEqual([
      { label: 'en-US', name: a, url: `https://ghe.example/acme/habitual/blob/previews/%C3%BC/${a}?raw=true` },
      { label: 'de-DE', name: a, url: `https://ghe.example/acme/habitual/blob/previews/%C3%BC/${a}?raw=true` },
      { label: 'ja', name: b, url: `https://ghe.example/acme/habitual/blob/previews/%C3%BC/${b}?raw=true` },
    ]);
    expect(a).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(r.names).toEqual([a, b].sort());
    expect(fake.log.filter((l) => l.method === 'POST' && l.path.endsWith('/git/blobs'))).toHaveLength(2);
    expect([...fake.filesOf('previews/ü').keys()].sort()).toEqual([a, b].sort());
    const message = fake.commits.get(fake.refs.get('heads/previews/ü')!)!.message;
    expect(message).toBe(formatIndex({ version: 1, comments: { '3:nightly': { pr: 3, names: [a, b].sort() } } }));
    expect(message).toBe(
      `storeshots: preview images of 1 comment(s)\n\n<!-- storeshots:previews\n${JSON.stringify({ version: 1, comments: { '3:nightly': { pr: 3, names: [a, b].sort() } } })}\n-->\n`,
    );
  });

  it('reads the index back from a commit message, and starts afresh from one that is not ours, cut or of another version', () => {
    const index = { version: 1 as const, comments: { '4:': { pr: 4, names: ['a.png'] } } };
    expect(parseIndex(formatIndex(index))).toEqual(index);
    expect(parseIndex(`merged by hand\n\n${formatIndex(index)}`)).toEqual(index);
    const empty = { version: 1, comments: {} };
    expect(parseIndex(undefined)).toEqual(empty);
    expect(parseIndex('')).toEqual(empty);
    expect(parseIndex('Initial commit')).toEqual(empty);
    expect(parseIndex(formatIndex(index).slice(0, 60))).toEqual(empty);
    expect(parseIndex(formatIndex({ ...index, version: 2 } as never))).toEqual(empty);
    expect(parseIndex('<!-- storeshots:previews\n{"version":1}\n-->')).toEqual(empty);
    expect(parseIndex('<!-- storeshots:previews\n{"version":1,"comments":7}\n-->')).toEqual(empty);
    expect(parseIndex('<!-- storeshots:previews\nnull\n-->')).toEqual(empty);
  });

  it('a sheet the branch lost is not kept in the index: that comment is dropped, the others stay', async () => {
    const gh = client();
    fake.openPull(1);
    fake.openPull(2);
    const B = 'storeshots-previews';
    const one = await publishPreviews(gh, repo(), B, 'https://github.com', [img('a'), img('b')], at(1));
    const two = await publishPreviews(gh, repo(), B, 'https://github.com', [img('c')], at(2));
    // Someone deletes one of PR 1's sheets from the branch by hand.
    fake.commitTo(B, { [one.names[0]!]: null }, fake.commits.get(fake.refs.get(`heads/${B}`)!)!.message);
    fake.openPull(3);
    await publishPreviews(gh, repo(), B, 'https://github.com', [img('d')], at(3));
    const head = fake.commits.get(fake.refs.get(`heads/${B}`)!)!;
    expect(Object.keys(parseIndex(head.message).comments).sort()).toEqual(['2:', '3:']);
    expect([...fake.filesOf(B).keys()].sort()).toEqual([...two.names, previewName(img('d'))].sort());
  });

  it('publishing the same sheets again makes no commit, whichever comment was updated last; a stray or missing file does', async () => {
    const gh = client();
    fake.openPull(1);
    fake.openPull(2);
    const B = 'storeshots-previews';
    await publishPreviews(gh, repo(), B, 'https://github.com', [img('a')], at(1));
    await publishPreviews(gh, repo(), B, 'https://github.com', [img('b')], at(2));
    expect((await publishPreviews(gh, repo(), B, 'https://github.com', [img('a')], at(1))).committed).toBe(false);
    const message = () => fake.commits.get(fake.refs.get(`heads/${B}`)!)!.message;
    // A file nobody's comment shows, added by hand: the next update drops it.
    fake.commitTo(B, { 'stray.png': Buffer.from('x') }, message());
    expect((await publishPreviews(gh, repo(), B, 'https://github.com', [img('a')], at(1))).committed).toBe(true);
    expect(fake.filesOf(B).has('stray.png')).toBe(false);
    // A sheet swapped for a stray one (same count): the sheet is put back.
    fake.commitTo(B, { [previewName(img('b'))]: null, 'stray.png': Buffer.from('x') }, message());
    const r = await publishPreviews(gh, repo(), B, 'https://github.com', [img('a')], at(1));
    expect(r.committed).toBe(true);
    expect([...fake.filesOf(B).keys()].sort()).toEqual([previewName(img('a'))]);
    // Another comment showing the same sheet: no new file, but the index must say so.
    fake.openPull(3);
    expect((await publishPreviews(gh, repo(), B, 'https://github.com', [img('a')], at(3))).committed).toBe(true);
    expect(Object.keys(parseIndex(message()).comments).sort()).toEqual(['1:', '3:']);
  });

  it('20 updates leave the branch at most twice the size of one update (reachable objects)', async () => {
    const gh = client();
    fake.openPull(7);
    // Four locales' sheets of ~80 KB each, different on every push (as a changed screenshot makes them).
    const sheets = (v: number) =>
      ['en-US', 'de-DE', 'ja', 'ar'].map((l) => ({
        label: l,
        content: Buffer.concat([Buffer.from(`${l} ${v} `), Buffer.alloc(80_000, v)]),
        ext: 'jpg' as const,
      }));
    await publishPreviews(gh, repo(), 'storeshots-previews', 'https://github.com', sheets(0), at(7));
    const one = fake.reachable('storeshots-previews');
    for (let v = 1; v < 20; v++)
      await publishPreviews(gh, repo(), 'storeshots-previews', 'https://github.com', sheets(v), at(7));
    const after = fake.reachable('storeshots-previews');
    expect(after.bytes).toBeLessThanOrEqual(2 * one.bytes);
    expect(after.blobs).toBe(4);
    expect(after.commits).toBe(1);
  });
});

describe('release pull request', () => {
  const files = (v: string) => [
    { path: 'fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png', content: Buffer.from(`home ${v}`) },
    { path: 'fastlane/metadata/android/en-US/images/phoneScreenshots/01_home.png', content: Buffer.from(`play ${v}`) },
  ];
  const opts = (v: string, extra = {}) => ({
    branch: 'storeshots/screenshots',
    title: 'Update store screenshots',
    body: `set ${v}`,
    labels: ['screenshots'],
    message: `storeshots ${v}`,
    files: files(v),
    owns: (p: string) => p.startsWith('fastlane/') && p.endsWith('.png'),
    ...extra,
  });

  it('opens the PR, makes no commit on a rerun, updates on a change, closes when the base matches', async () => {
    const gh = client();
    const a = await syncReleasePr(gh, repo(), opts('1'));
    expect(a).toMatchObject({ operation: 'created', number: 1, changed: 2 });
    const branch = fake.filesOf('storeshots/screenshots');
    expect(String(branch.get('fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png'))).toBe('home 1');
    expect(branch.get('README.md')).toBeDefined();
    expect(fake.pulls[0]).toMatchObject({ state: 'open', labels: ['screenshots'], base: { ref: 'main' } });

    const writes = fake.writes().length;
    const commits = fake.commits.size;
    const b = await syncReleasePr(gh, repo(), opts('1'));
    expect(b.operation).toBe('unchanged');
    expect(b.commit).toBeUndefined();
    expect(fake.commits.size).toBe(commits);
    // No blob, tree, commit or ref write on the rerun (only the PR text is refreshed).
    expect(
      fake
        .writes()
        .slice(writes)
        .map((w) => `${w.method} ${w.path}`),
    ).toEqual([`PATCH /repos/acme/habitual/pulls/1`, `POST /repos/acme/habitual/issues/1/labels`]);

    const c = await syncReleasePr(gh, repo(), opts('2'));
    expect(c).toMatchObject({ operation: 'updated', number: 1 });
    expect(fake.pulls).toHaveLength(1);

    // The PR is merged by hand: the base now has exactly these files.
    fake.commitTo('main', Object.fromEntries(files('2').map((f) => [f.path, f.content])));
    const d = await syncReleasePr(gh, repo(), opts('2'));
    expect(d.operation).toBe('closed');
    expect(fake.pulls[0]!.state).toBe('closed');
    const e = await syncReleasePr(gh, repo(), opts('2'));
    expect(e.operation).toBe('none');
  });

  it('removes owned files the set no longer has, and keeps the rest', async () => {
    fake.commitTo('main', {
      'fastlane/screenshots/en-US/02_appstore.iphone_6_9_old.png': Buffer.from('old'),
      'fastlane/Fastfile': Buffer.from('lane'),
    });
    const r = await syncReleasePr(client(), repo(), opts('1'));
    expect(r.removed).toBe(1);
    const branch = fake.filesOf('storeshots/screenshots');
    expect(branch.has('fastlane/screenshots/en-US/02_appstore.iphone_6_9_old.png')).toBe(false);
    expect(branch.has('fastlane/Fastfile')).toBe(true);
  });

  it('rebuilds the branch on the new base when the base moved', async () => {
    const gh = client();
    await syncReleasePr(gh, repo(), opts('1'));
    fake.commitTo('main', { 'src/app.ts': Buffer.from('x') });
    const r = await syncReleasePr(gh, repo(), opts('1'));
    expect(r.operation).toBe('updated');
    expect(fake.commits.get(fake.refs.get('heads/storeshots/screenshots')!)!.parents).toEqual([
      fake.refs.get('heads/main'),
    ]);
  });

  it('rebuilds the branch on the new base when the base changed only screenshot files', async () => {
    const gh = client();
    await syncReleasePr(gh, repo(), opts('1'));
    // Someone commits other versions of the images to main: the tree the branch would have is the
    // same as before, but its parent is not main's head any more, so the PR would conflict.
    fake.commitTo('main', {
      'fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png': Buffer.from('home 0'),
      'fastlane/metadata/android/en-US/images/phoneScreenshots/01_home.png': Buffer.from('play 1'),
    });
    const before = fake.refs.get('heads/storeshots/screenshots');
    const r = await syncReleasePr(gh, repo(), opts('1'));
    expect(r).toMatchObject({ operation: 'updated', number: 1, changed: 1, removed: 0 });
    const head = fake.refs.get('heads/storeshots/screenshots')!;
    expect(head).not.toBe(before);
    expect(r.commit).toBe(head);
    expect(fake.commits.get(head)!.parents).toEqual([fake.refs.get('heads/main')]);
    const branch = fake.filesOf('storeshots/screenshots');
    expect(String(branch.get('fastlane/screenshots/en-US/01_appstore.iphone_6_9_home.png'))).toBe('home 1');
    expect(String(branch.get('fastlane/metadata/android/en-US/images/phoneScreenshots/01_home.png'))).toBe('play 1');
    // Run again on the same base: nothing to do.
    expect((await syncReleasePr(gh, repo(), opts('1'))).operation).toBe('unchanged');
  });

  it('tells the body what the set changes in the base tree; asks for no labels when given none; closes with a comment naming the base', async () => {
    const gh = client();
    const [home, play] = files('1').map((f) => f.path);
    fake.commitTo('main', {
      [home!]: Buffer.from('home 0'),
      'fastlane/screenshots/en-US/02_appstore.iphone_6_9_old.png': Buffer.from('old'),
    });
    const seen: TreeChanges[] = [];
    const body = (c: TreeChanges) => (seen.push(c), `${c.changed.length} changed, ${c.added.length} added`);
    const a = await syncReleasePr(gh, repo(), opts('1', { body, labels: [] }));
    const head = fake.refs.get('heads/storeshots/screenshots')!;
    expect(a).toEqual({
      operation: 'created',
      number: 1,
      url: 'https://github.com/acme/habitual/pull/1',
      commit: head,
      changed: 2,
      removed: 1,
    });
    expect(seen).toEqual([
      {
        base: 'main',
        changed: [home],
        added: [play],
        removed: ['fastlane/screenshots/en-US/02_appstore.iphone_6_9_old.png'],
        unchanged: 0,
      },
    ]);
    expect(fake.pulls[0]).toMatchObject({ body: '1 changed, 1 added', title: 'Update store screenshots', labels: [] });
    expect(fake.log.filter((l) => l.path.endsWith('/labels'))).toEqual([]);
    expect(fake.commits.get(head)).toMatchObject({ message: 'storeshots 1', parents: [fake.refs.get('heads/main')] });
    // The set's home image lands on the base as it is: one file unchanged, one still to add.
    fake.commitTo('main', { [home!]: Buffer.from('home 1') });
    const b = await syncReleasePr(gh, repo(), opts('1', { body, labels: [] }));
    expect(b).toEqual({
      operation: 'updated',
      number: 1,
      url: 'https://github.com/acme/habitual/pull/1',
      commit: fake.refs.get('heads/storeshots/screenshots'),
      changed: 1,
      removed: 1,
    });
    expect(seen[1]).toEqual({
      base: 'main',
      changed: [],
      added: [play],
      removed: ['fastlane/screenshots/en-US/02_appstore.iphone_6_9_old.png'],
      unchanged: 1,
    });
    fake.commitTo('main', {
      [play!]: Buffer.from('play 1'),
      'fastlane/screenshots/en-US/02_appstore.iphone_6_9_old.png': null,
    });
    const c = await syncReleasePr(gh, repo(), opts('1', { body, labels: [] }));
    expect(c).toEqual({
      operation: 'closed',
      number: 1,
      url: 'https://github.com/acme/habitual/pull/1',
      changed: 0,
      removed: 0,
    });
    expect(fake.comments.map((x) => [x.issue, x.body])).toEqual([
      [1, 'The base branch `main` now has exactly these screenshots: closing.'],
    ]);
  });

  it('a truncated listing of the base removes nothing rather than guess; a truncated branch listing is never taken as the same tree', async () => {
    const gh = client();
    fake.commitTo('main', { 'fastlane/screenshots/en-US/02_appstore.iphone_6_9_old.png': Buffer.from('old') });
    let truncate = false;
    gh.hook.after('request', async (res, options) => {
      if (truncate && String(options.url).includes('/git/trees/'))
        (res as unknown as { data: { truncated: boolean } }).data.truncated = true;
    });
    truncate = true;
    const a = await syncReleasePr(gh, repo(), opts('1'));
    expect(a).toMatchObject({ operation: 'created', changed: 2, removed: 0 });
    expect(
      fake.filesOf('storeshots/screenshots').has('fastlane/screenshots/en-US/02_appstore.iphone_6_9_old.png'),
    ).toBe(true);
    // The same set again: a truncated listing of the branch cannot prove the tree is the same, so it commits.
    const b = await syncReleasePr(gh, repo(), opts('1'));
    expect(b.operation).toBe('updated');
    expect(b.commit).toBeDefined();
    truncate = false;
    const c = await syncReleasePr(gh, repo(), opts('1'));
    expect(c).toMatchObject({ operation: 'updated', removed: 1 });
    expect(
      fake.filesOf('storeshots/screenshots').has('fastlane/screenshots/en-US/02_appstore.iphone_6_9_old.png'),
    ).toBe(false);
    expect((await syncReleasePr(gh, repo(), opts('1'))).operation).toBe('unchanged');
  });

  it('a branch that holds one more file than the set would give it is rebuilt', async () => {
    const gh = client();
    await syncReleasePr(gh, repo(), opts('1'));
    // Someone amends the release branch's commit with an extra file (still one commit on the base).
    const head = fake.commits.get(fake.refs.get('heads/storeshots/screenshots')!)!;
    const amended = await createCommit(
      gh,
      repo(),
      head.tree,
      head.parents,
      {
        add: [{ path: 'notes.txt', content: Buffer.from('mine') }],
        remove: [],
      },
      'amended',
    );
    await setBranch(gh, repo(), 'storeshots/screenshots', amended.sha, true);
    expect(fake.filesOf('storeshots/screenshots').has('notes.txt')).toBe(true);
    const r = await syncReleasePr(gh, repo(), opts('1'));
    expect(r.operation).toBe('updated');
    expect(fake.filesOf('storeshots/screenshots').has('notes.txt')).toBe(false);
  });

  it('the branch head of a missing branch is undefined; any other error reading it is thrown', async () => {
    const gh = client();
    expect(await branchHead(gh, repo(), 'nope')).toBeUndefined();
    expect(await branchHead(gh, repo(), 'main')).toBe(fake.refs.get('heads/main'));
    fake.faults.push({ method: 'GET', path: '/git/ref/', status: 500, message: 'Server Error' });
    await expect(branchHead(gh, repo(), 'main')).rejects.toMatchObject({ status: 500 });
  });

  it('computes blob ids the way git does', () => {
    expect(gitBlobSha(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
});

describe('404s', () => {
  it('a sticky comment deleted between search and update is posted again', async () => {
    const gh = client();
    const t = { owner: fake.owner, repo: fake.repo, issueNumber: 7 };
    await upsertStickyComment(gh, t, '', 'one');
    // Someone deletes it right after the search: the update answers 404.
    fake.faults.push({ method: 'PATCH', path: '/issues/comments/', status: 404, message: 'Not Found' });
    const r = await upsertStickyComment(gh, t, '', 'two');
    expect(r.operation).toBe('created');
  });

  it('a missing base branch is a clear error', async () => {
    await expect(
      syncReleasePr(client(), repo(), {
        branch: 'b',
        base: 'nope',
        title: 't',
        body: '',
        labels: [],
        message: 'm',
        files: [],
        owns: () => false,
      }),
    ).rejects.toThrow('The base branch "nope" of the release pull request does not exist');
  });
});
