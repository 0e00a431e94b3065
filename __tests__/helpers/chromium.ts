// Debian's Chromium, driven by playwright-core (nothing is downloaded): the reference browser for
// report.html, diff.html and the PR comment as GitHub shows it.
import { type BrowserContext, chromium } from 'playwright-core';
import { BROWSER_FLAGS } from '../../src/capture/capture.js';

/** The flags every test launch uses (the ones web capture launches with): no sandbox (root in CI), no
 * GPU, no traffic of its own. */
export const CHROMIUM_FLAGS = BROWSER_FLAGS;

/** A headless Chromium with its profile in `profile` and a window of `viewport`; `extraArgs` add to the flags. */
export function openChromium(
  profile: string,
  viewport: { width: number; height: number },
  extraArgs: string[] = [],
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    args: [...CHROMIUM_FLAGS, ...extraArgs],
  });
}
