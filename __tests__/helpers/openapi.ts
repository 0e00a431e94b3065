// Checks an answer of `storeshots serve` against the schema its own /v1/openapi.json gives for that
// operation, status and content type (Ajv; formats not validated, components resolved from the document).
import { Ajv } from 'ajv';
import { expect } from 'vitest';

export function expectFits(
  doc: any,
  route: string,
  method: string,
  status: number,
  body: unknown,
  type = 'application/json',
) {
  const op = doc.paths[route]?.[method];
  expect(op, `${method} ${route} in the OpenAPI document`).toBeDefined();
  const schema = op.responses[String(status)]?.content?.[type]?.schema;
  expect(schema, `${method} ${route} ${status} ${type}`).toBeDefined();
  const check = new Ajv({ strict: false, validateFormats: false }).compile({ ...schema, components: doc.components });
  expect(check(body), `${method} ${route} ${status}: ${JSON.stringify(check.errors)}`).toBe(true);
}
