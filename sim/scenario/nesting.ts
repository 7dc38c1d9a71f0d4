/**
 * A guard against deeply nested YAML (`[[[[...]]]]` ten thousand levels deep): the YAML composer
 * and every later stage recurse once per level, so such a file could exhaust the stack. The
 * depth is measured on yaml's concrete syntax tree, which is built without recursion, before
 * anything recursive sees the text.
 */
import { Parser } from 'yaml';

/** Deepest nesting of lists and mappings a scenario file (or a `--set` value) may have. */
export const MAX_NESTING_DEPTH = 32;

interface CstNode {
  readonly type?: string;
  readonly offset?: number;
  readonly value?: CstNode;
  readonly items?: readonly { readonly key?: CstNode | null; readonly value?: CstNode | null }[];
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** The offset of the first collection nested deeper than `maxDepth`, or undefined. */
export function tooDeepAt(text: string, maxDepth = MAX_NESTING_DEPTH): number | undefined {
  const stack: [CstNode, number][] = [];
  for (const token of new Parser().parse(text)) stack.push([token as CstNode, 0]);
  while (stack.length > 0) {
    const [node, outer] = stack.pop()!;
    const depth = outer + (COLLECTIONS.has(node.type ?? '') ? 1 : 0);
    if (depth > maxDepth) return node.offset ?? 0;
    if (node.value) stack.push([node.value, depth]);
    for (const item of node.items ?? []) {
      if (item.key) stack.push([item.key, depth]);
      if (item.value) stack.push([item.value, depth]);
    }
  }
  return undefined;
}
