/**
 * Monte Carlo aggregates, updated online: `McAccumulator.add` takes each replication's summary in
 * replication order and keeps only counts, running moments and fixed histograms, so memory does
 * not grow with the number of runs. `result()` is a pure function of the ordered summaries added
 * so far: a run, its shards merged, or an interrupted run resumed all give the same bytes.
 */
import { BinnedHistogram, WeekCounts } from './histogram.js';
import { RunningMoments, tInterval, wilsonInterval } from './stats.js';
import { EXIT_REASONS, type ExitReason, type McResult, type PlayerMcSummary, type ReplicationSummary, type ScenarioIdentity } from './types.js';
import { GBSIM_VERSION } from './version.js';

/** Final shares are tallied in 1,000 bins of width 0.001 (quantiles accurate to ±0.0005). */
export const SHARE_BINS = 1000;
/** Final HHI is tallied in 100 bins of width 100 on 0–10,000 (quantiles accurate to ±50). */
export const HHI_BINS = 100;
export const HHI_MAX = 10_000;

/** What an aggregate needs to know besides the runs: the experiment's identity. */
export interface McHeader {
  scenario: ScenarioIdentity;
  seed: number;
  horizonWeeks: number;
  startDate: string;
  shakeoutK: number;
  players: Array<{ id: string; name: string }>;
}

/** The outcome of `--precision`: the target half-width, whether every player met it, and the cap. */
export type PrecisionOutcome = NonNullable<McResult['precision']>;

class PlayerTally {
  survivors = 0;
  first = 0;
  top3 = 0;
  readonly exits = new WeekCounts();
  /** Per exit reason: exits and the sum of their weeks. */
  readonly reasons = Object.fromEntries(EXIT_REASONS.map((reason) => [reason, { exits: 0, weekSum: 0 }])) as Record<ExitReason, { exits: number; weekSum: number }>;
  readonly share = new RunningMoments();
  readonly shareBins = new BinnedHistogram(SHARE_BINS, 0, 1);
}

export class McAccumulator {
  private readonly tallies: PlayerTally[];
  private readonly survivorCounts: number[];
  private survivorSum = 0;
  private readonly shakeouts = new WeekCounts();
  private readonly hhi = new RunningMoments();
  private readonly hhiBins = new BinnedHistogram(HHI_BINS, 0, HHI_MAX);
  runs = 0;

  constructor(readonly header: McHeader) {
    this.tallies = header.players.map(() => new PlayerTally());
    this.survivorCounts = new Array<number>(header.players.length + 1).fill(0);
  }

  /** Adds the next replication (callers add them in replication order). */
  add(summary: ReplicationSummary): void {
    const players = this.header.players;
    if (summary.players.length !== players.length || summary.players.some((p, j) => p.id !== players[j]!.id)) {
      throw new Error(`replication ${summary.replication} has players ${summary.players.map((p) => p.id).join(', ')}; expected ${players.map((p) => p.id).join(', ')}`);
    }
    summary.players.forEach((p, j) => this.addPlayer(this.tallies[j]!, p));
    this.survivorCounts[summary.survivors]! += 1;
    this.survivorSum += summary.survivors;
    if (summary.shakeoutWeek !== null) this.shakeouts.add(summary.shakeoutWeek);
    this.hhi.add(summary.finalHhi);
    this.hhiBins.add(summary.finalHhi);
    this.runs += 1;
  }

  private addPlayer(tally: PlayerTally, p: ReplicationSummary['players'][number]): void {
    if (p.survivor) tally.survivors += 1;
    if (p.exitWeek !== null) tally.exits.add(p.exitWeek);
    if (p.exitWeek !== null && p.exitReason != null) {
      const reason = tally.reasons[p.exitReason];
      reason.exits += 1;
      reason.weekSum += p.exitWeek;
    }
    tally.share.add(p.finalShare);
    tally.shareBins.add(p.finalShare);
    if (p.rank === 1) tally.first += 1;
    if (p.rank <= 3) tally.top3 += 1;
  }

  /** The half-width of the widest survival interval (1 before any run). */
  widestSurvivalHalfWidth(): number {
    if (this.runs === 0) return 1;
    return this.tallies.map((t) => halfWidth(wilsonInterval(t.survivors, this.runs))).reduce((a, b) => Math.max(a, b), -Infinity);
  }

  /** The aggregate so far (at least one run); `complete` is false for an interrupted run. */
  result(complete: boolean, precision?: PrecisionOutcome): McResult {
    if (this.runs === 0) throw new Error('no replication has completed yet');
    const { header, runs } = this;
    return {
      kind: 'mc',
      gbsimVersion: GBSIM_VERSION,
      scenario: header.scenario,
      seed: header.seed,
      runs,
      complete,
      ...(precision === undefined ? {} : { precision }),
      horizonWeeks: header.horizonWeeks,
      startDate: header.startDate,
      shakeoutK: header.shakeoutK,
      players: header.players.map((p, j) => this.playerResult(p, this.tallies[j]!)),
      market: {
        survivors: { mean: this.survivorSum / runs, distribution: [...this.survivorCounts] },
        shakeout: {
          probability: wilsonInterval(this.shakeouts.total, runs),
          meanWeek: this.shakeouts.mean,
          quantiles: this.shakeouts.quantiles(),
          byWeek: this.shakeouts.byWeek(header.horizonWeeks),
        },
        finalHhi: { ...tInterval(this.hhi, [0, HHI_MAX]), quantiles: this.hhiBins.quantiles()! },
      },
    };
  }

  private playerResult(player: { id: string; name: string }, tally: PlayerTally): PlayerMcSummary {
    const runs = this.runs;
    return {
      id: player.id,
      name: player.name,
      survival: { ...wilsonInterval(tally.survivors, runs), survivors: tally.survivors, runs },
      exit: {
        exits: tally.exits.total,
        meanWeek: tally.exits.mean,
        quantiles: tally.exits.quantiles(),
        byWeek: tally.exits.byWeek(this.header.horizonWeeks),
        byReason: Object.fromEntries(EXIT_REASONS.map((reason) => {
          const { exits, weekSum } = tally.reasons[reason];
          return [reason, { exits, meanWeek: exits === 0 ? null : weekSum / exits }];
        })) as PlayerMcSummary['exit']['byReason'],
      },
      finalShare: { ...tInterval(tally.share, [0, 1]), sd: tally.share.sd, quantiles: tally.shareBins.quantiles()! },
      rank: { first: tally.first / runs, top3: tally.top3 / runs },
    };
  }
}

function halfWidth(interval: { low: number; high: number }): number {
  return (interval.high - interval.low) / 2;
}
