import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, progressLine } from '../../sim/experiment/progress.js';

/** A reporter with a clock the test moves by hand, and what it wrote. */
function reporter(tty: boolean) {
  let now = 0;
  const written: string[] = [];
  const progress = createProgress({ write: (text) => written.push(text), tty, now: () => now, unit: 'runs', label: 'mc x' });
  return { progress, written, advance: (ms: number) => (now += ms) };
}

describe('progress', () => {
  it('writes one line per tenth of the work without a terminal', () => {
    const { progress, written, advance } = reporter(false);
    progress.update(0, 50);
    for (let done = 1; done <= 50; done++) {
      advance(100);
      progress.update(done, 50);
    }
    progress.finish();
    expect(written).toHaveLength(10);
    expect(written[0]).toBe('mc x: 5/50 runs (10%), 10.0 runs/s, 5s left\n');
    expect(written[9]).toBe('mc x: 50/50 runs (100%), 10.0 runs/s, 0s left\n');
  });

  it('redraws one line on a terminal at most five times a second, and ends it', () => {
    const { progress, written, advance } = reporter(true);
    for (let done = 1; done <= 20; done++) {
      advance(50);
      progress.update(done, 20);
    }
    progress.finish();
    expect(written.every((text) => text.startsWith('\r') || text === '\n')).toBe(true);
    expect(written.length).toBeLessThanOrEqual(7);
    expect(written.at(-2)).toBe('\rmc x: 20/20 runs (100%), 20.0 runs/s, 0s left\x1b[K');
    expect(written.at(-1)).toBe('\n');
  });

  it('counts the speed from the runs of this session only', () => {
    expect(progressLine({ label: 'mc', unit: 'runs' }, 150, 200, 100, 10_000)).toBe('mc: 150/200 runs (75%), 5.0 runs/s, 10s left');
    expect(formatDuration(3725)).toBe('1h02m');
    expect(formatDuration(185)).toBe('3m05s');
  });
});
