/**
 * The column dictionary of every output file: the column lists are the ones the writers use
 * (`WEEKLY_COLUMNS`, `SURVIVAL_COLUMNS`, ...), the words are here, and `columnsMarkdown()` turns
 * both into docs/columns.md (regenerate with `npm run docs:columns`; a test keeps it current and
 * fails for a column without a description).
 */
import { COMPARE_COLUMNS } from './compare.js';
import { SURVIVAL_COLUMNS } from './mc-files.js';
import { FIT_TABLE_COLUMNS } from './fit.js';
import { EVENT_KINDS, type EventKind } from '../model/results.js';
import { EVENT_COLUMNS, MARKET_ROW_COLUMNS, PROVINCE_ROW_COLUMNS, WEEKLY_COLUMNS } from './rows.js';

type Described = Readonly<Record<string, string>>;

/** Columns shared by several files. */
const COMMON: Described = {
  week: 'week of the run, 1 = the week starting at `startDate` (whole number)',
  date: 'first day of that week, ISO date (YYYY-MM-DD)',
  player: 'player id (as in the scenario)',
  playerName: 'player name (as in the scenario; text starting with = + - @ gets a leading \')',
  complete: 'false on every row when the run was interrupted: the figures then cover the replications completed so far',
};

const WEEKLY: Described = {
  status: 'pending (not entered yet), active, retreating (withdrawing from provinces), exited, acquired',
  pickupPoints: 'pickup points operating at the end of the week (count). Week to week: points(w) = points(w−1) − droppedPoints(w−1) + pointsWonFromRivals(w−1) − pointsLostToRivals(w−1) + newPoints(w), except in weeks a province retreat, an acquisition or a suspension reshapes the network',
  newPoints: 'pickup points opened this week (count)',
  droppedPoints: 'pickup points whose owners dropped the platform at the end of this week (count; counted in next week\'s balance)',
  pointsWonFromRivals: 'pickup points switched to this player from a rival at the end of this week (count)',
  pointsLostToRivals: 'pickup points switched from this player to a rival at the end of this week (count)',
  cells: 'cells with at least one of the player\'s pickup points (count)',
  provinces: 'provinces where the player operates (count)',
  adopters: 'households buying from the player this week (count, fractional: an expectation over the cell)',
  orders: 'orders this week (count, fractional) = GMV ÷ price per order',
  gmvYuan: 'gross merchandise value this week, yuan',
  share: 'share of the market\'s GMV this week, 0–1 (shares of operating players sum to 1 when there is GMV)',
  subsidyPerOrderYuan: 'subsidy per order this week, yuan',
  revenueYuan: 'take rate × GMV, yuan (cash in)',
  logisticsYuan: 'logistics cost, yuan (cash out)',
  commissionYuan: 'commission paid to pickup-point owners, yuan (cash out)',
  subsidyYuan: 'subsidies = orders × subsidy per order, yuan (cash out)',
  recruitingYuan: 'cost of recruiting new pickup points, yuan (cash out)',
  fixedYuan: 'head-office and per-province fixed costs, yuan (cash out)',
  warehouseYuan: 'warehouse building and running costs, yuan (cash out)',
  managementPenaltyYuan: 'extra cost of operating outside home provinces, yuan (cash out)',
  finesYuan: 'fines paid, yuan (cash out)',
  acquisitionYuan: 'price paid for an acquisition, yuan (cash out)',
  fundingYuan: 'money raised this week (rounds, investments, parent funding), yuan (cash in)',
  netFlowYuan: 'the week\'s net cash flow = Σ sign · flow in CASH_FLOWS order, yuan',
  cashYuan: 'cash at the end of the week = previous cash + netFlowYuan (exactly), yuan',
  runwayWeeks: 'weeks of cash left at this week\'s burn; 9999 when the player is not burning cash',
  takeRate: 'gross margin kept on GMV this week, 0–1 (0 when not operating)',
  commissionRate: 'share of GMV paid to pickup-point owners this week, 0–1 (0 when not operating)',
  logisticsPerOrderYuan: 'logistics cost per order this week, yuan (0 without orders)',
  contributionYuan: 'contribution this week: revenue less the variable costs of serving orders, yuan',
  contributionMargin: 'contribution ÷ GMV, 0 without GMV',
  operatingProfitYuan: 'operating flow this week (revenue less operating costs, before funding and one-off investment), yuan',
  warehouses: 'warehouses operating (count)',
  valueOfStayingYuan: 'expected value of staying in the market as the exit decision weighs it (see sim/model/staying.ts), yuan; 0 when not operating or not computed',
};

const PROVINCES: Described = {
  province: 'province id (as in the scenario)',
  pickupPoints: 'the player\'s pickup points in the province at the end of the week (count)',
  orders: 'its orders there this week (count, fractional)',
  gmvYuan: 'its GMV there this week, yuan',
  contributionYuan: 'its contribution there this week: GMV × (take rate − commission rate) + orders × (surcharge − subsidy) − logistics − the province\'s fixed cost (both × (1 + management penalty) outside home) − a warehouse\'s running cost, yuan; what provinceRetreat judges',
};

const MARKET: Described = {
  gmvYuan: 'GMV of all players this week, yuan',
  orders: 'orders of all players this week (count, fractional)',
  adopters: 'households buying from any player this week (count, fractional)',
  pickupPoints: 'pickup points of all players at the end of the week (count)',
  hhi: 'Herfindahl–Hirschman index of GMV shares, 0–10,000',
  cr3: 'combined GMV share of the three largest players, 0–1',
  activePlayers: 'players operating this week (active or retreating)',
  investorAppetite: 'market-wide willingness to fund (1 = normal)',
};

const EVENTS: Described = {
  day: 'day of the run, 0 = `startDate`',
  week: 'the week whose row shows the event\'s effect: ⌊day/7⌋ + 1, or the week being cleared for events of its cycle',
  kind: 'what happened (see the event kinds below)',
  player: 'the player concerned (empty for market-wide events)',
  counterparty: 'investor, acquirer, parent, regulator or rival involved, if any',
  amountYuan: 'money involved, yuan (empty when none)',
  text: 'the event in words',
};

/** The words for each kind of events.csv (the kinds are the model's `EVENT_KINDS`). */
export const EVENT_KIND_WORDS: Readonly<Record<EventKind, string>> = {
  entry: 'the player enters the market',
  'funding-round': 'a scheduled funding round closes (amountYuan raised)',
  investment: 'a strategic investment arrives (amountYuan)',
  'funding-round-void': 'a scheduled round is not made (the player has left)',
  'investment-void': 'a scheduled investment is not made (the player has left)',
  'round-started': 'the player starts raising an endogenous round',
  'round-failed': 'an endogenous round fails to close',
  'round-abandoned': 'an endogenous round is given up',
  'parent-funding': 'the parent company funds its unit (amountYuan)',
  'parent-cut-off': 'the parent stops funding its unit, which exits (a strategic exit, not a bankruptcy)',
  'parent-loss-limit': 'the parent cuts its unit off because its cumulative losses exceed the tolerance',
  'parent-shock': 'a shock changes what the parent is willing to fund',
  'wind-down': 'the player decides that staying is worth less than leaving and winds down',
  bankruptcy: 'the player runs out of cash and exits',
  acquisition: 'the player is bought by another (counterparty: the acquirer; amountYuan: the price)',
  'acquisition-void': 'a scheduled acquisition is not made (one side has left)',
  'province-retreat': 'the player withdraws from a province that keeps losing money; its points close or go to rivals',
  'warehouse-built': 'the player builds a warehouse',
  'warehouse-closed': 'the player closes a warehouse',
  'subsidy-cap': 'a regulator caps subsidies per order',
  'below-cost-ban': 'a regulator bans selling below cost',
  fine: 'a regulator fines the player (amountYuan)',
  'fine-void': 'a scheduled fine is not imposed (the player has left)',
  suspension: 'a regulator suspends the player in some provinces',
  'suspension-lifted': 'the suspension ends',
  'appetite-shock': 'investor appetite changes market-wide',
};

const SURVIVAL: Described = {
  runs: 'replications aggregated',
  survivors: 'replications in which the player is still operating at the horizon',
  survival: 'survival probability = survivors ÷ runs, 0–1',
  survivalLow: 'Wilson 95% interval of the survival probability, lower end',
  survivalHigh: 'Wilson 95% interval, upper end',
  finalShareMean: 'mean GMV share in the last week over the runs, 0–1',
  finalShareLow: 't 95% interval of the mean final share, lower end',
  finalShareHigh: 't 95% interval, upper end',
  finalShareSd: 'standard deviation of the final share over the runs',
  finalShareP05: '5th percentile of the final share (binned, 0.001 wide)',
  finalShareP25: '25th percentile of the final share',
  finalShareP50: 'median final share',
  finalShareP75: '75th percentile of the final share',
  finalShareP95: '95th percentile of the final share',
  pFirst: 'share of runs in which the player ends with the largest share, 0–1',
  pTop3: 'share of runs in which it ends among the three largest, 0–1',
  exits: 'runs in which the player left (for any reason)',
  exitWeekMean: 'mean exit week over those runs (empty when none)',
  exitWeekP05: '5th percentile of the exit week',
  exitWeekP50: 'median exit week',
  exitWeekP95: '95th percentile of the exit week',
  exitsBankruptcy: 'runs in which it ran out of cash',
  exitWeekMeanBankruptcy: 'mean week of those bankruptcies (empty when none)',
  exitsParentCutOff: 'runs in which its parent cut it off',
  exitWeekMeanParentCutOff: 'mean week of those cut-offs (empty when none)',
  exitsParentLossLimit: 'runs in which its parent cut it off at the loss limit',
  exitWeekMeanParentLossLimit: 'mean week of those cut-offs (empty when none)',
  exitsWindDown: 'runs in which it chose to wind down',
  exitWeekMeanWindDown: 'mean week of those wind-downs (empty when none)',
  exitsAcquired: 'runs in which it was acquired',
  exitWeekMeanAcquired: 'mean week of those acquisitions (empty when none)',
};

const COMPARE: Described = {
  scenarioIndex: 'position of the scenario on the command line, 0 = the baseline',
  scenario: 'scenario name',
  scenarioFile: 'scenario file, relative to the working directory when inside it',
  baseline: 'true on the baseline\'s rows',
  runs: 'replications of each scenario (common random numbers: replication r of every scenario uses the same draws)',
  survival: 'survival probability in this scenario, 0–1',
  survivalLow: 'Wilson 95% interval, lower end',
  survivalHigh: 'Wilson 95% interval, upper end',
  finalShareMean: 'mean final GMV share in this scenario, 0–1',
  finalShareLow: 't 95% interval, lower end',
  finalShareHigh: 't 95% interval, upper end',
  survivalDifference: 'scenario − baseline, mean of the paired survival differences (−1 to 1); empty on the baseline\'s rows',
  survivalDifferenceLow: 't 95% interval of that mean, lower end',
  survivalDifferenceHigh: 't 95% interval, upper end',
  survivalGained: 'replications in which the player survives here but not in the baseline (McNemar\'s discordant pairs)',
  survivalLost: 'replications in which it survives in the baseline but not here',
  survivalDifferenceP: 'two-sided p-value of the exact McNemar test',
  survivalDifferencePHolm: 'that p-value after Holm\'s adjustment over every test of this scenario against the baseline',
  survivalDifferenceSignificant: 'true when the Holm-adjusted p < 0.05 and the difference is not 0',
  finalShareDifference: 'scenario − baseline, mean of the paired final-share differences',
  finalShareDifferenceLow: 't 95% interval, lower end',
  finalShareDifferenceHigh: 't 95% interval, upper end',
  finalShareDifferenceP: 'two-sided p-value of the paired t test',
  finalShareDifferencePHolm: 'that p-value after Holm\'s adjustment',
  finalShareDifferenceSignificant: 'true when the Holm-adjusted p < 0.05 and the difference is not 0',
  finalCashMeanYuan: 'mean cash at the horizon in this scenario over all runs, yuan',
  finalCashDifferenceYuan: 'scenario − baseline, mean of the paired differences of final cash, yuan',
  finalCashDifferenceLowYuan: 't 95% interval, lower end, yuan',
  finalCashDifferenceHighYuan: 't 95% interval, upper end, yuan',
  finalCashDifferencePHolm: 'Holm-adjusted p-value of the paired t test',
  finalCashDifferenceSignificant: 'true when the Holm-adjusted p < 0.05 and the difference is not 0',
  finalPointsMean: 'mean number of pickup points the player operates at the horizon in this scenario, over all runs (0 in a run where it has left)',
  finalPointsDifference: 'scenario − baseline, mean of the paired differences of pickup points at the horizon',
  finalPointsDifferenceLow: 't 95% interval, lower end',
  finalPointsDifferenceHigh: 't 95% interval, upper end',
  finalPointsDifferenceP: 'two-sided p-value of the paired t test',
  finalPointsDifferencePHolm: 'that p-value after Holm\'s adjustment over every test of this scenario against the baseline',
  finalPointsDifferenceSignificant: 'true when the Holm-adjusted p < 0.05 and the difference is not 0',
  exitWeekMean: 'mean exit week in this scenario over the runs in which the player left (empty when it never did)',
  exitWeekDifference: 'scenario − baseline, mean of the paired differences of the exit week, the horizon counting for a run in which the player never left (censored there), weeks',
  exitWeekDifferenceLow: 't 95% interval, lower end, weeks',
  exitWeekDifferenceHigh: 't 95% interval, upper end, weeks',
  exitWeekDifferenceP: 'two-sided p-value of the paired t test',
  exitWeekDifferencePHolm: 'that p-value after Holm\'s adjustment over every test of this scenario against the baseline',
  exitWeekDifferenceSignificant: 'true when the Holm-adjusted p < 0.05 and the difference is not 0',
};

const SWEEP: Described = {
  point: 'point index, in design order (grid: the first --vary varies slowest)',
  '<path>': 'one column per --vary path: the parameter\'s value at this point',
  meanSurvivors: 'mean number of players operating at the horizon, over the point\'s runs',
  shakeoutProbability: 'share of runs with a shakeout (a week with at most K operating players), 0–1',
  meanFinalHhi: 'mean final HHI, 0–10,000',
  'survival.<id>': 'survival probability of player <id>, 0–1',
  'low.<id>': 'its Wilson 95% interval, lower end',
  'high.<id>': 'upper end',
  'meanShare.<id>': 'mean final share of player <id>, 0–1',
  survival: 'survival probability of the row\'s player at this point, 0–1',
  survivalLow: 'Wilson 95% interval, lower end',
  survivalHigh: 'upper end',
  finalShareMean: 'mean final share, 0–1',
  finalShareLow: 't 95% interval, lower end',
  finalShareHigh: 'upper end',
};

const FIT: Described = {
  line: 'line of the observation in the observations CSV (1-based, the header is line 1)',
  date: 'the date the observation refers to, ISO date',
  player: 'player id, or market',
  metric: 'the observed metric (scenarios/data/README.md lists them with their units)',
  note: 'empty when the row is compared in sample; else out of sample (after --fit-until), before the run starts, after the run ends, or not modelled: why',
  observed: 'the observed value',
  low: 'its stated range, lower end (empty when none)',
  high: 'upper end',
  runsWithValue: 'runs that gave a value (a run without one, such as a basket where the player has no orders, is left out)',
  simulatedMean: 'mean over those runs (empty when none)',
  simulatedP05: '5% of those runs',
  simulatedP95: '95% of those runs',
  scaledError: '(simulated mean − observed) ÷ scale: half the stated range, else 10% of the value (0.5 for status)',
  inside: 'true when the observed value, or its stated range, meets the simulated 5–95% range',
  source: 'the observation\'s source',
};

export interface FileColumns {
  file: string;
  about: string;
  columns: readonly string[];
  words: Described;
}

/** Every CSV gbsim writes, with the columns its writer uses. */
export const OUTPUT_FILES: readonly FileColumns[] = [
  { file: 'weekly.csv (gbsim run)', about: 'one row per player per week', columns: WEEKLY_COLUMNS, words: WEEKLY },
  { file: 'market.csv (gbsim run)', about: 'one row per week, the whole market', columns: MARKET_ROW_COLUMNS, words: MARKET },
  { file: 'events.csv (gbsim run)', about: 'one row per event, in time order', columns: EVENT_COLUMNS, words: EVENTS },
  { file: 'provinces.csv (gbsim run)', about: 'one row per province, player and week where the player had points there', columns: PROVINCE_ROW_COLUMNS, words: PROVINCES },
  { file: 'survival.csv (gbsim mc)', about: 'one row per player, over all replications', columns: SURVIVAL_COLUMNS, words: SURVIVAL },
  { file: 'compare.csv (gbsim compare)', about: 'one row per player per scenario it is in', columns: COMPARE_COLUMNS, words: COMPARE },
  { file: 'sweep.csv (gbsim sweep)', about: 'one row per point (wide: one group of columns per player)', columns: ['point', '<path>', 'meanSurvivors', 'shakeoutProbability', 'meanFinalHhi', 'survival.<id>', 'low.<id>', 'high.<id>', 'meanShare.<id>', 'complete'], words: SWEEP },
  { file: 'sweep-players.csv (gbsim sweep)', about: 'one row per point per player (tidy)', columns: ['point', '<path>', 'player', 'survival', 'survivalLow', 'survivalHigh', 'finalShareMean', 'finalShareLow', 'finalShareHigh', 'complete'], words: SWEEP },
  { file: 'fit.csv (gbsim fit)', about: 'one row per observation of the --targets file, in its order', columns: FIT_TABLE_COLUMNS, words: FIT },
];

/** The description of `column` in `entry`, or undefined. */
export function describe(entry: FileColumns, column: string): string | undefined {
  return entry.words[column] ?? COMMON[column];
}

/** Columns written without a description (should be none). */
export function undescribed(): string[] {
  return OUTPUT_FILES.flatMap((entry) => entry.columns.filter((column) => describe(entry, column) === undefined).map((column) => `${entry.file}: ${column}`));
}

/** docs/columns.md. */
export function columnsMarkdown(): string {
  const lines = [
    '# Output columns',
    '',
    'Every column of every CSV file gbsim writes, generated from the lists its writers use',
    '(`sim/experiment/columns.ts`; regenerate with `npm run docs:columns`). JSON files hold the same',
    'figures with the same names (`mc.json`, `compare.json`, `sweep.json`, `summary.json`).',
    'Money is in yuan, shares and probabilities are between 0 and 1, weeks count from 1.',
    '',
  ];
  for (const entry of OUTPUT_FILES) {
    lines.push(`## ${entry.file}`, '', `${entry.about[0]!.toUpperCase()}${entry.about.slice(1)}.`, '', '| Column | Meaning |', '|---|---|');
    for (const column of entry.columns) lines.push(`| \`${column}\` | ${(describe(entry, column) ?? '(no description)').replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  lines.push('## Event kinds (events.csv `kind`)', '', '| Kind | Meaning |', '|---|---|');
  for (const kind of EVENT_KINDS) lines.push(`| \`${kind}\` | ${EVENT_KIND_WORDS[kind]} |`);
  lines.push('');
  return lines.join('\n');
}
