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

export function num(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '∞' : '−∞';
  }
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A signed figure coloured green (gain) or red (loss). */
export function signed(value, digits = 2, suffix = '') {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '<span class="muted">–</span>';
  }
  const cls = value > 0 ? 'up' : value < 0 ? 'down' : 'muted';
  const sign = value > 0 ? '+' : '';
  return `<span class="${cls}">${sign}${num(value, digits)}${suffix}</span>`;
}

export function pct(fraction, digits = 1) {
  return fraction === null || fraction === undefined ? '–' : `${num(fraction * 100, digits)}%`;
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

/** What a peer's backtests/s means: the figure depends on the candles, so say which ones (PeerRuntime.calibrate). */
export const THROUGHPUT_NOTE = 'measured by each peer at start: metrics-only backtests of random genomes over the'
  + ' in-sample range of the bundled BTC/USD 5-minute candles; larger datasets run proportionally fewer';
