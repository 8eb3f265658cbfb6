// uPlot (from its WebJar) with the dashboard's dark theme: time on x (unix seconds, UTC).
import uPlot from '/webjars/uplot/dist/uPlot.esm.js';

export const COLORS = { equity: '#4aa3ff', hold: '#8391a3', drawdown: '#ff5c5c', price: '#d7dee8', entry: '#26c281', exit: '#ff5c5c' };
const GRID = { stroke: '#222b36', width: 1 };
const AXIS = { stroke: '#8391a3', grid: GRID, ticks: { stroke: '#2a3441' } };

function axes(valueFormat) {
  return [{ ...AXIS }, { ...AXIS, size: 70, values: (u, values) => values.map(valueFormat) }];
}

/** A line chart; {@code series} are uPlot series options after the x series. */
export function lineChart(el, data, series, { height = 240, valueFormat = v => v.toLocaleString('en-US') } = {}) {
  const options = {
    width: Math.max(300, el.clientWidth - 8),
    height,
    tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: { x: { time: true } },
    axes: axes(valueFormat),
    cursor: { drag: { x: true, y: false } },
    series: [{}, ...series],
  };
  return new uPlot(options, data, el);
}

/** Series drawn as markers only (no line): trade entries and exits on the price chart. */
export function markers(label, color) {
  return { label, stroke: color, fill: color, width: 0, paths: () => null, points: { show: true, size: 9, width: 1 } };
}

/** Aligns several [x, ...ys] tables on the union of their x values (nulls where a table has no point). */
export function join(tables) {
  return uPlot.join(tables);
}

/** Keeps every chart of a page as wide as its container. */
export function fitWidth(plots, containers) {
  const resize = () => plots.forEach((p, i) => p.setSize({ width: Math.max(300, containers[i].clientWidth - 8), height: p.height }));
  window.addEventListener('resize', resize);
  return () => window.removeEventListener('resize', resize);
}
