import { ErrorBodySchema, FieldIssueSchema } from '@jiuting/api-contract';
import type { FieldIssue } from '@jiuting/questionnaire';
import { SCORECARD_ERROR_CODES, type ScorecardErrorCode } from '@jiuting/scorecard';

// The scorecard package's refusals pass through under their own stable codes; the message sent
// is the package's own (this one is only the fallback).
const SCORECARD_ERRORS = Object.fromEntries(
  SCORECARD_ERROR_CODES.map((code) => [
    code,
    { status: 400, message: '考核数据有误，请按提示修改' },
  ]),
) as Record<ScorecardErrorCode, { status: 400; message: string }>;

// The one catalogue of error codes. A code never changes meaning once the PWA has shipped
// against it; the message is what a canvasser or coordinator reads.
export const ERRORS = {
  validation_failed: { status: 400, message: '提交的内容有误，请按提示修改' },
  invalid_json: { status: 400, message: '请求内容不是有效的 JSON' },
  body_too_large: { status: 413, message: '提交的内容过大' },
  unsupported_media_type: { status: 415, message: '请求内容类型不受支持，请以 JSON 提交' },
  not_found: { status: 404, message: '没有找到请求的内容' },
  unauthenticated: { status: 401, message: '请先登录（登录已失效或已被注销）' },
  invalid_credentials: { status: 401, message: '用户名或密码错误' },
  forbidden: { status: 403, message: '没有权限进行此操作' },
  csrf_header_missing: { status: 403, message: '请求缺少客户端标识，已拒绝（防止跨站请求）' },
  rate_limited: { status: 429, message: '操作过于频繁，请稍后再试' },
  community_unknown: { status: 400, message: '没有这个居民区' },
  community_not_assigned: {
    status: 403,
    message: '您没有被分配到这个居民区，不能提交该居民区的记录',
  },
  kind_not_allowed: {
    status: 403,
    message: '您的角色不能提交这类记录（采集员只能提交满意度问卷和走访结果）',
  },
  id_conflict: { status: 409, message: '该记录编号已存在且内容不同，未保存' },
  channel_not_allowed: { status: 400, message: '扫码填写只能使用“扫码”采集方式' },
  qr_link_invalid: { status: 404, message: '二维码链接无效或已更换，请向居委会索取新的二维码' },
  csv_invalid: { status: 400, message: '导入文件有错误，未导入任何内容' },
  community_not_found: { status: 404, message: '没有这个居民区' },
  sample_no_register: {
    status: 409,
    message: '该居民区还没有户册（或户册中没有“居住”的户），无法抽样，请先导入户册',
  },
  visit_list_not_assigned: {
    status: 403,
    message: '您没有被分配到这个居民区，不能查看它的走访名单',
  },
  area_already_assigned: {
    status: 409,
    message: '这份问卷的门牌已有小区/自然村，只能给“未分区”的问卷指定',
  },
  not_outside_register: {
    status: 409,
    message: '这份问卷的门牌已在户册中或已被标记为无效，无需再处理',
  },
  username_taken: { status: 409, message: '该用户名已被使用' },
  user_not_found: { status: 404, message: '没有这个用户' },
  session_not_found: { status: 404, message: '没有这个设备会话' },
  outbox_invalid: { status: 400, message: '不是有效的待上传记录文件' },
  outbox_collector_unknown: {
    status: 400,
    message: '文件中的采集员不是本系统的账号，记录无法记到其名下，未导入任何内容',
  },
  record_not_found: { status: 404, message: '没有这条问卷或访谈记录' },
  already_invalid: { status: 409, message: '该记录已被标记为无效' },
  not_invalid: { status: 409, message: '该记录没有被标记为无效，无需恢复' },
  export_unscorable: { status: 422, message: '有记录的答案无法计分，未能导出，请先核对该记录' },
  ...SCORECARD_ERRORS,
  proposal_not_department: { status: 403, message: '该类扣分不由本部门提出' },
  department_not_scorer: { status: 403, message: '该项目不由本部门评分' },
  item_not_department_scored: { status: 403, message: '该项目不由部门评分' },
  assessment_year_unknown: { status: 404, message: '没有这一年度的考核，请考核专班先创建' },
  assessment_year_exists: { status: 409, message: '这一年度的考核已经创建' },
  assessment_locked: { status: 409, message: '该年度考核已经镇党委定案并锁定，不能再修改' },
  year_locked: { status: 409, message: '这条记录所属年度的考核已锁定，不再接收或修改记录' },
  assessment_year_not_next: {
    status: 409,
    message: '只能开启比现有年度更晚的新年度',
  },
  questionnaire_version_unknown: { status: 400, message: '未知的问卷版本' },
  qr_year_closed: { status: 410, message: '本年度测评已结束，感谢您的参与' },
  retention_not_confirmed: {
    status: 409,
    message: '确认的年度与现在到期的年度不一致，未删除任何内容；请重新查看将删除的内容后再确认',
  },
  not_lead_department: { status: 403, message: '只有牵头部门可以确认该项目的得分' },
  proposal_unknown: { status: 404, message: '没有这条加扣分建议' },
  proposal_decided: { status: 409, message: '这条建议已经处理过，不能再改' },
  lock_incomplete: {
    status: 409,
    message: '还有未完成的事项，须先处理或写明理由后接受，才能锁定',
  },
  entries_disagree: {
    status: 409,
    message: '各部门评分不一致，牵头部门须录入本部门的评分或选择取平均值',
  },
  scores_incomplete: { status: 409, message: '还有居民区没有录入该项目的得分，暂不能确认' },
  internal_error: { status: 500, message: '服务器内部错误，请稍后重试' },
  server_busy: { status: 503, message: '服务器繁忙，请稍后重试（手机会自动重试）' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, issues?: FieldIssue[], message?: string) {
    super(message ?? ERRORS[code].message);
    this.code = code;
    this.statusCode = ERRORS[code].status;
    this.issues = issues;
  }

  toBody(): ErrorBody {
    return errorBody(this.code, this.issues, this.message);
  }
}

export function errorBody(code: ErrorCode, issues?: FieldIssue[], message?: string): ErrorBody {
  return {
    error: code,
    message: message ?? ERRORS[code].message,
    ...(issues && issues.length > 0 ? { issues } : {}),
  };
}

// The error body's shape is part of the HTTP contract.
export { ErrorBodySchema, FieldIssueSchema };

/** Response schemas for the error statuses a route can answer with. */
export function errorResponses<S extends number>(
  ...statuses: S[]
): Record<S, typeof ErrorBodySchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBodySchema])) as Record<
    S,
    typeof ErrorBodySchema
  >;
}
