/** Writes docs/columns.md from sim/experiment/columns.ts (`npm run docs:columns`). */
import { writeFileSync } from 'node:fs';
import { columnsMarkdown } from '../sim/experiment/columns.js';

writeFileSync(new URL('../docs/columns.md', import.meta.url), columnsMarkdown());
