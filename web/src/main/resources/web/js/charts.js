// uPlot (from its WebJar) with the dashboard's dark theme: time on x (unix seconds, UTC).
import uPlot from '/webjars/uplot/dist/uPlot.esm.js';

export const COLORS = { equity: '#4aa3ff', hold: '#8391a3', drawdown: '#ff5c5c', price: '#d7dee8', entry: '#26c281', exit: '#ff5c5c', band: '#2f6ea8' };
const GRID = { stroke: '#222b36', width: 1 };
const AXIS = { stroke: '#8391a3', grid: GRID, ticks: { stroke: '#2a3441' } };

function axes(valueFormat) {
  return [{ ...AXIS }, { ...AXIS, size: 70, values: (u, values) => values.map(valueFormat) }];
}

/** A y-axis label: short at any size (1.2M, 850, 2.5, 0.000001); the axis is 70 px wide. */
export function axisValue(v) {
  if (v === null || v === undefined) {
    return '';
  }
  return Math.abs(v) >= 1e5 ? v.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 2 })
    : v.toLocaleString('en-US', { maximumSignificantDigits: 6 });
}

/** Values spread this much (largest over smallest, all positive) are drawn on a log scale: growth stays readable. */
const LOG_FROM = 20;

/** Whether positive values span enough orders of magnitude for a log scale. */
export function wide(...arrays) {
  let min = Infinity;
  let max = -Infinity;
  for (const values of arrays) {
    for (const v of values) {
      if (v !== null && v !== undefined) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  }
  return min > 0 && max / min >= LOG_FROM;
}

/**
 * A line chart; {@code series} are uPlot series options after the x series; {@code log} draws y on a log scale.
 * {@code valueFormat} labels the y axis (keep it short: the axis is 70 px wide).
 */
export function lineChart(el, data, series, { height = 240, valueFormat = v => v.toLocaleString('en-US'), log = false } = {}) {
  const options = {
    width: Math.max(300, el.clientWidth - 8),
    height,
    tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: { x: { time: true }, y: log ? { distr: 3, log: 10 } : {} },
    axes: axes(valueFormat),
    cursor: { drag: { x: true, y: false } },
    series: [{}, ...series],
  };
  return new uPlot(options, data, el);
}

/** Tick steps of a trade-number axis: whole trades only. */
const TRADE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000];

/**
 * A Monte Carlo fan over trade numbers ({@code fan}: the API's parallel arrays trade, p5, median, p95, actual): the
 * 5–95 % band filled, its median, and the strategy's own path; log scale when the band spans {@link LOG_FROM}×.
 */
export function fanChart(el, fan, format, { height = 240 } = {}) {
  const log = wide(fan.p5, fan.p95, fan.actual);
  const line = (label, stroke, width, extra = {}) => ({ label, stroke, width, value: (u, v) => format(v), ...extra });
  const options = {
    width: Math.max(300, el.clientWidth - 8),
    height,
    scales: { x: { time: false }, y: log ? { distr: 3, log: 10 } : {} },
    axes: [{ ...AXIS, incrs: TRADE_STEPS }, axes(axisValue)[1]],
    series: [{ label: 'Trade' }, line('95 %', COLORS.band, 1), line('Median', COLORS.equity, 2), line('5 %', COLORS.band, 1),
      line('Strategy', COLORS.price, 1.5, { dash: [5, 4] })],
    bands: [{ series: [1, 3], fill: 'rgba(74,163,255,0.16)' }],
  };
  return { plot: new uPlot(options, [fan.trade, fan.p95, fan.median, fan.p5, fan.actual], el), log };
}

/** Series drawn as markers only (no line): trade entries and exits on the price chart; {@code format} labels a value. */
export function markers(label, color, format) {
  return { label, stroke: color, fill: color, width: 0, paths: () => null, points: { show: true, size: 9, width: 1 },
    value: (u, v) => format(v) };
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
