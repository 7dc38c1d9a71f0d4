import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { gbsim, temporaryFolder, writeSymmetricScenario } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const deployFile = (path: string) => readFileSync(`${ROOT}deploy/${path}`, 'utf8');
const folder = temporaryFolder('deploy');
afterAll(folder.remove);

interface JobDocument {
  kind: string;
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template: { spec: { containers: Array<{ args: string[]; volumeMounts: Array<{ mountPath: string }> }> } };
  };
}

describe('deploy/kubernetes', () => {
  const [claim, job] = parseAllDocuments(deployFile('kubernetes/gbsim-mc-job.yaml')).map((d) => d.toJS() as JobDocument);
  const [merge] = parseAllDocuments(deployFile('kubernetes/gbsim-merge-job.yaml')).map((d) => d.toJS() as JobDocument);

  it('is an Indexed Job whose completions equal the --shards it passes to gbsim mc', () => {
    expect(claim!.kind).toBe('PersistentVolumeClaim');
    expect(job!.spec.completionMode).toBe('Indexed');
    const command = job!.spec.template.spec.containers[0]!.args.join(' ');
    expect(command).toMatch(/gbsim\.js mc /);
    expect(command).toContain(`--shards ${job!.spec.completions}`);
    expect(job!.spec.parallelism).toBeLessThanOrEqual(job!.spec.completions!);
    expect(command).toContain('--out /results/mc/shard-$JOB_COMPLETION_INDEX');
    expect(command).toContain('--resume');
  });

  it('merges the shards from the same shared volume', () => {
    const container = merge!.spec.template.spec.containers[0]!;
    expect(container.volumeMounts[0]!.mountPath).toBe(job!.spec.template.spec.containers[0]!.volumeMounts[0]!.mountPath);
    expect(container.args.join(' ')).toContain('merge /results/mc/shard-* --out /results/mc/merged');
  });
});

describe('deploy/slurm/gbsim-mc.sbatch', () => {
  it('runs one shard per array task and submits a merge that gives the unsharded result', async () => {
    const script = deployFile('slurm/gbsim-mc.sbatch');
    expect(script).toMatch(/^#SBATCH --array=\d+-\d+$/m);
    const twins = writeSymmetricScenario(folder.dir);
    const log = folder.path('sbatch.log');
    const fakeSbatch = folder.path('sbatch');
    writeFileSync(fakeSbatch, `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(log)}\n`);
    chmodSync(fakeSbatch, 0o755);
    const dir = folder.path('array');
    for (const task of ['0', '1']) {
      execFileSync('bash', [`${ROOT}deploy/slurm/gbsim-mc.sbatch`], {
        cwd: ROOT,
        stdio: 'ignore',
        env: {
          ...process.env, PATH: `${folder.dir}:${process.env.PATH}`,
          SLURM_ARRAY_JOB_ID: '42', SLURM_ARRAY_TASK_ID: task, SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '2', SLURM_CPUS_PER_TASK: '1',
          SCENARIO: twins, RUNS: '30', DIR: dir, GBSIM: 'node --import tsx sim/cli/main.ts',
        },
      });
    }
    const submitted = readFileSync(log, 'utf8').split('\n');
    expect(submitted).toContain('--dependency=afterok:42');
    const wrap = submitted.find((line) => line.startsWith('--wrap='))!.slice('--wrap='.length);
    execFileSync('bash', ['-c', wrap], { cwd: ROOT, stdio: 'ignore' });
    const whole = folder.path('whole');
    expect((await gbsim('mc', twins, '--runs', '30', '--workers', '1', '--out', whole, '--quiet')).status).toBe(0);
    expect(readFileSync(`${dir}/merged/mc.json`, 'utf8')).toBe(readFileSync(`${whole}/mc.json`, 'utf8'));
  });
});
