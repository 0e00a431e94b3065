// Cuts GitHub's published OpenAPI description down to the operations storeshots calls, with
// every component they reference, into __tests__/fixtures/github-openapi.json (the loopback
// GitHub server of the tests validates each request and response against it).
//
//   mkdir -p /tmp/oa && cd /tmp/oa && npm install @octokit/openapi     (outside the repo: 385 MB)
//   node scripts/trim-openapi.mjs /tmp/oa/node_modules/@octokit/openapi/generated/api.github.com.json
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { trimOpenApi } from './openapi-trim.mjs';

export const OPERATIONS = [
  ['get', '/user'],
  ['get', '/repos/{owner}/{repo}'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['patch', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/labels'],
  ['get', '/repos/{owner}/{repo}/git/ref/{ref}'],
  ['post', '/repos/{owner}/{repo}/git/refs'],
  ['patch', '/repos/{owner}/{repo}/git/refs/{ref}'],
  ['get', '/repos/{owner}/{repo}/git/commits/{commit_sha}'],
  ['post', '/repos/{owner}/{repo}/git/commits'],
  ['get', '/repos/{owner}/{repo}/git/trees/{tree_sha}'],
  ['post', '/repos/{owner}/{repo}/git/trees'],
  ['post', '/repos/{owner}/{repo}/git/blobs'],
  ['get', '/repos/{owner}/{repo}/pulls'],
  ['post', '/repos/{owner}/{repo}/pulls'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['patch', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}'],
  ['get', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts'],
  ['get', '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}'],
  ['post', '/repos/{owner}/{repo}/dispatches'],
  // The render service's GitHub App dispatch: find the app's installation, then mint its token.
  ['get', '/repos/{owner}/{repo}/installation'],
  ['post', '/app/installations/{installation_id}/access_tokens'],
];

const src = process.argv[2];
if (!src) {
  console.error('usage: node scripts/trim-openapi.mjs <path to api.github.com.json>');
  process.exit(2);
}
const full = JSON.parse(readFileSync(src, 'utf8'));

const { paths, components, count } = trimOpenApi(full, OPERATIONS, src);
const out = {
  openapi: full.openapi,
  info: {
    title: full.info.title,
    version: full.info.version,
    description: `Trimmed by scripts/trim-openapi.mjs from @octokit/openapi generated/api.github.com.json`,
  },
  paths,
  components,
};
const dest = path.resolve(import.meta.dirname, '../__tests__/fixtures/github-openapi.json');
writeFileSync(dest, `${JSON.stringify(out, null, 1)}\n`);
console.log(
  `${OPERATIONS.length} operations, ${count} components -> ${path.relative(process.cwd(), dest)} (${Math.round(readFileSync(dest).length / 1024)} KB) from OpenAPI ${full.info.version}`,
);
