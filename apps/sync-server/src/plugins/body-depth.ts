import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import { MAX_BODY_DEPTH, nestsDeeperThan } from '../json/json-bounds.ts';

/**
 * Refuses a body nested deeper than any the API takes, on every route, before validation and
 * before any handler: code further in (hashing, logging, serialising) may recurse, and a
 * stranger's deeply nested array must never reach it and turn into a 500.
 */
export default fp(
  async (app) => {
    app.addHook('preValidation', async (request) => {
      if (request.body !== undefined && nestsDeeperThan(request.body, MAX_BODY_DEPTH)) {
        throw new AppError('validation_failed', [
          { path: '', message: `提交的内容层级过深（最多 ${MAX_BODY_DEPTH} 层）` },
        ]);
      }
    });
  },
  { name: 'body-depth' },
);
