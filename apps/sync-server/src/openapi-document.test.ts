import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DOCS_DIR, docsFiles, openApiDocument } from './openapi-document.ts';

it('keeps the committed API reference equal to what the routes declare (run npm run docs:api)', async () => {
  const doc = await openApiDocument();
  // Every route the app serves under /api is in it, department scorers' included.
  expect(Object.keys(doc.paths ?? {})).toEqual(
    expect.arrayContaining(['/api/coverage', '/api/users/{id}', '/api/assessment/{year}/scores']),
  );
  for (const { file, text } of docsFiles(doc)) {
    const committed = readFileSync(join(DOCS_DIR, file), 'utf8');
    expect(committed, `docs/${file} is out of date: run npm run docs:api`).toBe(text);
  }
});
