/**
 * A scenario's identity: the sha256 of its canonical JSON (keys sorted at every level, no
 * whitespace), so reformatting a file, reordering keys or moving a value into a base file does
 * not change it, while any change of a value does.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export { canonicalJson };

/** Hex sha256 of the canonical JSON of `value`. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
