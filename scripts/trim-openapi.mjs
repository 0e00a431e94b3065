// Cuts GitHub's published OpenAPI description down to the operations storeshots calls, with
// every component they reference, into __tests__/fixtures/github-openapi.json (the loopback
// GitHub server of the tests validates each request and response against it).
//
//   mkdir -p /tmp/oa && cd /tmp/oa && npm install @octokit/openapi     (outside the repo: 385 MB)
//   node scripts/trim-openapi.mjs /tmp/oa/node_modules/@octokit/openapi/generated/api.github.com.json
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts'],
  ['get', '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}'],
  ['post', '/repos/{owner}/{repo}/dispatches'],
];

const src = process.argv[2];
if (!src) {
  console.error('usage: node scripts/trim-openapi.mjs <path to api.github.com.json>');
  process.exit(2);
}
const full = JSON.parse(readFileSync(src, 'utf8'));
const out = { openapi: full.openapi, info: { title: full.info.title, version: full.info.version, description: `Trimmed by scripts/trim-openapi.mjs from @octokit/openapi generated/api.github.com.json` }, paths: {}, components: {} };

// Examples are documentation, not contract: dropped (they are most of the size).
const strip = (node) => {
  if (Array.isArray(node)) return node.map(strip);
  if (!node || typeof node !== 'object') return node;
  const o = {};
  for (const [k, v] of Object.entries(node)) if (k !== 'examples' && k !== 'example') o[k] = strip(v);
  return o;
};
const refs = new Set();
const collect = (node) => {
  if (Array.isArray(node)) return node.forEach(collect);
  if (!node || typeof node !== 'object') return;
  if (typeof node.$ref === 'string') refs.add(node.$ref);
  Object.values(node).forEach(collect);
};

for (const [method, p] of OPERATIONS) {
  const item = full.paths[p];
  if (!item?.[method]) throw new Error(`${method.toUpperCase()} ${p} is not in ${src}`);
  out.paths[p] ??= item.parameters ? { parameters: strip(item.parameters) } : {};
  out.paths[p][method] = strip(item[method]);
  collect(out.paths[p]);
}
const seen = new Set();
while (refs.size > seen.size) {
  for (const ref of [...refs]) {
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, , kind, name] = ref.split('/');
    const node = strip(full.components[kind][name]);
    (out.components[kind] ??= {})[name] = node;
    collect(node);
  }
}
const dest = path.resolve(import.meta.dirname, '../__tests__/fixtures/github-openapi.json');
writeFileSync(dest, `${JSON.stringify(out, null, 1)}\n`);
console.log(`${OPERATIONS.length} operations, ${seen.size} components -> ${path.relative(process.cwd(), dest)} (${Math.round(readFileSync(dest).length / 1024)} KB) from OpenAPI ${full.info.version}`);
