/**
 * Putting text and data into an HTML page safely. Every string that came from a scenario (player
 * names, notes, file names) goes through `escapeHtml` before it is placed in markup; data for the
 * page's scripts goes through `jsonForScript` into a `<script type="application/json">` block,
 * where `<`, `>`, `&` and the JavaScript line separators are written as \u escapes, so no string
 * can close the script element or open a comment.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** JSON text that is safe inside `<script type="application/json">` (and still parses to `value`). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A JavaScript source (a library read from disk) made safe to inline in a `<script>` element:
 * `</script` becomes `<\/script`; a `<!--` (which changes how HTML parses script text) is refused.
 */
export function scriptForInline(source: string): string {
  if (source.includes('<!--')) throw new Error('cannot inline a script that contains "<!--"');
  return source.replace(/<\/script/gi, '<\\/script');
}
