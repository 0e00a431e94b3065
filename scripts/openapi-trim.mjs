// The walk both trim scripts share (trim-openapi.mjs for GitHub, trim-store-apis.mjs for Apple
// and Google): keep the operations storeshots calls, then every $ref they reach, transitively.

/** Examples are documentation, not contract: dropped (they are most of the size). */
export function stripExamples(node) {
  if (Array.isArray(node)) return node.map(stripExamples);
  if (!node || typeof node !== 'object') return node;
  const o = {};
  for (const [k, v] of Object.entries(node)) if (k !== 'examples' && k !== 'example') o[k] = stripExamples(v);
  return o;
}

/** Adds every `$ref` string under `node` to `refs`, in document order. */
export function collectRefs(node, refs) {
  if (Array.isArray(node)) return node.forEach((n) => collectRefs(n, refs));
  if (!node || typeof node !== 'object') return;
  if (typeof node.$ref === 'string') refs.add(node.$ref);
  Object.values(node).forEach((n) => collectRefs(n, refs));
}

/**
 * Follows `refs` to closure: `copy(ref)` copies one target into the output and returns it, and
 * the refs it holds are followed in turn (breadth first, each once). Returns how many were copied.
 */
export function closeRefs(refs, copy) {
  const seen = new Set();
  while (refs.size > seen.size) {
    for (const ref of [...refs]) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      collectRefs(copy(ref), refs);
    }
  }
  return seen.size;
}

/**
 * OpenAPI 3: `operations` ([method, path] pairs) with their path-level parameters, examples
 * stripped, and every `#/components/<kind>/<name>` they reach. Throws naming `src` when an
 * operation or a referenced component is missing.
 */
export function trimOpenApi(full, operations, src) {
  const paths = {};
  const components = {};
  const refs = new Set();
  for (const [method, p] of operations) {
    const item = full.paths[p];
    if (!item?.[method]) throw new Error(`${method.toUpperCase()} ${p} is not in ${src}`);
    paths[p] ??= item.parameters ? { parameters: stripExamples(item.parameters) } : {};
    paths[p][method] = stripExamples(item[method]);
    collectRefs(paths[p], refs);
  }
  const count = closeRefs(refs, (ref) => {
    const [, , kind, name] = ref.split('/');
    const node = stripExamples(full.components?.[kind]?.[name]);
    if (!node) throw new Error(`${ref} is not in ${src}`);
    (components[kind] ??= {})[name] = node;
    return node;
  });
  return { paths, components, count };
}
