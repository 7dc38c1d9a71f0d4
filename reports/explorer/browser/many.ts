/**
 * "Run N times": replications 0..N−1 (numbered as `gbsim mc` numbers them) split into contiguous
 * blocks over as many workers as the browser has cores, then each player's survival probability
 * with its Wilson 95% interval (the same function `gbsim mc` uses).
 */
import { playerColor } from '../../charts/palette.js';
import { wilsonInterval } from '../../../sim/experiment/stats.js';
import type { FromWorker, ScenarioPayload } from '../protocol.js';

export interface ManyRequest {
  workerUrl: string;
  payload: ScenarioPayload;
  runs: number;
  players: { id: string; name: string }[];
}

const $ = (id: string): HTMLElement => document.getElementById(id)!;
let generation = 0;

function blocks(runs: number, workers: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < workers; i++) {
    const from = Math.floor((runs * i) / workers);
    const to = Math.floor((runs * (i + 1)) / workers);
    if (to > from) out.push([from, to]);
  }
  return out;
}

function runBlock(url: string, payload: ScenarioPayload, from: number, to: number): Promise<Extract<FromWorker, { kind: 'replicas' }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      worker.terminate();
      const message = event.data;
      if (message.kind === 'replicas') resolve(message);
      else reject(new Error(message.kind === 'invalid' ? message.problems.join('; ') : message.kind === 'failed' ? message.message : message.kind));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage({ kind: 'replicate', runId: from, scenario: payload, from, to });
  });
}

export async function runMany(request: ManyRequest): Promise<void> {
  const mine = ++generation;
  const status = $('many-status');
  const table = $('survival') as HTMLTableElement;
  const section = $('many');
  const workers = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 16, request.runs));
  section.dataset.state = 'running';
  status.textContent = `Running ${request.runs} times on ${workers} worker${workers === 1 ? '' : 's'}…`;
  table.replaceChildren();
  const started = performance.now();
  let results;
  try {
    results = await Promise.all(blocks(request.runs, workers).map(([from, to]) => runBlock(request.workerUrl, request.payload, from, to)));
  } catch (error) {
    if (mine !== generation) return;
    section.dataset.state = 'failed';
    status.textContent = `The runs failed: ${(error as Error).message}`;
    return;
  }
  if (mine !== generation) return;
  const survivors = results.flatMap((r) => r.survivors);
  const n = survivors.length;
  const seconds = (performance.now() - started) / 1000;
  status.textContent = `${n} runs (seed ${request.payload.seed}, replications 0 to ${n - 1}) in ${seconds.toFixed(1)} s on ${workers} worker${workers === 1 ? '' : 's'}. The bar is the share of runs a player survived; the line is its 95% interval (Wilson).`;
  section.dataset.ms = String(Math.round(performance.now() - started));
  const head = table.createTHead().insertRow();
  for (const text of ['Player', 'Survived', '95% interval', '']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    head.append(th);
  }
  const body = table.createTBody();
  request.players.forEach((player, j) => {
    const k = survivors.filter((run) => run[j]).length;
    const interval = wilsonInterval(k, n);
    const row = body.insertRow();
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = player.name;
    row.append(name);
    row.insertCell().textContent = `${k} of ${n} (${Math.round(interval.estimate * 100)}%)`;
    row.insertCell().textContent = `${(interval.low * 100).toFixed(0)}% to ${(interval.high * 100).toFixed(0)}%`;
    row.insertCell().append(bar(interval, j));
  });
  section.dataset.state = 'done';
}

function bar(interval: { estimate: number; low: number; high: number }, position: number): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 300 24');
  svg.setAttribute('width', '300');
  svg.setAttribute('height', '24');
  svg.setAttribute('aria-hidden', 'true');
  const make = (name: string, attributes: Record<string, string | number>) => {
    const element = document.createElementNS(ns, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    svg.append(element);
  };
  make('rect', { x: 0, y: 4, width: 300, height: 16, fill: '#eef0f2' });
  make('rect', { x: 0, y: 4, width: 300 * interval.estimate, height: 16, fill: playerColor(position) });
  make('line', { x1: 300 * interval.low, x2: 300 * interval.high, y1: 12, y2: 12, stroke: '#1f2328', 'stroke-width': 2 });
  make('line', { x1: 300 * interval.low, x2: 300 * interval.low, y1: 6, y2: 18, stroke: '#1f2328', 'stroke-width': 2 });
  make('line', { x1: 300 * interval.high, x2: 300 * interval.high, y1: 6, y2: 18, stroke: '#1f2328', 'stroke-width': 2 });
  return svg;
}
