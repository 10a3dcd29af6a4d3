import { fileURLToPath } from 'node:url';
import { buildTestApp } from './testing.ts';

// The API reference, made from the routes' own schemas so it cannot drift from them:
// docs/openapi.json (OpenAPI 3) and docs/api-reference.md (the same, readable). Written by
// `npm run docs:api`; openapi-document.test.ts fails while the committed files are stale.

export const DOCS_DIR = fileURLToPath(new URL('../../../docs/', import.meta.url));
export const OPENAPI_FILE = 'openapi.json';
export const REFERENCE_FILE = 'api-reference.md';

interface JsonSchema {
  type?: string | string[];
  $ref?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  additionalProperties?: boolean | JsonSchema;
  description?: string;
}

interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: JsonSchema }> }
  >;
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
  [key: string]: unknown;
}

/** The document as @fastify/swagger makes it from a freshly built app. */
export async function openApiDocument(): Promise<OpenApiDocument> {
  const { app, cleanup } = await buildTestApp({ openapi: true, seedDemoCommunities: false });
  try {
    return withoutUnusedComponents((app as unknown as { swagger(): OpenApiDocument }).swagger());
  } finally {
    await cleanup();
  }
}

/**
 * The zod transform writes every shared schema (`.meta({ id })`) twice, as it reads requests
 * (`…Input`) and as it answers; most are only ever one of the two. Keeps the components some
 * route, or a kept component, refers to.
 */
export function withoutUnusedComponents(doc: OpenApiDocument): OpenApiDocument {
  const components = doc.components as { schemas?: Record<string, unknown> } | undefined;
  const schemas = components?.schemas;
  if (!schemas) return doc;
  const refsIn = (value: unknown) =>
    [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1] as string,
    );
  const kept = new Set<string>();
  const pending = refsIn(doc.paths);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (kept.has(name)) continue;
    kept.add(name);
    pending.push(...refsIn(schemas[name]));
  }
  const used = Object.fromEntries(Object.entries(schemas).filter(([name]) => kept.has(name)));
  return { ...doc, components: { ...components, schemas: used } };
}

function typeOf(schema: JsonSchema | undefined, depth = 0): string {
  if (!schema) return '任意';
  if (schema.$ref) return schema.$ref.split('/').pop() ?? '?';
  const nullable = schema.nullable ? ' | null' : '';
  if (schema.const !== undefined) return JSON.stringify(schema.const) + nullable;
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' \\| ') + nullable;
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((s) => typeOf(s, depth)).join(' \\| ') + nullable;
  if (schema.allOf?.length === 1) return typeOf(schema.allOf[0], depth) + nullable;
  const type = Array.isArray(schema.type) ? schema.type.join(' \\| ') : schema.type;
  if (type === 'array') return `${typeOf(schema.items, depth)}[]${nullable}`;
  if (type === 'object' && schema.properties && depth < 1) {
    return `{ ${fields(schema, depth + 1)} }${nullable}`;
  }
  return (type ?? '任意') + nullable;
}

function fields(schema: JsonSchema | undefined, depth = 0): string {
  const properties = Object.entries(schema?.properties ?? {});
  if (properties.length === 0) return typeOf(schema, depth);
  const required = new Set(schema?.required ?? []);
  return properties
    .map(([name, s]) => `${name}${required.has(name) ? '' : '?'}: ${typeOf(s, depth)}`)
    .join(', ');
}

const jsonOf = (content?: Record<string, { schema?: JsonSchema }>) =>
  content?.['application/json']?.schema;

/** The readable page: every route, what it takes and what it answers, by status. */
export function renderReference(doc: OpenApiDocument): string {
  const lines = [
    '# 同步服务器 API 参考（自动生成）',
    '',
    '> 由各路由声明的 zod 模式生成（`npm run docs:api`），请勿手改；与代码不一致时测试失败。',
    '> 错误码、会话、同步语义等说明见 [api.md](api.md)；机器可读版本：[openapi.json](openapi.json)。',
    '',
  ];
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      lines.push(`## \`${method.toUpperCase()} ${path}\``, '');
      const params = op.parameters ?? [];
      for (const where of ['path', 'query'] as const) {
        const mine = params.filter((p) => p.in === where);
        if (mine.length === 0) continue;
        const label = where === 'path' ? '路径参数' : '查询参数';
        const list = mine.map((p) => `${p.name}${p.required ? '' : '?'}: ${typeOf(p.schema)}`);
        lines.push(`- ${label}：\`${list.join(', ')}\``);
      }
      const body = jsonOf(op.requestBody?.content);
      if (body) lines.push(`- 请求体：\`${fields(body)}\``);
      for (const [status, answer] of Object.entries(op.responses ?? {})) {
        const schema = jsonOf(answer.content);
        lines.push(`- ${status}：${schema ? `\`${fields(schema)}\`` : (answer.description ?? '')}`);
      }
      lines.push('');
    }
  }
  // The shared schemas the routes name by reference, each once.
  const components = (doc.components as { schemas?: Record<string, JsonSchema> } | undefined)
    ?.schemas;
  const shared = Object.entries(components ?? {});
  if (shared.length > 0) lines.push('## 共用模式', '');
  for (const [name, schema] of shared) lines.push(`- \`${name}\`：\`${fields(schema)}\``);
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Each file under docs/ and the text it should hold. */
export function docsFiles(doc: OpenApiDocument): { file: string; text: string }[] {
  return [
    { file: OPENAPI_FILE, text: `${JSON.stringify(doc, null, 2)}\n` },
    { file: REFERENCE_FILE, text: renderReference(doc) },
  ];
}
