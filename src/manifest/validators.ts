// The manifest's JSON Schema validators: the whole manifest (load.ts) and a theme's style
// (theme.ts, which obeys the same definitions). From source they are compiled by ajv at first use.
// The build (scripts/build.mjs) replaces this module with the same validators precompiled by
// ajv's standalone code (scripts/validators.mjs reads VALIDATORS below, so both use these options
// and schemas): a run compiles no schema when it starts (issue #19, about 85 ms of every run).
import { Ajv, type ErrorObject } from 'ajv';
import schema from '../../schema/screenshots.schema.json' with { type: 'json' };
import { addManifestFormats } from './formats.js';

/** What each validator checks, with which ajv options. */
export const VALIDATORS = {
  manifest: { options: { allErrors: true, strict: false, verbose: true }, schema: () => schema },
  style: {
    options: { allErrors: true, strict: false },
    schema: () => ({ ...schema.definitions.style, definitions: schema.definitions }),
  },
} as const;

/** A compiled validator: true when `data` is valid, else its errors are in `errors`. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const compiled = new Map<keyof typeof VALIDATORS, Validator>();

export function validator(name: keyof typeof VALIDATORS): Validator {
  let v = compiled.get(name);
  if (!v) {
    const { options, schema } = VALIDATORS[name];
    v = addManifestFormats(new Ajv({ ...options })).compile(schema()) as Validator;
    compiled.set(name, v);
  }
  return v;
}
