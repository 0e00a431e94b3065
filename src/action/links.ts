// Links to storeshots' own pages (the house lint rules in docs/lint.md) that resolve for the
// copy of the Action that is running: the repository and ref GitHub ran it from
// (GITHUB_ACTION_REPOSITORY, GITHUB_ACTION_REF), else the project's home and this version's tag.
import { VERSION } from '../version.js';
import type { ActionContext } from './context.js';

export { ruleAnchor, ruleLink } from '../lint/links.js';

/** owner/name of the project's home; package.json `repository` says the same (a test checks). */
export const HOME_REPOSITORY = 'storeshots/storeshots';

/** docs/lint.md of the running copy, e.g. https://github.com/acme/storeshots/blob/v1/docs/lint.md. */
export function rulesDocBase(ctx: Pick<ActionContext, 'serverUrl' | 'actionRepository' | 'actionRef'>): string {
  if (ctx.actionRepository && ctx.actionRef)
    return `${ctx.serverUrl}/${ctx.actionRepository}/blob/${encodeURIComponent(ctx.actionRef)}/docs/lint.md`;
  return `https://github.com/${HOME_REPOSITORY}/blob/v${VERSION}/docs/lint.md`;
}
