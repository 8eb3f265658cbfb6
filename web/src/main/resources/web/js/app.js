// The dashboard shell: hash routes, one live event stream (/api/events) for every page, the header summary.
import { getJson, loadPeerNames, num, steps, THROUGHPUT_NOTE } from './api.js';
import * as cluster from './cluster.js';
import * as searches from './searches.js';
import * as strategies from './strategies.js';
import * as strategy from './strategy.js';
import { progress, remember } from './live.js';

const PAGES = { cluster, searches, strategies, strategy };
/** Ledger events arrive in bursts (a search is many leases and checkpoints): one refresh per quiet spell. */
const REFRESH_DELAY_MS = 350;

let current = null;
let refreshTimer = null;

function route() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = path.split('/');
  const page = PAGES[name] ? name : 'cluster';
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active',
    a.dataset.page === page || (page === 'strategy' && a.dataset.page === 'strategies')));
  current?.dispose?.();
  const root = document.getElementById('page');
  root.innerHTML = '';
  root.dataset.page = page;
  delete root.dataset.ready; // each page sets it once its first answer is on screen
  current = PAGES[page].mount(root, rest.map(decodeURIComponent), new URLSearchParams(query || ''));
  window.scrollTo(0, 0);
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshSummary();
    current?.refresh?.();
  }, REFRESH_DELAY_MS);
}

async function refreshSummary() {
  try {
    const status = await getJson('/api/status');
    const w = status.work;
    document.getElementById('summary').innerHTML = `
      <span>peer <b>${status.self.name ?? status.self.id.slice(0, 8)}</b></span>
      <span>view <b>${status.peers.inView}</b>/<b>${status.peers.known}</b></span>
      <span>cores <b>${status.throughput.cores}</b></span>
      <span title="${THROUGHPUT_NOTE}">capacity <b>${steps(status.throughput.candleStepsPerSecond)}</b> candle-steps/s · <b>${num(status.throughput.backtestsPerSecond, 0)}</b> backtests/s</span>
      <span>running <b>${w.searches.RUNNING + w.searches.SUBMITTED}</b></span>
      <span>canonical <b>${w.strategies.CANONICAL}</b></span>
      <span>events <b>${num(status.ledger.events, 0)}</b></span>`;
  } catch (e) {
    document.getElementById('summary').textContent = `status unavailable: ${e.message}`;
  }
}

function connect() {
  const indicator = document.getElementById('live');
  const text = document.getElementById('live-text');
  const source = new EventSource('/api/events');
  source.onopen = () => {
    indicator.classList.add('on');
    text.textContent = 'live';
    document.body.dataset.live = 'true';
    current?.onEvent?.('stream_opened', {}); // events may have been missed while disconnected
    scheduleRefresh();
  };
  source.onerror = () => {
    indicator.classList.remove('on');
    text.textContent = 'reconnecting';
    document.body.dataset.live = 'false';
  };
  const ledgerTypes = ['peer_announced', 'dataset_published', 'search_submitted', 'lease_granted',
    'checkpoint_saved', 'strategy_reported', 'verification_reported', 'unit_failed', 'equivocation_proof'];
  for (const type of ledgerTypes) {
    source.addEventListener(type, e => {
      const data = JSON.parse(e.data);
      remember(type, data);
      if (type === 'peer_announced') {
        loadPeerNames().catch(() => {});
      }
      current?.onEvent?.(type, data);
      scheduleRefresh();
    });
  }
  source.addEventListener('unit_progress', e => {
    progress(JSON.parse(e.data));
    current?.onProgress?.();
  });
  source.addEventListener('view_changed', e => {
    const view = JSON.parse(e.data);
    remember('view_changed', view);
    current?.onEvent?.('view_changed', view);
    scheduleRefresh();
  });
}

window.addEventListener('hashchange', route);
loadPeerNames().catch(() => {}).finally(() => {
  cluster.rememberHistory();
  route();
  refreshSummary();
  connect();
});
