/**
 * Zod issues in plain words: each issue of `Scenario.safeParse` becomes a path and a message from
 * `messages.ts` (an unknown key gets the path of the key itself, so it is shown there). Missing
 * fields are told apart from wrong values by looking at the data.
 */
import type { z } from 'zod';
import { closest } from './did-you-mean.js';
import type { PathSegment } from './issues.js';
import * as message from './messages.js';
import { hasPath, valueAt } from './plain-data.js';
import { schemaAt, shapeOf } from './schema-walk.js';

/** A shape problem before it is placed in a file. */
export interface ShapeProblem {
  readonly path: PathSegment[];
  readonly message: string;
  readonly got?: string;
}

type ZodIssue = z.core.$ZodIssue;

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  int: 'an integer',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  null: 'null',
};

/** Describes every zod issue of `data` against `schema` (unknown keys give one problem per key). */
export function describeZodIssues(issues: readonly ZodIssue[], data: unknown, schema: z.ZodType): ShapeProblem[] {
  return issues.flatMap((issue) => describeIssue(issue, data, schema));
}

function describeIssue(issue: ZodIssue, data: unknown, schema: z.ZodType): ShapeProblem[] {
  const path = issue.path.filter((step): step is PathSegment => typeof step !== 'symbol');
  const value = valueAt(data, path);
  const problem = (text: string): ShapeProblem[] => [
    { path, message: text, ...(hasPath(data, path) ? { got: message.formatValue(value) } : {}) },
  ];
  switch (issue.code) {
    case 'invalid_type':
      if (!hasPath(data, path)) return problem(message.required());
      return problem(message.expectedType(TYPE_WORDS[issue.expected] ?? issue.expected, value));
    case 'too_small':
      return problem(tooSmall(issue, value));
    case 'too_big':
      return problem(tooBig(issue, value));
    case 'invalid_value': {
      const suggestion = typeof value === 'string' ? closest(value, issue.values.map(String)) : undefined;
      return problem(message.oneOf(issue.values, value, suggestion));
    }
    case 'unrecognized_keys':
      return unknownKeys(issue.keys, path, data, schema);
    case 'invalid_union':
      return invalidUnion(issue, path, data);
    case 'not_multiple_of':
      return problem(message.multipleOf(issue.divisor, value));
    case 'invalid_format':
    case 'custom':
      return problem(message.withValue(issue.message, value));
    default:
      return problem(issue.message);
  }
}

function tooSmall(issue: z.core.$ZodIssueTooSmall, value: unknown): string {
  const inclusive = issue.inclusive ?? true;
  if (issue.origin === 'array' || issue.origin === 'set') return message.minItems(issue.minimum, Array.isArray(value) ? value.length : 0);
  if (issue.origin === 'string') return Number(issue.minimum) === 1 ? message.notEmpty() : message.minLength(issue.minimum, value);
  return message.atLeast(issue.minimum, inclusive, value);
}

function tooBig(issue: z.core.$ZodIssueTooBig, value: unknown): string {
  const inclusive = issue.inclusive ?? true;
  if (issue.origin === 'array' || issue.origin === 'set') return message.maxItems(issue.maximum, Array.isArray(value) ? value.length : 0);
  if (issue.origin === 'string') return message.maxLength(issue.maximum, value);
  return message.atMost(issue.maximum, inclusive, value);
}

/** Above this many unknown keys in one mapping, "did you mean" is not offered (the file is not a scenario). */
const MAX_SUGGESTED_KEYS = 50;

function unknownKeys(keys: readonly string[], path: PathSegment[], data: unknown, schema: z.ZodType): ShapeProblem[] {
  const allowed = keys.length > MAX_SUGGESTED_KEYS ? [] : Object.keys(shapeOf(schemaAt(schema, data, path)) ?? {});
  return keys.map((key) => ({ path: [...path, key], message: message.unknownKey(key, closest(key, allowed)) }));
}

function invalidUnion(issue: z.core.$ZodIssueInvalidUnion, issuePath: PathSegment[], data: unknown): ShapeProblem[] {
  const options = 'options' in issue && issue.options !== undefined ? issue.options.map(String) : [];
  const discriminator = issue.discriminator;
  if (discriminator === undefined || options.length === 0) return [{ path: issuePath, message: message.noMatchingForm() }];
  const path = issuePath[issuePath.length - 1] === discriminator ? issuePath : [...issuePath, discriminator];
  if (!hasPath(data, path)) return [{ path, message: message.requiredOneOf(options) }];
  const value = valueAt(data, path);
  const suggestion = typeof value === 'string' ? closest(value, options) : undefined;
  return [{ path, message: message.oneOf(options, value, suggestion), got: message.formatValue(value) }];
}
