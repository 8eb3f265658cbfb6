// Strategies: the top canonical strategies, best first, in-sample and out-of-sample side by side.
import { esc, getJson, num, pct, peerChip, signed, strategyLink } from './api.js';

/** Metric columns: label, field, cell renderer. Each shows the in-sample and the out-of-sample value. */
const METRICS = [
  ['Net PnL', m => signed(m.netPnl, 2)],
  ['Return', m => signed(m.returnPct, 2, '%')],
  ['Trades', m => `${m.trades}`],
  ['Win rate', m => pct(m.winRate)],
  ['Sharpe', m => signed(m.sharpe, 2)],
  ['Sortino', m => signed(m.sortino, 2)],
  ['Max DD', m => `<span class="down">${num(m.maxDrawdownPct, 1)}%</span>`],
  ['Profit f.', m => num(m.profitFactor, 2)],
];
const LIMIT = 50;

export function mount(root, _path, query) {
  const search = query.get('search') || '';
  const status = query.get('status') || 'canonical';
  root.innerHTML = `
    <h1>Strategies <span class="sub">best first: total net PnL, in-sample + out-of-sample</span></h1>
    <div style="display:flex; gap:10px; align-items:center; margin-bottom:10px">
      <select id="status-filter" class="filter">${['canonical', 'pending', 'disputed', 'invalid', 'all']
        .map(s => `<option ${s === status ? 'selected' : ''}>${s}</option>`).join('')}</select>
      ${search ? `<span>search <b class="mono">${esc(search)}</b> · <a href="#/strategies">all searches</a></span>` : ''}
    </div>
    <div class="panel"><table id="strategies"><thead>
      <tr><th rowspan="2" class="n">#</th><th rowspan="2">Strategy</th><th rowspan="2">Status</th><th rowspan="2">Search</th>
        <th rowspan="2">Rules</th>${METRICS.map(([label]) => `<th colspan="2" class="grp">${label}</th>`).join('')}
        <th rowspan="2" title="peers whose digest equals the reported one">Supporters</th></tr>
      <tr>${METRICS.map(() => '<th class="n grp">IS</th><th class="n">OOS</th>').join('')}</tr>
    </thead><tbody></tbody></table></div>`;
  root.querySelector('#status-filter').addEventListener('change', e => {
    const params = new URLSearchParams({ status: e.target.value });
    if (search) {
      params.set('search', search);
    }
    location.hash = `#/strategies?${params}`;
  });
  const page = { refresh: () => load(root, search, status) };
  page.refresh();
  return page;
}

async function load(root, search, status) {
  const body = root.querySelector('#strategies tbody');
  let strategies;
  try {
    const params = new URLSearchParams({ status, limit: String(LIMIT) });
    if (search) {
      params.set('search', search);
    }
    ({ strategies } = await getJson(`/api/strategies?${params}`));
  } catch (e) {
    body.innerHTML = `<tr><td colspan="22" class="empty">${esc(e.message)}</td></tr>`;
    return;
  }
  body.innerHTML = strategies.map((s, i) => `<tr data-strategy="${esc(s.id)}">
      <td class="n muted">${i + 1}</td><td>${strategyLink(s.id)}</td>
      <td><span class="badge ${esc(s.status)}">${esc(s.status.toLowerCase())}</span></td>
      <td><a class="mono" href="#/strategies?search=${encodeURIComponent(s.searchId)}">${esc(s.searchId)}</a><span class="muted">/${s.unit}</span></td>
      <td class="rules"><div title="${esc(s.rules)}">${esc(s.rules)}</div></td>
      ${METRICS.map(([, cell]) => `<td class="n l">${cell(s.inSample)}</td><td class="n">${cell(s.outOfSample)}</td>`).join('')}
      <td>${s.supportingPeers.map(peerChip).join('')}</td></tr>`).join('')
    || `<tr><td colspan="22" class="empty">no ${esc(status)} strategy yet</td></tr>`;
  root.dataset.ready = 'true';
}
