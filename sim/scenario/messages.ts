/**
 * Every message the scenario layer shows to people, as functions (vega-lite's `log/message.ts`
 * style): the loader builds issues from these, and tests compare against the same functions, so
 * rewording a message never breaks a test that checks its meaning.
 */

/** `"abc"` for strings, `-300000000` for numbers, `a list` / `a mapping` for collections. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/**
 * Text from a file, quoted for a message: JSON escapes for C0 control characters, and \u escapes
 * for DEL, the C1 controls and the invisible characters that reorder text (bidi controls), so a
 * key or id cannot garble the terminal that shows it or pass for another.
 */
export function quote(text: string): string {
  return JSON.stringify(text).replace(/(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** At most `max` characters of a long expression, for messages that repeat what the user typed. */
function clip(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}

function got(value: unknown): string {
  return ` (got ${formatValue(value)})`;
}

// ---- Files and YAML --------------------------------------------------------------------------

export const fileNotFound = () => 'no such file';
export const isDirectory = () => 'is a directory, not a scenario file';
export const notARegularFile = (kind: string) => `is ${kind}, not a regular file; a scenario is read from a regular file only`;
export const unreadableFile = (reason: string) => `cannot read the file (${reason})`;
export const fileTooLarge = (bytes: number, maxBytes: number) =>
  `file is too large (${(bytes / 1e6).toFixed(1)} MB; a scenario file may be at most ${maxBytes / 1e6} MB)`;
export const emptyFile = () => 'file is empty: a scenario must be a mapping with name, startDate, players, ...';
export const binaryFile = () => 'file is not text (it holds binary data); a scenario is a YAML or JSON file';
export const notUtf8 = () => 'file is not UTF-8 text';
export const notAMapping = (value: unknown) =>
  `the top level must be a mapping (key: value lines), not ${formatValue(value)}`;
export const yamlSyntax = (detail: string) => `YAML syntax error: ${detail}`;
export const jsonSyntax = (detail: string) => `JSON syntax error: ${detail}`;
export const unknownTag = (tag: string) =>
  `unknown YAML tag ${quote(tag)}: scenario files hold plain data (no tags besides !!str, !!int, !!bool, !!null, !!map, !!seq)`;
export const aliasBomb = (maxAliasCount: number) =>
  `too many YAML alias expansions (more than ${maxAliasCount}): aliases may not multiply the data`;
export const recursiveAlias = (name: string) => `YAML alias *${name} refers to itself`;
export const nestedTooDeep = (maxDepth: number) =>
  `lists and mappings are nested more than ${maxDepth} levels deep (a scenario needs a handful)`;
export const complexKey = () => 'keys must be plain names, not lists or mappings';
export const duplicateKey = (key: string) => `YAML syntax error: Map keys must be unique (${quote(key)} is already set above)`;

// ---- extends ---------------------------------------------------------------------------------

export const extendsNotText = (value: unknown) => `extends must name a file${got(value)}`;
export const extendsMissing = (target: string) => `extends target ${quote(target)} does not exist`;
export const extendsNotAFile = (target: string) => `extends target ${quote(target)} is a directory, not a scenario file`;
export const extendsCycle = (chain: readonly string[]) => `extends cycle: ${chain.join(' → ')}`;
export const extendsTooDeep = (maxDepth: number) => `extends chain is longer than ${maxDepth} files`;
/** A file named in a scenario that lies outside the folders it may read from (see `read-roots.ts`). */
export const outsideRoots = (target: string, absolute: string, roots: { cwd: string; namedFolder: string }) =>
  `${quote(target)} points to ${quote(absolute)}, outside the working directory (${quote(roots.cwd)}) and the folder of the ` +
  `named scenario (${quote(roots.namedFolder)}); to read it anyway, pass --allow-outside (LoadOptions.allowOutside)`;
export const extendsOutside = (target: string, absolute: string, roots: { cwd: string; namedFolder: string }) =>
  `extends target ${outsideRoots(target, absolute, roots)}`;

// ---- --set -----------------------------------------------------------------------------------

export const setNoEquals = (expression: string) =>
  `--set ${clip(expression)}: expected path=value (e.g. players[1].cashYuan=3e8)`;
export const setBadPath = (expression: string, detail: string) => `--set ${clip(expression)}: bad path (${detail})`;
export const setBadValue = (expression: string, detail: string) => `--set ${clip(expression)}: bad value (${detail})`;
export const setNotACollection = (expression: string, path: string, value: unknown) =>
  `--set ${clip(expression)}: ${path} is ${formatValue(value)}, which has no fields`;
export const setIndexOutOfRange = (expression: string, path: string, index: number, length: number) =>
  `--set ${clip(expression)}: ${path} has ${length} item${length === 1 ? '' : 's'}, no index ${index}`;
export const setNoSuchId = (expression: string, path: string, id: string, suggestion?: string) =>
  `--set ${clip(expression)}: ${path} has no item with id ${quote(id)}${didYouMean(suggestion)}`;
export const setForbidden = (expression: string, key: string) =>
  `--set ${clip(expression)}: "${key}" cannot be set from the command line`;

// ---- Shapes (zod issues in plain words) --------------------------------------------------------

export const required = () => 'required, but missing';
export const requiredOneOf = (values: readonly string[]) => `required, but missing: one of ${values.join(', ')}`;
export const expectedType = (expected: string, value: unknown) => `expected ${expected}${got(value)}`;
export const atLeast = (minimum: number | bigint, inclusive: boolean, value: unknown) =>
  `must be ${inclusive ? '≥' : '>'} ${minimum}${got(value)}`;
export const atMost = (maximum: number | bigint, inclusive: boolean, value: unknown) =>
  `must be ${inclusive ? '≤' : '<'} ${maximum}${got(value)}`;
export const minItems = (minimum: number | bigint, count: number) =>
  `must have at least ${minimum} item${minimum === 1 ? '' : 's'} (got ${count})`;
export const maxItems = (maximum: number | bigint, count: number) =>
  `must have at most ${maximum} item${maximum === 1 ? '' : 's'} (got ${count})`;
export const notEmpty = () => 'must not be empty';
export const minLength = (minimum: number | bigint, value: unknown) => `must be at least ${minimum} characters${got(value)}`;
export const maxLength = (maximum: number | bigint, value: unknown) => `must be at most ${maximum} characters${got(value)}`;
export const multipleOf = (divisor: number | bigint, value: unknown) => `must be a multiple of ${divisor}${got(value)}`;
export const oneOf = (values: readonly unknown[], value: unknown, suggestion?: string) =>
  `must be one of ${values.map(String).join(', ')}${got(value)}${didYouMean(suggestion)}`;
export const unknownKey = (key: string, suggestion?: string) => `unknown key ${quote(key)}${didYouMean(suggestion)}`;
export const noMatchingForm = () => 'does not match any allowed form';
export const withValue = (message: string, value: unknown) => `${message}${got(value)}`;

// ---- Cross-references ----------------------------------------------------------------------------

export const duplicateId = (what: string, id: string, firstPath: string) =>
  `duplicate ${what} id ${quote(id)} (already used by ${firstPath})`;
export const noSuchReference = (what: string, id: string, suggestion?: string) =>
  `no ${what} with id ${quote(id)}${didYouMean(suggestion)}`;
export const outsideHorizon = (date: string, startDate: string, endDate: string, horizonWeeks: number) =>
  `${date} is outside the horizon ${startDate} … ${endDate} (startDate + ${horizonWeeks} weeks)`;
export const dateOrder = (fromKey: string, fromDate: string, toKey: string, toDate: string) =>
  `${fromKey} ${fromDate} is after ${toKey} ${toDate}`;
export const notBoth = (keys: readonly string[]) => `give ${keys.join(' or ')}, not both`;
export const exactlyOne = (keys: readonly string[]) => `give exactly one of ${keys.join(', ')}`;
export const notBelow = (key: string, value: number, otherKey: string, otherValue: number) =>
  `${key} (${value}) must be ≥ ${otherKey} (${otherValue})`;
export const requiredWhen = (key: string, condition: string) => `${key} is required when ${condition}`;
export const sameAs = (key: string, other: string, value: unknown) => `${key} must differ from ${other} (both are ${formatValue(value)})`;
