/**
 * ReportInput → the report's content: which charts, the summary, the parameters and the
 * provenance. Pure (no files): write.ts reads the inputs and writes the page.
 *
 *   results dir ──read──> ReportInput ──reportCharts / reportPage──> ReportPage ──html──> report.html
 */
import type { Spec as VegaSpec } from 'vega';
import { addDays } from './charts/axes.js';
import { calibrationCharts, compareCharts, mcCharts, runCharts, sensitivityCharts, sweepCharts, type NamedChart } from './charts/index.js';
import type { PlayerRef } from './charts/inputs.js';
import type { ReportPage } from './html.js';
import { scenarioParametersHtml } from './parameters-html.js';
import type { Manifest, ReportInput, ScenarioRef } from './results.js';
import {
  compareHighlights,
  compareSummaryText,
  mcHighlights,
  mcSummaryText,
  runHighlights,
  runSummaryText,
  sweepHighlights,
  sweepSummaryText,
  type Highlight,
} from './summary/index.js';
import { sensitivityHighlights, sensitivitySummaryText } from './summary/sensitivity.js';
import { calibrationHighlights, calibrationSummaryText } from './summary/calibration.js';
import { fitHighlights, fitSummaryText } from './summary/fit.js';
import { fitChart } from './charts/fit.js';
import { escapeHtml } from './escape.js';
import { longDate, whole } from './words.js';

/** A scenario of the report with its resolved parameters, or why they could not be shown. */
export interface ScenarioParameters {
  ref: ScenarioRef;
  scenario: unknown;
  /** Set when `scenario` is null: why the parameters are missing. */
  note?: string;
}

/** The players of a resolved scenario (ids and names, in order), if it has them. */
export function scenarioPlayers(scenario: unknown): PlayerRef[] {
  const players = (scenario as { players?: unknown } | null)?.players;
  if (!Array.isArray(players)) return [];
  return players.flatMap((p: { id?: unknown; name?: unknown }) => (typeof p?.id === 'string' ? [{ id: p.id, name: typeof p.name === 'string' ? p.name : p.id }] : []));
}

/** The charts of the report, in order. */
export function reportCharts(input: ReportInput, scenarios: readonly ScenarioParameters[] = []): NamedChart[] {
  switch (input.kind) {
    case 'run':
      return runCharts(input.data);
    case 'mc':
      return mcCharts(input.result);
    case 'compare':
      return compareCharts(input.result);
    case 'sweep':
      return sweepCharts(input.result, sweepPlayerRefs(input.result, scenarios));
    case 'sensitivity':
      return sensitivityCharts(input.result);
    case 'calibration':
      return calibrationCharts(input.result);
    case 'fit':
      return [fitChart(input.result)];
  }
}

function sweepPlayerRefs(result: Extract<ReportInput, { kind: 'sweep' }>['result'], scenarios: readonly ScenarioParameters[]): PlayerRef[] {
  const names = new Map(scenarios.flatMap((s) => scenarioPlayers(s.scenario)).map((p) => [p.id, p.name]));
  return (result.points[0]?.players ?? []).map((p) => ({ id: p.id, name: names.get(p.id) ?? p.id }));
}

/** The page of the report, given its compiled charts. */
export function reportPage(input: ReportInput, scenarios: readonly ScenarioParameters[], charts: Array<{ name: string; spec: VegaSpec }>): ReportPage {
  return {
    ...heading(input),
    highlights: highlights(input, scenarios),
    summary: summary(input, scenarios),
    charts,
    parameters: scenarios.map(parametersBlock),
    provenance: provenance(input),
  };
}

function heading(input: ReportInput): { title: string; subtitle: string } {
  switch (input.kind) {
    case 'run': {
      const s = input.summary;
      const end = addDays(s.startDate, 7 * s.horizonWeeks);
      return { title: `${s.scenario.name}: one run`, subtitle: `Seed ${s.seed} · ${whole(s.horizonWeeks)} weeks, ${longDate(s.startDate)} to ${longDate(end)}` };
    }
    case 'mc': {
      const r = input.result;
      const end = addDays(r.startDate, 7 * r.horizonWeeks);
      return { title: `${r.scenario.name}: ${whole(r.runs)} runs`, subtitle: `Monte Carlo · seed ${r.seed} · ${whole(r.horizonWeeks)} weeks, ${longDate(r.startDate)} to ${longDate(end)}` };
    }
    case 'compare': {
      const r = input.result;
      return { title: `${r.scenarios.map((s) => s.name).join(' vs ')}`, subtitle: `Comparison · ${whole(r.runs)} paired runs per scenario · seed ${r.seed}` };
    }
    case 'sweep': {
      const r = input.result;
      return { title: `${r.scenario.name}: sweep`, subtitle: `${r.design === 'lhs' ? 'Latin hypercube' : r.design === 'csv' ? 'Design file' : 'Grid'} of ${whole(r.points.length)} points · ${whole(r.runs)} runs each · seed ${r.seed}` };
    }
    case 'sensitivity': {
      const r = input.result;
      return { title: `${r.scenario.name}: ${r.method === 'morris' ? 'Morris screening' : 'Sobol indices'}`, subtitle: `${r.factors.length} uncertain parameters · ${whole(r.points)} design points · ${whole(r.runs)} runs each · seed ${r.seed}` };
    }
    case 'calibration': {
      const r = input.result;
      return { title: `${r.scenario.name}: calibration`, subtitle: `ABC-SMC · ${r.parameters.length} parameters · ${whole(r.fit.length)} observations · ${whole(r.runs)} runs per evaluation · seed ${r.seed}` };
    }
    case 'fit': {
      const r = input.result;
      return { title: `${r.scenario.name}: fit to observations`, subtitle: `${whole(r.rows.length)} observations · ${whole(r.runs)} runs · seed ${r.seed}` };
    }
  }
}

function highlights(input: ReportInput, scenarios: readonly ScenarioParameters[]): Highlight[] {
  switch (input.kind) {
    case 'run':
      return runHighlights(input.summary);
    case 'mc':
      return mcHighlights(input.result);
    case 'compare':
      return compareHighlights(input.result);
    case 'sweep':
      return sweepHighlights(input.result, sweepPlayerRefs(input.result, scenarios));
    case 'sensitivity':
      return sensitivityHighlights(input.result);
    case 'calibration':
      return calibrationHighlights(input.result);
    case 'fit':
      return fitHighlights(input.result);
  }
}

function summary(input: ReportInput, scenarios: readonly ScenarioParameters[]): string[] {
  switch (input.kind) {
    case 'run':
      return runSummaryText(input.summary, input.data);
    case 'mc':
      return mcSummaryText(input.result);
    case 'compare':
      return compareSummaryText(input.result);
    case 'sweep':
      return sweepSummaryText(input.result, sweepPlayerRefs(input.result, scenarios));
    case 'sensitivity':
      return sensitivitySummaryText(input.result);
    case 'calibration':
      return calibrationSummaryText(input.result);
    case 'fit':
      return fitSummaryText(input.result);
  }
}

function parametersBlock(block: ScenarioParameters): { heading: string; html: string } {
  const heading = `${block.ref.name} (${block.ref.file})`;
  if (block.scenario === null || block.scenario === undefined) return { heading, html: `<p class="hint">${escapeHtml(block.note ?? 'Parameters not available.')}</p>` };
  return { heading, html: scenarioParametersHtml(block.scenario) };
}

function provenance(input: ReportInput): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const result = input.kind === 'run' ? input.summary : input.result;
  rows.push(['gbsim version', result.gbsimVersion]);
  if (input.kind === 'compare') {
    input.result.scenarios.forEach((s, i) => rows.push([i === 0 ? 'Baseline scenario' : `Scenario ${i + 1}`, `${s.name} (${s.file}), sha256 ${s.hash}`]));
  } else {
    const s = input.kind === 'run' ? input.summary.scenario : input.result.scenario;
    rows.push(['Scenario', `${s.name} (${s.file})`], ['Scenario hash (sha256)', s.hash]);
  }
  rows.push(['Seed', String(result.seed)]);
  if (input.kind !== 'run') rows.push(['Runs', whole(input.result.runs)]);
  rows.push(...manifestRows(input.manifest));
  return rows;
}

function manifestRows(manifest: Manifest | null): Array<[string, string]> {
  if (manifest === null) return [['Run date', 'not recorded (no manifest.json)']];
  const rows: Array<[string, string]> = [];
  if (manifest.startedAt) rows.push(['Run date', manifest.startedAt]);
  if (manifest.command) rows.push(['Command', `gbsim ${manifest.command}`]);
  if (manifest.args) rows.push(['Arguments', formatArgs(manifest.args)]);
  if (manifest.node || manifest.platform) rows.push(['Node and platform', [manifest.node, manifest.platform].filter(Boolean).join(' on ')]);
  return rows;
}

function formatArgs(args: Record<string, unknown>): string {
  const parts = Object.entries(args)
    .filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.map(String).join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  return parts.length === 0 ? '—' : parts.join(' · ');
}
