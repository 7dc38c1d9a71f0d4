/**
 * deploy/kubernetes and the Dockerfile its Jobs use: the manifests are valid Kubernetes objects
 * (offline: kubernetes-models' JSON schemas of Kubernetes 1.27, and its TypeScript declarations for
 * unknown field names), their image and command fit the Dockerfile, and their real container
 * commands, run as a kubelet would for every completion index and then for the merge Job, give the
 * unsharded result byte for byte.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Job } from 'kubernetes-models/batch/v1';
import { PersistentVolumeClaim } from 'kubernetes-models/v1';
import { afterAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../experiment/fixtures.js';
import { containerProcess, expandReferences, readManifests, runContainer, startContainer, withParallelism, type Manifest } from './kubelet.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MANIFEST_FILES = ['deploy/kubernetes/gbsim-mc-job.yaml', 'deploy/kubernetes/gbsim-merge-job.yaml'];
const folder = temporaryFolder('kubernetes');
afterAll(folder.remove);

const models: Record<string, new (data: never) => { validate(): void }> = {
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'batch/v1/Job': Job,
};
/** Validates one object against its Kubernetes schema; throws with every problem found. */
function validate(manifest: Manifest): void {
  const Model = models[`${manifest.apiVersion}/${manifest.kind}`];
  if (Model === undefined) throw new Error(`no schema here for ${manifest.apiVersion} ${manifest.kind}`);
  new Model(manifest as never).validate();
}

/** The TypeScript declaration of each kind (kubernetes-models ships one per object). */
const declarations: Record<string, { module: string; type: string }> = {
  'v1/PersistentVolumeClaim': { module: 'kubernetes-models/v1/PersistentVolumeClaim', type: 'IPersistentVolumeClaim' },
  'batch/v1/Job': { module: 'kubernetes-models/batch/v1/Job', type: 'IJob' },
};
let typeChecks = 0;
/**
 * Unknown field names, which the JSON schemas allow: each manifest becomes an object literal that
 * `satisfies` its kind's TypeScript declaration, and tsc's excess property check rejects any field
 * the declaration lacks (as kubectl's strict field validation does). Returns tsc's report, '' if none.
 */
function unknownFieldReport(manifests: Manifest[]): string {
  const dir = folder.path(`types-${typeChecks++}`);
  mkdirSync(dir, { recursive: true });
  symlinkSync(`${ROOT}node_modules`, `${dir}/node_modules`);
  writeFileSync(`${dir}/package.json`, '{ "type": "module" }\n');
  const lines = manifests.map((manifest, index) => {
    const declaration = declarations[`${manifest.apiVersion}/${manifest.kind}`]!;
    return `import type { ${declaration.type} as T${index} } from '${declaration.module}';\nexport const m${index} = ${JSON.stringify(manifest)} satisfies T${index};`;
  });
  writeFileSync(`${dir}/manifests.ts`, lines.join('\n') + '\n');
  const tsc = spawnSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--types', 'node', 'manifests.ts'], { cwd: dir, encoding: 'utf8' });
  return tsc.status === 0 ? '' : `${tsc.stdout}${tsc.stderr}` || `tsc exited with ${tsc.status}`;
}

const [claim, mcJob] = readManifests(`${ROOT}${MANIFEST_FILES[0]}`);
const [mergeJob] = readManifests(`${ROOT}${MANIFEST_FILES[1]}`);
const mcContainer = mcJob!.spec.template.spec.containers[0]!;
const mergeContainer = mergeJob!.spec.template.spec.containers[0]!;

describe('deploy/kubernetes manifests', () => {
  it('are valid objects of the Kubernetes API, checked against its schemas', () => {
    for (const file of MANIFEST_FILES) {
      const manifests = readManifests(`${ROOT}${file}`);
      expect(manifests.length).toBeGreaterThan(0);
      for (const manifest of manifests) expect(() => validate(manifest), `${file}: ${manifest.kind}`).not.toThrow();
    }
  });

  it('fail the schema check when a field has the wrong type, an unknown value or a malformed quantity', () => {
    const broken = structuredClone(mcJob!) as unknown as { spec: Record<string, unknown> };
    broken.spec.completions = 'eight';
    expect(() => validate(broken as unknown as Manifest)).toThrow(/completions must be integer/);
    const unknownMode = structuredClone(mcJob!);
    unknownMode.spec.completionMode = 'Indexd';
    expect(() => validate(unknownMode)).toThrow(/completionMode must be equal to one of the allowed values/);
    const badSize = structuredClone(claim!) as unknown as { spec: { resources: { requests: { storage: string } } } };
    badSize.spec.resources.requests.storage = 'five gigabytes';
    expect(() => validate(badSize as unknown as Manifest)).toThrow(/quantity/);
  });

  it('name only fields that the Kubernetes API knows, and a misspelt field fails the check', () => {
    const all = MANIFEST_FILES.flatMap((file) => readManifests(`${ROOT}${file}`));
    expect(unknownFieldReport(all)).toBe('');
    const misspelt = structuredClone(mcJob!) as unknown as { spec: Record<string, unknown> };
    misspelt.spec.completionz = misspelt.spec.completions;
    delete misspelt.spec.completions;
    expect(unknownFieldReport([misspelt as unknown as Manifest])).toMatch(/'"completionz"' does not exist in type 'IJobSpec'/);
  }, 60_000);

  it('is an Indexed Job whose completions equal the --shards it passes to gbsim mc', () => {
    expect(claim!.kind).toBe('PersistentVolumeClaim');
    expect(mcJob!.spec.completionMode).toBe('Indexed');
    const command = mcContainer.args!.join(' ');
    expect(command).toMatch(/^exec node bin\/gbsim\.js mc /);
    expect(command).toContain(`--shards ${mcJob!.spec.completions}`);
    expect(mcJob!.spec.parallelism).toBeLessThanOrEqual(mcJob!.spec.completions!);
    expect(command).toContain('--out /results/mc/shard-$JOB_COMPLETION_INDEX');
    expect(command).toContain('--resume');
  });

  it('merges the shards from the same shared volume', () => {
    expect(mergeContainer.volumeMounts![0]!.mountPath).toBe(mcContainer.volumeMounts![0]!.mountPath);
    expect(mergeContainer.args!.join(' ')).toMatch(/^exec node bin\/gbsim\.js merge \/results\/mc\/shard-\* --out \/results\/mc\/merged/);
  });

  it('expands $(VAR) references as Kubernetes does, leaving shell variables to the shell', () => {
    expect(expandReferences('$(A)-$A-$$(A)-$(UNSET)', { A: 'x' })).toBe('x-$A-$(A)-$(UNSET)');
    const { argv, env } = containerProcess(mcContainer, { completionIndex: 5, mounts: { '/results': '/tmp/r' }, workingDir: '/tmp/app' });
    expect(env.JOB_COMPLETION_INDEX).toBe('5');
    expect(argv.slice(0, 2)).toEqual(['sh', '-c']);
    expect(argv[2]).toContain('--out /tmp/r/mc/shard-$JOB_COMPLETION_INDEX');
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(`${ROOT}Dockerfile`, 'utf8');
  const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+ /.test(line));
  const instruction = (name: string) => instructions.filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1).trim());
  const ignored = readFileSync(`${ROOT}.dockerignore`, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const isIgnored = (path: string) =>
    ignored.some((pattern) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`).test(path));

  it('builds on a Node 20 image the repository at the working directory the Jobs use', () => {
    expect(instruction('FROM')).toHaveLength(1);
    expect(instruction('FROM')[0]).toMatch(/^node:20[-.\w]*$/);
    const workdir = instruction('WORKDIR');
    expect(workdir).toEqual([mcContainer.workingDir]);
    expect(mergeContainer.workingDir).toBe(mcContainer.workingDir);
    expect(instruction('COPY')).toContain('. .');
    expect(instruction('RUN').join(' ')).toMatch(/\bnpm ci\b/);
  });

  it('is the image the Jobs name, tagged with the package version, and its user can write the volume', () => {
    const { version } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
    expect(mcContainer.image).toBe(`gbsim:${version}`);
    expect(mergeContainer.image).toBe(`gbsim:${version}`);
    expect(dockerfile).toContain(`docker build -t gbsim:${version} .`);
    expect(instruction('USER')).toEqual(['node']);
    for (const job of [mcJob!, mergeJob!]) expect(job.spec.template.spec.securityContext?.fsGroup).toBe(1000);
  });

  it('holds every file the Jobs\' commands name, and npm ci builds the compiled CLI they run', () => {
    const used = ['bin/gbsim.js', mcContainer.env!.find((variable) => variable.name === 'SCENARIO')!.value!, 'package.json', 'package-lock.json', 'tsconfig.build.json', 'sim/cli/main.ts'];
    for (const path of used) {
      expect(existsSync(`${ROOT}${path}`), path).toBe(true);
      expect(isIgnored(path), `${path} is in .dockerignore`).toBe(false);
    }
    expect(isIgnored('node_modules')).toBe(true);
    expect(isIgnored('dist')).toBe(true);
    expect(readFileSync(`${ROOT}bin/gbsim.js`, 'utf8')).toContain("import '../dist/sim/cli/main.js'");
    const { scripts } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.prepare).toBe('npm run build');
    expect(scripts.build).toBe('tsc -p tsconfig.build.json');
    expect(existsSync(`${ROOT}dist/sim/cli/main.js`)).toBe(true);
  });
});

describe('the Jobs\' commands, run as a kubelet would', () => {
  it('give, shard by shard and then merged, the unsharded result byte for byte', async () => {
    const results = folder.path('results');
    const setEnv = { SCENARIO: 'scenarios/teaching/base.yaml', RUNS: '40', WORKERS: '1' };
    for (const name of Object.keys(setEnv)) expect(mcContainer.env!.map((variable) => variable.name)).toContain(name);
    const pod = { mounts: { '/results': results }, workingDir: ROOT, setEnv };
    const completions = mcJob!.spec.completions!;
    const shards = await withParallelism(Math.min(mcJob!.spec.parallelism!, 2),
      Array.from({ length: completions }, (_, index) => () => runContainer(mcContainer, { ...pod, completionIndex: index })));
    shards.forEach((ended, index) => expect(ended.code, `pod ${index}: ${ended.stderr}`).toBe(0));
    expect(shards[0]!.stdout).toContain(`shard 1/${completions}:`);

    const merged = await runContainer(mergeContainer, pod);
    expect(merged.code, merged.stderr).toBe(0);

    const whole = folder.path('whole');
    execFileSync(process.execPath, ['bin/gbsim.js', 'mc', setEnv.SCENARIO, '--runs', setEnv.RUNS, '--workers', '1', '--out', whole, '--quiet'], { cwd: ROOT, stdio: 'ignore' });
    for (const file of ['mc.json', 'survival.csv', 'runs.ndjson']) {
      expect(readFileSync(`${results}/mc/merged/${file}`, 'utf8'), file).toBe(readFileSync(`${whole}/${file}`, 'utf8'));
    }
  }, 240_000);

  it('stop a pod on SIGTERM with its completed runs kept (exit 143), and the retried pod resumes to the uninterrupted shard', async () => {
    const setEnv = { SCENARIO: 'scenarios/teaching/base.yaml', RUNS: '800', WORKERS: '1' };
    const pod = (results: string) => ({ mounts: { '/results': results }, workingDir: ROOT, setEnv, completionIndex: 0 });
    const stopped = folder.path('stopped');
    const { child, ended } = startContainer(mcContainer, pod(stopped));
    const runsFile = `${stopped}/mc/shard-0/runs.ndjson`;
    const lineCount = () => (existsSync(runsFile) ? readFileSync(runsFile, 'utf8').split('\n').length - 1 : 0);
    while (lineCount() < 5 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGTERM');  // what the kubelet sends to the container's process first
    const first = await ended;
    expect(first.code, first.stderr).toBe(143);
    expect(JSON.parse(readFileSync(`${stopped}/mc/shard-0/manifest.json`, 'utf8'))).toMatchObject({ ended: 'SIGTERM' });
    expect(lineCount()).toBeLessThan(800 / mcJob!.spec.completions!);

    const retried = await runContainer(mcContainer, pod(stopped));
    expect(retried.code, retried.stderr).toBe(0);
    const uninterrupted = folder.path('uninterrupted');
    expect((await runContainer(mcContainer, pod(uninterrupted))).code).toBe(0);
    for (const file of ['shard.json', 'runs.ndjson']) {
      expect(readFileSync(`${stopped}/mc/shard-0/${file}`, 'utf8'), file).toBe(readFileSync(`${uninterrupted}/mc/shard-0/${file}`, 'utf8'));
    }
  }, 120_000);
});
