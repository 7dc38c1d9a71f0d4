/**
 * Reads `--factors FILE` (the `uncertainty:` section alone) with positions, checked against the
 * scenario like the section itself (`uncertainty.ts`). Node-only: it reads the file system.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { formatPath, sortIssues, type ScenarioIssue } from './issues.js';
import { originOf, toPlain } from './located.js';
import { isRecord } from './plain-data.js';
import { readScenarioFile } from './read-file.js';
import { Factor, type Scenario } from './schema.js';
import { describeZodIssues } from './shape-issues.js';
import { factorProblems } from './uncertainty.js';

const FactorsFile = z.strictObject({ uncertainty: z.array(Factor).min(1).max(64) });

export type FactorsRead = { ok: true; factors: Factor[] } | { ok: false; issues: ScenarioIssue[] };

/**
 * Reads `--factors FILE` (a mapping with one key, `uncertainty:`, a list of factors) and checks it
 * against the scenario, every problem with its line and column in that file.
 */
export function readFactorsFile(file: string, cwd: string, scenario: Scenario): FactorsRead {
  const read = readScenarioFile(resolve(cwd, file), file);
  if (!read.ok) return read;
  const data = toPlain(read.root);
  const parsed = FactorsFile.safeParse(data);
  const shape = parsed.success ? [] : describeZodIssues(parsed.error.issues, data, FactorsFile);
  const own = isRecord(data) ? factorProblems(scenario, data.uncertainty, ['uncertainty']) : [];
  const issues = [...shape.map((p) => ({ ...p, stage: 'shape' as const })), ...own.map((p) => ({ ...p, stage: 'reference' as const }))].map((p) => {
    const origin = originOf(read.root, p.path);
    return { file: origin.file, line: origin.line, col: origin.col, path: formatPath(p.path), message: p.message, ...(p.got === undefined ? {} : { got: p.got }), stage: p.stage };
  });
  if (!parsed.success || issues.length > 0) return { ok: false, issues: sortIssues(issues, [file]) };
  return { ok: true, factors: parsed.data.uncertainty };
}
