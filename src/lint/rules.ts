// The lint rules as data: one record per rule with its id, severity, what it checks, the page it
// comes from (src/store/sources.ts: URL and verified date) and the check itself. Store facts come
// from src/store; no rule writes a pixel size down. A fact docs/store-rules.md marks UNCONFIRMED is a
// warning: either the whole rule (severity 'warning') or the hit that rests on it (a hit may lower
// its rule's severity, never raise it). The records live by subject in src/lint/rules/.
import type { Store } from '../store/presets.js';
import { SOURCES } from '../store/sources.js';
import { APPSTORE_RULES } from './rules/appstore.js';
import { FILE_RULES } from './rules/files.js';
import { PLAY_RULES } from './rules/play.js';
import { PROMO_RULES } from './rules/promo.js';
import { SET_RULES } from './rules/sets.js';
import { TEXT_RULES } from './rules/text.js';
import type { Rule } from './rules/shared.js';

export { TEXT_MIN_READABLE, WCAG_AA, displayTypeLabel, nearestAppStoreSize } from './rules/shared.js';
export type { ReadImage, Rule } from './rules/shared.js';

export const RULES: readonly Rule[] = [
  ...FILE_RULES,
  ...APPSTORE_RULES,
  ...PLAY_RULES,
  ...PROMO_RULES,
  ...SET_RULES,
  ...TEXT_RULES,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** The source of a rule for a store (rules citing one page ignore the store). */
export function ruleSource(rule: Rule, store?: Store): { url: string; verified: string } {
  const id = typeof rule.source === 'string' ? rule.source : rule.source[store ?? 'appstore'];
  return SOURCES[id];
}
