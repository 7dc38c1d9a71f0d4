/**
 * Issue 13: events have ids that `extends` merges like players, so a what-if changes or drops
 * one event of its base instead of repeating the whole list.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioSync } from '../../sim/scenario/load.js';
import { temporaryFolder, writeScenario } from '../experiment/fixtures.js';
import { smallScenario } from '../support/scenarios.js';

const folder = temporaryFolder('event-ids');
afterAll(folder.remove);

const base = () => writeScenario(folder.dir, 'base', smallScenario({
  events: [
    { id: 'seed-round', kind: 'funding-round', date: '2020-07-01', player: 'alpha', amountYuan: 1e8 },
    { id: 'strategic', kind: 'investment', date: '2020-08-01', player: 'beta', amountYuan: 2e8, investor: 'BigCo' },
  ] as never,
}));
const child = (name: string, events: string) => {
  const file = folder.path(`${name}.yaml`);
  writeFileSync(file, `extends: base.json\nname: ${name}\nevents:\n${events}`);
  return file;
};
const eventsOf = (file: string) => {
  const loaded = loadScenarioSync(file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.scenario.events.map((e) => ({ id: (e as { id?: string }).id, amount: (e as { amountYuan?: number }).amountYuan }));
};

describe('event ids', () => {
  it('drops one event of the base by id', () => {
    base();
    expect(eventsOf(child('drop', '  - { id: strategic, drop: true }\n'))).toEqual([{ id: 'seed-round', amount: 1e8 }]);
  });

  it('changes one field of one event of the base by id, keeping the others', () => {
    base();
    expect(eventsOf(child('change', '  - { id: seed-round, amountYuan: 5.0e7 }\n'))).toEqual([{ id: 'seed-round', amount: 5e7 }, { id: 'strategic', amount: 2e8 }]);
  });

  it('refuses two events with one id', () => {
    const file = writeScenario(folder.dir, 'twice', smallScenario({
      events: [
        { id: 'same', kind: 'funding-round', date: '2020-07-01', player: 'alpha', amountYuan: 1e8 },
        { id: 'same', kind: 'funding-round', date: '2020-07-08', player: 'beta', amountYuan: 1e8 },
      ] as never,
    }));
    const loaded = loadScenarioSync(file);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.issues.map((i) => i.path)).toContain('events[1].id');
  });
});
