import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepPlayers } from '../../reports/charts/sweep-survival.js';
import { readResults } from '../../reports/read.js';
import { compareSummaryText, mcSummaryText, runHighlights, runSummaryText, sweepSummaryText } from '../../reports/summary/index.js';
import { compareFixture, mcFixture, sweepFixture, tempDir, writeRunDir } from './helpers.js';

const run = readResults(writeRunDir(join(tempDir(), 'run')));
if (run.kind !== 'run') throw new Error('expected a run directory');

describe('the summary of a run', () => {
  it('states how many players survive and names every survivor, largest share first', () => {
    const [first] = runSummaryText(run.summary, run.data);
    const survivors = run.summary.players.filter((p) => p.survivor).sort((a, b) => b.finalShare - a.finalShare);
    expect(first).toContain(`${survivors.length} of ${run.summary.players.length} players survive to 30 May 2022`);
    const positions = survivors.map((p) => first!.indexOf(p.name));
    expect(positions.every((at) => at >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const p of run.summary.players.filter((p) => p.status === 'exited' || p.status === 'acquired')) expect(first).not.toContain(p.name);
  });

  it('says how each departed player left, and when', () => {
    const text = runSummaryText(run.summary, run.data).join('\n');
    for (const p of run.summary.players.filter((p) => p.exitDate !== null)) {
      expect(text).toMatch(new RegExp(`${p.name.replace(/[()]/g, '\\$&')} (is acquired by .+|exits|runs out of cash and exits) on \\d+ \\w{3} \\d{4}`));
    }
  });

  it('calls an early "shakeout" what it is when players had yet to enter', () => {
    const summary = { ...run.summary, shakeout: { k: 5, week: 1 } };
    const text = runSummaryText(summary, run.data).join('\n');
    expect(text).toMatch(/comes in week 1 \(1 Jun 2020\), before every entrant had arrived \(the last entered in week \d+\): the market was still filling/);
  });

  it('puts the survivors, the largest share, the shakeout and the final HHI in its key figures', () => {
    const figures = runHighlights(run.summary);
    expect(figures.map((f) => f.label)).toEqual(['Survivors', 'Largest final share', `Shakeout (≤ ${run.summary.shakeout.k} active)`, 'Final HHI']);
    expect(figures[0]!.value).toBe(`${run.summary.survivors.length} of ${run.summary.players.length}`);
  });
});

describe('the summary of an experiment', () => {
  it('groups players by their chance of surviving, with intervals, and says when the shakeout comes and who leads', () => {
    const text = mcSummaryText(mcFixture());
    expect(text[0]).toBe(
      'Over 200 runs to 30 May 2022 (seed 2020), Duoduo Maicai (97%, 95% interval 94–99%) and Meituan Youxuan (91%, 95% interval 86–94%) are likely to survive; ' +
        'Chengxin Youxuan (Didi) (55%, 95% interval 48–62%) and Xingsheng Youxuan (42%, 95% interval 35–49%) may or may not; ' +
        'Shihui Group (18%, 95% interval 13–24%) is unlikely to. The percentages are the share of runs in which the player survives.',
    );
    expect(text[1]).toBe('Most often 4 players survive (40% of runs); on average 3.6.');
    expect(text[2]).toMatch(/^The shakeout, the first week with at most 3 active players, comes in 75% of runs \(95% interval 69–81%\)\. When it comes, the median is week \d+ \(/);
    expect(text[3]).toMatch(/^Duoduo Maicai ends with the largest share in 50% of runs \(mean final share 38\.0%\)\./);
  });

  it('lists only the differences whose interval excludes zero, and who is missing from a scenario', () => {
    const text = compareSummaryText(compareFixture());
    expect(text[1]).toBe(
      "In no-jd-investment: Xingsheng Youxuan's survival falls by 20 percentage points (95% interval −26 to −14), Xingsheng Youxuan's final share falls by 4.0 percentage points (95% interval −5.2 to −2.8) " +
        "and Duoduo Maicai's final share rises by 2.0 percentage points (95% interval +0.8 to +3.2); the other differences are within the noise. Chengxin Youxuan (Didi) is not in no-jd-investment.",
    );
  });

  it("says how far each player's survival moves across a sweep", () => {
    const sweep = sweepFixture(1);
    const text = sweepSummaryText(sweep, sweepPlayers(sweep));
    expect(text[0]).toBe('The sweep varies players.xingsheng.cashYuan from 1 bn yuan to 5 bn yuan over 5 points (grid), 50 runs each (seed 2020).');
    expect(text[1]).toBe(
      'Survival moves most for xingsheng (from 30% at 1 bn yuan to 62% at 5 bn yuan), didi (from 43% at 1 bn yuan to 75% at 5 bn yuan) ' +
        'and shihui (from 0% at 5 bn yuan to 30% at 1 bn yuan). It also moves by 10 percentage points or more for pinduoduo and meituan.',
    );
  });
});

describe('the summary of players with the same odds', () => {
  it('names them together once', () => {
    const result = mcFixture();
    for (const p of result.players.slice(2, 4)) p.survival = { estimate: 1, low: 0.98, high: 1, survivors: 200, runs: 200 };
    expect(mcSummaryText(result)[0]).toContain('Meituan Youxuan and Duoduo Maicai (each 100%, 95% interval 98–100%) are likely to survive;');
  });
});

describe('the summary of an interrupted experiment', () => {
  it('opens by saying the results are incomplete and how to continue', () => {
    const text = mcSummaryText({ ...mcFixture(), complete: false });
    expect(text[0]).toBe('These results are incomplete: the experiment was interrupted, and they cover the 200 runs finished so far (gbsim mc --resume continues it).');
    expect(mcSummaryText(mcFixture())[0]).toMatch(/^Over 200 runs/);
  });
});
