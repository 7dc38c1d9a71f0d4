/**
 * deploy/slurm/gbsim-mc.sbatch run as Slurm would run its array tasks, with a stand-in `sbatch`
 * that records the merge job it is asked to submit. The real Slurm check (a cluster, a time limit
 * and a requeue) is test/slurm/slurm-check.sh, which CI runs as its own step.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { gbsim, temporaryFolder, writeSymmetricScenario } from '../experiment/fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SBATCH_FILE = `${ROOT}/deploy/slurm/gbsim-mc.sbatch`;
const folder = temporaryFolder('deploy');
afterAll(folder.remove);

/** A stand-in sbatch on PATH that writes its arguments, one a line, to `log`. */
function fakeSbatch(log: string): string {
  const bin = folder.path(`bin-${Math.abs(hash(log))}`);
  execFileSync('mkdir', ['-p', bin]);
  writeFileSync(`${bin}/sbatch`, `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(log)}\n`);
  chmodSync(`${bin}/sbatch`, 0o755);
  return bin;
}
const hash = (text: string) => [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0);

function runTask(task: string, count: string, settings: Record<string, string>, bin: string) {
  return spawnSync('bash', [SBATCH_FILE], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env, GBSIM_NODE: process.execPath, PATH: `${bin}:${process.env.PATH}`, SLURM_SUBMIT_DIR: ROOT,
      SLURM_ARRAY_JOB_ID: '42', SLURM_ARRAY_TASK_ID: task, SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: count, SLURM_CPUS_PER_TASK: '1',
      ...settings,
    },
  });
}

describe('deploy/slurm/gbsim-mc.sbatch', () => {
  const script = readFileSync(SBATCH_FILE, 'utf8');

  it('runs node itself with exec, so that Slurm\'s SIGTERM reaches gbsim', () => {
    const commands = script.split('\n').filter((line) => !line.startsWith('#')).join('\n');
    expect(commands).toMatch(/^exec "\$GBSIM_NODE" "\$GBSIM_JS" mc /m);
    expect(commands).not.toMatch(/\bnpx\b|\bnpm (exec|run|start)\b/);
    expect(script).toMatch(/^#SBATCH --array=\d+-\d+$/m);
  });

  it('runs one shard per array task and submits a merge that gives the unsharded result', async () => {
    const twins = writeSymmetricScenario(folder.dir);
    const log = folder.path('sbatch.log');
    const bin = fakeSbatch(log);
    const dir = folder.path('array');
    for (const task of ['0', '1']) expect(runTask(task, '2', { SCENARIO: twins, RUNS: '30', DIR: dir }, bin).status).toBe(0);
    expect(existsSync(`${dir}/logs`)).toBe(true);
    const submitted = readFileSync(log, 'utf8').split('\n');
    expect(submitted).toContain('--dependency=afterok:42');
    expect(submitted).toContain(`--output=${dir}/logs/merge-%j.out`);
    const wrap = submitted.find((line) => line.startsWith('--wrap='))!.slice('--wrap='.length);
    expect(wrap).toMatch(/^exec \S*node \S*\/bin\/gbsim\.js merge /);
    execFileSync('bash', ['-c', wrap], { cwd: ROOT, stdio: 'ignore' });
    const whole = folder.path('whole');
    expect((await gbsim('mc', twins, '--runs', '30', '--workers', '1', '--out', whole, '--quiet')).status).toBe(0);
    expect(readFileSync(`${dir}/merged/mc.json`, 'utf8')).toBe(readFileSync(`${whole}/mc.json`, 'utf8'));
  });

  it('submits no merge for an array of one task, whose shard is the whole run', () => {
    const twins = writeSymmetricScenario(folder.dir);
    const log = folder.path('single.log');
    const dir = folder.path('single');
    expect(runTask('0', '1', { SCENARIO: twins, RUNS: '4', DIR: dir }, fakeSbatch(log)).status).toBe(0);
    expect(existsSync(log)).toBe(false);
    expect(readFileSync(`${dir}/shard-0/mc.json`, 'utf8')).toContain('"complete": true');
  });

  it('stops with a message, before any output, when the checkout has no built gbsim', () => {
    const dir = folder.path('unbuilt');
    const ended = runTask('0', '2', { GBSIM_ROOT: folder.path('empty'), DIR: dir }, fakeSbatch(folder.path('unbuilt.log')));
    expect(ended.status).toBe(2);
    expect(ended.stderr).toContain('no built gbsim in');
    expect(existsSync(dir)).toBe(false);
  });
});
