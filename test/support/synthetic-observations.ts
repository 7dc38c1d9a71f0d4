/**
 * Observations made by the model itself at known parameters θ* (the recovery tests of
 * calibration): the mean of each metric over `runs` replications at θ*, with a stated range of
 * ± `relativeRange` of the value, written as an observations CSV.
 */
import { writeFileSync } from 'node:fs';
import { Calendar } from '../../sim/kernel/index.js';
import { runMarket } from '../../sim/model/run.js';
import { observe } from '../../sim/experiment/observe.js';
import { prepareScenario } from '../../sim/experiment/prepare.js';

export interface Target {
  week: number;
  player: string;
  metric: string;
}

export function writeSyntheticObservations(file: string, scenarioFile: string, sets: string[], targets: readonly Target[], runs: number, seed: number, relativeRange = 0.1): string {
  const prepared = prepareScenario(scenarioFile, { sets });
  const ids = prepared.params.players.map((p) => p.id);
  const specs = targets.map((t, i) => ({ name: `t${i}`, metric: t.metric, player: t.player === '' ? null : ids.indexOf(t.player), week: t.week }));
  const sums = new Array<number>(targets.length).fill(0);
  for (let r = 0; r < runs; r++) {
    const result = runMarket(prepared.params, { seed, replication: 1000 + r, record: true, geography: prepared.geography, shakeoutK: 5 });
    observe(result, specs).forEach((v, i) => (sums[i]! += v));
  }
  const calendar = new Calendar(prepared.params.startDate);
  const lines = targets.map((t, i) => {
    const value = sums[i]! / runs;
    const half = Math.abs(value) * relativeRange;
    return [calendar.weekStartDate(t.week), t.player, t.metric, value, value - half, value + half, 'synthetic: the model at known parameters', `"${sets.join(' ')}"`].join(',');
  });
  writeFileSync(file, ['date,player,metric,value,low,high,source,quote', ...lines, ''].join('\n'));
  return file;
}
