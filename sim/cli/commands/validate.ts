/**
 * `gbsim validate FILE... [--set path=value]... [--allow-outside]`: checks scenario files (and the
 * cells CSV they name) without running them.
 * Prints one line per valid file on stdout; every problem of every bad file goes to stderr
 * (through `ScenarioError`) and the exit status is 2.
 */
import { ScenarioError } from '../../scenario/issues.js';
import type { ScenarioFailure } from '../../scenario/issues.js';
import { defineCommand } from '../command.js';

/** `scenarios/china-2020.yaml: valid (7 players, 104 weeks)`. */
export function validLine(file: string, players: number, horizonWeeks: number): string {
  return `${file}: valid (${players} player${players === 1 ? '' : 's'}, ${horizonWeeks} week${horizonWeeks === 1 ? '' : 's'})`;
}

export const validateCommand = defineCommand({
  command: 'validate <files..>',
  describe: 'Check scenario files (shapes, references, extends) without running them',
  examples: [
    ['gbsim validate scenarios/china-2020.yaml', 'check one scenario'],
    ['gbsim validate scenarios/**/*.yaml', 'check many; one line per valid file'],
    ['gbsim validate s.yaml --set seed=2', 'check with an override'],
    ['gbsim validate s.yaml --set players[1].brand=1', 'a list item by index'],
    ['gbsim validate s.yaml --set players.alpha.brand=1', 'a list item by its id'],
  ],
  builder: (yargs) =>
    yargs
      .positional('files', { type: 'string', array: true, default: undefined, describe: 'scenario files (YAML or JSON)' })
      .option('set', {
        type: 'string',
        requiresArg: true,
        describe: 'override a value: path=value (dots, [index] or [id]; value read as YAML); repeatable',
      })
      .option('allow-outside', {
        type: 'boolean',
        default: false,
        describe: 'let extends and cellsCsv name files outside the working directory and the scenario\'s folder',
      }),
  run: async (args, context) => {
    const { loadScenario } = await import('../../scenario/load.js');
    const { loadCellsCsv } = await import('../../scenario/cells-csv.js');
    const sets = args.set === undefined ? [] : ([] as string[]).concat(args.set);
    const failures: ScenarioFailure[] = [];
    for (const file of args.files ?? []) {
      const result = await loadScenario(file, { sets, cwd: context.cwd, allowOutside: args.allowOutside });
      if (!result.ok) {
        failures.push({ file, issues: result.issues });
        continue;
      }
      // The cells CSV is checked too, so that a file validate accepts also runs.
      const { cellsCsv, provinces } = result.scenario.geography;
      const cells = cellsCsv === undefined ? undefined : loadCellsCsv(cellsCsv, provinces.map((p) => p.id));
      if (cells !== undefined && !cells.ok) failures.push({ file: cellsCsv!, issues: cells.issues.map((issue) => ({ ...issue, stage: 'file' as const })) });
      else context.io.stdout.write(`${validLine(file, result.scenario.players.length, result.scenario.horizonWeeks)}\n`);
    }
    if (failures.length > 0) throw new ScenarioError(failures);
  },
});
