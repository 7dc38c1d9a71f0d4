/**
 * sim/kernel/simjs.ts for the explorer's worker bundle (esbuild puts this file in its place): the
 * same simjs classes, loaded without a top-level await, so the worker can be a classic script
 * (a module worker cannot start from a blob: URL in a page opened from file://). The kernel code
 * that uses them is unchanged.
 */
import { shimmed } from './simjs-window.js';
import 'simjs';
import type { SimjsModule } from '../../sim/kernel/simjs.js';

export type { SimjsEntity, SimjsModule, SimjsQueue, SimjsRequest, SimjsSim } from '../../sim/kernel/simjs.js';

const host = globalThis as { window?: { Sim?: SimjsModule } };
const loaded = host.window?.Sim;
if (shimmed) delete host.window;
if (!loaded) throw new Error('simjs did not register window.Sim');

/** The simjs classes. */
export const simjs: SimjsModule = loaded;
