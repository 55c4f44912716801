// `npm run duty-matrix`: prints the duty matrix (src/security/duties.ts) as the README's table.
import { dutyMatrixMarkdown } from '../src/security/duty-matrix-doc';

process.stdout.write(`${dutyMatrixMarkdown()}\n`);
