import { ApiError } from './client.ts';

/**
 * What to show for a refused request, a line each: the server's Chinese message, then its
 * field issues (each with the field's path where a form does not already sit beside the field).
 */
export function errorLines(error: unknown, options: { withPaths?: boolean } = {}): string[] {
  if (error instanceof ApiError) {
    const issue = (i: { path: string; message: string }) =>
      options.withPaths ? `${i.path}：${i.message}` : i.message;
    return [error.message, ...(error.issues ?? []).map(issue)];
  }
  return [error instanceof Error ? error.message : String(error)];
}
