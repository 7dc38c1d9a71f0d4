/**
 * Progress of a long experiment on stderr (never stdout): on a terminal one line updated in place
 * (done/total, runs per second, time left); otherwise one line per tenth of the work, for logs.
 * The clock is passed in: wall-clock time is the command line's business, not the experiment's.
 */

export interface ProgressOptions {
  write: (text: string) => unknown;
  /** Whether `write` goes to a terminal. */
  tty: boolean;
  /** Milliseconds from any fixed origin (e.g. `performance.now`). */
  now: () => number;
  /** What is counted, e.g. `runs`. */
  unit: string;
  /** Prefix, e.g. `mc china-2020`. */
  label: string;
}

export interface ProgressReporter {
  /** `done` of `total` finished; `resumed` of them were done before this process started. */
  update(done: number, total: number, resumed?: number): void;
  /** Ends the line on a terminal. */
  finish(): void;
}

const TTY_INTERVAL_MS = 200;

/** A reporter writing as described in the module comment. */
export function createProgress(options: ProgressOptions): ProgressReporter {
  const started = options.now();
  let lastDraw = -Infinity;
  let lastTenth: number | null = null;
  let drawn = false;
  return {
    update(done, total, resumed = 0) {
      const now = options.now();
      const line = progressLine(options, done, total, resumed, now - started);
      if (options.tty) {
        if (now - lastDraw < TTY_INTERVAL_MS && done < total) return;
        lastDraw = now;
        drawn = true;
        options.write(`\r${line}\x1b[K`);
        return;
      }
      const tenth = total > 0 ? Math.floor((10 * done) / total) : 10;
      if (lastTenth === null && done < total) {
        lastTenth = tenth; // the starting point is not news
        return;
      }
      if (lastTenth !== null && tenth <= lastTenth) return;
      lastTenth = tenth;
      options.write(`${line}\n`);
    },
    finish() {
      if (options.tty && drawn) options.write('\n');
    },
  };
}

/** `mc china-2020: 120/1000 runs (12%), 8.1 runs/s, 1m49s left`. */
export function progressLine(options: Pick<ProgressOptions, 'label' | 'unit'>, done: number, total: number, resumed: number, elapsedMs: number): string {
  const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
  const rate = elapsedMs > 0 ? ((done - resumed) * 1000) / elapsedMs : 0;
  const left = rate > 0 ? `, ${formatDuration((total - done) / rate)} left` : '';
  return `${options.label}: ${done}/${total} ${options.unit} (${percent}%), ${rate.toFixed(1)} ${options.unit}/s${left}`;
}

/** Seconds as `45s`, `3m05s`, `2h07m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
