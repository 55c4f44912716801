// `npm run docs:errors`: writes the error-code table (src/api/error-codes-doc.ts) into README.md
// between its markers. `-- --check` writes nothing and exits 1 when the README's table is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withErrorCodes } from '../src/api/error-codes-doc';
import { ERROR_CODE_TABLE } from '../src/api/error-codes';

const file = path.join(__dirname, '..', 'README.md');
const readme = readFileSync(file, 'utf8');
const updated = withErrorCodes(readme);
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    process.stderr.write('README.md: the error-code table is stale; run npm run docs:errors\n');
    process.exitCode = 1;
  }
} else if (updated !== readme) {
  writeFileSync(file, updated);
  process.stdout.write(`README.md: ${ERROR_CODE_TABLE.length} error codes written\n`);
} else process.stdout.write(`README.md: ${ERROR_CODE_TABLE.length} error codes, already current\n`);
