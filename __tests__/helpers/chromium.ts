// Debian's Chromium, driven by playwright-core (nothing is downloaded): the reference browser for
// report.html, diff.html and the PR comment as GitHub shows it.
import { type BrowserContext, chromium } from 'playwright-core';

/** The flags every test launch uses: no sandbox (root in CI), no GPU, no traffic of its own. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

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
