// Types of scripts/validators.mjs for the test that imports it.
export function precompiledValidators(o?: {
  formatsFrom?: string;
  runtimeFrom?: (name: string) => string;
}): Promise<string>;
