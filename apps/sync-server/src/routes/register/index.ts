import {
  CommunityParamsSchema,
  FileAnswerSchema,
  OutsideActionSchema,
  OutsideDecisionAnswerSchema,
  OutsideParamsSchema,
  RegisterAnswerSchema,
  RegisterImportResultSchema,
  YearQuerySchema,
} from '@jiuting/api-contract';
import {
  AREA_SEPARATOR,
  areaOfHouseholdKey,
  coverageSpread,
  householdKey,
  parseHouseholdAddress,
  UNASSIGNED_AREA,
} from '@jiuting/questionnaire';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import type { CommunitySample } from '../../repositories/visits.ts';
import { parseTableRows } from '../../tables/csv-rows.ts';
import {
  REGISTER_TABLE,
  REGISTER_TEMPLATE_CSV,
  registerHouseholdOf,
} from '../../tables/register-file.ts';
import {
  TABLE_FILE_MAX_BYTES,
  TableUploadSchema,
  uploadBodyLimit,
  uploadedRows,
} from '../table-upload.ts';

// The household register (户册) of a community: import, what it shows, and the review of
// responses whose address is not in it (册外).

function sampleSummary(sample: CommunitySample | undefined) {
  if (!sample) return null;
  const { seed, drawnAt, frame, size, reserveSize } = sample;
  return { seed, drawnAt, frame, size, reserveSize };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'coordinator');
  const { review } = app.repos;
  const known = (code: string) => {
    if (!app.repos.communities.get(code)) throw new AppError('community_not_found');
  };

  app.get(
    '/register/template',
    {
      schema: { response: { 200: FileAnswerSchema, ...errorResponses(401, 403) } },
      onRequest: staff,
    },
    async (_request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="register-template.csv"; filename*=UTF-8''${encodeURIComponent('户册模板.csv')}`,
        )
        .send(REGISTER_TEMPLATE_CSV),
  );

  app.post(
    '/communities/:code/register/import',
    {
      bodyLimit: uploadBodyLimit(TABLE_FILE_MAX_BYTES),
      schema: {
        params: CommunityParamsSchema,
        body: TableUploadSchema,
        response: { 200: RegisterImportResultSchema, ...errorResponses(400, 401, 403, 404, 413) },
      },
      onRequest: staff,
    },
    async (request) => {
      const { code } = request.params;
      known(code);
      // Read (an .xlsx unzipped) before the transaction, never inside it.
      const read = await uploadedRows(request.body);
      const parsed = read.ok ? parseTableRows(read.rows, REGISTER_TABLE) : read;
      if (!parsed.ok) throw new AppError('csv_invalid', parsed.issues);
      const at = app.now().toISOString();
      const actor = principalOf(request).user.id;
      const result = app.db.transaction(() => {
        const r = app.repos.registers.importRegister(code, parsed.rows, at, actor);
        app.repos.audit.record({
          at,
          actorUserId: actor,
          action: 'register_imported',
          target: code,
          ip: request.ip,
          detail: r,
        });
        return r;
      })();
      request.log.info({ community: code, ...result }, 'register imported');
      return result;
    },
  );

  app.get(
    '/communities/:code/register',
    {
      schema: {
        params: CommunityParamsSchema,
        querystring: YearQuerySchema,
        response: {
          200: RegisterAnswerSchema,
          ...errorResponses(400, 401, 403, 404),
        },
      },
      onRequest: staff,
    },
    async (request) => {
      const { code } = request.params;
      known(code);
      const year = app.repos.years.resolve(request.query.year);
      const registers = app.repos.registers;
      const buildings = registers.buildings(code, year);
      const registered = registers.hasRegister(code);
      return {
        year,
        registered,
        spread: coverageSpread(buildings),
        buildings,
        outside: registers.outside(code, year),
        unassigned: registered ? [] : registers.unassigned(code),
        answeredAreas: registered ? [] : registers.answeredAreas(code),
        sample: sampleSummary(app.repos.visits.sample(code)),
      };
    },
  );

  app.post(
    '/communities/:code/register/outside/:id',
    {
      schema: {
        params: OutsideParamsSchema,
        body: OutsideActionSchema,
        response: {
          200: OutsideDecisionAnswerSchema,
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
      onRequest: staff,
    },
    async (request) => {
      const { code, id } = request.params;
      known(code);
      const at = app.now().toISOString();
      const actor = principalOf(request).user.id;
      const body = request.body;
      return app.db.transaction(() => {
        const response = app.repos.registers.response(id);
        if (!response || response.communityCode !== code) throw new AppError('record_not_found');
        // Without a register nothing is 册外, but a 未分区 response still takes its area.
        const assigningWithoutRegister =
          body.action === 'area' && !app.repos.registers.hasRegister(code);
        // 册外 in its own year: a 2025 response is reviewed as 2025's.
        const isOutside = app.repos.registers
          .outside(code, response.assessmentYear)
          .some((r) => r.id === id);
        if (!isOutside && !assigningWithoutRegister) throw new AppError('not_outside_register');
        if (body.action === 'invalidate') {
          // Audited as every review mark is (review_invalidated), in this transaction.
          const outcome = review.invalidate(
            { kind: 'response', id, actorUserId: actor, at, ip: request.ip },
            body.reason,
          );
          if (outcome !== 'done') throw new AppError('not_outside_register');
        } else if (body.action === 'area') {
          if (areaOfHouseholdKey(response.householdKey) !== UNASSIGNED_AREA) {
            throw new AppError('area_already_assigned');
          }
          const key = householdKey(`${body.area}${AREA_SEPARATOR}${response.householdKey}`);
          if (!key) {
            throw new AppError('validation_failed', [
              { path: 'area', message: '小区/自然村无法与这份问卷的门牌组成地址' },
            ]);
          }
          // The stored content and its hash stay as sent (a resend is still the same item);
          // only the key moves, and both households re-decide which response counts.
          app.repos.submissions.moveResponseKey(id, key);
          app.repos.audit.record({
            at,
            actorUserId: actor,
            action: 'response_area_assigned',
            target: id,
            ip: request.ip,
            detail: { community: code, area: areaOfHouseholdKey(key) },
          });
          return { householdKey: key, action: body.action };
        } else {
          const parsed = parseHouseholdAddress(response.householdKey);
          if (!parsed) throw new AppError('not_outside_register');
          // Added as 居住: a coordinator adds an address because someone lives there.
          app.repos.registers.addHousehold(code, registerHouseholdOf(parsed, '居住'), at);
          app.repos.audit.record({
            at,
            actorUserId: actor,
            action: 'register_household_added',
            target: id,
            ip: request.ip,
            detail: { community: code },
          });
        }
        return { householdKey: response.householdKey, action: body.action };
      })();
    },
  );
};

export default routes;
