// Strategy: its rules as a sentence; how likely its in-sample Sharpe is luck; in-sample and holdout figures next to
// buy-and-hold; equity against buy-and-hold, drawdown, the price with entries and exits; the trades, sortable and
// paged; the peers whose digests agreed; the genome as a JSON download; its robustness (Monte Carlo fan over its trades,
// its neighbours on the gene grid, the p-value of its entry rule against random entries).
import {
  datasetLabel, esc, figure, getJson, na, num, pct, peerChip, peerName, price, short, signed, undefinedWhy, utc,
} from './api.js';
import { axisValue, COLORS, fanChart, fitWidth, join, lineChart, markers, wide } from './charts.js';
import { sortablePagedTable } from './table.js';

const TRADES_PER_PAGE = 25;
/** A deflated Sharpe ratio at least this high reads as "unlikely to be luck" (the usual 95 % bar). */
const CONFIDENT = 0.95;

/**
 * The metric rows: label, the strategy's or buy-and-hold's figure; {@code why} is the range's name for the
 * hover text of an undefined statistic.
 */
const ROWS = [
  ['Net PnL', m => signed(m.netPnl, 2)],
  ['Return', m => signed(m.returnPct, 2, '%')],
  ['CAGR', (m, why) => signed(m.cagrPct, 2, '%', false, undefinedWhy(m, why))],
  ['Sharpe (daily)', (m, why) => signed(m.sharpe, 2, '', false, undefinedWhy(m, why))],
  ['Sortino (daily)', (m, why) => signed(m.sortino, 2, '', false, undefinedWhy(m, why))],
  ['Calmar', m => signed(m.calmar, 2)],
  ['Max drawdown', m => `<span class="down">${num(m.maxDrawdownPct, 2)}%</span>`],
  ['Trades', m => num(m.trades, 0)],
  ['Win rate', m => pct(m.winRate)],
  ['Profit factor', m => figure(m.profitFactor, 2)],
  ['Exposure', m => `${num(m.exposurePct, 1)}%`],
  ['Days', m => num(m.days, 0)],
  ['Daily skewness', (m, why) => m.dailySkewness === null ? na(undefinedWhy(m, why)) : figure(m.dailySkewness, 2)],
  ['Daily kurtosis', (m, why) => m.dailyKurtosis === null ? na(undefinedWhy(m, why)) : figure(m.dailyKurtosis, 2)],
];

const TRADE_COLUMNS = [
  { key: 'n', label: '#', numeric: true, first: 'asc' },
  { key: 'entry', label: 'Entry (UTC)', first: 'asc', value: t => t.entryTime },
  { key: 'entryPrice', label: 'Entry price', numeric: true, value: t => t.entryPrice },
  { key: 'exit', label: 'Exit (UTC)', first: 'asc', value: t => t.exitTime },
  { key: 'exitPrice', label: 'Exit price', numeric: true, value: t => t.exitPrice },
  { key: 'bars', label: 'Bars', numeric: true, value: t => t.exitIndex - t.entryIndex, title: 'candles held' },
  { key: 'quantity', label: 'Quantity', numeric: true, value: t => t.quantity },
  { key: 'pnl', label: 'PnL', numeric: true, value: t => t.pnl },
  { key: 'return', label: 'Return', numeric: true, value: t => t.returnPct },
  { key: 'reason', label: 'Exit reason', value: t => t.exitReason },
];

export function mount(root, [id]) {
  root.innerHTML = '<div class="empty">loading…</div>';
  const page = { range: 'outOfSample', cleanup: () => {}, fanCleanup: () => {}, monteCarlo: 'bootstrapped', genomeUrl: '' };
  page.onEvent = (type, data) => {
    if ((type === 'verification_reported' || type === 'strategy_reported') && data.strategy === id) {
      load(root, id, page);
    }
  };
  page.dispose = () => {
    page.cleanup();
    page.fanCleanup();
    URL.revokeObjectURL(page.genomeUrl);
  };
  load(root, id, page);
  return page;
}

async function load(root, id, page) {
  let s;
  try {
    s = await getJson(`/api/strategies/${encodeURIComponent(id)}?points=1500`);
  } catch (e) {
    root.innerHTML = `<div class="panel empty">${esc(e.message)}</div>`;
    return;
  }
  const bt = s.backtest;
  URL.revokeObjectURL(page.genomeUrl); // the previous rendering's download, if any
  page.genomeUrl = URL.createObjectURL(new Blob([JSON.stringify(s.genome, null, 2)], { type: 'application/json' }));
  root.innerHTML = `
    <h1>Strategy <span class="mono">${esc(s.id)}</span> <span class="badge ${esc(s.status)}">${esc(s.status.toLowerCase())}</span>
      <span class="sub">on ${datasetLabel(s.dataset)} · search <a class="mono" href="#/strategies?search=${encodeURIComponent(s.searchId)}">${esc(s.searchId)}</a>
      · unit ${s.unit} · reported by ${esc(peerName(s.reporter))} · ${esc(s.risk.toLowerCase())} risk · ${esc(s.objective)}
      · engine ${esc(s.engineVersion)}</span></h1>
    <div class="rules-sentence" id="rules">${esc(s.rules)}</div>
    <div class="figures">
      <section><h2>Significance <span class="sub">in-sample only</span></h2>
        <div class="panel significance" id="significance">${significance(s)}</div></section>
      <section><h2>In-sample <span class="sub">what the search saw${bt ? ` · ${range(bt.inSample)}` : ''}</span></h2>
        <div class="panel">${metricsTable('metrics-in-sample', s.inSample, s.buyAndHold.inSample, s.excessReturnPct.inSample, 'the in-sample range')}</div></section>
      <section><h2>Holdout <span class="sub">never used to choose${bt ? ` · ${range(bt.outOfSample)}` : ''}</span></h2>
        <div class="panel">${metricsTable('metrics-holdout', s.outOfSample, s.buyAndHold.outOfSample, s.excessReturnPct.outOfSample, 'the holdout')}</div></section>
    </div>
    <div class="grid-side">
      <div>
        <h2>Charts <span class="tabs" id="range-tabs">
          <button data-range="inSample">In-sample</button><button data-range="outOfSample">Holdout</button></span>
          <span class="sub" id="range-line"></span></h2>
        ${bt ? `<div class="chart"><div class="title">Equity vs buy-and-hold<span id="equity-scale"></span></div><div id="equity-chart"></div></div>
        <div class="chart" style="margin-top:10px"><div class="title">Drawdown %</div><div id="drawdown-chart"></div></div>
        <div class="chart" style="margin-top:10px"><div class="title">Price<span id="price-scale"></span> · <span class="up">▲ entries</span> · <span class="down">▼ exits</span></div><div id="price-chart"></div></div>
        <h2>Trades <span class="sub" id="trade-count"></span></h2>
        <div class="panel"><table id="trades"></table></div>
        <div class="pager" id="trades-pager" hidden></div>`
          : `<div class="panel empty">${esc(s.backtestUnavailable || 'no backtest')}</div>`}
      </div>
      <div>
        <h2>Agreeing peers</h2>
        <div class="panel" style="padding:8px 10px" id="supporters">${s.supportingPeers.map(peerChip).join('') || '<span class="muted">none yet</span>'}
          ${bt ? `<div style="margin-top:6px; font-size:12px">${bt.digestMatches ? '<span class="up">✓ this peer reproduces the digest</span>'
            : '<span class="down">✗ this peer computes another digest</span>'} <span class="mono muted">${short(s.digest)}</span></div>` : ''}</div>
        <div class="panel" style="margin-top:8px"><table><thead><tr><th>Verifier</th><th>Digest</th><th>Agrees</th></tr></thead><tbody>
          ${s.verifications.map(v => `<tr><td>${peerChip(v.verifier)}</td><td class="mono">${short(v.digest)}</td>
            <td>${v.agrees ? '<span class="up">✓</span>' : '<span class="down">✗</span>'}</td></tr>`).join('')
            || '<tr><td colspan="3" class="muted">no verification yet</td></tr>'}</tbody></table></div>
        <h2>Genome</h2>
        <div class="panel" style="padding:10px"><a id="genome-download" download="strategy-${esc(s.id)}.json"
          href="${page.genomeUrl}">
          <button class="ghost" type="button" tabindex="-1">⤓ Download genome JSON</button></a>
          <span class="muted" style="font-size:12px; margin-left:6px">digest ${short(s.digest)}</span></div>
      </div>
    </div>
    <h2>Robustness <span class="sub">in-sample only · shown beside the results, never used to rank</span></h2>
    ${robustnessSection(s)}`;
  drawFan(root, s.robustness, page);
  if (!bt) {
    root.dataset.ready = 'true';
    return;
  }
  const tradeTable = sortablePagedTable(root.querySelector('#trades'), root.querySelector('#trades-pager'), TRADE_COLUMNS, {
    pageSize: TRADES_PER_PAGE, rankKey: 'n', empty: 'no trade in this range', rowsHtml: tradeRow,
  });
  const draw = name => {
    page.range = name;
    root.querySelectorAll('#range-tabs button').forEach(b => b.classList.toggle('on', b.dataset.range === name));
    page.cleanup();
    page.cleanup = charts(root, bt[name]);
    root.querySelector('#trade-count').textContent = `${num(bt[name].trades.length, 0)} in the ${name === 'inSample' ? 'in-sample range' : 'holdout'}`;
    tradeTable.state.page = 0;
    tradeTable.render(bt[name].trades);
    root.querySelector('#range-line').textContent = `${range(bt[name])} · split ${bt.splitPercent}%`;
  };
  root.querySelectorAll('#range-tabs button').forEach(b => b.addEventListener('click', () => draw(b.dataset.range)));
  draw(page.range);
  root.dataset.ready = 'true';
}

function range(r) {
  const first = r.equity.time[0];
  const last = r.equity.time[r.equity.time.length - 1];
  return first === undefined ? `candles ${r.from}–${r.to}` : `${utc(first).slice(0, 10)} → ${utc(last).slice(0, 10)}`;
}

/** A probability in words that keep their meaning at the extremes (never "100 %"). */
function chance(p) {
  if (p > 0.999) {
    return 'more than 99.9 %';
  }
  if (p < 0.001) {
    return 'less than 0.1 %';
  }
  return `${num(p * 100, 1)} %`;
}

/** DSR and PSR in plain words, and the luck bar: the Sharpe ratio the best of the search's trials reaches by luck. */
function significance(s) {
  const g = s.significance;
  const trials = `${num(g.trials, 0)} genome${g.trials === 1 ? '' : 's'}`;
  const sharpe = s.inSample.sharpe;
  const luck = g.luckSharpe;
  const verdict = g.deflatedSharpe === null ? '' : g.deflatedSharpe >= CONFIDENT ? '<b class="up">Unlikely to be luck.</b>'
    : g.deflatedSharpe >= 0.5 ? '<b class="warn">Could well be luck.</b>' : '<b class="down">Most likely luck.</b>';
  const figures = g.deflatedSharpe === null
    ? `<div class="sig-figure"><span class="k">DSR</span>${na(g.undefined)}<span class="k">PSR</span>${na(g.undefined)}</div>
       <p>Not computable: ${esc(g.undefined)}. Too little history to tell skill from luck.</p>`
    : `<div class="sig-figure"><span class="k">DSR</span><b class="${g.deflatedSharpe >= CONFIDENT ? 'up' : 'warn'}" data-dsr="${g.deflatedSharpe}">${figure(g.deflatedSharpe, 3)}</b>
         <span class="k">PSR</span><b data-psr="${g.probabilisticSharpe}">${figure(g.probabilisticSharpe, 3)}</b></div>
       <p>${verdict} Deflated Sharpe ratio: a ${chance(g.deflatedSharpe)} chance that this strategy's true Sharpe ratio is
       above the best one that ${trials} without any edge would show by luck.</p>
       <p class="muted">Probabilistic Sharpe ratio: a ${chance(g.probabilisticSharpe)} chance that it is above 0 — as if it
       had been the only strategy tried, which overstates the confidence after a search.</p>`;
  const random = s.robustness?.randomEntries;
  const againstRandom = random ? `<p>Against random entries: <b class="mono" data-p-value="${random.pValue}">p = ${figure(random.pValue, 3)}</b>
      <span class="muted">(robustness below)</span></p>` : '';
  return `${figures}${againstRandom}${luckBar(sharpe, luck)}
    <p class="muted">The search can have tried <b class="trials">${trials}</b> across its finished units (population ×
    generations each, from its parameters); ${num(g.days, 0)} in-sample days. Both figures read the in-sample range only.</p>`;
}

/**
 * The robustness figures: the Monte Carlo fan (bootstrapped or reshuffled trades) and its percentiles, the p-value of
 * the entry rule against random entries, and the neighbours on the gene grid; or why there are none.
 */
function robustnessSection(s) {
  const r = s.robustness;
  if (!r) {
    return `<div class="panel empty" id="robustness">${esc(s.robustnessUnavailable || 'no robustness figures')}</div>`;
  }
  const mc = r.monteCarlo;
  // a narrow panel: whole percents from 100 up (the exact figure on hover)
  const cell = v => `<td class="n" style="white-space:nowrap">${signed(v, Math.abs(v) >= 100 ? 0 : 2, '%', true)}</td>`;
  const band = p => `${cell(p.p5)}${cell(p.median)}${cell(p.p95)}`;
  const random = r.randomEntries;
  const n = r.neighbours;
  const verdict = random.pValue <= 0.05 ? '<b class="up">Unlikely to be chance.</b>' : '<b class="warn">Random entries do as well often.</b>';
  return `<div class="grid-side" id="robustness">
      <div>
        <div class="chart"><div class="title">Monte Carlo: equity after each trade, 5–95 % band and median over ${num(mc.bootstrapped.runs, 0)} runs<span id="fan-scale"></span>
          <span class="tabs" id="fan-tabs"><button data-mc="bootstrapped" title="trades drawn with replacement">Bootstrapped</button><button data-mc="reshuffled" title="the same trades in random order">Reshuffled</button></span></div>
          <div id="fan-chart"></div></div>
        <h2>Neighbours on the gene grid <span class="sub" id="neighbour-summary">${num(n.count, 0)} neighbours ·
          <span data-profitable-share="${n.profitableShare ?? ''}">${n.profitableShare === null ? 'n/a' : pct(n.profitableShare, 0)}</span> profitable ·
          median Sharpe <span data-median-sharpe="${n.medianSharpe ?? ''}">${n.medianSharpe === null ? na(`no neighbour has a Sharpe ratio (${n.undefinedSharpe} undefined)`) : num(n.medianSharpe, 2)}</span>${n.undefinedSharpe > 0 && n.medianSharpe !== null ? ` (${n.undefinedSharpe} without a Sharpe ratio, left out)` : ''}</span></h2>
        <div class="panel"><table id="neighbours"><thead><tr><th>Parameter</th><th class="n">From</th><th class="n">To</th><th class="n">Trades</th><th class="n">Return</th><th class="n">Sharpe</th></tr></thead><tbody>
          ${n.list.map(x => `<tr data-parameter="${esc(x.parameter)}"><td>${esc(x.parameter)}</td><td class="n mono">${esc(x.from)}</td><td class="n mono">${esc(x.to)}</td>
            <td class="n">${num(x.trades, 0)}</td><td class="n" data-return="${x.returnPct}">${signed(x.returnPct, 2, '%', true)}</td>
            <td class="n">${x.sharpe === null ? na('too few days, or daily returns that do not vary') : signed(x.sharpe, 2)}</td></tr>`).join('')
            || '<tr><td colspan="6" class="muted">no parameter on the grid to move</td></tr>'}</tbody></table></div>
      </div>
      <div>
        <div class="panel significance" id="random-entries">
          <div class="sig-figure"><span class="k">p-value</span><b class="${random.pValue <= 0.05 ? 'up' : 'warn'}" data-p-value="${random.pValue}">${figure(random.pValue, 3)}</b></div>
          <p>${verdict} ${num(random.atLeastAsGood, 0)} of ${num(random.draws, 0)} schedules of ${num(random.entries, 0)} entr${random.entries === 1 ? 'y' : 'ies'} at random
            candles, with this strategy's exits and size, returned at least its ${signed(random.strategyReturnPct, 2, '%')}
            (their median: ${signed(random.randomReturnPct.median, 2, '%')}).</p>
        </div>
        <div class="panel" style="margin-top:8px"><table class="metrics" id="monte-carlo" style="font-size:12px"><thead><tr><th></th><th class="n">5 %</th><th class="n">Median</th><th class="n">95 %</th></tr></thead><tbody>
          <tr title="total return, the trades in random order"><td class="muted" style="white-space:normal">Return · reshuffle</td>${band(mc.reshuffled.totalReturnPct)}</tr>
          <tr title="total return, the trades drawn with replacement"><td class="muted" style="white-space:normal">Return · bootstrap</td>${band(mc.bootstrapped.totalReturnPct)}</tr>
          <tr title="max drawdown of the equity after each trade, the trades in random order"><td class="muted" style="white-space:normal">Drawdown · reshuffle</td>${band(mc.reshuffled.maxDrawdownPct)}</tr>
          <tr title="max drawdown of the equity after each trade, the trades drawn with replacement"><td class="muted" style="white-space:normal">Drawdown · bootstrap</td>${band(mc.bootstrapped.maxDrawdownPct)}</tr></tbody></table>
          <p class="muted" style="font-size:12px; margin:6px 8px">Each run replays the in-sample trades, each sized on the equity it
            meets; drawdowns of the equity after each trade. Seed ${esc(r.seed)}, from the digest: every peer draws the same.</p></div>
      </div>
    </div>`;
}

/** Draws the Monte Carlo fan of the chosen resampling; the tabs switch between bootstrapped and reshuffled trades. */
function drawFan(root, r, page) {
  if (!r) {
    return;
  }
  const draw = name => {
    page.monteCarlo = name;
    root.querySelectorAll('#fan-tabs button').forEach(b => b.classList.toggle('on', b.dataset.mc === name));
    page.fanCleanup();
    const box = root.querySelector('#fan-chart');
    box.innerHTML = '';
    const { plot, log } = fanChart(box, r.monteCarlo[name].fan, v => num(v, 2, true));
    root.querySelector('#fan-scale').textContent = log ? ' (log scale)' : '';
    page.fanCleanup = fitWidth([plot], [box]);
  };
  root.querySelectorAll('#fan-tabs button').forEach(b => b.addEventListener('click', () => draw(b.dataset.mc)));
  draw(page.monteCarlo);
}

/** The strategy's in-sample Sharpe as a bar, against a tick at the Sharpe the best trial reaches by luck. */
function luckBar(sharpe, luck) {
  if (luck === null) {
    return '';
  }
  const top = Math.max(Math.abs(sharpe ?? 0), luck) * 1.15 || 1;
  const width = sharpe === null ? 0 : Math.max(0, Math.min(100, 100 * sharpe / top));
  const cls = sharpe === null ? '' : sharpe > luck ? 'above' : sharpe > 0 ? 'below' : 'negative';
  const sharpeText = sharpe === null ? 'n/a' : num(sharpe, 2, true);
  return `<div class="luck" title="in-sample Sharpe (daily, annualised) against the luck bar">
      <div class="luck-track"><span class="luck-fill ${cls}" style="width:${width.toFixed(1)}%"></span>
        <span class="luck-tick" style="left:${(100 * luck / top).toFixed(1)}%"></span></div>
      <div class="luck-legend"><span>Sharpe <b class="mono">${sharpeText}</b></span>
        <span>luck bar <b class="mono" data-luck="${luck}">${num(luck, 2, true)}</b></span></div>
    </div>`;
}

/** One range's figures: the strategy, buy-and-hold over the same candles, and the excess return. */
function metricsTable(id, strategy, hold, excess, why) {
  return `<table class="metrics" id="${id}"><thead><tr><th></th><th class="n">Strategy</th><th class="n">Buy &amp; hold</th></tr></thead>
    <tbody>${ROWS.map(([k, f]) => `<tr><td class="muted">${k}</td><td class="n">${f(strategy, why)}</td><td class="n">${f(hold, why)}</td></tr>`).join('')}
    <tr class="excess" title="the strategy's return minus buy-and-hold's"><td class="muted">Excess return</td><td class="n">${signed(excess, 2, '%')}</td><td></td></tr></tbody></table>`;
}

function tradeRow(t, n) {
  return `<tr><td class="n muted">${n}</td><td class="mono">${utc(t.entryTime)}</td>
      <td class="n">${priceCell(t.entryPrice)}</td><td class="mono">${utc(t.exitTime)}</td>
      <td class="n">${priceCell(t.exitPrice)}</td><td class="n">${num(t.exitIndex - t.entryIndex, 0)}</td>
      <td class="n">${priceCell(t.quantity)}</td><td class="n">${signed(t.pnl, 2, '', true)}</td>
      <td class="n">${signed(t.returnPct, 2, '%', true)}</td>
      <td class="muted">${esc(t.exitReason.toLowerCase().replace(/_/g, ' '))}</td></tr>`;
}

function priceCell(value) {
  return `<span title="${esc(value.toLocaleString('en-US', { maximumFractionDigits: 12 }))}">${price(value, true)}</span>`;
}

/** Draws the three charts of one range; returns what removes their resize listener. */
function charts(root, range) {
  const { time, equity, close } = range.equity;
  const start = equity[0];
  const hold = close.map(c => start * c / close[0]);
  let peak = -Infinity;
  const drawdown = equity.map(e => {
    peak = Math.max(peak, e);
    return peak > 0 ? (e / peak - 1) * 100 : 0;
  });
  const entries = [range.trades.map(t => t.entryTime), range.trades.map(t => t.entryPrice)];
  const exits = [range.trades.map(t => t.exitTime), range.trades.map(t => t.exitPrice)];
  const prices = join([[time, close], entries, exits]);
  const logEquity = wide(equity, hold);
  const logPrice = wide(close);
  root.querySelector('#equity-scale').textContent = logEquity ? ' (log scale)' : '';
  root.querySelector('#price-scale').textContent = logPrice ? ' (log scale)' : '';
  const boxes = ['#equity-chart', '#drawdown-chart', '#price-chart'].map(sel => {
    const el = root.querySelector(sel);
    el.innerHTML = '';
    return el;
  });
  const plots = [
    lineChart(boxes[0], [time, equity, hold], [
      { label: 'Strategy', stroke: COLORS.equity, width: 2, fill: 'rgba(74,163,255,0.08)', value: (u, v) => num(v, 2, true) },
      { label: 'Buy & hold', stroke: COLORS.hold, width: 1.5, dash: [5, 4], value: (u, v) => num(v, 2, true) }],
    { height: 260, valueFormat: axisValue, log: logEquity }),
    lineChart(boxes[1], [time, drawdown], [
      { label: 'Drawdown %', stroke: COLORS.drawdown, width: 1.5, fill: 'rgba(255,92,92,0.18)', value: (u, v) => `${num(v, 2)}%` }],
    { height: 130, valueFormat: v => `${v.toFixed(1)}%` }),
    lineChart(boxes[2], prices, [
      { label: 'Close', stroke: COLORS.price, width: 1.2, spanGaps: true, value: (u, v) => price(v, true) },
      markers('Entry', COLORS.entry, v => price(v, true)), markers('Exit', COLORS.exit, v => price(v, true))],
    { height: 260, valueFormat: axisValue, log: logPrice }),
  ];
  return fitWidth(plots, boxes);
}
