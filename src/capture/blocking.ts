// Ad and cookie-banner blocking for web captures (docs/render-api.md#ad-and-cookie-banner-blocking).
//
// Ads: Ghostery's @ghostery/adblocker parses filter lists in EasyList / uBlock Origin syntax that the
// operator provides as files (STORESHOTS_FILTER_LISTS); nothing is fetched at run time. Its network
// filters decide which requests of the page the capture's route handler aborts (capture.ts); its
// cosmetic filters become a style sheet that hides the matching elements before the screenshot.
//
// Cookie banners: DuckDuckGo's @duckduckgo/autoconsent, whose consent-manager rules ship inside the
// npm package (updated with it). Its content script (dist/autoconsent.playwright.js, the bundle its
// Puppeteer guide describes) runs in each frame of the page; the capture answers its messages
// (capture.ts: `init` with the configuration and the bundled rules, `eval` in the asking frame) and
// waits, bounded, until it opted out of the banner, hid it, or found none.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Config, FiltersEngine, parseFilters, Request } from '@ghostery/adblocker';
import { errorMessage } from '../util/errors.js';

/** One operator's list: its file (named in what it blocks) and the engine built from it. */
export interface FilterList {
  file: string;
  engine: FiltersEngine;
  /** Network and cosmetic filters the list gave. */
  filters: number;
}

/** A list file that cannot be used: the message names the file. */
export class FilterListError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterListError';
  }
}

/** Largest list file read (EasyList is about 2 MB, EasyPrivacy about 1 MB). */
export const FILTER_LIST_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The lists named in a comma-separated value (STORESHOTS_FILTER_LISTS), each parsed at once: a file
 * that cannot be read, is not UTF-8 text, or gives no filter at all (not a list in EasyList syntax)
 * is a FilterListError naming it, so the service stops at start rather than block nothing.
 */
export function loadFilterLists(value: string | undefined, cwd: string): FilterList[] {
  const files = (value ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  return files.map((f) => loadFilterList(path.resolve(cwd, f)));
}

function loadFilterList(file: string): FilterList {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new FilterListError(`STORESHOTS_FILTER_LISTS: cannot read ${file}: ${errorMessage(e)}`);
  }
  if (bytes.length > FILTER_LIST_MAX_BYTES)
    throw new FilterListError(
      `STORESHOTS_FILTER_LISTS: ${file} is ${bytes.length} bytes; the limit is ${FILTER_LIST_MAX_BYTES}`,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FilterListError(`STORESHOTS_FILTER_LISTS: ${file} is not UTF-8 text (a filter list in EasyList syntax)`);
  }
  if (text.includes('\0'))
    throw new FilterListError(`STORESHOTS_FILTER_LISTS: ${file} is not text (a filter list in EasyList syntax)`);
  const config = new Config({ loadNetworkFilters: true, loadCosmeticFilters: true, enableHtmlFiltering: false });
  // Parsed once, counted, then indexed (what FiltersEngine.parse does, without parsing twice).
  const parsed = parseFilters(text, config);
  const filters = parsed.networkFilters.length + parsed.cosmeticFilters.length;
  if (filters === 0)
    throw new FilterListError(
      `STORESHOTS_FILTER_LISTS: ${file} has no filter in EasyList / uBlock Origin syntax (such as ||ads.example.com^ or ##.ad-banner)`,
    );
  return { file, engine: new FiltersEngine({ ...parsed, config }), filters };
}

/** Why the lists block a request of the page (the list's file and the filter), or undefined. */
export function blockedBy(
  lists: readonly FilterList[],
  url: string,
  pageUrl: string,
  type: string,
): string | undefined {
  const request = Request.fromRawDetails({ url, sourceUrl: pageUrl, type: type as never });
  for (const list of lists) {
    const r = list.engine.match(request);
    if (r.match) return `blocked as an ad by ${path.basename(list.file)}${r.filter ? `: ${r.filter.toString()}` : ''}`;
  }
  return undefined;
}

/** What a page holds that generic cosmetic filters are keyed on (classes, ids, link targets). */
export interface PageKeys {
  classes: string[];
  ids: string[];
  hrefs: string[];
}

/** Run in the page: its classes, ids and link targets, each bounded (a hostile page cannot flood the service). */
export const PAGE_KEYS = `(() => {
  const classes = new Set(), ids = new Set(), hrefs = new Set();
  const all = document.querySelectorAll('[class], [id], a[href]');
  for (let i = 0; i < all.length && i < 20000; i++) {
    const el = all[i];
    if (el.id && ids.size < 5000) ids.add(el.id);
    if (el.classList) for (const c of el.classList) if (classes.size < 5000) classes.add(c);
    if (el.tagName === 'A' && el.href && hrefs.size < 5000) hrefs.add(el.href);
  }
  return { classes: [...classes], ids: [...ids], hrefs: [...hrefs] };
})()`;

/**
 * The style sheet of the lists' cosmetic filters for a page: the filters for its host and the generic
 * ones keyed on what the page holds. Scriptlet injections (`##+js(...)`) and extended selectors are not
 * run: they need resources this service does not ship.
 */
export function cosmeticCss(lists: readonly FilterList[], pageUrl: string, keys: PageKeys): string {
  const request = Request.fromRawDetails({ url: pageUrl, type: 'document' });
  const sheets: string[] = [];
  for (const list of lists) {
    const { styles } = list.engine.getCosmeticsFilters({
      url: pageUrl,
      hostname: request.hostname,
      domain: request.domain,
      classes: keys.classes,
      ids: keys.ids,
      hrefs: keys.hrefs,
      getBaseRules: true,
      getInjectionRules: false,
      getExtendedRules: false,
      getRulesFromDOM: true,
      getRulesFromHostname: true,
    });
    if (styles) sheets.push(styles);
  }
  return sheets.join('\n');
}

const require = createRequire(import.meta.url);

let consentScript: { script: string; rules: unknown } | undefined;

/** autoconsent's content script and its bundled opt-out rules (read once, from the installed package). */
export function autoconsentBundle(): { script: string; rules: unknown } {
  if (!consentScript) {
    // The package exports its CommonJS build (dist/autoconsent.cjs.js), not the content script beside it.
    const dist = path.dirname(require.resolve('@duckduckgo/autoconsent'));
    consentScript = {
      script: readFileSync(path.join(dist, 'autoconsent.playwright.js'), 'utf8'),
      // The compact encoding of the rules, made for opting out (the package's Puppeteer guide): a
      // third of the full bundle's size, which each frame parses.
      rules: { compact: JSON.parse(readFileSync(path.join(dist, '..', 'rules', 'compact-rules.json'), 'utf8')) },
    };
  }
  return consentScript;
}

/** autoconsent's configuration (its lib/types.ts Config): opt out, or hide what it cannot opt out of. */
export const AUTOCONSENT_CONFIG = {
  enabled: true,
  autoAction: 'optOut',
  disabledCmps: [],
  enablePrehide: true,
  enableCosmeticRules: true,
  enableGeneratedRules: true,
  // Each retry waits 500 ms and (from the second) a change of the DOM: a page without a banner it
  // knows is given up on by the capture's own bound below.
  detectRetries: 10,
  isMainWorld: false,
  prehideTimeout: 2000,
  enableHeuristicDetection: false,
  enablePopupMutationObserver: false,
  visualTest: false,
  logs: {
    lifecycle: false,
    rulesteps: false,
    detectionsteps: false,
    evals: false,
    errors: false,
    messages: false,
    waits: false,
  },
};

/**
 * How long a capture waits for autoconsent after the page loaded (within the capture's deadline). A
 * known banner is found at once and refused within about a second (OneTrust's rule waits 500 ms before
 * its click); a page without one (or one loading later than this) costs the whole wait.
 */
export const COOKIE_BANNER_WAIT_MS = 5_000;
