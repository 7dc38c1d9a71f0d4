/**
 * Hand-made hostile inputs for the fuzz corpus: files no editor would produce but an attacker or
 * an accident could (deep nesting, a 10 MB file, an alias bomb, binary garbage, huge mappings,
 * cycles of extends, a folder or a missing path where a file should be).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FuzzCase } from './corpus.js';
import type { Rng } from './random.js';

const DEPTH = 10_000;

/** Writes the special files under `dir`; `china` is the corpus copy of china-2020.yaml. */
export function specials(dir: string, china: string, random: Rng): FuzzCase[] {
  mkdirSync(dir, { recursive: true });
  const chinaText = readFileSync(china, 'utf8');
  const cases: FuzzCase[] = [];
  const add = (name: string, category: string, content: string | Uint8Array, placed: boolean, expect: FuzzCase['expect'] = 'invalid') => {
    const file = join(dir, name);
    writeFileSync(file, content);
    cases.push({ name: `special/${name}`, category, file, expect, placed, what: name });
  };

  const nesting = 'deep nesting (10,000 levels)';
  add('deep-flow-lists.yaml', nesting, `name: deep\nplayers: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`, true);
  add('deep-flow-maps.yaml', nesting, `name: deep\nplayers: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`, true);
  add('deep-block-lists.yaml', nesting, `name: deep\nplayers:\n${Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i + 1)}-`).join('\n')}\n`, true);
  add('deep-compact-lists.yaml', nesting, `players:\n${'- '.repeat(DEPTH)}x\n`, true);
  add('deep-arrays.json', nesting, `{"name": "deep", "players": ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}\n`, true);

  const size = 'oversized and huge files';
  add('ten-megabytes.yaml', size, `${chinaText}\n# ${'x'.repeat(10_000_000)}\n`, false);
  add('hundred-thousand-keys.yaml', size, Array.from({ length: 100_000 }, (_, i) => `k${i}: 1`).join('\n'), true);
  add('many-players-and-references.yaml', size, manyReferences(chinaText), true);

  const bombs = 'YAML alias bombs';
  add('billion-laughs.yaml', bombs, billionLaughs(), true);
  add('billion-laughs-in-mapping.yaml', bombs, `${billionLaughs()}name: *i\n`, true);
  add('recursive-alias.yaml', bombs, 'name: &a [*a]\n', true);

  const garbage = 'binary garbage and non-text';
  add('random-bytes.yaml', garbage, bytes(4_096, () => random.below(256)), false);
  add('random-bytes-no-nul.yaml', garbage, bytes(4_096, () => 1 + random.below(255)), false);
  add('random-printable.yaml', garbage, Array.from({ length: 2_000 }, () => String.fromCodePoint(33 + random.below(0x2fff))).join(''), false);
  add('utf16-with-bom.yaml', garbage, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(chinaText, 'utf16le')]), false);
  add('png-header.yaml', garbage, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), bytes(512, () => random.below(256))]), false);

  const shapes = 'empty, comment-only and non-mapping files';
  add('empty.yaml', shapes, '', false);
  add('only-comments.yaml', shapes, '# nothing here\n# at all\n', false);
  add('top-level-list.yaml', shapes, '- a\n- b\n', true);
  add('top-level-scalar.json', shapes, '42\n', true);
  add('two-documents.yaml', shapes, `${chinaText}\n---\nname: second\n`, true);
  add('json-with-comments.json', shapes, '{\n  // a comment\n  "name": "x"\n}\n', true);
  add('json-trailing-comma.json', shapes, '{"name": "x",}\n', true);

  const paths = 'a folder, a missing path, extends cycles';
  mkdirSync(join(dir, 'a-folder.yaml'), { recursive: true });
  cases.push({ name: 'special/a-folder.yaml', category: paths, file: join(dir, 'a-folder.yaml'), expect: 'invalid', placed: false, what: 'a directory' });
  cases.push({ name: 'special/missing.yaml', category: paths, file: join(dir, 'missing.yaml'), expect: 'invalid', placed: false, what: 'a missing path' });
  add('cycle-a.yaml', paths, 'extends: cycle-b.yaml\nname: A\n', true);
  writeFileSync(join(dir, 'cycle-b.yaml'), 'extends: cycle-c.yaml\n');
  writeFileSync(join(dir, 'cycle-c.yaml'), 'extends: cycle-a.yaml\n');
  add('extends-itself.yaml', paths, 'extends: extends-itself.yaml\n', true);
  add('extends-a-folder.yaml', paths, 'extends: a-folder.yaml\nname: x\n', true);
  add('extends-garbage.yaml', paths, 'extends: random-bytes.yaml\nname: x\n', false);
  add('extends-missing.yaml', paths, 'extends: nowhere/none.yaml\nname: x\n', true);

  const valid = 'BOM and CRLF (must stay valid)';
  add('with-bom.yaml', valid, `\ufeff${chinaText}`, false, 'valid');
  add('crlf.yaml', valid, chinaText.replaceAll('\n', '\r\n'), false, 'valid');

  const sets = '--set paths and values';
  cases.push(
    { name: 'set/deep-path', category: sets, file: china, expect: 'invalid', placed: false, sets: [`${'a.'.repeat(DEPTH)}b=1`], what: '--set with a 10,000-step path' },
    { name: 'set/deep-value', category: sets, file: china, expect: 'invalid', placed: false, sets: [`description=${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`], what: '--set with a 10,000-level value' },
    { name: 'set/non-finite', category: sets, file: china, expect: 'invalid', placed: false, sets: ['players.xingsheng.cashYuan=.nan', 'horizonWeeks=.inf'], what: '--set NaN and Infinity' },
    { name: 'set/alias', category: sets, file: china, expect: 'invalid', placed: false, sets: ['description=[&a x, *a]'], what: '--set with an alias' },
    { name: 'set/tag', category: sets, file: china, expect: 'invalid', placed: false, sets: ['description=!!js/function "x"'], what: '--set with a tag' },
    { name: 'set/control', category: sets, file: china, expect: 'invalid', placed: false, sets: ['name="a\\e[2Jb"'], what: '--set a name with an escape' },
  );
  return cases;
}

/** The classic "billion laughs": nine levels of nine aliases each (9⁹ strings if expanded). */
function billionLaughs(): string {
  const levels = 'abcdefghi'.split('');
  const lines = [`a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
  for (let i = 1; i < levels.length; i++) lines.push(`${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

/** china-2020 with 10,000 more players and 15,000 events naming players that do not exist. */
function manyReferences(chinaText: string): string {
  const players = Array.from({ length: 10_000 }, (_, i) => `  - {id: extra${i}, name: Extra, takeRate: 0.1, commissionRate: 0.1, expansion: {targetNewPointsPerWeek: 1}}`);
  const events = Array.from({ length: 15_000 }, (_, i) => `  - {kind: fine, date: 2020-07-01, player: nobody${i}, amountYuan: 1}`);
  return chinaText.replace(/^players:\n/m, `players:\n${players.join('\n')}\n`).replace(/^events:\n/m, `events:\n${events.join('\n')}\n`);
}

function bytes(length: number, next: () => number): Buffer {
  return Buffer.from(Array.from({ length }, next));
}
