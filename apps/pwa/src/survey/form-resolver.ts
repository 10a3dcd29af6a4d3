import type { FieldValues, Resolver } from 'react-hook-form';

/**
 * Adapts a "validate with the questionnaire package's schema" function to react-hook-form, so
 * messages come from the package (in Chinese) and land beside the field they are about.
 */
export function schemaResolver<T extends FieldValues>(
  validate: (values: T) => { ok: true } | { ok: false; errors: Record<string, string> },
): Resolver<T> {
  return async (values) => {
    const result = validate(values);
    if (result.ok) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const [path, message] of Object.entries(result.errors)) {
      const parts = path === '' ? ['root'] : path.split('.');
      let node = errors;
      for (const part of parts.slice(0, -1)) {
        node[part] ??= {};
        node = node[part] as Record<string, unknown>;
      }
      node[parts[parts.length - 1] as string] = { type: 'schema', message };
    }
    return { values: {}, errors } as never;
  };
}

/** The message at a dotted path of react-hook-form's error tree. */
export function errorAt(errors: unknown, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/** How many fields carry a message (for the summary beside the submit button). */
export function countErrors(errors: unknown): number {
  if (typeof errors !== 'object' || errors === null) return 0;
  if (typeof (errors as { message?: unknown }).message === 'string') return 1;
  return Object.values(errors).reduce<number>((sum, child) => sum + countErrors(child), 0);
}
