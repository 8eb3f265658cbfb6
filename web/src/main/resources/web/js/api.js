// The JSON API (web/README.md) and the formatting every page shares.

/** GET a JSON route; rejects with the server's {"error": …} message. */
export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || `${response.status} ${response.statusText}`);
  }
  return body;
}

/** POST JSON; {@code token} (may be empty) goes in the Authorization header. */
export async function postJson(path, payload, token) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(payload) });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || `${response.status} ${response.statusText}`);
  }
  return body;
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for innerHTML. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ESCAPES[c]);
}

const EN = 'en-US';
/** Beyond this a figure is written with k/M/B/T (tables) or a power of ten (everywhere): it still fits its cell. */
const HUGE = 1e9;
const COMPACT_FROM = 1e5;
const EXPONENT_FROM = 1e15;

function missing(value) {
  return value === null || value === undefined || Number.isNaN(value);
}

/** Every digit a figure has (up to 10 decimals), for the hover text of a rounded or abbreviated one. */
export function exact(value) {
  return missing(value) ? '' : value.toLocaleString(EN, { maximumFractionDigits: 10 });
}

/**
 * A figure that fits its cell at any size: {@code digits} decimals in the usual range; significant digits where
 * those decimals would show 0 (0.0000012); above a billion, or above 100,000 when {@code compact}, k/M/B/T; above
 * 10^15 a power of ten. The exact figure is {@link exact}.
 */
export function num(value, digits = 2, compact = false) {
  if (missing(value)) {
    return '–';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '∞' : '−∞';
  }
  const size = Math.abs(value);
  if (size !== 0 && size < 0.5 * 10 ** -digits) {
    return size < 1e-6 ? value.toExponential(1) : value.toLocaleString(EN, { maximumSignificantDigits: 2 });
  }
  if (size >= EXPONENT_FROM) {
    return value.toExponential(2).replace('e+', 'e');
  }
  if (size >= HUGE || (compact && size >= COMPACT_FROM)) {
    return value.toLocaleString(EN, { notation: 'compact', maximumFractionDigits: 2 });
  }
  return value.toLocaleString(EN, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A price or a quantity: 2 decimals from 1 up, 4 significant digits below (coins that trade at $0.0008). */
export function price(value, compact = false) {
  if (!missing(value) && Number.isFinite(value) && value !== 0 && Math.abs(value) < 1) {
    return value.toLocaleString(EN, { maximumSignificantDigits: 4 });
  }
  return num(value, 2, compact);
}

/** {@link num} in a span whose hover text is the exact figure when the shown one is rounded away from it. */
export function figure(value, digits = 2, compact = false, suffix = '', cls = '') {
  const text = num(value, digits, compact);
  const full = exact(value);
  const title = full && full !== text ? ` title="${esc(full)}${esc(suffix)}"` : '';
  return `<span class="${cls}"${title}>${text}${suffix}</span>`;
}

/** A figure that is not defined, with why on hover. */
export function na(reason) {
  return `<span class="na" title="${esc(reason)}">n/a</span>`;
}

/**
 * A signed figure coloured green (gain) or red (loss); {@code undefinedWhy} is shown on hover of "n/a" when the
 * figure is null.
 */
export function signed(value, digits = 2, suffix = '', compact = false, undefinedWhy = 'not defined') {
  if (missing(value)) {
    return na(undefinedWhy);
  }
  const cls = value > 0 ? 'up' : value < 0 ? 'down' : 'muted';
  const sign = value > 0 ? '+' : '';
  const text = `${sign}${num(value, digits, compact)}${suffix}`;
  const full = `${sign}${exact(value)}${suffix}`;
  return `<span class="${cls}"${full !== text ? ` title="${esc(full)}"` : ''}>${text}</span>`;
}

export function pct(fraction, digits = 1) {
  return missing(fraction) ? '–' : `${num(fraction * 100, digits)}%`;
}

/** Daily returns a range needs before CAGR, Sharpe, Sortino, skewness and kurtosis mean anything (backtest's Metrics.MIN_DAYS). */
export const MIN_DAYS = 30;

/** Why a daily statistic of a range is null (web/README.md, metrics objects). */
export function undefinedWhy(metrics, range) {
  return metrics.days < MIN_DAYS
    ? `${range} has ${metrics.days} daily return${metrics.days === 1 ? '' : 's'}; this figure needs ${MIN_DAYS}`
    : `${range}: the daily returns do not vary`;
}

/** A dataset as people know it: name, symbol, timeframe; the id on hover. */
export function datasetLabel(dataset) {
  if (!dataset || !dataset.name) {
    return `<span class="mono" title="${esc(dataset?.id)}">${esc(short(dataset?.id))}</span>`;
  }
  return `<span title="dataset ${esc(dataset.id)}">${esc(dataset.name)}</span>`
    + ` <span class="muted">${esc(dataset.symbol)} · ${esc(dataset.timeframe)}</span>`;
}

/** A short hex id: the first 8 digits. */
export function short(hex) {
  return hex ? String(hex).slice(0, 8) : '–';
}

/** Unix seconds as "2024-03-01 14:05" (UTC). */
export function utc(seconds) {
  return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Milliseconds as "12 s", "4 min", "2 h 05". */
export function duration(millis) {
  if (millis === null || millis === undefined || !Number.isFinite(millis)) {
    return '–';
  }
  const s = Math.max(0, Math.round(millis / 1000));
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')}`;
  }
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
}

/** Peer ids to names, from GET /api/peers; refreshed by the app when a peer announces itself. */
export const peerNames = new Map();

export function peerName(id) {
  return peerNames.get(id) || short(id);
}

export async function loadPeerNames() {
  const { peers } = await getJson('/api/peers');
  peerNames.clear();
  for (const peer of peers) {
    peerNames.set(peer.id, peer.name);
  }
  return peers;
}

/** A peer as a chip with its name; the id on hover. */
export function peerChip(id) {
  return `<span class="chip" title="${esc(id)}">${esc(peerName(id))}</span>`;
}

export function strategyLink(id) {
  return `<a class="mono" href="#/strategy/${encodeURIComponent(id)}">${esc(short(id.split('-')[0]))}-${esc(id.split('-')[1])}</a>`;
}

/** What a peer's capacity means (consensus CapacityEstimate, web/README.md "GET /api/peers"). */
export const THROUGHPUT_NOTE = 'measured by each peer on the work it runs (time-weighted mean over its finished'
  + ' generations; the start-up probe only until the first ones) in candle-steps per second: backtests × candles'
  + ' backtested, which does not depend on the dataset; backtests/s is that over the candles of the current work';

/** Candle-steps per second, short: 275 k, 1.50 M, 2.10 G. */
export function steps(perSecond) {
  if (perSecond >= 1e9) return `${(perSecond / 1e9).toFixed(2)} G`;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(0)} k`;
  return (perSecond ?? 0).toFixed(0);
}
