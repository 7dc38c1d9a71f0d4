import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../sim/cli/main.js';
import { loadScenarioSync } from '../../sim/scenario/load.js';
import * as message from '../../sim/scenario/messages.js';
import { MINIMAL, ROOT, tempFolder } from '../scenario/helpers.js';

/**
 * `extends` and `geography.cellsCsv` may name files inside the working directory or the folder
 * of the scenario the user named; anything else needs --allow-outside (LoadOptions.allowOutside).
 * Layout: <tmp>/work is the working directory; <tmp>/secret is outside it.
 */
const folder = tempFolder();
const work = join(folder.dir, 'work');
const minimal = readFileSync(MINIMAL, 'utf8').replace('$schema: ../../scenarios/schema.json\n', '');
const secret = folder.write('secret/base.yaml', minimal);
const secretCsv = folder.write('secret/cells.csv', 'id,province,tier,households,spend_yuan_per_household_week,group_buy_share_of_spend,reachable_household_share,candidate_shops\nc1,hunan,village,1000,100,0.3,0.5,10\n');
folder.write('work/scenarios/base.yaml', minimal);
folder.write('work/scenarios/what-if/child.yaml', 'extends: ../base.yaml\nhorizonWeeks: 8\n');
folder.write('work/escape.yaml', `extends: ${relative(work, secret)}\n`);
folder.write('work/absolute.yaml', `extends: ${secret}\n`);
folder.write('work/csv.yaml', `${minimal}`.replace('geography:\n', `geography:\n  cellsCsv: ${relative(work, secretCsv)}\n`));
mkdirSync(join(work, 'links'), { recursive: true });
symlinkSync(secret, join(work, 'links', 'innocent.yaml'));
folder.write('work/through-link.yaml', 'extends: links/innocent.yaml\n');

const load = (file: string, allowOutside = false) => loadScenarioSync(file, { cwd: work, allowOutside });
const messages = (result: ReturnType<typeof load>) => (result.ok ? [] : result.issues.map((issue) => issue.message));
const roots = (named: string) => ({ cwd: work, namedFolder: join(work, named, '..') });

describe('files a scenario may read', () => {
  it('reads a base inside the working directory, from the root and from a sub-folder', () => {
    expect(load('scenarios/what-if/child.yaml').ok).toBe(true);
    expect(loadScenarioSync('what-if/child.yaml', { cwd: join(work, 'scenarios') }).ok).toBe(true);
  });

  it('refuses a base outside the working directory and the named folder, saying where it points and how to allow it', () => {
    const target = relative(work, secret);
    expect(messages(load('escape.yaml'))).toEqual([message.extendsOutside(target, secret, roots('escape.yaml'))]);
    expect(messages(load('escape.yaml'))[0]).toContain('--allow-outside');
    expect(messages(load('absolute.yaml'))).toEqual([message.extendsOutside(secret, secret, roots('absolute.yaml'))]);
    expect(load('escape.yaml', true).ok).toBe(true);
  });

  it('refuses a base that is inside only through a symbolic link', () => {
    expect(messages(load('through-link.yaml'))).toEqual([message.extendsOutside('links/innocent.yaml', secret, roots('through-link.yaml'))]);
  });

  it('refuses a cells CSV outside, at the cellsCsv line, unless allowed', () => {
    const result = load('csv.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([expect.objectContaining({ path: 'geography.cellsCsv', message: message.outsideRoots(relative(work, secretCsv), secretCsv, roots('csv.yaml')) })]);
    const allowed = load('csv.yaml', true);
    expect(allowed.ok && allowed.scenario.geography.cellsCsv).toBe(secretCsv);
  });

  it('lets --set name a CSV anywhere (the user typed it)', () => {
    expect(loadScenarioSync('scenarios/base.yaml', { cwd: work, sets: [`geography.cellsCsv=${secretCsv}`] }).ok).toBe(true);
  });

  it('keeps the shipped what-if scenarios valid from the repository root and from scenarios/', () => {
    for (const file of ['early-subsidy-ban', 'no-jd-investment', 'single-homing-stores']) {
      expect(loadScenarioSync(`scenarios/what-if/${file}.yaml`, { cwd: ROOT }).ok, file).toBe(true);
      expect(loadScenarioSync(`what-if/${file}.yaml`, { cwd: join(ROOT, 'scenarios') }).ok, file).toBe(true);
    }
  });

  it.each(['validate', 'run'])('gbsim %s takes --allow-outside', async (command) => {
    writeFileSync(join(folder.dir, 'outside.yaml'), minimal);
    const named = join(work, 'escape.yaml');
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } };
    // The working directory of runCli is the process's: the target is outside it and outside work/.
    expect(await runCli([command, named], io)).toBe(2);
    expect(stderr).toContain('--allow-outside');
    expect(await runCli([command, named, '--allow-outside'], io)).toBe(0);
  });
});
