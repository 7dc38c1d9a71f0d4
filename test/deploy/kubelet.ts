/**
 * What a kubelet does with a Job's container, done on this machine so the tests can run the
 * manifests' real commands: take command + args and env from the manifest, add
 * JOB_COMPLETION_INDEX for an Indexed Job's pod, expand `$(VAR)` references, and start the process
 * in the container's working directory. Without a container runtime, the image's /app is the
 * repository (the Dockerfile copies it there) and each volume's mountPath is a local folder: the
 * mount is emulated by rewriting the mount path in the command, args and env values.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface EnvVar { name: string; value?: string; valueFrom?: unknown }
export interface Container {
  name: string;
  image: string;
  workingDir?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template: { spec: { containers: Container[]; securityContext?: { fsGroup?: number } } };
  };
}

/** Every document of a YAML file, as plain data. */
export function readManifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((document) => document.toJS() as Manifest);
}

/** Kubernetes' `$(VAR)` expansion in command, args and env values: defined names only; `$$` is `$`. */
export function expandReferences(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name: string | undefined) => {
    if (name === undefined) return '$';
    return Object.hasOwn(env, name) ? env[name]! : match;
  });
}

export interface PodRun {
  /** The pod's JOB_COMPLETION_INDEX, for a pod of an Indexed Job. */
  completionIndex?: number;
  /** Local folders standing for the volumes' mount paths. */
  mounts: Readonly<Record<string, string>>;
  /** The local folder standing for the image's working directory. */
  workingDir: string;
  /** Values that replace the manifest's own for some of its env variables (as `kubectl set env`). */
  setEnv?: Readonly<Record<string, string>>;
}

export interface Ended { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** The process a kubelet would start for `container`: argv, env and working directory. */
export function containerProcess(container: Container, pod: PodRun): { argv: string[]; env: Record<string, string>; cwd: string } {
  const mount = (text: string) =>
    Object.entries(pod.mounts).reduce((result, [mountPath, local]) => result.split(mountPath).join(local), text);
  const env: Record<string, string> = {};
  if (pod.completionIndex !== undefined) env.JOB_COMPLETION_INDEX = String(pod.completionIndex);
  for (const variable of container.env ?? []) {
    if (variable.value === undefined) throw new Error(`env ${variable.name}: only literal values are emulated`);
    env[variable.name] = mount(expandReferences(pod.setEnv?.[variable.name] ?? variable.value, env));
  }
  const argv = [...(container.command ?? []), ...(container.args ?? [])].map((part) => mount(expandReferences(part, env)));
  if (argv.length === 0) throw new Error(`container ${container.name}: no command (the image's entrypoint is not emulated)`);
  return { argv, env, cwd: pod.workingDir };
}

/** Starts the container's process (node is on PATH, as in the image); `ended` resolves when it ends. */
export function startContainer(container: Container, pod: PodRun): { child: ChildProcess; ended: Promise<Ended> } {
  const { argv, env, cwd } = containerProcess(container, pod);
  const PATH = `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`;
  // The suite's GBSIM_CACHE=off reaches the pod too: its gbsim would otherwise keep a replication
  // cache in $HOME/.cache, here the working folder.
  const cache = process.env.GBSIM_CACHE === undefined ? {} : { GBSIM_CACHE: process.env.GBSIM_CACHE };
  const child = spawn(argv[0]!, argv.slice(1), { cwd, env: { PATH, HOME: cwd, ...cache, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<Ended>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, ended };
}

/** Runs the container's process to its end. */
export function runContainer(container: Container, pod: PodRun): Promise<Ended> {
  return startContainer(container, pod).ended;
}

/** Runs `tasks` with at most `limit` at a time (a Job's parallelism); results in task order. */
export async function withParallelism<T>(limit: number, tasks: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}
