// Where a finding's rule is explained: the store's page it cites, or for storeshots' own (house)
// rules their row in docs/lint.md of the running copy (the base comes from action/links.ts).
import { SOURCES } from '../store/sources.js';
import type { Finding } from '../report/types.js';

/** The page the house rules cite in the lint data (report.json's `source`). */
const HOUSE_RULES_PAGE = SOURCES.storeshotsRules.url;

/** The anchor docs/lint.md gives each rule's row (`<a id="rule-text-overflow">`). */
export function ruleAnchor(rule: string): string {
  return `rule-${rule
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/** Where a finding's rule is explained: its store page, or for house rules their row in docs/lint.md. */
export function ruleLink(f: Pick<Finding, 'rule' | 'source'>, rulesBase: string | undefined): string {
  if (rulesBase && f.source?.startsWith(HOUSE_RULES_PAGE)) return `${rulesBase}#${ruleAnchor(f.rule)}`;
  return f.source;
}
