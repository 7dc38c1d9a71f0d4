/**
 * The explorer page: one self-contained HTML file that opens from disk with no network. It holds
 * the scenarios (data, sliders, lessons) as JSON, the model worker's bundle as text (started from
 * a blob: URL) and the interface script. A content-security policy forbids every network request
 * and eval; it allows inline scripts and styles, workers from blob: URLs and images from data:
 * and blob: URLs (PNG export). Text from scenarios reaches the page as JSON and is set as text.
 */
import { jsonForScript, scriptForInline } from '../escape.js';
import type { ExplorerScripts } from './bundle.js';
import type { ExplorerPageData } from './protocol.js';

export const EXPLORER_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; worker-src blob:; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; base-uri 'none'; form-action 'none'";

export function explorerHtml(data: ExplorerPageData, scripts: ExplorerScripts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${EXPLORER_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gbsim ${data.gbsimVersion}">
<title>gbsim explorer</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>gbsim explorer: the community group-buying market</h1>
<p>Pick a scenario, move the sliders, press Play. Every run happens in this page, offline; the same settings give the same results as <code>gbsim run</code>.</p>
</header>
<section id="controls" aria-label="Run controls">
<label for="scenario">Scenario</label><select id="scenario"></select>
<label for="seed">Seed</label><input id="seed" type="number" min="0" step="1">
<button id="play" type="button" aria-pressed="false">Play</button>
<button id="step" type="button">Step one week</button>
<button id="to-end" type="button">Run to the end</button>
<button id="reset" type="button">Reset to week 0</button>
<label for="speed">Speed</label><select id="speed"></select>
</section>
<div class="layout">
<aside>
<section id="lesson" aria-labelledby="lesson-heading">
<h2 id="lesson-heading">The lesson</h2>
<h3>What it demonstrates</h3>
<p id="demonstrates"></p>
<h3>What to look for</h3>
<p id="look-for"></p>
</section>
<section id="parameters" aria-labelledby="parameters-heading">
<h2 id="parameters-heading">Parameters</h2>
<p class="hint">Changing a value runs the market again from week 0.</p>
<div id="sliders"></div>
<button id="reset-sliders" type="button">Back to the scenario's values</button>
</section>
<section id="keep" aria-labelledby="keep-heading">
<h2 id="keep-heading">Share and keep</h2>
<p class="hint">The address of this page holds the scenario, seed and sliders: copy it to share the experiment.</p>
<button id="export-yaml" type="button">Save the scenario as YAML</button>
<p class="hint">Then <code>gbsim run FILE.yaml</code> gives the same result as the page.</p>
</section>
</aside>
<main>
<p id="status" aria-live="polite">Loading the model…</p>
<div id="problems" role="alert" hidden></div>
<div id="legend" role="group" aria-label="Highlighted players"></div>
<div id="charts"></div>
<section id="map" aria-labelledby="map-heading">
<h2 id="map-heading">Who leads each province (most pickup points)</h2>
<div id="tiles"></div>
</section>
<section id="events" aria-labelledby="events-heading">
<h2 id="events-heading">What happened (newest first)</h2>
<ol id="feed" aria-live="polite"></ol>
</section>
<section id="many" aria-labelledby="many-heading">
<h2 id="many-heading">Chance: run it many times</h2>
<p class="hint">One run is one possible history. Many runs with the same settings show how likely each player is to survive.</p>
<label for="runs">Runs</label><input id="runs" type="number" min="1" max="10000" step="1" value="100">
<button id="replicate" type="button">Run 100 times</button>
<p id="many-status" aria-live="polite"></p>
<table id="survival"></table>
</section>
<details id="summary-box">
<summary>Final summary (the summary.json of <code>gbsim run</code>)</summary>
<pre id="summary"></pre>
</details>
</main>
</div>
<script type="application/json" id="gbsim-explorer-data">${jsonForScript(data)}</script>
<script type="text/plain" id="gbsim-worker">${scriptForInline(scripts.worker)}</script>
<script>${scriptForInline(scripts.app)}</script>
</body>
</html>
`;
}

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #4d5560; --rule: #d8dee4; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 18px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
header { padding: 16px 24px 4px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 20px 0 8px; }
h3 { font-size: 18px; margin: 12px 0 4px; }
header p, .hint { color: var(--muted); margin: 4px 0 8px; }
code { font-size: 16px; }
#controls { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; padding: 10px 24px; background: #f6f8fa; border-bottom: 1px solid var(--rule); }
button, select, input { font: inherit; font-size: 17px; }
button { padding: 6px 14px; border: 1px solid #8c959f; border-radius: 6px; background: #fff; color: var(--ink); cursor: pointer; }
button[aria-pressed="true"] { background: var(--ink); color: #fff; }
button:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
#play { min-width: 6em; font-weight: 600; }
#seed, #runs { width: 7em; }
#controls label, #many label { margin-right: 4px; }
#runs { margin-right: 8px; }
#scenario { max-width: min(44ch, 90vw); }
.layout { display: grid; grid-template-columns: minmax(300px, 400px) 1fr; gap: 24px; padding: 0 24px 48px; }
@media (max-width: 1000px) { .layout { grid-template-columns: 1fr; } }
aside section { border-bottom: 1px solid var(--rule); padding-bottom: 12px; }
.slider { display: grid; grid-template-columns: 1fr 8.5em; gap: 2px 8px; margin: 10px 0 14px; }
.slider label { grid-column: 1 / -1; }
.slider input[type=range] { width: 100%; accent-color: var(--accent); }
.slider input[type=number], .slider input[type=date] { width: 100%; }
#status { font-size: 22px; font-weight: 600; margin: 16px 0 4px; }
#problems { background: #fff1e5; border: 1px solid #d55e00; padding: 8px 12px; border-radius: 6px; }
#legend { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 4px 0 8px; }
#legend .hint { width: 100%; margin: 0; }
.legend-item { display: inline-flex; align-items: center; gap: 6px; padding: 3px 10px; }
.legend-item[aria-pressed="true"] { background: #fff; color: var(--ink); border-width: 2px; }
.legend-item[aria-pressed="false"] { color: var(--muted); }
.swatch { display: inline-block; width: 22px; height: 6px; border-radius: 3px; }
#charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 8px 20px; }
figure.chart { margin: 0; }
figure.chart figcaption { font-weight: 600; }
figure.chart svg { width: 100%; height: auto; display: block; }
.chart-tools button { font-size: 16px; padding: 2px 10px; margin-right: 6px; }
#tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 6px; }
.tile { border-radius: 6px; padding: 8px 10px; min-height: 64px; display: flex; flex-direction: column; }
.tile span { font-size: 16px; }
#feed { max-height: 360px; overflow-y: auto; padding-left: 1.2em; margin: 0; }
#feed li { margin: 2px 0; }
#survival { border-collapse: collapse; }
#survival th, #survival td { text-align: left; padding: 4px 14px 4px 0; border-bottom: 1px solid #eaeef2; }
#summary { font-size: 14px; max-height: 400px; overflow: auto; background: #f6f8fa; padding: 8px; }
`;
