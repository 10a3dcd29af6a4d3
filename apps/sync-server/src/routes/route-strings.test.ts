import { SyncItemSchema } from '@jiuting/questionnaire';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp } from '../testing.ts';

// Issue 14, findings 9 and 14 looked for everywhere: every string a request can carry has a
// maximum, and every free-text string a body can put in the database refuses NUL, bidi
// overrides and lone surrogates. Checked on the schemas the routes really validate with (each
// one passes through the validator compiler as the app starts), so a route added later without
// `.max()` or `plain()` fails here, not in a probe.

/** A zod (or zod/mini) schema: the routes use zod, the questionnaire's items zod/mini. */
interface Schema {
  safeParse(value: unknown): { success: boolean };
}

interface RouteSchema {
  method: string;
  url: string;
  httpPart: string;
  schema: Schema;
}

const seen = vi.hoisted(() => [] as unknown[]);

vi.mock('fastify-type-provider-zod', async (importOriginal) => {
  const actual = await importOriginal<typeof import('fastify-type-provider-zod')>();
  const validatorCompiler: typeof actual.validatorCompiler = (route) => {
    seen.push(route);
    return actual.validatorCompiler(route);
  };
  return { ...actual, validatorCompiler };
});

/**
 * Body strings that are not free text stored as typed, and so need no check of their own for
 * hidden characters: credentials (hashed or compared, never stored as text), keys the route
 * looks up among existing records (a code or id that matches none is refused), and a table's
 * text and file name (each cell is checked by the import that reads it, naming its line; the
 * name only says how to read the bytes).
 */
const NOT_FREE_TEXT = new Set([
  'POST /api/auth/login username',
  'POST /api/auth/login password',
  'POST /api/users password',
  'PATCH /api/users/:id password',
  'POST /api/auth/password currentPassword',
  'POST /api/auth/password newPassword',
  'POST /api/assessment/:year/scores entries.*.itemId',
  'POST /api/assessment/:year/scores entries.*.communityCode',
  'POST /api/assessment/:year/lock accepted.*.key',
  'POST /api/assessment/:year/proposals communityCode',
  'POST /api/communities/import csv',
  'POST /api/communities/import file.name',
  'POST /api/communities/:code/register/import csv',
  'POST /api/communities/:code/register/import file.name',
  'POST /api/assessment/:year/hotline/import csv',
  'POST /api/assessment/:year/hotline/import file.name',
]);

let cleanup: () => Promise<void>;
let routes: RouteSchema[];

beforeAll(async () => {
  ({ cleanup } = await buildTestApp({ seedDemoCommunities: false }));
  routes = (seen as RouteSchema[]).filter((r) => r.url.startsWith('/api/'));
});
afterAll(async () => cleanup());

interface Leaf {
  path: string;
  schema: Schema;
}

/** Every string schema inside `schema`, with its dotted path (`*` for an array's elements). */
function stringLeaves(schema: Schema, path: string, out: Leaf[] = []): Leaf[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const inner = (key: string) => def[key] as Schema;
  const at = (part: string) => (path === '' ? part : `${path}.${part}`);
  switch (def.type) {
    case 'string':
      out.push({ path, schema });
      break;
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, Schema>)) {
        stringLeaves(value, at(key), out);
      }
      if (def.catchall) stringLeaves(inner('catchall'), at('*'), out);
      break;
    case 'array':
      stringLeaves(inner('element'), at('*'), out);
      break;
    case 'record':
      stringLeaves(inner('keyType'), at('<key>'), out);
      stringLeaves(inner('valueType'), at('*'), out);
      break;
    case 'tuple':
      (def.items as Schema[]).forEach((item, i) => {
        stringLeaves(item, at(String(i)), out);
      });
      if (def.rest) stringLeaves(inner('rest'), at('*'), out);
      break;
    case 'union':
      for (const option of def.options as Schema[]) stringLeaves(option, path, out);
      break;
    case 'intersection':
      stringLeaves(inner('left'), path, out);
      stringLeaves(inner('right'), path, out);
      break;
    case 'pipe':
      stringLeaves(inner('in'), path, out);
      break;
    case 'lazy':
      stringLeaves((def.getter as () => Schema)(), path, out);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      stringLeaves(inner('innerType'), path, out);
      break;
    default:
      // Numbers, booleans, enums, literals, dates: nothing unbounded or typed by a person.
      break;
  }
  return out;
}

function leavesOf(part: 'body' | 'querystring' | 'params' | 'headers') {
  // A sync or outbox body's items are validated one by one, inside the route, as sync items.
  const items: RouteSchema = {
    method: 'POST',
    url: '/api/sync',
    httpPart: 'body',
    schema: SyncItemSchema,
  };
  return [...routes, items]
    .filter((r) => r.httpPart === part)
    .flatMap((r) =>
      stringLeaves(r.schema, '').map((leaf) => ({
        ...leaf,
        name: `${r.method} ${r.url} ${leaf.path}`.trimEnd(),
      })),
    );
}

describe('strings the routes take', () => {
  it('are found on every route that takes a body (the walk reaches them)', () => {
    const bodies = leavesOf('body').map((l) => l.name);
    expect(bodies).toEqual(
      expect.arrayContaining([
        'PUT /api/assessment/:year/communities/:code/satisfaction reason',
        'POST /api/users displayName',
        'PATCH /api/communities/:code name',
        'POST /api/sync householdAddress',
      ]),
    );
  });

  it('each have a maximum length, in the body, the query and the path', () => {
    const unbounded = (['body', 'querystring', 'params'] as const)
      .flatMap(leavesOf)
      .filter((leaf) => leaf.schema.safeParse('九'.repeat(300_000)).success)
      .map((leaf) => leaf.name);
    expect(unbounded).toEqual([]);
  });

  it('refuse NUL, bidi overrides and lone surrogates wherever a body takes free text', () => {
    const lax = leavesOf('body')
      .filter((leaf) => !NOT_FREE_TEXT.has(leaf.name))
      // Free text is what takes ordinary Chinese words; codes, dates and ids do not.
      .filter((leaf) => leaf.schema.safeParse('九亭镇居民').success)
      .filter((leaf) =>
        ['九亭\u0000镇', '九亭\u202E镇', '九亭\uD800镇'].some(
          (bad) => leaf.schema.safeParse(bad).success,
        ),
      )
      .map((leaf) => leaf.name);
    expect(lax).toEqual([]);
  });
});
