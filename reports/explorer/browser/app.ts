/**
 * The explorer page's interface: controls, charts, event feed, province tiles, many runs.
 *
 *   page data (scenarios, their sliders and lessons) + URL hash → settings
 *     → model worker: load → advance week by week (play / step) → charts, feed, tiles
 *     → "run N times": N replications split over navigator.hardwareConcurrency workers → Wilson intervals
 *
 * Every run happens in a Web Worker made from the bundled model (worker.ts), so the page never
 * freezes. Text from scenarios is set with textContent, never as markup.
 */
import { playerColor } from '../../charts/palette.js';
import type { Explorable } from '../../../sim/scenario/explore.js';
import type { ExplorerPageData, FeedEvent, FromWorker, ScenarioPayload, ToWorker, WeekRow } from '../protocol.js';
import { drawChart, download, savePng, svgText, type ChartSpec } from './charts.js';
import { runMany } from './many.js';

const MAX_HIGHLIGHTED = 5;
const SPEEDS = [1, 2, 5, 10, 25, 0];

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const data = JSON.parse($('gbsim-explorer-data').textContent!) as ExplorerPageData;
const workerUrl = URL.createObjectURL(new Blob([$('gbsim-worker').textContent!], { type: 'text/javascript' }));

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const percent = (v: number) => `${Math.round(v * 100)}%`;

const CHARTS: ChartSpec[] = [
  { id: 'share', title: 'Market share (of group-buying sales)', format: percent, yMax: 1 },
  { id: 'points', title: 'Pickup points', format: (v) => compact.format(v) },
  { id: 'cash', title: 'Cash (yuan)', format: (v) => compact.format(v) },
  { id: 'runway', title: 'Runway: weeks of cash left at the current loss (capped at 104)', format: (v) => integer.format(v) },
  { id: 'subsidy', title: 'Subsidy per order (yuan)', format: (v) => v.toFixed(2) },
];
const VALUE: Record<string, (p: WeekRow['players'][number]) => number> = {
  share: (p) => p.share,
  points: (p) => p.pickupPoints,
  cash: (p) => p.cashYuan,
  runway: (p) => Math.min(104, p.runwayWeeks),
  subsidy: (p) => p.subsidyPerOrderYuan,
};

const state = {
  scenario: data.scenarios[0]!,
  seed: data.scenarios[0]!.seed,
  /** Slider positions that differ from the scenario (numbers; dates as epoch days). */
  settings: new Map<string, number>(),
  runId: 0,
  worker: new Worker(workerUrl),
  ready: null as Extract<FromWorker, { kind: 'ready' }> | null,
  rows: [] as WeekRow[],
  events: [] as FeedEvent[],
  leaders: [] as number[],
  summary: null as string | null,
  highlighted: new Set<number>(),
  playing: false,
  busy: false,
  speed: 5,
};

// ----- settings and the URL ---------------------------------------------------------------------

function isoOf(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}
function epochDayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

function settingsForWorker(): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const item of state.scenario.explorables) {
    const position = state.settings.get(item.path);
    if (position !== undefined) out[item.path] = item.kind === 'date' ? isoOf(position) : position;
  }
  return out;
}

function payload(): ScenarioPayload {
  const s = state.scenario;
  return { data: s.data, cells: s.cells, settings: settingsForWorker(), seed: state.seed, file: `${s.key}-explorer.yaml`, gbsimVersion: data.gbsimVersion };
}

function writeHash(): void {
  const params = new URLSearchParams();
  params.set('scenario', state.scenario.key);
  params.set('seed', String(state.seed));
  for (const [path, value] of Object.entries(settingsForWorker())) params.append('set', `${path}=${value}`);
  history.replaceState(null, '', `#${params.toString()}`);
}

function readHash(): void {
  const params = new URLSearchParams(location.hash.slice(1));
  const scenario = data.scenarios.find((s) => s.key === params.get('scenario'));
  if (scenario) state.scenario = scenario;
  state.seed = state.scenario.seed;
  const seed = Number(params.get('seed'));
  if (params.has('seed') && Number.isInteger(seed) && seed >= 0) state.seed = seed;
  state.settings.clear();
  for (const entry of params.getAll('set')) {
    const equals = entry.indexOf('=');
    const item = state.scenario.explorables.find((e) => e.path === entry.slice(0, equals));
    if (!item) continue;
    const text = entry.slice(equals + 1);
    const position = item.kind === 'date' ? epochDayOf(text) : Number(text);
    if (Number.isFinite(position)) state.settings.set(item.path, clamp(item, position));
  }
}

function clamp(item: Explorable, value: number): number {
  return Math.min(item.max, Math.max(item.min, value));
}

// ----- controls ---------------------------------------------------------------------------------

function buildScenarioPicker(): void {
  const select = $<HTMLSelectElement>('scenario');
  for (const s of data.scenarios) {
    const option = document.createElement('option');
    option.value = s.key;
    option.textContent = s.description ? `${s.name}: ${s.description}` : s.name;
    select.append(option);
  }
  select.addEventListener('change', () => {
    state.scenario = data.scenarios.find((s) => s.key === select.value)!;
    state.seed = state.scenario.seed;
    state.settings.clear();
    showScenario();
    restart();
  });
}

function showScenario(): void {
  $<HTMLSelectElement>('scenario').value = state.scenario.key;
  $<HTMLInputElement>('seed').value = String(state.seed);
  $('demonstrates').textContent = state.scenario.demonstrates || state.scenario.description;
  $('look-for').textContent = state.scenario.lookFor || 'Which players keep their share and their cash, and which run out first.';
  buildSliders();
}

function buildSliders(): void {
  const box = $('sliders');
  box.replaceChildren();
  state.scenario.explorables.forEach((item, i) => {
    const row = document.createElement('div');
    row.className = 'slider';
    const label = document.createElement('label');
    label.htmlFor = `slider-${i}`;
    label.textContent = item.label;
    const range = document.createElement('input');
    range.type = 'range';
    range.id = `slider-${i}`;
    range.min = String(item.min);
    range.max = String(item.max);
    range.step = String(item.step);
    range.dataset.path = item.path;
    const field = document.createElement('input');
    field.type = item.kind === 'date' ? 'date' : 'number';
    field.id = `field-${i}`;
    field.setAttribute('aria-label', `${item.label} (exact value)`);
    if (item.kind === 'date') {
      field.min = isoOf(item.min);
      field.max = isoOf(item.max);
    } else {
      field.min = String(item.min);
      field.max = String(item.max);
      field.step = 'any';
    }
    const show = () => {
      const position = state.settings.get(item.path) ?? item.value;
      range.value = String(position);
      field.value = item.kind === 'date' ? isoOf(position) : String(position);
    };
    show();
    let timer = 0;
    const set = (position: number) => {
      if (!Number.isFinite(position)) return;
      const clamped = clamp(item, item.integer ? Math.round(position) : position);
      if (clamped === item.value) state.settings.delete(item.path);
      else state.settings.set(item.path, clamped);
      show();
      clearTimeout(timer);
      timer = window.setTimeout(restart, 150);
    };
    range.addEventListener('input', () => set(Number(range.value)));
    field.addEventListener('change', () => set(item.kind === 'date' ? epochDayOf(field.value) : Number(field.value)));
    row.append(label, range, field);
    box.append(row);
  });
}

function buildCharts(): void {
  const box = $('charts');
  for (const chart of CHARTS) {
    const figure = document.createElement('figure');
    figure.className = 'chart';
    figure.id = `chart-${chart.id}`;
    const caption = document.createElement('figcaption');
    caption.id = `chart-${chart.id}-title`;
    caption.textContent = chart.title;
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('aria-labelledby', caption.id);
    const tools = document.createElement('div');
    tools.className = 'chart-tools';
    for (const format of ['SVG', 'PNG'] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `Save ${format}`;
      button.setAttribute('aria-label', `Save the chart "${chart.title}" as ${format}`);
      button.addEventListener('click', () => {
        const name = `${state.scenario.key}-${chart.id}-week${state.rows.length}.${format.toLowerCase()}`;
        if (format === 'SVG') download(name, new Blob([svgText(svg)], { type: 'image/svg+xml' }));
        else savePng(svg, name);
      });
      tools.append(button);
    }
    figure.append(caption, svg, tools);
    box.append(figure);
  }
}

// ----- the run ----------------------------------------------------------------------------------

function send(message: ToWorker): void {
  document.body.dataset.busy = 'true';
  state.worker.postMessage(message);
}

/** Starts the current settings from week 0 (keeps playing if it was playing). */
function restart(): void {
  state.runId++;
  state.ready = null;
  state.rows = [];
  state.events = [];
  state.leaders = [];
  state.summary = null;
  state.busy = true;
  writeHash();
  $('summary').textContent = '';
  $('problems').hidden = true;
  $('feed').replaceChildren();
  send({ kind: 'load', runId: state.runId, scenario: payload() });
}

function advance(weeks: number): void {
  if (!state.ready || state.busy || state.summary !== null) return;
  state.busy = true;
  send({ kind: 'advance', runId: state.runId, weeks });
}

state.worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const message = event.data;
  if (message.runId !== state.runId) return;
  state.busy = false;
  document.body.dataset.busy = 'false';
  switch (message.kind) {
    case 'invalid':
    case 'failed': {
      const problems = message.kind === 'invalid' ? message.problems : [message.message];
      const box = $('problems');
      box.textContent = `These settings do not make a valid scenario: ${problems.join('; ')}`;
      box.hidden = false;
      setPlaying(false);
      return;
    }
    case 'ready': {
      state.ready = message;
      const P = message.players.length;
      if (state.highlighted.size === 0 || [...state.highlighted].some((j) => j >= P)) {
        state.highlighted = new Set(Array.from({ length: Math.min(P, MAX_HIGHLIGHTED) }, (_, j) => j));
      }
      buildLegend();
      buildTiles();
      render();
      document.body.dataset.loaded = String(state.runId);
      if (!document.body.dataset.modelReadyMs) document.body.dataset.modelReadyMs = String(Math.round(performance.now()));
      if (state.playing) scheduleNext();
      return;
    }
    case 'progress': {
      state.rows.push(...message.rows);
      state.events.push(...message.events);
      state.leaders = message.leaders;
      addToFeed(message.events);
      if (message.summary !== null) {
        state.summary = message.summary;
        $('summary').textContent = message.summary;
        setPlaying(false);
      }
      render();
      if (state.playing) scheduleNext();
      return;
    }
    default:
      return;
  }
};

state.worker.onerror = (event: ErrorEvent) => {
  const box = $('problems');
  box.textContent = `The model stopped with an error: ${event.message}`;
  box.hidden = false;
  console.error(`model worker: ${event.message}`);
};

function scheduleNext(): void {
  if (state.speed === 0) {
    advance(4);
    return;
  }
  window.setTimeout(() => {
    if (state.playing) advance(1);
  }, 1000 / state.speed);
}

function setPlaying(playing: boolean): void {
  state.playing = playing;
  const button = $('play');
  button.textContent = playing ? 'Pause' : 'Play';
  button.setAttribute('aria-pressed', String(playing));
}

// ----- drawing ----------------------------------------------------------------------------------

/** Before the model answers: the charts' frames over the scenario's horizon (week 0 has no data yet). */
function renderFrame(): void {
  const scenario = state.scenario.data as { horizonWeeks: number; players: { name: string }[] };
  for (const chart of CHARTS) {
    const svg = document.querySelector(`#chart-${chart.id} svg`) as SVGSVGElement;
    drawChart(svg, chart, scenario.players.map((p, j) => ({ values: [], highlighted: j < MAX_HIGHLIGHTED, position: j, name: p.name })), scenario.horizonWeeks);
  }
  if (!document.body.dataset.firstChartMs) document.body.dataset.firstChartMs = String(Math.round(performance.now()));
}

function render(): void {
  const ready = state.ready;
  if (!ready) return;
  const week = state.rows.length;
  document.body.dataset.week = String(week);
  const last = state.rows[week - 1];
  $('status').textContent =
    `Week ${week} of ${ready.horizonWeeks}` + (last ? ` (week of ${last.date})` : ` (starts ${ready.startDate})`) + (state.summary !== null ? ': the run is over.' : '');
  for (const chart of CHARTS) {
    const svg = document.querySelector(`#chart-${chart.id} svg`) as SVGSVGElement;
    const series = ready.players.map((player, j) => ({
      values: state.rows.map((row) => VALUE[chart.id]!(row.players[j]!)),
      highlighted: state.highlighted.has(j),
      position: j,
      name: player.name,
    }));
    drawChart(svg, chart, series, ready.horizonWeeks);
  }
  paintTiles();
}

function buildLegend(): void {
  const box = $('legend');
  box.replaceChildren();
  const note = document.createElement('p');
  note.className = 'hint';
  note.textContent = `Coloured players are highlighted in every chart (at most ${MAX_HIGHLIGHTED}); press a name to switch it.`;
  box.append(note);
  state.ready!.players.forEach((player, j) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'legend-item';
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    const paint = () => {
      const on = state.highlighted.has(j);
      button.setAttribute('aria-pressed', String(on));
      swatch.style.background = on ? playerColor(j) : '#c4c4c4';
    };
    paint();
    button.append(swatch, document.createTextNode(player.name));
    button.addEventListener('click', () => {
      if (state.highlighted.has(j)) state.highlighted.delete(j);
      else if (state.highlighted.size < MAX_HIGHLIGHTED) state.highlighted.add(j);
      paint();
      render();
    });
    box.append(button);
  });
}

function buildTiles(): void {
  const box = $('tiles');
  box.replaceChildren();
  for (const province of state.ready!.provinces) {
    const tile = document.createElement('div');
    tile.className = 'tile';
    const name = document.createElement('strong');
    name.textContent = province.name;
    const leader = document.createElement('span');
    tile.append(name, leader);
    box.append(tile);
  }
}

/** Light text on dark tiles, dark text on light ones. */
function textOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? '#ffffff' : '#1f2328';
}

function paintTiles(): void {
  const players = state.ready!.players;
  [...$('tiles').children].forEach((tile, p) => {
    const j = state.leaders[p] ?? -1;
    const colour = j < 0 ? '#eef0f2' : state.highlighted.has(j) ? playerColor(j) : '#8c959f';
    (tile as HTMLElement).style.background = colour;
    (tile as HTMLElement).style.color = textOn(colour);
    tile.children[1]!.textContent = j < 0 ? 'no pickup points yet' : `led by ${players[j]!.name}`;
  });
}

function addToFeed(events: FeedEvent[]): void {
  const feed = $('feed');
  for (const e of events) {
    const item = document.createElement('li');
    const when = document.createElement('strong');
    when.textContent = `Week ${e.week}`;
    item.append(when, document.createTextNode(` (${e.date}): ${e.text}`));
    feed.prepend(item);
  }
  while (feed.children.length > 300) feed.lastElementChild!.remove();
}

// ----- wiring -----------------------------------------------------------------------------------

function wire(): void {
  $('play').addEventListener('click', () => {
    if (state.summary !== null) {
      // At the end, Play starts the same settings again from week 0.
      setPlaying(true);
      restart();
      return;
    }
    setPlaying(!state.playing);
    if (state.playing && !state.busy) scheduleNext();
  });
  $('step').addEventListener('click', () => {
    setPlaying(false);
    advance(1);
  });
  $('to-end').addEventListener('click', () => {
    setPlaying(false);
    advance(100_000);
  });
  $('reset').addEventListener('click', () => {
    setPlaying(false);
    restart();
  });
  $('reset-sliders').addEventListener('click', () => {
    state.settings.clear();
    buildSliders();
    restart();
  });
  const seed = $<HTMLInputElement>('seed');
  seed.addEventListener('change', () => {
    const value = Number(seed.value);
    if (!Number.isInteger(value) || value < 0) {
      seed.value = String(state.seed);
      return;
    }
    state.seed = value;
    restart();
  });
  const speed = $<HTMLSelectElement>('speed');
  for (const weeks of SPEEDS) {
    const option = document.createElement('option');
    option.value = String(weeks);
    option.textContent = weeks === 0 ? 'as fast as possible' : `${weeks} week${weeks === 1 ? '' : 's'} a second`;
    speed.append(option);
  }
  speed.value = String(state.speed);
  speed.addEventListener('change', () => (state.speed = Number(speed.value)));
  $('export-yaml').addEventListener('click', () => {
    if (state.ready) download(`${state.scenario.key}-explorer.yaml`, new Blob([state.ready.yaml], { type: 'application/yaml' }));
  });
  $('replicate').addEventListener('click', () => {
    const runs = Math.max(1, Math.min(10_000, Math.round(Number($<HTMLInputElement>('runs').value) || 100)));
    void runMany({ workerUrl, payload: payload(), runs, players: state.ready?.players ?? [] });
  });
  const runs = $<HTMLInputElement>('runs');
  runs.addEventListener('input', () => ($('replicate').textContent = `Run ${runs.value || 100} times`));
  window.addEventListener('hashchange', () => {
    readHash();
    showScenario();
    restart();
  });
}

buildScenarioPicker();
buildCharts();
wire();
readHash();
showScenario();
renderFrame();
restart();
