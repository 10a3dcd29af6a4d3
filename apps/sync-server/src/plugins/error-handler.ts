import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorCode, errorBody } from '../errors.ts';
import { errorRepeats } from './error-repeats.ts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
};

function isStorageFailure(err: { code?: string }): boolean {
  const code = err.code ?? '';
  return (
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_READONLY' ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'ENOSPC' ||
    code === 'EROFS'
  );
}

/** Every error, from any route or plugin, leaves as `{ error, message, issues? }` — no stack. */
export default fp(
  async (app) => {
    const repeats = errorRepeats(() => app.now().getTime());
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (err instanceof AppError) {
        return reply.code(err.statusCode).send(err.toBody());
      }
      if (hasZodFastifySchemaValidationErrors(err)) {
        const issues = err.validation.map((v) => ({
          path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
          message: v.message ?? '格式不正确',
        }));
        return reply.code(400).send(errorBody('validation_failed', issues));
      }
      const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
      if (mapped) {
        return reply.code(ERRORS[mapped].status).send(errorBody(mapped));
      }
      if (err.statusCode === 429) return reply.code(429).send(errorBody('rate_limited'));
      if (err.statusCode === 404) return reply.code(404).send(errorBody('not_found'));
      if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
        request.log.info({ code: err.code }, 'client error');
        return reply.code(400).send(errorBody('validation_failed'));
      }
      // A full or read-only disk: the health report says writes are failing until a probe succeeds.
      if (isStorageFailure(err) && app.hasDecorator('health')) app.health.storageFailed();
      // The same failure again and again (a full disk, every phone retrying): logged in full
      // once, then once a minute with how many there were.
      const verdict = repeats(`${err.code ?? err.name}: ${err.message}`);
      if (verdict.log === 'first') request.log.error({ err }, 'unexpected error');
      else if (verdict.log === 'repeated') {
        request.log.error(
          { code: err.code, repeats: verdict.count },
          'unexpected error repeated in the last minute',
        );
      }
      return reply.code(500).send(errorBody('internal_error'));
    });
  },
  { name: 'error-handler' },
);
