import {
  ResidentLinkSchema,
  ResidentReceiptSchema,
  TokenParamsSchema,
} from '@jiuting/api-contract';
import { CURRENT_QUESTIONNAIRE } from '@jiuting/questionnaire';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import { clientFingerprint } from '../../security/client-fingerprint.ts';

// Residents, not staff: no login, so everything a stranger can send is bounded — per address
// rate, body size, one response per request, channel `qr` only.
const routes: FastifyPluginAsyncZod = async (app) => {
  const salts = app.repos.fingerprintSalts;
  const communityOf = (token: string) => {
    const community = app.repos.communities.byQrToken(token);
    if (community) return community;
    // An old year's poster: the link was real, its year is over (410, not "invalid").
    const closedYear = app.repos.communities.retiredQrLinkYear(token);
    if (closedYear !== undefined) {
      throw new AppError(
        'qr_year_closed',
        undefined,
        `本年度测评已结束（${closedYear} 年度），感谢您的参与`,
      );
    }
    throw new AppError('qr_link_invalid');
  };

  app.get(
    '/public/q/:token',
    {
      schema: {
        params: TokenParamsSchema,
        response: {
          200: ResidentLinkSchema,
          ...errorResponses(404, 410, 429),
        },
      },
      preHandler: app.rateLimit({ max: 120, timeWindow: 60_000 }),
    },
    async (request) => {
      const community = communityOf(request.params.token);
      const year = app.repos.years.current();
      return {
        community: { code: community.code, name: community.name },
        questionnaire: { id: CURRENT_QUESTIONNAIRE.id, version: CURRENT_QUESTIONNAIRE.version },
        assessmentYear: year.year,
        questionnaireVersion: year.questionnaireVersion,
      };
    },
  );

  app.post(
    '/public/q/:token/responses',
    {
      bodyLimit: 16 * 1024,
      schema: {
        params: TokenParamsSchema,
        response: {
          200: ResidentReceiptSchema,
          ...errorResponses(400, 404, 409, 410, 413, 429),
        },
      },
      preHandler: app.rateLimit({ max: 20, timeWindow: 60_000 }),
    },
    async (request) => {
      const community = communityOf(request.params.token);
      const body = request.body as Record<string, unknown> | null;
      if (body && typeof body === 'object' && body.channel !== 'qr') {
        throw new AppError('channel_not_allowed', [
          { path: 'channel', message: '扫码填写的采集方式应为 qr' },
        ]);
      }
      if (body && typeof body === 'object' && body.kind !== 'survey') {
        throw new AppError('validation_failed', [{ path: 'kind', message: '只能提交问卷' }]);
      }
      const receivedAt = app.now().toISOString();
      // Computed here, never stored as it came: see security/client-fingerprint.ts. The salt is
      // the answer's assessment year's, which ingest decides: a year whose collection crosses
      // New Year keeps one salt, so its fingerprints link across the turn and stay until the
      // next year's first QR answer.
      const userAgent = request.headers['user-agent'] ?? '';
      const fingerprintFor = (assessmentYear: number) =>
        clientFingerprint(salts.saltFor(assessmentYear, receivedAt), request.ip, userAgent);
      const [result] = await app.ingest(
        [body],
        {
          receivedAt,
          userId: null,
          sessionId: null,
          source: 'qr',
          exportedBy: null,
          communities: new Set([community.code]),
          kinds: new Set(['survey']),
          fingerprintFor,
        },
        request.log,
        // Residents are anonymous: the row names the community's link and the outcome, with no
        // IP (it would tie an answer to a device) and no answer.
        ([stored]) => ({
          at: receivedAt,
          action: 'resident_response',
          target: community.code,
          detail: { status: stored?.status ?? null },
        }),
      );
      if (!result) throw new AppError('internal_error');
      request.log.info(
        { itemId: result.id, status: result.status, community: community.code },
        'qr response',
      );
      if (result.status === 'accepted' || result.status === 'duplicate') {
        // No `repeat`: a stranger holding a poster's link could otherwise probe which addresses
        // have answered. The resident sees the same thank-you either way; the repeat is kept
        // and shown to coordinators only.
        return { id: result.id, status: result.status };
      }
      if (result.status === 'conflict') throw new AppError('id_conflict');
      if (result.error?.error === 'year_locked') {
        throw new AppError('year_locked', undefined, result.error.message);
      }
      if (result.status === 'retry') throw new AppError('internal_error');
      const error = result.error;
      // A response for another community than the link's: say so in the resident's terms.
      if (error?.error === 'community_not_assigned' || error?.error === 'community_unknown') {
        throw new AppError('validation_failed', [
          { path: 'communityCode', message: '问卷的居民区与二维码不一致' },
        ]);
      }
      throw new AppError('validation_failed', error?.issues);
    },
  );
};
export default routes;
