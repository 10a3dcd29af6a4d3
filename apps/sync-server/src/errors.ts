import type { FieldIssue } from '@jiuting/questionnaire';
import { z } from 'zod';

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
  id_conflict: { status: 409, message: '该记录编号已存在且内容不同，未保存' },
  channel_not_allowed: { status: 400, message: '扫码填写只能使用“扫码”采集方式' },
  qr_link_invalid: { status: 404, message: '二维码链接无效或已更换，请向居委会索取新的二维码' },
  csv_invalid: { status: 400, message: '导入文件有错误，未导入任何内容' },
  username_taken: { status: 409, message: '该用户名已被使用' },
  user_not_found: { status: 404, message: '没有这个用户' },
  session_not_found: { status: 404, message: '没有这个设备会话' },
  outbox_invalid: { status: 400, message: '不是有效的待上传记录文件' },
  internal_error: { status: 500, message: '服务器内部错误，请稍后重试' },
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

export const FieldIssueSchema = z.object({ path: z.string(), message: z.string() });

export const ErrorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(FieldIssueSchema).optional(),
});

/** Response schemas for the error statuses a route can answer with. */
export function errorResponses<S extends number>(
  ...statuses: S[]
): Record<S, typeof ErrorBodySchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBodySchema])) as Record<
    S,
    typeof ErrorBodySchema
  >;
}
