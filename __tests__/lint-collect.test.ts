// Which files `storeshots lint PATH` finds, from src/ (src/lint/collect.ts), in real folders: a
// fastlane screenshots/ tree read the way deliver reads it and a metadata/android/ tree the way
// supply reads it, with the files each uploader would skip named with the reason, and the links a
// walk must not follow twice. Collecting only stats files, so the images here are empty files.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectPaths } from '../src/lint/collect.js';
import { tempDirs } from './helpers/temp.js';

const tmp = tempDirs('storeshots-collect-');
function tree(files: string[]): string {
  const d = tmp();
  for (const f of files) {
    mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    if (!f.endsWith('/')) writeFileSync(path.join(d, f), '');
  }
  return d;
}
const reasons = (c: ReturnType<typeof collectPaths>) => c.ignored.map((i) => [i.path, i.reason]).sort();

describe('a fastlane screenshots/ tree, read as deliver reads it', () => {
  it('takes images of locale folders and names every file deliver skips, with the reason', () => {
    const d = tree([
      'fastlane/screenshots/stray.png',
      'fastlane/screenshots/en-US/01-home.png',
      'fastlane/screenshots/en-US/02-list.jpeg',
      'fastlane/screenshots/en-US/notes.webp',
      'fastlane/screenshots/en-US/README.md',
      'fastlane/screenshots/en-US/old/03.png',
      'fastlane/screenshots/english/01.png',
      'fastlane/screenshots/appleTV/en-US/01.png',
      'fastlane/screenshots/appleTV/klingon/01.png',
      'fastlane/screenshots/review_information/x.png',
    ]);
    const c = collectPaths(['fastlane/screenshots'], { cwd: d });
    expect(c.images.map((i) => [i.path, i.store, i.locale]).sort()).toEqual([
      ['fastlane/screenshots/appleTV/en-US/01.png', 'appstore', 'en-US'],
      ['fastlane/screenshots/en-US/01-home.png', 'appstore', 'en-US'],
      ['fastlane/screenshots/en-US/02-list.jpeg', 'appstore', 'en-US'],
      ['fastlane/screenshots/english/01.png', 'appstore', 'english'],
    ]);
    expect(reasons(c)).toEqual([
      ['fastlane/screenshots/appleTV/klingon/01.png', 'deliver skips appleTV/klingon: not an App Store locale'],
      ['fastlane/screenshots/en-US/notes.webp', 'deliver uploads only .png, .jpg and .jpeg files; this one is skipped'],
      [
        'fastlane/screenshots/en-US/old/03.png',
        'deliver does not look into sub-folders of a locale folder; this file is not uploaded',
      ],
      [
        'fastlane/screenshots/stray.png',
        'deliver reads images only inside locale folders (screenshots/<locale>/); this file is not uploaded',
      ],
    ]);
    // A folder deliver would take as a locale but App Store Connect does not know.
    expect(c.localeFolders.map((f) => [f.path, f.name, f.store])).toEqual([
      ['fastlane/screenshots/english', 'english', 'appstore'],
    ]);
  });
});

describe('a fastlane metadata/android/ tree, read as supply reads it', () => {
  it('takes the screenshot folders and the named images, and names every file supply skips', () => {
    const d = tree([
      'fastlane/metadata/android/stray.png',
      'fastlane/metadata/android/en-US/images/phoneScreenshots/1.png',
      'fastlane/metadata/android/en-US/images/phoneScreenshots/2.gif',
      'fastlane/metadata/android/en-US/images/phoneScreenshots/old/3.png',
      'fastlane/metadata/android/en-US/images/PhoneScreenshots/1.png',
      'fastlane/metadata/android/en-US/images/featureGraphic.png',
      'fastlane/metadata/android/en-US/images/icon.png',
      'fastlane/metadata/android/en-US/images/banner.png',
      'fastlane/metadata/android/en-US/images/notes.txt',
      'fastlane/metadata/android/en-US/cover.png',
      'fastlane/metadata/android/en-US/extra/4.png',
      'fastlane/metadata/android/en-US/title.txt',
      'fastlane/metadata/android/elvish/images/icon.png',
    ]);
    const c = collectPaths(['fastlane/metadata/android'], { cwd: d });
    const root = 'fastlane/metadata/android';
    expect(c.images.map((i) => [i.path, i.store, i.playKind, i.presetRef, i.locale]).sort()).toEqual([
      [`${root}/elvish/images/icon.png`, 'play', 'icon', undefined, 'elvish'],
      [`${root}/en-US/images/featureGraphic.png`, 'play', 'featureGraphic', 'play.feature_graphic', 'en-US'],
      [`${root}/en-US/images/icon.png`, 'play', 'icon', undefined, 'en-US'],
      [`${root}/en-US/images/phoneScreenshots/1.png`, 'play', 'screenshot', 'play.phone', 'en-US'],
    ]);
    expect(reasons(c)).toEqual([
      [`${root}/en-US/cover.png`, 'supply uploads images only from en-US/images/; this file is not uploaded'],
      [`${root}/en-US/extra/4.png`, 'supply uploads images only from en-US/images/; this file is not uploaded'],
      [
        `${root}/en-US/images/PhoneScreenshots/1.png`,
        'supply does not upload images/PhoneScreenshots/ (the folder name is case-sensitive: phoneScreenshots); it reads phoneScreenshots, sevenInchScreenshots, tenInchScreenshots, tvScreenshots, wearScreenshots',
      ],
      [
        `${root}/en-US/images/banner.png`,
        'supply uploads only featureGraphic.png, icon.png, tvBanner.png and the screenshot folders from images/; this file is skipped',
      ],
      [
        `${root}/en-US/images/phoneScreenshots/2.gif`,
        'supply uploads only .png, .jpg and .jpeg files; this one is skipped',
      ],
      [
        `${root}/en-US/images/phoneScreenshots/old/3.png`,
        'supply does not look into sub-folders of images/phoneScreenshots/',
      ],
      [`${root}/stray.png`, 'supply reads images only from <locale>/images/; this file is not uploaded'],
    ]);
    expect(c.localeFolders.map((f) => [f.path, f.store])).toEqual([[`${root}/elvish`, 'play']]);
  });
});

describe('links', () => {
  it('a link back to a folder being walked is reported once as a loop, not walked again', () => {
    const d = tree(['shots/a/01.png']);
    symlinkSync(path.join(d, 'shots'), path.join(d, 'shots/a/back'));
    const c = collectPaths(['shots'], { cwd: d, store: 'play' });
    expect(c.images.map((i) => i.path)).toEqual(['shots/a/01.png']);
    expect(c.unreachable).toEqual([
      {
        path: 'shots/a/back',
        reason: `symbolic link loop: it leads back to shots, which is already being linted`,
      },
    ]);
  });

  it('a dangling link named like an image is an unreadable image; any other dangling link is a skipped path', () => {
    const d = tree(['shots/01.png']);
    symlinkSync(path.join(d, 'nowhere.png'), path.join(d, 'shots/02.png'));
    symlinkSync(path.join(d, 'nowhere'), path.join(d, 'shots/notes'));
    const c = collectPaths(['shots'], { cwd: d, store: 'play' });
    expect(c.images.map((i) => [i.path, i.unreadable !== undefined]).sort()).toEqual([
      ['shots/01.png', false],
      ['shots/02.png', true],
    ]);
    expect(c.unreachable.map((u) => u.path)).toEqual(['shots/notes']);
  });

  it('the same file named twice, or through a link, is linted once', () => {
    const d = tree(['shots/01.png']);
    symlinkSync(path.join(d, 'shots/01.png'), path.join(d, 'shots/02.png'));
    const c = collectPaths(['shots', 'shots/01.png'], { cwd: d, store: 'play' });
    expect(c.images.map((i) => i.path)).toEqual(['shots/01.png']);
  });
});
