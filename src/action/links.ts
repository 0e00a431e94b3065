// Links to storeshots' own pages (the house lint rules in docs/lint.md) that resolve for the
// copy of the Action that is running: the repository and ref GitHub ran it from
// (GITHUB_ACTION_REPOSITORY, GITHUB_ACTION_REF), else the project's home and this version's tag.
import { SOURCES } from '../store/sources.js';
import { VERSION } from '../version.js';
import type { Finding } from '../report/types.js';
import type { ActionContext } from './context.js';

/** owner/name of the project's home; package.json `repository` says the same (a test checks). */
export const HOME_REPOSITORY = 'storeshots/storeshots';

/** The page the house rules cite in the lint data (report.json's `source`). */
const HOUSE_RULES_PAGE = SOURCES.storeshotsRules.url;

/** docs/lint.md of the running copy, e.g. https://github.com/acme/storeshots/blob/v1/docs/lint.md. */
export function rulesDocBase(ctx: Pick<ActionContext, 'serverUrl' | 'actionRepository' | 'actionRef'>): string {
  if (ctx.actionRepository && ctx.actionRef) return `${ctx.serverUrl}/${ctx.actionRepository}/blob/${encodeURIComponent(ctx.actionRef)}/docs/lint.md`;
  return `https://github.com/${HOME_REPOSITORY}/blob/v${VERSION}/docs/lint.md`;
}

/** The anchor docs/lint.md gives each rule's row (`<a id="rule-text-overflow">`). */
export function ruleAnchor(rule: string): string {
  return `rule-${rule.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/** Where a finding's rule is explained: its store page, or for house rules their row in docs/lint.md. */
export function ruleLink(f: Pick<Finding, 'rule' | 'source'>, rulesBase: string | undefined): string {
  if (rulesBase && f.source?.startsWith(HOUSE_RULES_PAGE)) return `${rulesBase}#${ruleAnchor(f.rule)}`;
  return f.source;
}
