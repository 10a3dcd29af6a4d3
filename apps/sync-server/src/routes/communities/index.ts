import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import type { CommunityWithToken } from '../../repositories/communities.ts';
import { COMMUNITIES_TABLE } from '../../tables/community-csv.ts';
import { parseTableRows } from '../../tables/csv-rows.ts';
import { plain } from '../schemas.ts';
import { TableUploadSchema, uploadBodyLimit, uploadedRows } from '../table-upload.ts';

const CommunitySchema = z.object({
  code: z.string(),
  name: z.string(),
  type: z.enum(['导入居', '村改居']),
  totalHouseholds: z.number().int(),
  liaisonLeader: z.string(),
  /** The 小区/自然村 of its register, for the address form; empty without a register. */
  areas: z.array(z.string()),
  /** Only for coordinators and admins: the resident QR link's token. */
  qrToken: z.string().optional(),
});

const CodeParamsSchema = z.object({ code: z.string().max(32) });

const CommunityPatchSchema = z
  .strictObject({
    name: plain(
      z.string().trim().min(1, '名称不能为空').max(50, '名称不能超过 50 个字'),
      '名称',
    ).optional(),
    type: z.enum(['导入居', '村改居'], { error: '类型应为“导入居”或“村改居”' }).optional(),
    totalHouseholds: z
      .number({ error: '总户数应为数字' })
      .int('总户数应为整数')
      .min(1, '总户数应为正整数')
      .max(999_999)
      .optional(),
    liaisonLeader: plain(
      z.string().trim().max(50, '联系领导不能超过 50 个字'),
      '联系领导',
    ).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, '没有要修改的内容');

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
          200: z.object({ communities: z.array(CommunitySchema) }),
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
          200: z.object({ imported: z.number(), removedDemo: z.number() }),
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
        params: CodeParamsSchema,
        body: CommunityPatchSchema,
        response: {
          200: z.object({ community: CommunitySchema }),
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
        params: CodeParamsSchema,
        response: { 200: z.object({ token: z.string() }), ...errorResponses(401, 403, 404) },
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
