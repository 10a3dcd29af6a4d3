import {
  COMBINATION_RULES,
  DEDUCTION_KIND_IDS,
  GradeRuleSchema,
  HONOUR_LEVELS,
  ITEM_IDS,
  YearSettingsSchema,
} from '@jiuting/scorecard';
import { z } from 'zod';
import { plain } from '../schemas.ts';

// Request shapes only. The assessment's rules (ranges, steps, caps, who scores what) are checked
// by @jiuting/scorecard in the handlers, so a refusal carries the package's own stable code.

export const YearParamsSchema = z.object({
  year: z.coerce
    .number({ error: '年度应为数字' })
    .int('年度应为整数')
    .min(2000, '年度不正确')
    .max(2100, '年度不正确'),
});

export const CommunityParamsSchema = YearParamsSchema.extend({ code: z.string().max(32) });
export const ItemParamsSchema = YearParamsSchema.extend({
  itemId: z.enum(ITEM_IDS, { error: '未知的考核项目' }),
});

const CollectionDaySchema = z
  .string({ error: '日期应为 YYYY-MM-DD' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期应为 YYYY-MM-DD，例如 2026-01-01')
  .nullable();

const QuestionnaireVersionSchema = z
  .number({ error: '问卷版本应为数字' })
  .int('问卷版本应为整数')
  .min(1, '问卷版本应为正整数');

/** A year's collection settings: the questionnaire version and the window (Shanghai days). */
const collectionFields = {
  questionnaireVersion: QuestionnaireVersionSchema.optional(),
  collectionFrom: CollectionDaySchema.optional(),
  collectionTo: CollectionDaySchema.optional(),
};

const windowInOrder = (c: { collectionFrom?: string | null; collectionTo?: string | null }) =>
  !c.collectionFrom || !c.collectionTo || c.collectionFrom <= c.collectionTo;
const WINDOW_ORDER_ISSUE = { message: '采集结束日期不能早于开始日期', path: ['collectionTo'] };

export const CreateYearSchema = z
  .strictObject({
    year: z.number({ error: '请填写年度' }).int('年度应为整数').min(2000).max(2100),
    ...collectionFields,
  })
  .refine(windowInOrder, WINDOW_ORDER_ISSUE);

export const CollectionBodySchema = z
  .strictObject({
    questionnaireVersion: QuestionnaireVersionSchema,
    collectionFrom: CollectionDaySchema,
    collectionTo: CollectionDaySchema,
    reason: plain(
      z
        .string({ error: '请写明修改采集设置的理由' })
        .trim()
        .min(1, '请写明修改采集设置的理由')
        .max(200, '理由不能超过 200 个字'),
      '理由',
    ),
  })
  .refine(windowInOrder, WINDOW_ORDER_ISSUE);

export const ScoreEntriesSchema = z.strictObject({
  entries: z
    .array(
      z.strictObject({
        itemId: z.string({ error: '请选择考核项目' }).max(64),
        communityCode: z.string({ error: '请选择居民区' }).max(32),
        points: z.number({ error: '得分应为数字' }),
        basis: plain(
          z.string({ error: '请填写评分依据' }).max(1000, '评分依据不能超过 1000 个字'),
          '评分依据',
        ),
      }),
      { error: '得分应为列表' },
    )
    .min(1, '没有要保存的得分')
    .max(500, '一次最多保存 500 条得分'),
});

const reason = plain(z.string({ error: '理由应为文字' }).max(200, '理由不能超过 200 个字'), '理由');

export const BonusBodySchema = z.strictObject({
  honours: z.array(
    z.strictObject({
      work: plain(
        z.string({ error: '请填写获得荣誉的工作' }).max(100, '获得荣誉的工作不能超过 100 个字'),
        '获得荣誉的工作',
      ),
      level: z.enum(HONOUR_LEVELS, { error: '荣誉等级应为全国、市级或区级' }),
      bodies: z.number({ error: '获奖主体数应为数字' }),
      title: plain(z.string().max(100, '荣誉名称不能超过 100 个字'), '荣誉名称').optional(),
    }),
    { error: '荣誉应为列表' },
  ),
  cases: z.array(
    z.strictObject({
      title: plain(
        z.string({ error: '请填写案例名称' }).max(100, '案例名称不能超过 100 个字'),
        '案例名称',
      ),
      points: z.number({ error: '加分应为数字' }),
    }),
    { error: '自治共治优秀案例应为列表' },
  ),
  reason: reason.optional(),
});

export const DeductionsBodySchema = z.strictObject({
  deductions: z.array(
    z.strictObject({
      kind: z.enum(DEDUCTION_KIND_IDS, { error: '未知的扣分类别' }),
      points: z.number({ error: '扣分应为数字' }).optional(),
      note: plain(z.string().max(200, '情况说明不能超过 200 个字'), '情况说明').optional(),
    }),
    { error: '扣分事项应为列表' },
  ),
  reason: reason.optional(),
});

// The stored inputs as answered: the declared fields only (not z.unknown()), so whatever else a
// stored value might carry never leaves with it.
export const BonusInputAnswerSchema = z.object({
  honours: z
    .array(
      z.object({
        work: z.string(),
        level: z.enum(HONOUR_LEVELS),
        bodies: z.number(),
        title: z.string().optional(),
      }),
    )
    .readonly(),
  cases: z.array(z.object({ title: z.string(), points: z.number() })).readonly(),
});

export const DeductionsInputAnswerSchema = z
  .array(
    z.object({
      kind: z.enum(DEDUCTION_KIND_IDS),
      points: z.number().optional(),
      note: z.string().optional(),
    }),
  )
  .readonly();

export const SatisfactionBodySchema = z.strictObject({
  /** null takes the override away: the survey's figure counts again. */
  points: z.number({ error: '得分应为数字' }).nullable(),
  reason: plain(
    z.string({ error: '调整群众满意度测评得分必须填写理由' }).max(200, '理由不能超过 200 个字'),
    '理由',
  ),
});

export const LockBodySchema = z.strictObject({
  note: plain(
    z
      .string({ error: '请填写镇党委定案的依据' })
      .trim()
      .min(1, '请填写镇党委定案的依据（如会议纪要编号）')
      .max(200, '定案依据不能超过 200 个字'),
    '定案依据',
  ),
  /** Incompleteness the team accepts, each by its key from GET …/lock-check, with a reason. */
  accepted: z
    .array(
      z.strictObject({
        key: z.string({ error: '请指明接受的事项' }).max(100),
        reason: plain(
          z
            .string({ error: '请写明接受该事项的理由' })
            .trim()
            .min(1, '请写明接受该事项的理由')
            .max(200, '理由不能超过 200 个字'),
          '理由',
        ),
      }),
      { error: '接受的事项应为列表' },
    )
    .max(500)
    .optional(),
});

export const LockIssueSchema = z.object({
  key: z.string(),
  kind: z.string(),
  message: z.string(),
  communityCode: z.string().nullable(),
  itemId: z.string().nullable(),
});

export { TableUploadSchema as CsvBodySchema } from '../table-upload.ts';

export const YearSchema = z.object({
  year: z.number(),
  state: z.enum(['open', 'locked']),
  createdAt: z.string(),
  lockedAt: z.string().nullable(),
  lockNote: z.string().nullable(),
  /** The rule the year's grades follow (the scorecard's default until the team sets one). */
  gradeRule: GradeRuleSchema,
  /** What the lock accepted as incomplete, with the reasons. */
  lockExceptions: z.array(
    z.object({ key: z.string(), kind: z.string(), message: z.string(), reason: z.string() }),
  ),
  /** Case points and cap, interview share, coverage consequence (defaults until set). */
  settings: YearSettingsSchema,
  /** The questionnaire version the year collects with. */
  questionnaireVersion: z.number(),
  /** The collection window, Shanghai days inclusive; null: from the year's opening / no end. */
  collectionFrom: z.string().nullable(),
  collectionTo: z.string().nullable(),
  /** When retention deleted the year's raw answers and notes (null: kept). */
  rawDeletedAt: z.string().nullable(),
});

export const ItemScoreSchema = z.object({
  communityCode: z.string(),
  itemId: z.string(),
  points: z.number(),
  basis: z.string(),
  department: z.string(),
  enteredAt: z.string(),
  confirmedAt: z.string().nullable(),
});

/** One department's own entry, as the lead sees it beside the others. */
export const ItemEntrySchema = z.object({
  communityCode: z.string(),
  itemId: z.string(),
  department: z.string(),
  departmentName: z.string(),
  points: z.number(),
  basis: z.string(),
  enteredByName: z.string(),
  enteredAt: z.string(),
});

export const ConfirmedScoreSchema = z.object({
  communityCode: z.string(),
  itemId: z.string(),
  points: z.number(),
  basis: z.string(),
  /** The lead department that confirmed it. */
  department: z.string(),
  combinationRule: z.enum(COMBINATION_RULES),
  confirmedAt: z.string().nullable(),
});

/** The lead states how the departments' entries make the item's figure; its own by default. */
export const ConfirmBodySchema = z
  .strictObject({
    rule: z.enum(COMBINATION_RULES, { error: '合成规则应为“以牵头部门为准”或“取平均值”' }),
  })
  .partial()
  // A POST without a body reaches the schema as null: the lead's own figure, as before.
  .nullish();

export const HotlineSchema = z.object({
  communityCode: z.string(),
  ordersThisYear: z.number(),
  ordersLastYear: z.number(),
  satisfactionRate: z.number(),
  importedAt: z.string(),
});

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  communityCode: z.string().nullable(),
  itemId: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  reason: z.string().nullable(),
});

const evidence = plain(
  z.string({ error: '请写明依据（文件、通报或台账）' }).max(500, '依据不能超过 500 个字'),
  '依据',
);

/** A department's proposed bonus or deduction entry, with its evidence. */
export const ProposalBodySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('honour'),
      communityCode: z.string().max(32),
      evidence,
      honour: BonusBodySchema.shape.honours.element,
    }),
    z.strictObject({
      kind: z.literal('case'),
      communityCode: z.string().max(32),
      evidence,
      case: BonusBodySchema.shape.cases.element,
    }),
    z.strictObject({
      kind: z.literal('deduction'),
      communityCode: z.string().max(32),
      evidence,
      deduction: DeductionsBodySchema.shape.deductions.element,
    }),
  ],
  { error: '建议类别应为荣誉、自治共治案例或扣分' },
);

export const DecisionBodySchema = z.strictObject({
  accept: z.boolean({ error: '请选择采纳或不采纳' }),
  reason: plain(
    z
      .string({ error: '请写明采纳或不采纳的理由' })
      .trim()
      .min(1, '请写明采纳或不采纳的理由')
      .max(200, '理由不能超过 200 个字'),
    '理由',
  ),
});

export const ProposalSchema = z.object({
  id: z.number(),
  communityCode: z.string(),
  kind: z.enum(['honour', 'case', 'deduction']),
  // The declared fields of each kind only, as the results answer the stored inputs.
  entry: z.union([
    z.object({
      work: z.string(),
      level: z.enum(HONOUR_LEVELS),
      bodies: z.number(),
      title: z.string().optional(),
    }),
    z.object({ title: z.string(), points: z.number() }),
    z.object({
      kind: z.enum(DEDUCTION_KIND_IDS),
      points: z.number().optional(),
      note: z.string().optional(),
    }),
  ]),
  evidence: z.string(),
  department: z.string(),
  proposedByName: z.string(),
  proposedAt: z.string(),
  state: z.enum(['proposed', 'accepted', 'refused']),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
