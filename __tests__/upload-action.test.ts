// mode: upload end to end: the built Action in a child process, as the runner starts it, against
// the loopback App Store Connect (Apple's OpenAPI description) and GitHub (GitHub's). The dry
// run on the release pull request posts the plan there; the approved job uploads it.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from './fakes/github.js';
import { FakeArtifacts } from './fakes/artifacts.js';
import { FakeAsc } from './fakes/asc.js';
import { pullRequestEvent, runAction as run, shippedAction, type RunOptions } from './fakes/run-action.js';
import { writeRenderedSet } from './helpers/upload-set.js';
import { commentMarker } from '../src/github/comment.js';
import { PLAN_COMMENT_HEADER } from '../src/action/modes/upload.js';

let gh: FakeGitHub;
let arts: FakeArtifacts;
let asc: FakeAsc;
let actionDir: string;
const runAction = (o: Omit<RunOptions, 'actionDir' | 'github' | 'artifacts'>) =>
  run({ ...o, actionDir, github: gh, artifacts: arts });

beforeAll(() => {
  actionDir = shippedAction({ linkModules: true });
});
beforeEach(async () => {
  gh = await new FakeGitHub().start();
  arts = await new FakeArtifacts().start();
  asc = await new FakeAsc().start();
});
afterEach(async () => {
  expect(gh.violations).toEqual([]);
  expect(asc.violations).toEqual([]);
  await Promise.all([gh.stop(), arts.stop(), asc.stop()]);
});

const set = () =>
  writeRenderedSet(
    ['en-US', 'de-DE'].map((locale, n) => ({
      locale,
      preset: 'appstore.iphone_6_9',
      slides: ['home', 'stats'].map((slide, i) => ({ slide, color: `#0${n}${i}0a0` })),
    })),
  );

describe('mode: upload', { timeout: 180_000 }, () => {
  it('dry run on the release pull request: plan in the log, the summary, the outputs and a PR comment; credentials masked; the store untouched', async () => {
    const dir = await set();
    gh.pulls.push({
      number: 7,
      title: 'Update store screenshots',
      body: '',
      state: 'open',
      head: { ref: 'storeshots/screenshots', sha: 'c'.repeat(40), repo: gh.full },
      base: { ref: 'main' },
      labels: [],
    });
    const r = await runAction({
      workspace: dir,
      inputs: {
        'github-token': 'ghs_write',
        mode: 'upload',
        store: 'appstore',
        'dry-run': 'true',
        'upload-dir': dir,
        'bundle-id': 'com.example.habitual',
        'asc-key-id': asc.keyId,
        'asc-issuer-id': asc.issuerId,
        'asc-private-key': asc.privateKeyPem,
        comment: 'true',
      },
      event: pullRequestEvent(gh, { number: 7, headSha: 'c'.repeat(40), headRef: 'storeshots/screenshots' }),
      env: { STORESHOTS_ASC_API_URL: asc.url },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(asc.mutations()).toBe(0);
    expect(JSON.parse(r.outputs['upload-plan']!)).toEqual({
      store: 'appstore',
      plan: ['de-DE', 'en-US'].map((l) => ({
        locale: l,
        displayType: 'APP_IPHONE_67',
        unchanged: 0,
        upload: [`${l}/appstore.iphone_6_9/01-home.png`, `${l}/appstore.iphone_6_9/02-stats.png`],
        delete: [],
        reorder: false,
      })),
    });
    expect(r.outputs['upload-changes']).toBe('4');
    expect(r.summary).toContain(
      '| de-DE | APP\\_IPHONE\\_67 | 0 | de-DE/appstore.iphone\\_6\\_9/01-home.png<br>de-DE/appstore.iphone\\_6\\_9/02-stats.png | – | no |',
    );
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.issue).toBe(7);
    expect(gh.comments[0]!.body.startsWith(commentMarker(PLAN_COMMENT_HEADER))).toBe(true);
    expect(gh.comments[0]!.body).toContain('once approved');
    // Every line of the key is masked before anything runs, and appears nowhere else.
    const keyLines = asc.privateKeyPem.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const l of keyLines) expect(r.stdout).toContain(`::add-mask::${l}`);
    const unmasked = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    for (const l of keyLines) expect(unmasked.join('\n')).not.toContain(l);
    expect(r.stdout).toContain(`::add-mask::${asc.keyId}`);
    expect(r.summary + gh.comments[0]!.body).not.toContain(keyLines[0]!);
  });

  it('the approved upload job (credentials from the environment) uploads; a rerun has nothing to do', async () => {
    const dir = await set();
    const go = () =>
      runAction({
        workspace: dir,
        inputs: {
          'github-token': 'ghs_write',
          mode: 'upload',
          store: 'appstore',
          'upload-dir': dir,
          'bundle-id': 'com.example.habitual',
        },
        event: { name: 'push', payload: {}, ref: 'refs/tags/v2.1.0' },
        env: {
          STORESHOTS_ASC_API_URL: asc.url,
          ASC_KEY_ID: asc.keyId,
          ASC_ISSUER_ID: asc.issuerId,
          ASC_PRIVATE_KEY: asc.privateKeyPem,
        },
      });
    const r = await go();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs['upload-changes']).toBe('4');
    expect(asc.setOf('en-US', 'APP_IPHONE_67')!.map((s) => [s.fileName, s.state])).toEqual([
      ['01-home.png', 'COMPLETE'],
      ['02-stats.png', 'COMPLETE'],
    ]);
    const again = await go();
    expect(again.code).toBe(0);
    expect(again.outputs['upload-changes']).toBe('0');
  });
});
