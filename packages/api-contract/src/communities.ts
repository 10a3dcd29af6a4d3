import { z } from 'zod';
import { plain } from './text.ts';

export const CommunityTypeSchema = z.enum(['导入居', '村改居']);

/** A community as GET /api/communities lists it. */
export const CommunitySchema = z
  .object({
    code: z.string(),
    name: z.string(),
    type: CommunityTypeSchema,
    totalHouseholds: z.number().int(),
    liaisonLeader: z.string(),
    /** The 小区/自然村 of its register, for the address form; empty without a register. */
    areas: z.array(z.string()),
    /** Only for coordinators and admins: the resident QR link's token. */
    qrToken: z.string().optional(),
  })
  .meta({ id: 'Community' });
export type StaffCommunity = z.infer<typeof CommunitySchema>;

export const CommunitiesAnswerSchema = z.object({ communities: z.array(CommunitySchema) });
export type CommunitiesAnswer = z.infer<typeof CommunitiesAnswerSchema>;

/** PATCH /api/communities/:code. */
export const CommunityPatchSchema = z
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

export const CommunityAnswerSchema = z.object({ community: CommunitySchema });

/** POST /api/communities/import. */
export const CommunitiesImportAnswerSchema = z.object({
  imported: z.number(),
  removedDemo: z.number(),
});
export type CommunitiesImportAnswer = z.infer<typeof CommunitiesImportAnswerSchema>;

/** POST /api/communities/:code/qr-token: the new link's token (the old one stops working). */
export const QrTokenAnswerSchema = z.object({ token: z.string() });
export type QrTokenAnswer = z.infer<typeof QrTokenAnswerSchema>;
