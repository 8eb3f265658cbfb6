// Strategies: best first by the deflated Sharpe ratio on in-sample data (the API's order), next to buy-and-hold and
// the holdout; every column sorts, filters by status, search and dataset; the rules sentence under each row.
import { datasetLabel, esc, figure, getJson, na, num, peerName, short, signed, strategyLink, undefinedWhy } from './api.js';
import { sortablePagedTable } from './table.js';

/** The API's largest page: sorting and the dataset filter work on these (the best by DSR when there are more). */
const FETCH_LIMIT = 1000;
const PAGE_SIZE = 50;
/** Events after which the list may differ (a reconnected stream may have missed any of them). */
const CHANGES = new Set(['strategy_reported', 'verification_reported', 'search_submitted', 'peer_announced',
  'dataset_published', 'stream_opened']);
const STATUSES = ['canonical', 'pending', 'disputed', 'invalid', 'superseded', 'all'];
const SIGNIFICANCE = 'Significance (in-sample)';
const IN_SAMPLE = 'In-sample: what the search saw';
const HOLDOUT = 'Holdout: never used to rank';

/** A column of a figure: sorts by {@code get}, shows it with {@code show}; {@code more} adds title, holdout, first. */
const figureColumn = (key, label, group, get, show, more = {}) =>
  ({ key, label, group, numeric: true, value: get, cell: s => show(get(s), s), ...more });
const probability = (value, s) => value === null ? na(s.significance.undefined || 'not defined')
  : figure(value, 3, false, '', value >= 0.95 ? 'up' : 'muted');
const percent = value => signed(value, 2, '%', true);
const drawdown = value => `<span class="down">${num(value, 1)}%</span>`;
const sharpe = range => (value, s) => signed(value, 2, '', true, undefinedWhy(s[range], range === 'inSample' ? 'the in-sample range' : 'the holdout'));
/** Holdout columns sort only when clicked: the default order never reads them. */
const HOLDOUT_COLUMN = { holdout: true };

/** Each column: how it sorts (value) and how it shows (cell); cells of null figures say why on hover. */
const COLUMNS = [
  { key: 'rank', label: '#', numeric: true, first: 'asc', title: 'the default order: deflated Sharpe ratio on in-sample data' },
  { key: 'strategy', label: 'Strategy', value: s => s.id },
  { key: 'dataset', label: 'Dataset', value: s => `${s.dataset.name ?? s.dataset.id} ${s.dataset.symbol ?? ''} ${s.dataset.timeframe ?? ''}` },
  figureColumn('dsr', 'DSR', SIGNIFICANCE, s => s.significance.deflatedSharpe, probability, { title: 'deflated Sharpe'
    + ' ratio: probability that the in-sample Sharpe beats the best that the search\'s trials would reach by luck' }),
  figureColumn('psr', 'PSR', SIGNIFICANCE, s => s.significance.probabilisticSharpe, probability, { title: 'probabilistic'
    + ' Sharpe ratio: probability that the in-sample Sharpe is above 0, as if this were the only strategy tried' }),
  figureColumn('isSharpe', 'Sharpe', IN_SAMPLE, s => s.inSample.sharpe, sharpe('inSample'), { title: 'from daily returns × √365' }),
  figureColumn('isReturn', 'Return', IN_SAMPLE, s => s.inSample.returnPct, percent),
  figureColumn('isHold', 'Buy & hold', IN_SAMPLE, s => s.buyAndHold.inSample.returnPct, percent,
    { title: 'holding the asset over the same candles' }),
  figureColumn('isExcess', 'Excess', IN_SAMPLE, s => s.excessReturnPct.inSample, percent, { title: 'return − buy-and-hold return' }),
  figureColumn('isTrades', 'Trades', IN_SAMPLE, s => s.inSample.trades, value => num(value, 0, true)),
  figureColumn('isDrawdown', 'Max DD', IN_SAMPLE, s => s.inSample.maxDrawdownPct, drawdown, { first: 'asc' }),
  figureColumn('oosReturn', 'Return', HOLDOUT, s => s.outOfSample.returnPct, percent, HOLDOUT_COLUMN),
  figureColumn('oosHold', 'Buy & hold', HOLDOUT, s => s.buyAndHold.outOfSample.returnPct, percent, HOLDOUT_COLUMN),
  figureColumn('oosSharpe', 'Sharpe', HOLDOUT, s => s.outOfSample.sharpe, sharpe('outOfSample'), HOLDOUT_COLUMN),
  figureColumn('oosDrawdown', 'Max DD', HOLDOUT, s => s.outOfSample.maxDrawdownPct, drawdown, { ...HOLDOUT_COLUMN, first: 'asc' }),
  figureColumn('peers', 'Peers', undefined, s => s.supportingPeers.length,
    (count, s) => `<span title="${esc(s.supportingPeers.map(peerName).join(', '))}">${count}</span>`,
    { title: 'peers whose digest equals the reported one' }),
];

export function mount(root, _path, query) {
  const filter = { status: query.get('status') || 'canonical', search: query.get('search') || '', dataset: query.get('dataset') || '' };
  root.innerHTML = `
    <h1>Strategies <span class="sub">best first: deflated Sharpe ratio on in-sample data · click a header to sort</span></h1>
    <div class="filters">
      <label>Status <select id="status-filter" class="filter">${STATUSES
        .map(s => `<option ${s === filter.status ? 'selected' : ''}>${s}</option>`).join('')}</select></label>
      <label>Search <select id="search-filter" class="filter"><option value="">all searches</option></select></label>
      <label>Dataset <select id="dataset-filter" class="filter"><option value="">all datasets</option></select></label>
      <span class="muted" id="strategy-count"></span>
      <span class="msg" id="sort-note"></span>
    </div>
    <div class="panel" id="strategies-panel"><table id="strategies" class="strategies"></table></div>
    <div class="pager" id="strategies-pager" hidden></div>`;
  for (const name of ['status', 'search', 'dataset']) {
    root.querySelector(`#${name}-filter`).addEventListener('change', e => {
      filter[name] = e.target.value;
      const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
      location.hash = `#/strategies?${params}`;
    });
  }
  const note = root.querySelector('#sort-note');
  const table = sortablePagedTable(root.querySelector('#strategies'), root.querySelector('#strategies-pager'), COLUMNS, {
    pageSize: PAGE_SIZE,
    rankKey: 'rank',
    empty: `no ${esc(filter.status)} strategy${filter.search || filter.dataset ? ' here' : ' yet'}`,
    rowsHtml: row,
    onSort: sort => {
      const column = COLUMNS.find(c => c.key === sort?.key);
      note.textContent = column?.holdout
        ? 'sorted by a holdout figure, as you asked: the default order never reads the holdout' : '';
    },
  });
  // up to FETCH_LIMIT strategies a read: read again only after an event that can change them, not after every
  // lease and checkpoint of a running search
  let stale = true;
  const page = {
    onEvent: type => {
      stale ||= CHANGES.has(type);
    },
    refresh: () => {
      if (stale) {
        stale = false;
        load(root, filter, table);
      }
    },
  };
  page.refresh();
  return page;
}

/** The figure columns (after rank, strategy and dataset); the first of each group gets a rule on its left. */
const FIGURES = COLUMNS.slice(3).map((c, i, all) => ({ ...c, cls: `n${c.holdout ? ' holdout' : ''}${i === 0 || all[i - 1].group !== c.group ? ' l' : ''}` }));

function row(s, rank) {
  const cells = FIGURES.map(c => `<td class="${c.cls}">${c.cell(s)}</td>`);
  return `<tbody class="item">
    <tr data-strategy="${esc(s.id)}">
      <td class="n muted">${rank}</td>
      <td>${strategyLink(s.id)} <span class="badge ${esc(s.status)}">${esc(s.status.toLowerCase())}</span>
        <div class="muted small"><a class="mono" href="#/strategies?search=${encodeURIComponent(s.searchId)}">${esc(s.searchId)}</a>/${s.unit}</div></td>
      <td class="dataset">${datasetLabel(s.dataset)}</td>
      ${cells.join('')}
    </tr>
    <tr class="rules-row"><td></td><td colspan="${COLUMNS.length - 1}"><span class="rules">${esc(s.rules)}</span>
      <span class="muted small">· ${esc(s.objective)} · ${esc(s.risk.toLowerCase())} risk · ${num(s.significance.trials, 0)} trials · reported by ${esc(peerName(s.reporter))}</span></td></tr>
  </tbody>`;
}

async function load(root, filter, table) {
  let strategies, total, searches;
  try {
    const params = new URLSearchParams({ status: filter.status, limit: String(FETCH_LIMIT) });
    if (filter.search) {
      params.set('search', filter.search);
    }
    [{ strategies, total }, { searches }] = await Promise.all([getJson(`/api/strategies?${params}`), getJson('/api/searches')]);
  } catch (e) {
    root.querySelector('#strategy-count').innerHTML = `<span class="down">${esc(e.message)}</span>`;
    table.render([]);
    root.dataset.ready = 'true';
    return;
  }
  filterOptions(root, filter, strategies, searches);
  // the API has no dataset filter: it applies to the strategies fetched (all of them up to FETCH_LIMIT)
  const shown = filter.dataset ? strategies.filter(s => s.dataset.id === filter.dataset) : strategies;
  const cut = total > strategies.length ? ` (the best ${num(strategies.length, 0)} by DSR of ${num(total, 0)})` : '';
  root.querySelector('#strategy-count').textContent = `${num(shown.length, 0)} strateg${shown.length === 1 ? 'y' : 'ies'}${cut}`;
  table.render(shown);
  root.dataset.ready = 'true';
}

/** The search and dataset choices: every search, every dataset of the strategies listed (and the chosen ones). */
function filterOptions(root, filter, strategies, searches) {
  const searchSelect = root.querySelector('#search-filter');
  const searchIds = new Set(searches.map(s => s.id));
  const searchOptions = searches.map(s => [s.id, `${s.id} · ${s.dataset?.name ?? short(s.parameters.dataset)}`]);
  if (filter.search && !searchIds.has(filter.search)) {
    searchOptions.push([filter.search, filter.search]);
  }
  searchSelect.innerHTML = '<option value="">all searches</option>' + searchOptions.map(([id, text]) =>
    `<option value="${esc(id)}" ${id === filter.search ? 'selected' : ''}>${esc(text)}</option>`).join('');

  const datasets = new Map(strategies.map(s => [s.dataset.id, s.dataset]));
  if (filter.dataset && !datasets.has(filter.dataset)) {
    datasets.set(filter.dataset, { id: filter.dataset });
  }
  root.querySelector('#dataset-filter').innerHTML = '<option value="">all datasets</option>' + [...datasets.values()]
    .map(d => `<option value="${esc(d.id)}" ${d.id === filter.dataset ? 'selected' : ''}>`
      + `${esc(d.name ? `${d.name} · ${d.symbol} · ${d.timeframe}` : short(d.id))}</option>`).join('');
}
