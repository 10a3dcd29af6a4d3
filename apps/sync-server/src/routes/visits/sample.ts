import { randomInt } from 'node:crypto';
import {
  CommunityParamsSchema,
  SampleDrawBodySchema,
  SampleDrawSchema,
} from '@jiuting/api-contract';
import { drawHouseholdSample, MAX_SAMPLE_SEED } from '@jiuting/questionnaire';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';

// A coordinator draws a community's fair sample (drawHouseholdSample of @jiuting/questionnaire):
// stored with its seed, audited, and published in the visit list. A redraw replaces it.
const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/communities/:code/sample',
    {
      schema: {
        params: CommunityParamsSchema,
        body: SampleDrawBodySchema,
        response: { 200: SampleDrawSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: app.requireRole('coordinator', 'admin'),
    },
    async (request) => {
      const { code } = request.params;
      if (!app.repos.communities.get(code)) throw new AppError('community_not_found');
      const seed = request.body?.seed ?? randomInt(0, MAX_SAMPLE_SEED + 1);
      const actor = principalOf(request).user.id;
      const drawnAt = app.now().toISOString();
      // Read, draw, store and audit in one transaction: the sample is of the register as it
      // stands at this moment, and a redraw never leaves half a sample behind.
      const result = app.db.transaction(() => {
        const visits = app.repos.visits;
        const draw = drawHouseholdSample(visits.registerRows(code), seed);
        if (!app.repos.registers.hasRegister(code) || draw.frame === 0) {
          throw new AppError('sample_no_register');
        }
        const replacedSeed = visits.sample(code)?.seed ?? null;
        const sample = {
          seed,
          drawnAt,
          drawnBy: actor,
          frame: draw.frame,
          size: draw.sample.length,
          reserveSize: draw.reserve.length,
        };
        visits.replaceSample(code, sample, draw);
        app.repos.audit.record({
          at: drawnAt,
          actorUserId: actor,
          action: 'sample_drawn',
          target: code,
          ip: request.ip,
          detail: {
            seed,
            frame: draw.frame,
            size: sample.size,
            reserveSize: sample.reserveSize,
            replacedSeed,
          },
        });
        return {
          communityCode: code,
          seed,
          drawnAt,
          frame: draw.frame,
          size: sample.size,
          reserveSize: sample.reserveSize,
          replacedSeed,
          strata: [...draw.strata],
        };
      })();
      request.log.info({ community: code, size: result.size }, 'sample drawn');
      return result;
    },
  );
};

export default routes;
