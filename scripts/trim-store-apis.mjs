// Cuts Apple's App Store Connect OpenAPI document and Google's androidpublisher v3 discovery
// document down to the operations `storeshots upload` calls, with every schema they reference,
// into __tests__/fixtures/asc-openapi.json and __tests__/fixtures/play-discovery.json. The
// loopback stores of the tests validate every request and response against these copies;
// nothing reads the full documents at run or test time.
//
//   node scripts/trim-store-apis.mjs <app-store-connect-api-*.openapi.json[.gz]> <androidpublisher.v3.discovery.json[.gz]>
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { closeRefs, collectRefs, trimOpenApi } from './openapi-trim.mjs';

export const ASC_OPERATIONS = [
  ['get', '/v1/apps'],
  ['get', '/v1/apps/{id}/appStoreVersions'],
  ['get', '/v1/appStoreVersions/{id}/appStoreVersionLocalizations'],
  ['get', '/v1/appStoreVersionLocalizations/{id}/appScreenshotSets'],
  ['post', '/v1/appScreenshotSets'],
  ['get', '/v1/appScreenshotSets/{id}/appScreenshots'],
  ['patch', '/v1/appScreenshotSets/{id}/relationships/appScreenshots'],
  ['post', '/v1/appScreenshots'],
  ['get', '/v1/appScreenshots/{id}'],
  ['patch', '/v1/appScreenshots/{id}'],
  ['delete', '/v1/appScreenshots/{id}'],
];

/** Discovery method ids, under resources.edits. */
export const PLAY_METHODS = [
  'edits.insert',
  'edits.delete',
  'edits.validate',
  'edits.commit',
  'edits.images.list',
  'edits.images.upload',
  'edits.images.delete',
];

const [ascSrc, playSrc] = process.argv.slice(2);
if (!ascSrc || !playSrc) {
  console.error(
    'usage: node scripts/trim-store-apis.mjs <app-store-connect openapi.json[.gz]> <androidpublisher.v3.discovery.json[.gz]>',
  );
  process.exit(2);
}
const readJson = (f) => {
  const raw = readFileSync(f);
  return JSON.parse((f.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
};
const fixtures = path.resolve(import.meta.dirname, '../__tests__/fixtures');
const write = (name, doc) => {
  const dest = path.join(fixtures, name);
  writeFileSync(dest, `${JSON.stringify(doc, null, 1)}\n`);
  return `${path.relative(process.cwd(), dest)} (${Math.round(readFileSync(dest).length / 1024)} KB)`;
};

// ---- App Store Connect (OpenAPI 3) ----------------------------------------------------------
{
  const full = readJson(ascSrc);
  const { paths, components, count } = trimOpenApi(full, ASC_OPERATIONS, ascSrc);
  const out = {
    openapi: full.openapi,
    info: {
      title: full.info.title,
      version: full.info.version,
      description: `Trimmed by scripts/trim-store-apis.mjs from ${path.basename(ascSrc)}`,
    },
    servers: full.servers,
    paths,
    components,
  };
  if (full.components.securitySchemes) out.components.securitySchemes = full.components.securitySchemes;
  if (full.security) out.security = full.security;
  console.log(
    `App Store Connect ${full.info.version}: ${ASC_OPERATIONS.length} operations, ${count} components -> ${write('asc-openapi.json', out)}`,
  );
}

// ---- Google Play (discovery) ----------------------------------------------------------------
{
  const full = readJson(playSrc);
  const out = {
    kind: full.kind,
    id: full.id,
    name: full.name,
    version: full.version,
    revision: full.revision,
    description: `Trimmed by scripts/trim-store-apis.mjs from ${path.basename(playSrc)}`,
    rootUrl: full.rootUrl,
    servicePath: full.servicePath,
    parameters: full.parameters,
    resources: {},
    schemas: {},
  };
  const refs = new Set();
  for (const id of PLAY_METHODS) {
    const parts = id.split('.');
    const name = parts.pop();
    let src = full;
    let dst = out;
    for (const r of parts) {
      src = src.resources?.[r];
      if (!src) throw new Error(`${id} is not in ${playSrc}`);
      dst = (dst.resources ??= {})[r] ??= {};
    }
    const m = src.methods?.[name];
    if (!m) throw new Error(`${id} is not in ${playSrc}`);
    (dst.methods ??= {})[name] = m;
    collectRefs(m, refs);
  }
  const count = closeRefs(refs, (ref) => {
    if (!full.schemas[ref]) throw new Error(`schema ${ref} is not in ${playSrc}`);
    out.schemas[ref] = full.schemas[ref];
    return full.schemas[ref];
  });
  console.log(
    `androidpublisher ${full.version} (revision ${full.revision}): ${PLAY_METHODS.length} methods, ${count} schemas -> ${write('play-discovery.json', out)}`,
  );
}
