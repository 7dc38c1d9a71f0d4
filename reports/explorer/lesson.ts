/**
 * A teaching scenario's lesson, as its file's opening comment states it:
 *   # Lesson: <what it demonstrates> ... # Look for: <what to look for> ...
 * Files without such a comment give their opening comment (editor directives left out) as what
 * they demonstrate, and nothing to look for.
 */

export interface Lesson {
  demonstrates: string;
  lookFor: string;
}

/** The lesson in the comment block that opens `text` (a YAML file). */
export function lessonOf(text: string): Lesson {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#')) break;
    const body = line.replace(/^#\s?/, '');
    if (/^yaml-language-server:/.test(body)) continue;
    lines.push(body.trim());
  }
  const prose = lines.join('\n').replace(/([^\n])\n(?=[^\n])/g, '$1 ').replace(/\n+/g, '\n').trim();
  const look = /(?:^|\s)Look for:\s*/.exec(prose);
  const demonstrates = (look ? prose.slice(0, look.index) : prose).replace(/^Lesson:\s*/, '').trim();
  return { demonstrates: capitalise(demonstrates), lookFor: look ? capitalise(prose.slice(look.index + look[0].length).trim()) : '' };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
