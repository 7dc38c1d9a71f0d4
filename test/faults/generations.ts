/**
 * Self-checking file contents for the torn-write tests: generation g of a file is a header, many
 * lines that each repeat the file name and g, and a trailer with the line count, so a reader can
 * tell a complete generation from a torn one without keeping copies.
 */

/** The big files the writer rewrites in turn (about 2 and 4 MB). */
export const GENERATED_FILES: readonly { name: string; lines: number }[] = [
  { name: 'weekly.csv', lines: 40_000 },
  { name: 'summary.json', lines: 80_000 },
];

export function generation(name: string, g: number, lines: number): string {
  const body = Array.from({ length: lines }, (_, i) => `${name} generation ${g} line ${i}\n`).join('');
  return `BEGIN ${name} ${g}\n${body}END ${name} ${g} ${lines}\n`;
}

/** The generation `text` holds, when it is a complete one of `name`; otherwise why not. */
export function checkGeneration(name: string, text: string): { ok: true; generation: number } | { ok: false; why: string } {
  const head = /^BEGIN (\S+) (\d+)\n/.exec(text);
  if (head === null || head[1] !== name) return { ok: false, why: `no header (starts ${JSON.stringify(text.slice(0, 40))})` };
  const g = Number(head[2]);
  const tail = /END (\S+) (\d+) (\d+)\n$/.exec(text.slice(-100));
  if (tail === null) return { ok: false, why: `generation ${g} has no trailer (${text.length} bytes)` };
  const lines = Number(tail[3]);
  if (tail[1] !== name || Number(tail[2]) !== g || text !== generation(name, g, lines)) return { ok: false, why: `generation ${g} is not intact` };
  return { ok: true, generation: g };
}
