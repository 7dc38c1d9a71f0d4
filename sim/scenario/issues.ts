/**
 * Problems found in scenario files, as data, and their formatting for people:
 *
 *     scenarios/what-if.yaml: 2 problems
 *       12:5  players[1].cashYuan: must be ≥ 0 (got -300000000)
 *       20:3  events[0].player: no player with id "xingshen" (did you mean "xingsheng"?)
 *
 * and the compact `file:line:col path: message` form for tools. This module imports nothing
 * heavy, so the CLI's error boundary can use it without loading zod or yaml.
 */

/** A step into scenario data: a mapping key or a list index. */
export type PathSegment = string | number;
export type DataPath = readonly PathSegment[];

/** Where an issue comes from: the file (or `--set`) and the stage that found it. */
export type IssueStage = 'file' | 'yaml' | 'extends' | 'set' | 'shape' | 'reference';

/** The pseudo-file name of issues caused by `--set path=value` overrides. */
export const SET_SOURCE = '--set';

/** One problem in a scenario. Lines and columns are 1-based; 0 when the problem has no place. */
export interface ScenarioIssue {
  /** The file as the user named it (extended files relative to the one that named them), or `--set`. */
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Where in the data, like `players[1].cashYuan`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
  /** The offending value as written in messages (`-300000000`, `"abc"`), when there is one. */
  readonly got?: string;
  readonly stage: IssueStage;
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `['players', 1, 'cashYuan']` → `players[1].cashYuan`. */
export function formatPath(path: DataPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * Issues in reading order: the files in `fileOrder` first (in that order), other files by name,
 * `--set` last; within a file by line, column, then path.
 */
export function sortIssues(issues: readonly ScenarioIssue[], fileOrder: readonly string[] = []): ScenarioIssue[] {
  const rank = (file: string) => {
    if (file === SET_SOURCE) return Number.MAX_SAFE_INTEGER;
    const index = fileOrder.indexOf(file);
    return index === -1 ? fileOrder.length : index;
  };
  return [...issues].sort(
    (a, b) =>
      rank(a.file) - rank(b.file) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.col - b.col ||
      a.path.localeCompare(b.path),
  );
}

/**
 * Control, bidi and invisible format characters (and line separators), which would garble a
 * terminal or disguise a name; the joiners U+200C/U+200D, which scripts and emoji need, stay.
 */
export const UNPRINTABLE = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** A file name as shown in messages: unprintable characters as `\u` escapes (names are usually clean). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function place(issue: ScenarioIssue, headerFile: string): string {
  const position = issue.line > 0 ? `${issue.line}:${issue.col}` : '';
  if (issue.file === headerFile) return position;
  return position === '' ? printable(issue.file) : `${printable(issue.file)}:${position}`;
}

function what(issue: ScenarioIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** Most problems `formatIssues` lists for one file (a file with thousands is not a scenario). */
export const MAX_ISSUES_SHOWN = 500;

/**
 * `scenarios/x.yaml: 2 problems` followed by one indented line per issue, positions aligned; past
 * `MAX_ISSUES_SHOWN` problems, a last line says how many more there are.
 */
export function formatIssues(file: string, issues: readonly ScenarioIssue[]): string {
  const shown = issues.slice(0, MAX_ISSUES_SHOWN);
  const places = shown.map((issue) => place(issue, file));
  const width = places.reduce((widest, text) => Math.max(widest, text.length), 0);
  const header = `${printable(file)}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  const lines = shown.map((issue, i) => {
    const where = places[i] ?? '';
    return where === '' ? `  ${what(issue)}` : `  ${where.padEnd(width)}  ${what(issue)}`;
  });
  const hidden = issues.length - shown.length;
  if (hidden > 0) lines.push(`  … and ${hidden} more problem${hidden === 1 ? '' : 's'}`);
  return [header, ...lines].join('\n');
}

/** `file:line:col path: message`, one issue per line (the form editors and CI annotations read). */
export function formatIssueCompact(issue: ScenarioIssue): string {
  const position = issue.line > 0 ? `:${issue.line}:${issue.col}` : '';
  return `${printable(issue.file)}${position} ${what(issue)}`;
}

/** One scenario file that failed, with all its problems. */
export interface ScenarioFailure {
  readonly file: string;
  readonly issues: readonly ScenarioIssue[];
}

/**
 * Thrown by code that needs a valid scenario and got a bad one; the CLI's error boundary prints
 * each failure with `formatIssues` and exits with status 2.
 */
export class ScenarioError extends Error {
  constructor(readonly failures: readonly ScenarioFailure[]) {
    const count = failures.reduce((sum, failure) => sum + failure.issues.length, 0);
    super(`${failures.map((failure) => failure.file).join(', ')}: ${count} problem${count === 1 ? '' : 's'}`);
    this.name = 'ScenarioError';
  }

  /** Every failure formatted for people, blocks separated by a blank line. */
  format(): string {
    return this.failures.map((failure) => formatIssues(failure.file, failure.issues)).join('\n\n');
  }
}
