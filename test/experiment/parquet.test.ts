/**
 * `--format parquet`: the big tables of run, mc and sweep as Parquet files that read back (with
 * hyparquet and DuckDB) to the rows of the CSV files of the same
 * run, and whose bytes depend on the inputs alone, whatever the number of workers.
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../sim/experiment/csv.js';
import { runRows } from '../../sim/experiment/mc-files.js';
import type { Row } from '../../sim/experiment/rows.js';
import { toParquet } from '../../sim/experiment/tables.js';
import { gbsim, temporaryFolder, writeSymmetricScenario } from './fixtures.js';

const folder = temporaryFolder('parquet');
afterAll(folder.remove);
let twins: string;

beforeAll(() => {
  twins = writeSymmetricScenario(folder.dir, 26);
});

function bytes(path: string): Buffer {
  return readFileSync(path);
}

/** The bytes as the ArrayBuffer hyparquet reads. */
function arrayBuffer(data: Uint8Array): ArrayBuffer {
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

async function readParquet(path: string): Promise<Row[]> {
  return (await parquetReadObjects({ file: arrayBuffer(bytes(path)) })) as Row[];
}

const header = (csv: string) => csv.split('\n')[0]!.split(',');

async function run(...args: string[]): Promise<void> {
  const outcome = await gbsim(...args);
  expect(outcome.stderr).toBe('');
  expect(outcome.status).toBe(0);
}

describe('Parquet tables', () => {
  it('hold the rows of the CSV tables of gbsim run, cell for cell, with typed columns', async () => {
    await run('run', twins, '--seed', '3', '--out', folder.path('run-csv'));
    await run('run', twins, '--seed', '3', '--out', folder.path('run-parquet'), '--format', 'parquet');
    for (const table of ['weekly', 'market', 'events', 'provinces']) {
      const csv = readFileSync(folder.path('run-csv', `${table}.csv`), 'utf8');
      const rows = await readParquet(folder.path('run-parquet', `${table}.parquet`));
      expect(toCsv(rows, header(csv)), table).toBe(csv);
    }
    const weekly = bytes(folder.path('run-parquet', 'weekly.parquet'));
    const schema = parquetSchema(parquetMetadata(arrayBuffer(weekly)));
    const types = Object.fromEntries(schema.children.map((c) => [c.element.name, c.element.type]));
    expect(types).toMatchObject({ week: 'INT32', player: 'BYTE_ARRAY', share: 'DOUBLE', cashYuan: 'DOUBLE' });
  });

  it('are the same bytes for the same inputs, and for one or two workers', async () => {
    await run('run', twins, '--seed', '3', '--out', folder.path('run-parquet-again'), '--format', 'parquet');
    expect(bytes(folder.path('run-parquet-again', 'weekly.parquet')).equals(bytes(folder.path('run-parquet', 'weekly.parquet')))).toBe(true);
    for (const workers of ['1', '2']) await run('mc', twins, '--runs', '12', '--workers', workers, '--quiet', '--format', 'parquet', '--out', folder.path(`mc-${workers}`));
    for (const name of ['runs.parquet', 'survival.parquet']) expect(bytes(folder.path('mc-2', name)).equals(bytes(folder.path('mc-1', name))), name).toBe(true);
    for (const copy of ['sweep-1', 'sweep-1-again']) {
      await run('sweep', twins, '--vary', 'players.alpha.cashYuan=1e8..3e8:3', '--runs', '3', '--workers', '1', '--quiet', '--format', 'parquet', '--out', folder.path(copy));
    }
    for (const name of ['sweep.parquet', 'sweep-players.parquet']) expect(bytes(folder.path('sweep-1-again', name)).equals(bytes(folder.path('sweep-1', name))), name).toBe(true);
  });

  it('hold every run of gbsim mc at full precision, and the survival rows of survival.csv', async () => {
    const lines = readFileSync(folder.path('mc-1', 'runs.ndjson'), 'utf8').trimEnd().split('\n');
    const expected = lines.flatMap((line) => runRows(JSON.parse(line)));
    expect(expected).toHaveLength(12 * 2);
    expect(await readParquet(folder.path('mc-1', 'runs.parquet'))).toEqual(expected);
    await run('mc', twins, '--runs', '12', '--workers', '1', '--quiet', '--out', folder.path('mc-csv'));
    const csv = readFileSync(folder.path('mc-csv', 'survival.csv'), 'utf8');
    expect(toCsv(await readParquet(folder.path('mc-1', 'survival.parquet')), header(csv))).toBe(csv);
  });

  it('are the same bytes after gbsim merge --format parquet of two shards', async () => {
    for (const shard of ['1/2', '2/2']) await run('mc', twins, '--runs', '12', '--workers', '1', '--quiet', '--shard', shard, '--out', folder.path(`shard-${shard[0]}`));
    const merged = await gbsim('merge', folder.path('shard-1'), folder.path('shard-2'), '--out', folder.path('merged'), '--format', 'parquet');
    expect(merged.status).toBe(0);
    for (const name of ['runs.parquet', 'survival.parquet']) expect(bytes(folder.path('merged', name)).equals(bytes(folder.path('mc-1', name))), name).toBe(true);
  });

  it('hold the rows of sweep.csv and sweep-players.csv', async () => {
    await run('sweep', twins, '--vary', 'players.alpha.cashYuan=1e8..3e8:3', '--runs', '3', '--workers', '1', '--quiet', '--out', folder.path('sweep-csv'));
    for (const table of ['sweep', 'sweep-players']) {
      const csv = readFileSync(folder.path('sweep-csv', `${table}.csv`), 'utf8');
      expect(toCsv(await readParquet(folder.path('sweep-1', `${table}.parquet`)), header(csv)), table).toBe(csv);
    }
  });

  it('read the same in DuckDB', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const file = folder.path('run-parquet', 'weekly.parquet').replaceAll("'", "''");
      const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
      const csv = readFileSync(folder.path('run-csv', 'weekly.csv'), 'utf8');
      expect(toCsv(reader.getRowObjectsJson() as Row[], header(csv))).toBe(csv);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('write null for missing and non-finite numbers, and whole numbers in count columns as INT32', async () => {
    const rows: Row[] = [{ week: 1, x: 0.1, n: null }, { week: 2, x: Number.NaN, n: 3 }];
    const written = toParquet(rows, ['week', 'x', 'n']);
    const read = (await parquetReadObjects({ file: arrayBuffer(written) })) as Row[];
    expect(read).toEqual([{ week: 1, x: 0.1, n: null }, { week: 2, x: null, n: 3 }]);
  });
});
