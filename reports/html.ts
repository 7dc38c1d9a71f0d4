/**
 * The report page: one self-contained HTML file that opens offline. The charts arrive compiled to
 * vega (no vega-lite in the page) in a JSON block; the vega runtime is inlined; a small script
 * draws each chart into its figure as SVG, with a tooltip and clickable legends. A content
 * security policy forbids every network request. Text from scenarios is escaped (escape.ts).
 */
import type { Spec as VegaSpec } from 'vega';
import { escapeHtml, jsonForScript, scriptForInline } from './escape.js';
import type { Highlight } from './summary/index.js';

export interface ReportPage {
  /** The page's heading, e.g. `china-2020: one run`. */
  title: string;
  /** One line under the heading: what was run, how often, over which dates. */
  subtitle: string;
  /** Key figures shown large above the summary. */
  highlights: Highlight[];
  /** The opening summary: paragraphs of plain text. */
  summary: string[];
  charts: Array<{ name: string; spec: VegaSpec }>;
  /** One block per scenario; `html` is already escaped markup (parameters-html.ts). */
  parameters: Array<{ heading: string; html: string }>;
  /** Label–value pairs: versions, seed, scenario hash, when the results were made. */
  provenance: Array<[string, string]>;
}

const CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'";

/** The whole page; `vegaRuntime` is the text of vega.min.js. */
export function reportHtml(page: ReportPage, vegaRuntime: string): string {
  const figures = page.charts
    .map((chart) => `<figure class="chart" id="chart-${escapeHtml(chart.name)}"><div class="view" data-chart="${escapeHtml(chart.name)}"></div></figure>`)
    .join('\n');
  const charts = page.charts.map((chart) => ({ name: chart.name, spec: chart.spec }));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gbsim">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(page.title)}</h1>
<p class="subtitle">${escapeHtml(page.subtitle)}</p>
</header>
<section id="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<dl class="highlights">${page.highlights.map(highlightHtml).join('')}</dl>
${page.summary.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
</section>
<section id="charts" aria-labelledby="charts-heading">
<h2 id="charts-heading">Charts</h2>
<p class="hint">Hover over a mark for its values; click a legend entry to pick it out (shift-click for several, double-click empty space to reset).</p>
<noscript><p class="warning">The charts need JavaScript. <code>gbsim report DIR --svg --png</code> writes them as files too.</p></noscript>
${figures}
</section>
<section id="parameters" aria-labelledby="parameters-heading">
<h2 id="parameters-heading">Scenario parameters</h2>
${page.parameters.map((block) => `<h3>${escapeHtml(block.heading)}</h3>\n${block.html}`).join('\n')}
</section>
<section id="provenance" aria-labelledby="provenance-heading">
<h2 id="provenance-heading">Provenance</h2>
<dl>${page.provenance.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
</section>
</main>
<div id="gbsim-tooltip" role="tooltip" hidden></div>
<script type="application/json" id="gbsim-charts">${jsonForScript(charts)}</script>
<script>${scriptForInline(vegaRuntime)}</script>
<script>${DRAW_SCRIPT}</script>
</body>
</html>
`;
}

function highlightHtml(h: Highlight): string {
  return `<div><dt>${escapeHtml(h.label)}</dt><dd class="value">${escapeHtml(h.value)}</dd><dd class="note">${escapeHtml(h.note)}</dd></div>`;
}

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --rule: #d8dee4; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 64px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 16px; margin: 24px 0 8px; }
.subtitle, .hint { color: var(--muted); margin: 0 0 8px; }
.hint { font-size: 14px; }
#summary p { max-width: 80ch; }
dl.highlights { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin: 16px 0 20px; }
dl.highlights div { border: 1px solid var(--rule); border-radius: 8px; padding: 10px 14px; }
dl.highlights dt { font-size: 13px; color: var(--muted); }
dl.highlights dd { margin: 0; }
dl.highlights .value { font-size: 24px; font-weight: 600; line-height: 1.3; }
dl.highlights .note { font-size: 13px; color: var(--muted); }
figure.chart { margin: 20px 0 36px; overflow-x: auto; }
figure.chart .view { min-height: 60px; }
.warning { background: #fff8c5; padding: 8px 12px; border-radius: 6px; }
.table-wrap { overflow-x: auto; margin: 8px 0 16px; }
table.params { border-collapse: collapse; font-size: 13px; }
table.params caption { text-align: left; font-weight: 600; padding: 4px 0; }
table.params th, table.params td { border-bottom: 1px solid #eaeef2; padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
table.params th[scope=row] { font-weight: normal; color: var(--muted); white-space: nowrap; }
table.params thead th { font-weight: 600; border-bottom: 1px solid var(--rule); }
details { margin: 6px 0; }
summary { cursor: pointer; color: #0969da; }
#provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; font-size: 14px; }
#provenance dt { color: var(--muted); }
#provenance dd { margin: 0; word-break: break-all; }
#gbsim-tooltip { position: fixed; z-index: 10; pointer-events: none; max-width: 420px; background: rgba(255,255,255,0.97);
  border: 1px solid #c9d1d9; border-radius: 6px; box-shadow: 0 2px 8px rgba(0,0,0,0.15); padding: 6px 10px; font-size: 12px; }
#gbsim-tooltip table { border-collapse: collapse; }
#gbsim-tooltip th { text-align: left; color: var(--muted); font-weight: normal; padding: 1px 10px 1px 0; vertical-align: top; white-space: nowrap; }
#gbsim-tooltip td { padding: 1px 0; }
@media print { figure.chart { break-inside: avoid; } details { display: block; } }
`;

/** Draws every chart (vega View, SVG renderer) and shows tooltips; strings are set as text, never markup. */
const DRAW_SCRIPT = `
(function () {
  'use strict';
  var tip = document.getElementById('gbsim-tooltip');
  function showTooltip(handler, event, item, value) {
    if (value === null || value === undefined || value === '') { tip.hidden = true; return; }
    tip.textContent = '';
    if (typeof value === 'object') {
      var table = document.createElement('table');
      Object.keys(value).forEach(function (key) {
        var row = table.insertRow();
        var th = document.createElement('th');
        th.textContent = key;
        row.appendChild(th);
        row.insertCell().textContent = String(value[key]);
      });
      tip.appendChild(table);
    } else {
      tip.textContent = String(value);
    }
    tip.hidden = false;
    var x = event.clientX + 14, y = event.clientY + 14;
    var box = tip.getBoundingClientRect();
    if (x + box.width > window.innerWidth - 8) x = Math.max(8, event.clientX - box.width - 14);
    if (y + box.height > window.innerHeight - 8) y = Math.max(8, event.clientY - box.height - 14);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }
  var charts = JSON.parse(document.getElementById('gbsim-charts').textContent);
  charts.forEach(function (chart) {
    var figure = document.getElementById('chart-' + chart.name);
    var container = figure.querySelector('.view');
    try {
      var view = new vega.View(vega.parse(chart.spec), { renderer: 'svg', container: container, hover: true, tooltip: showTooltip });
      view.runAsync().then(function () {
        figure.setAttribute('data-rendered', 'true');
      }, function (error) {
        container.textContent = 'This chart could not be drawn: ' + error.message;
        console.error('chart ' + chart.name + ': ' + error.message);
      });
    } catch (error) {
      container.textContent = 'This chart could not be drawn: ' + error.message;
      console.error('chart ' + chart.name + ': ' + error.message);
    }
  });
})();
`;
