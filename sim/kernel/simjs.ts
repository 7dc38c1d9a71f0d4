/**
 * Loads simjs@2.0.3 and types the part of it gbsim uses.
 *
 * simjs ships as a browserify bundle that only publishes its classes as `window.Sim`, so a plain
 * `import 'simjs'` in Node yields `{}`. We give it a temporary `window` while it loads and remove
 * that global again afterwards, so no `window` is left behind. In a browser the real `window` is used.
 */

/** A scheduled request in simjs's priority queue (only the fields gbsim touches). */
export interface SimjsRequest {
  deliverAt: number;
  order: number;
  cancelled?: boolean;
  deliver(): void;
  done(callback: (this: unknown, argument?: unknown) => void, context?: unknown, argument?: unknown): SimjsRequest;
  cancel(): void;
}

/** simjs's binary heap ordered by (deliverAt, insertion order). */
export interface SimjsQueue {
  data: SimjsRequest[];
  order: number;
  insert(request: SimjsRequest): void;
  remove(): SimjsRequest | null;
  greater(a: SimjsRequest, b: SimjsRequest): boolean;
}

export interface SimjsSim {
  simTime: number;
  queue: SimjsQueue;
  time(): number;
  addEntity<E extends SimjsEntity>(klass: new (sim: SimjsSim, name?: string) => E, name?: string, ...args: unknown[]): E;
  simulate(endTime: number, maxEvents?: number): boolean;
  step(): boolean;
}

export interface SimjsEntity {
  sim: SimjsSim;
  time(): number;
  setTimer(duration: number): SimjsRequest;
  start(...args: unknown[]): void;
}

export interface SimjsModule {
  Sim: new () => SimjsSim;
  Entity: new (sim: SimjsSim, name?: string) => SimjsEntity;
  Request: new (entity: SimjsEntity, currentTime: number, deliverAt: number) => SimjsRequest;
}

async function loadSimjs(): Promise<SimjsModule> {
  const host = globalThis as { window?: { Sim?: SimjsModule } };
  if (host.window !== undefined) {
    await import('simjs');
    const loaded = host.window.Sim;
    if (!loaded) throw new Error('simjs did not register window.Sim');
    return loaded;
  }
  const shim: { Sim?: SimjsModule } = {};
  host.window = shim;
  try {
    await import('simjs');
  } finally {
    delete host.window;
  }
  if (!shim.Sim) throw new Error('simjs did not register window.Sim: is simjs@2.0.3 installed?');
  return shim.Sim;
}

/** The simjs classes, loaded once. */
export const simjs: SimjsModule = await loadSimjs();
