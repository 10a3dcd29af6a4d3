import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCS_DIR, docsFiles, openApiDocument } from '../src/openapi-document.ts';

// `npm run docs:api`: writes docs/openapi.json and docs/api-reference.md from the routes' schemas.
// The database's checkpoint worker is unref'd, so closing the app would leave nothing holding
// the event loop while its exit is awaited: hold it until the files are written.
const hold = setInterval(() => {}, 60_000);
try {
  for (const { file, text } of docsFiles(await openApiDocument())) {
    writeFileSync(join(DOCS_DIR, file), text);
    console.log(`docs/${file}`);
  }
} finally {
  clearInterval(hold);
}
