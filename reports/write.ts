/**
 * `writeReport(dir)`: reads the results in `dir`, draws their charts and writes `dir/report.html`
 * (self-contained: vega inlined, charts compiled in Node) and, when asked, every chart as
 * `dir/charts/<name>.svg` and `.png`. Each file is written atomically. Nothing here loads a
 * scenario: the caller may pass `resolveScenario` (the CLI does) to show the scenario's parameters.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../sim/experiment/files.js';
import { reportHtml } from './html.js';
import { reportCharts, reportPage, type ScenarioParameters } from './page.js';
import { readResults } from './read.js';
import { compileChart, renderSvg, svgToPng } from './render.js';
import { scenariosOf, type ReportInput, type ResultKind, type ScenarioRef } from './results.js';

/** Finds a scenario's resolved parameters: `scenario` is plain data, or `reason` says why not. */
export type ScenarioResolver = (ref: ScenarioRef, sets: readonly string[]) => { ok: true; scenario: unknown } | { ok: false; reason: string };

export interface WriteReportOptions {
  /** Also write each chart as `charts/<name>.svg`. */
  svg?: boolean;
  /** Also write each chart as `charts/<name>.png` (twice the SVG's size). */
  png?: boolean;
  resolveScenario?: ScenarioResolver;
}

export interface WrittenReport {
  kind: ResultKind;
  /** Paths of the files written, relative to `dir`. */
  files: string[];
}

export async function writeReport(dir: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const input = readResults(dir);
  const scenarios = resolveScenarios(input, options.resolveScenario);
  const charts = reportCharts(input, scenarios);
  const compiled = charts.map((chart) => ({ name: chart.name, spec: compileChart(chart) }));
  const html = reportHtml(reportPage(input, scenarios, compiled), vegaRuntime());
  const files: string[] = [];
  if (options.svg || options.png) {
    for (const chart of compiled) {
      const svg = await renderSvg(chart.name, chart.spec);
      if (options.svg) files.push(write(dir, `charts/${chart.name}.svg`, svg));
      if (options.png) files.push(write(dir, `charts/${chart.name}.png`, await svgToPng(svg)));
    }
  }
  files.unshift(write(dir, 'report.html', html));
  return { kind: input.kind, files };
}

function write(dir: string, name: string, content: string | Buffer): string {
  // writeFileAtomic is typed for text, but fs.writeSync under it writes a Buffer's bytes as they are (PNGs).
  writeFileAtomic(join(dir, name), content as string);
  return name;
}

function resolveScenarios(input: ReportInput, resolve: ScenarioResolver | undefined): ScenarioParameters[] {
  const sets = setsOf(input);
  return scenariosOf(input).map((ref) => {
    if (!resolve) return { ref, scenario: null, note: 'Parameters not shown: no scenario loader was given.' };
    const found = resolve(ref, sets);
    return found.ok ? { ref, scenario: found.scenario } : { ref, scenario: null, note: `Parameters not shown: ${found.reason}` };
  });
}

/** The `--set` overrides the results were made with, as manifest.json records them. */
function setsOf(input: ReportInput): string[] {
  const set = input.manifest?.args?.set;
  if (typeof set === 'string') return [set];
  return Array.isArray(set) ? set.filter((item): item is string => typeof item === 'string') : [];
}

let runtime: string | undefined;

/** The text of vega.min.js from the installed vega package (read once). */
export function vegaRuntime(): string {
  if (runtime === undefined) {
    const entry = createRequire(import.meta.url).resolve('vega');
    runtime = readFileSync(join(dirname(entry), 'vega.min.js'), 'utf8');
  }
  return runtime;
}
