/**
 * The explorer's line charts, drawn as plain SVG and redrawn each week: one line per player over
 * the weeks so far, the highlighted players (at most five) in the reports' colour-blind palette
 * and the rest in grey beneath them. Also saves a chart as an SVG or PNG file.
 */
import { playerColor } from '../../charts/palette.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 600;
const HEIGHT = 300;
const MARGIN = { left: 84, right: 16, top: 14, bottom: 46 };
export const GREY = '#c4c4c4';

export interface ChartSeries {
  /** One value per week so far (week 1 first). */
  values: number[];
  highlighted: boolean;
  /** Position of the player in its scenario (its colour). */
  position: number;
  name: string;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** How a value on the y axis reads. */
  format: (value: number) => string;
  /** Fixed top of the y axis (e.g. 1 for shares); otherwise from the data. */
  yMax?: number;
}

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/** About five round tick values covering [low, high]. */
export function niceTicks(low: number, high: number): number[] {
  const span = high - low || Math.abs(high) || 1;
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.floor(low / step) * step; t <= high + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  if (ticks[ticks.length - 1]! < high) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/** Draws (replaces) the chart in `svg`: axes over the whole horizon, one path per player. */
export function drawChart(svg: SVGSVGElement, spec: ChartSpec, series: ChartSeries[], horizonWeeks: number): void {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('role', 'img');
  const all = series.flatMap((s) => s.values);
  const low = Math.min(0, ...all);
  const high = spec.yMax ?? Math.max(1e-9, ...all);
  const ticks = niceTicks(low, high);
  const y0 = ticks[0]!;
  const y1 = ticks[ticks.length - 1]!;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (week: number) => MARGIN.left + (plotW * week) / Math.max(1, horizonWeeks);
  const y = (value: number) => MARGIN.top + plotH * (1 - (value - y0) / (y1 - y0 || 1));
  svg.append(svgElement('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, fill: '#ffffff' }));
  for (const tick of ticks) {
    svg.append(svgElement('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(tick), y2: y(tick), stroke: tick === 0 ? '#8c959f' : '#e6e9ed', 'stroke-width': 1 }));
    const label = svgElement('text', { x: MARGIN.left - 8, y: y(tick) + 5, 'text-anchor': 'end', 'font-size': 17, fill: '#424a53' });
    label.textContent = spec.format(tick);
    svg.append(label);
  }
  const weekStep = horizonWeeks > 156 ? 52 : horizonWeeks > 60 ? 26 : 13;
  for (let week = 0; week <= horizonWeeks; week += weekStep) {
    const label = svgElement('text', { x: x(week), y: HEIGHT - MARGIN.bottom + 24, 'text-anchor': 'middle', 'font-size': 17, fill: '#424a53' });
    label.textContent = String(week);
    svg.append(label);
  }
  const axis = svgElement('text', { x: MARGIN.left + plotW / 2, y: HEIGHT - 4, 'text-anchor': 'middle', 'font-size': 17, fill: '#424a53' });
  axis.textContent = 'week';
  svg.append(axis);
  const ordered = [...series.filter((s) => !s.highlighted), ...series.filter((s) => s.highlighted)];
  for (const s of ordered) {
    if (s.values.length === 0) continue;
    const d = s.values.map((value, i) => `${i === 0 ? 'M' : 'L'}${x(i + 1).toFixed(1)},${y(value).toFixed(1)}`).join('');
    const path = svgElement('path', {
      d,
      class: 'series',
      fill: 'none',
      stroke: s.highlighted ? playerColor(s.position) : GREY,
      'stroke-width': s.highlighted ? 3 : 1.5,
      'stroke-linejoin': 'round',
    });
    const title = svgElement('title', {});
    title.textContent = `${s.name}: ${spec.format(s.values[s.values.length - 1]!)} in week ${s.values.length}`;
    path.append(title);
    svg.append(path);
  }
  svg.setAttribute('data-weeks', String(Math.max(0, ...series.map((s) => s.values.length))));
}

/** The chart as a standalone SVG document. */
export function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(WIDTH));
  copy.setAttribute('height', String(HEIGHT));
  copy.setAttribute('font-family', 'DejaVu Sans, Arial, sans-serif');
  return new XMLSerializer().serializeToString(copy);
}

/** Offers `blob` as a download named `name`. */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The chart as a PNG at twice its size (drawn from its SVG through an image and a canvas). */
export function savePng(svg: SVGSVGElement, name: string): void {
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = WIDTH * 2;
    canvas.height = HEIGHT * 2;
    const context = canvas.getContext('2d')!;
    context.scale(2, 2);
    context.drawImage(image, 0, 0);
    canvas.toBlob((blob) => {
      if (blob) download(name, blob);
    }, 'image/png');
  };
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
}
