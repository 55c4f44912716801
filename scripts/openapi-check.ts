// `npm run openapi-check`: the OpenAPI 3.1 document the app serves (/openapi.json) against the
// OpenAPI 3.1 specification schema and its further rules (@readme/openapi-parser), 0 errors
// (issue 15); run by .ci/run, and by test/unit/api/openapi.test.ts. Exits 1 with the errors.
import { compileErrors, validate } from '@readme/openapi-parser';
import '../src/api/routes'; // the route modules declare their routes when imported
import { openApiDocument } from '../src/api/openapi';

async function main() {
  const doc = openApiDocument();
  const result = await validate(structuredClone(doc) as never);
  const operations = Object.values(doc.paths ?? {}).reduce((n, ops) => n + Object.keys(ops ?? {}).length, 0);
  if (!result.valid) {
    process.stderr.write(`${compileErrors(result)}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`OpenAPI ${doc.openapi}: ${operations} operations, valid (0 errors)\n`);
}
void main();
