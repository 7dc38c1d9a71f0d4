/** The kernel layer: the only code that imports simjs. */
export { Kernel, type EventHandler, type ScheduledEvent } from './kernel.js';
export { Calendar, parseIsoDate, formatEpochDay } from './calendar.js';
