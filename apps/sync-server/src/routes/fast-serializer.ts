import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/**
 * For a hot route, a serializer compiled from its own response schema (each status's zod
 * schema) by fast-json-stringify, what Fastify itself uses with JSON schemas: it writes the
 * declared fields and nothing else, as the zod serializer does, without re-validating every
 * value on the way out. Answering through the schema keeps a field added to the data later
 * from leaking.
 */
export function fastSchemaSerializer({ schema }: { schema: unknown }): (data: unknown) => string {
  const jsonSchema = z.toJSONSchema(schema as z.ZodType, { target: 'draft-7', io: 'output' });
  return fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
}

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode | JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  allOf?: JsonSchemaNode[];
  additionalProperties?: boolean | JsonSchemaNode;
  $defs?: Record<string, JsonSchemaNode>;
}

/**
 * For a hot route whose answer is large and built field by field: native JSON.stringify, told
 * which property names to write (every name the response schema declares, at any depth), so a
 * field added to the data later, and never declared, is left out as the schema serializer would
 * leave it out, without the per-value cost of validating or branching on each nullable object.
 * Only for schemas without free-form keys (a record's keys would all be dropped).
 */
export function namedFieldsSerializer({ schema }: { schema: unknown }): (data: unknown) => string {
  const root = z.toJSONSchema(schema as z.ZodType, { io: 'output' }) as JsonSchemaNode;
  const names = new Set<string>();
  const stack: JsonSchemaNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as JsonSchemaNode;
    if (typeof node.additionalProperties === 'object') {
      throw new Error(
        'namedFieldsSerializer: a schema with free-form keys needs another serializer',
      );
    }
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      names.add(name);
      stack.push(child);
    }
    if (Array.isArray(node.items)) stack.push(...node.items);
    else if (node.items) stack.push(node.items);
    stack.push(...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? []));
    // Shared schemas (the error body has an id) are written once under $defs and referred to.
    stack.push(...Object.values(node.$defs ?? {}));
  }
  const allowed = [...names];
  return (data) => JSON.stringify(data, allowed);
}
