import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { McResult } from '../../sim/experiment/types.js';
import { gbsim, temporaryFolder, writeSymmetricScenario } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const folder = temporaryFolder('signal');
afterAll(folder.remove);

function lineCount(file: string): number {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
}

describe('gbsim mc under SIGTERM', () => {
  it('keeps every completed run, writes a partial mc.json, exits 143, and resumes to the uninterrupted result', async () => {
    const twins = writeSymmetricScenario(folder.dir);
    const dir = folder.path('killed');
    const runs = '1200';
    const child = spawn(process.execPath, ['--import', 'tsx', 'sim/cli/main.ts', 'mc', twins, '--runs', runs, '--workers', '2', '--out', dir, '--quiet'], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (lineCount(`${dir}/runs.ndjson`) < 30 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);

    const partial = JSON.parse(readFileSync(`${dir}/mc.json`, 'utf8')) as McResult;
    const text = readFileSync(`${dir}/runs.ndjson`, 'utf8');
    expect(partial.complete).toBe(false);
    expect(partial.runs).toBeLessThan(1200);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n').length - 1).toBe(partial.runs);
    expect(JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8'))).toMatchObject({ ended: 'SIGTERM' });

    expect((await gbsim('mc', twins, '--runs', runs, '--workers', '2', '--out', dir, '--resume', '--quiet')).status).toBe(0);
    const whole = folder.path('whole');
    expect((await gbsim('mc', twins, '--runs', runs, '--workers', '1', '--out', whole, '--quiet')).status).toBe(0);
    for (const name of ['mc.json', 'survival.csv', 'runs.ndjson']) expect(readFileSync(`${dir}/${name}`, 'utf8'), name).toBe(readFileSync(`${whole}/${name}`, 'utf8'));
  });
});
