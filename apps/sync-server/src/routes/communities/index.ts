import {
  CommunitiesAnswerSchema,
  CommunitiesImportAnswerSchema,
  CommunityAnswerSchema,
  CommunityParamsSchema,
  CommunityPatchSchema,
  QrTokenAnswerSchema,
} from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import type { CommunityWithToken } from '../../repositories/communities.ts';
import { COMMUNITIES_TABLE } from '../../tables/community-csv.ts';
import { parseTableRows } from '../../tables/csv-rows.ts';
import { TableUploadSchema, uploadBodyLimit, uploadedRows } from '../table-upload.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'coordinator');
  const forStaff = (c: CommunityWithToken, areas: ReadonlyMap<string, string[]>) => ({
    code: c.code,
    name: c.name,
    type: c.type,
    totalHouseholds: c.totalHouseholds,
    liaisonLeader: c.liaisonLeader,
    areas: areas.get(c.code) ?? [],
    qrToken: c.qrToken,
  });

  app.get(
    '/communities',
    {
      schema: {
        response: {
          200: CommunitiesAnswerSchema,
          ...errorResponses(401),
        },
      },
      onRequest: app.requireSignedIn,
    },
    async (request) => {
      const { user } = principalOf(request);
      const all = app.repos.communities.list();
      const areas = app.repos.registers.areasByCommunity();
      if (user.role === 'admin' || user.role === 'coordinator') {
        return { communities: all.map((c) => forStaff(c, areas)) };
      }
      const withoutToken = ({ qrToken: _token, isDemo: _demo, ...c }: CommunityWithToken) => ({
        ...c,
        areas: areas.get(c.code) ?? [],
      });
      // Field staff see the communities they collect in; other roles (department scorers, who
      // score every community) see them all, without the resident link.
      if (user.role !== 'canvasser' && user.role !== 'interviewer') {
        return { communities: all.map(withoutToken) };
      }
      const mine = new Set(user.communities);
      return { communities: all.filter((c) => mine.has(c.code)).map(withoutToken) };
    },
  );

  app.post(
    '/communities/import',
    {
      bodyLimit: uploadBodyLimit(1024 * 1024),
      schema: {
        body: TableUploadSchema,
        response: {
          200: CommunitiesImportAnswerSchema,
          ...errorResponses(400, 401, 403),
        },
      },
      onRequest: staff,
    },
    async (request) => {
      const read = await uploadedRows(request.body);
      const parsed = read.ok ? parseTableRows(read.rows, COMMUNITIES_TABLE) : read;
      if (!parsed.ok) throw new AppError('csv_invalid', parsed.issues);
      const at = app.now().toISOString();
      const result = app.audited(() => {
        const imported = app.repos.communities.importAll(parsed.rows, at);
        return {
          result: imported,
          audit: {
            at,
            action: 'communities_imported',
            actorUserId: principalOf(request).user.id,
            ip: request.ip,
            detail: imported,
          },
        };
      });
      request.log.info(result, 'communities imported');
      return result;
    },
  );

  app.patch(
    '/communities/:code',
    {
      schema: {
        params: CommunityParamsSchema,
        body: CommunityPatchSchema,
        response: {
          200: CommunityAnswerSchema,
          ...errorResponses(400, 401, 403, 404),
        },
      },
      onRequest: staff,
    },
    async (request) => {
      const at = app.now().toISOString();
      const community = app.audited(() => {
        const changed = app.repos.communities.update(request.params.code, request.body, at);
        if (!changed) throw new AppError('not_found', undefined, '没有这个居民区');
        return {
          result: changed,
          audit: {
            at,
            action: 'community_changed',
            actorUserId: principalOf(request).user.id,
            target: changed.code,
            ip: request.ip,
            detail: { fields: Object.keys(request.body) },
          },
        };
      });
      return { community: forStaff(community, app.repos.registers.areasByCommunity()) };
    },
  );

  app.post(
    '/communities/:code/qr-token',
    {
      schema: {
        params: CommunityParamsSchema,
        response: { 200: QrTokenAnswerSchema, ...errorResponses(401, 403, 404) },
      },
      onRequest: staff,
    },
    async (request) => {
      const at = app.now().toISOString();
      return app.audited(() => {
        const token = app.repos.communities.rotateQrToken(request.params.code, at);
        if (!token) throw new AppError('not_found', undefined, '没有这个居民区');
        return {
          result: { token },
          audit: {
            at,
            action: 'qr_token_rotated',
            actorUserId: principalOf(request).user.id,
            target: request.params.code,
            ip: request.ip,
          },
        };
      });
    },
  );
};
export default routes;
