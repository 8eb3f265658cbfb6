// Strategy: its rules as a sentence, equity against buy-and-hold, drawdown, the price with entries and exits,
// the trade list, the peers whose digests agreed, and the genome as a JSON download.
import { esc, getJson, num, pct, peerChip, peerName, short, signed, utc } from './api.js';
import { COLORS, fitWidth, join, lineChart, markers } from './charts.js';

const ROWS = [
  ['Net PnL', m => signed(m.netPnl, 2)], ['Return', m => signed(m.returnPct, 2, '%')], ['Trades', m => m.trades],
  ['Win rate', m => pct(m.winRate)], ['Sharpe', m => signed(m.sharpe, 2)], ['Sortino', m => signed(m.sortino, 2)],
  ['Max drawdown', m => `<span class="down">${num(m.maxDrawdownPct, 2)}%</span>`],
  ['Profit factor', m => num(m.profitFactor, 2)], ['Exposure', m => `${num(m.exposurePct, 1)}%`],
  ['Calmar', m => signed(m.calmar, 2)],
];

export function mount(root, [id]) {
  root.innerHTML = '<div class="empty">loading…</div>';
  const page = { range: 'outOfSample', cleanup: () => {}, genomeUrl: '' };
  page.onEvent = (type, data) => {
    if ((type === 'verification_reported' || type === 'strategy_reported') && data.strategy === id) {
      load(root, id, page);
    }
  };
  page.dispose = () => {
    page.cleanup();
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
      <span class="sub">search <a class="mono" href="#/searches">${esc(s.searchId)}</a> · unit ${s.unit} · reported by ${esc(peerName(s.reporter))}
      · ${esc(s.risk.toLowerCase())} risk · engine ${esc(s.engineVersion)}</span></h1>
    <div class="rules-sentence" id="rules">${esc(s.rules)}</div>
    <div class="grid-side" style="margin-top:14px">
      <div>
        <h2>Charts <span class="tabs" id="range-tabs">
          <button data-range="inSample">In-sample</button><button data-range="outOfSample">Out-of-sample</button></span>
          <span class="sub" id="range-line"></span></h2>
        ${bt ? `<div class="chart"><div class="title">Equity vs buy-and-hold</div><div id="equity-chart"></div></div>
        <div class="chart" style="margin-top:10px"><div class="title">Drawdown %</div><div id="drawdown-chart"></div></div>
        <div class="chart" style="margin-top:10px"><div class="title">Price · <span class="up">▲ entries</span> · <span class="down">▼ exits</span></div><div id="price-chart"></div></div>
        <h2>Trades <span class="sub" id="trade-count"></span></h2>
        <div class="panel" style="max-height:420px"><table id="trades"><thead><tr><th class="n">#</th><th>Entry (UTC)</th>
          <th class="n">Entry price</th><th>Exit (UTC)</th><th class="n">Exit price</th><th class="n">Quantity</th>
          <th class="n">PnL</th><th class="n">Return</th><th>Exit reason</th></tr></thead><tbody></tbody></table></div>`
          : `<div class="panel empty">${esc(s.backtestUnavailable || 'no backtest')}</div>`}
      </div>
      <div>
        <h2>Metrics</h2>
        <div class="panel"><table id="metrics"><thead><tr><th></th><th class="n">In-sample</th><th class="n">Out-of-sample</th></tr></thead>
          <tbody>${ROWS.map(([k, f]) => `<tr><td class="muted">${k}</td><td class="n">${f(s.inSample)}</td><td class="n">${f(s.outOfSample)}</td></tr>`).join('')}</tbody></table></div>
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
    </div>`;
  if (!bt) {
    root.dataset.ready = 'true';
    return;
  }
  const draw = range => {
    page.range = range;
    root.querySelectorAll('#range-tabs button').forEach(b => b.classList.toggle('on', b.dataset.range === range));
    page.cleanup();
    page.cleanup = charts(root, bt[range]);
    trades(root, bt[range]);
    root.querySelector('#range-line').textContent = `candles ${bt[range].from}–${bt[range].to} · split ${bt.splitPercent}%`;
  };
  root.querySelectorAll('#range-tabs button').forEach(b => b.addEventListener('click', () => draw(b.dataset.range)));
  draw(page.range);
  root.dataset.ready = 'true';
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
  const price = join([[time, close], entries, exits]);
  const money = v => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const boxes = ['#equity-chart', '#drawdown-chart', '#price-chart'].map(sel => {
    const el = root.querySelector(sel);
    el.innerHTML = '';
    return el;
  });
  const plots = [
    lineChart(boxes[0], [time, equity, hold], [
      { label: 'Strategy', stroke: COLORS.equity, width: 2, fill: 'rgba(74,163,255,0.08)' },
      { label: 'Buy & hold', stroke: COLORS.hold, width: 1.5, dash: [5, 4] }], { height: 260, valueFormat: money }),
    lineChart(boxes[1], [time, drawdown], [
      { label: 'Drawdown %', stroke: COLORS.drawdown, width: 1.5, fill: 'rgba(255,92,92,0.18)' }],
      { height: 130, valueFormat: v => `${v.toFixed(1)}%` }),
    lineChart(boxes[2], price, [
      { label: 'Close', stroke: COLORS.price, width: 1.2, spanGaps: true },
      markers('Entry', COLORS.entry), markers('Exit', COLORS.exit)], { height: 260, valueFormat: money }),
  ];
  return fitWidth(plots, boxes);
}

function trades(root, range) {
  root.querySelector('#trade-count').textContent = `${range.trades.length} in this range`;
  root.querySelector('#trades tbody').innerHTML = range.trades.map((t, i) => `<tr>
      <td class="n muted">${i + 1}</td><td class="mono">${utc(t.entryTime)}</td><td class="n">${num(t.entryPrice, 2)}</td>
      <td class="mono">${utc(t.exitTime)}</td><td class="n">${num(t.exitPrice, 2)}</td><td class="n">${num(t.quantity, 4)}</td>
      <td class="n">${signed(t.pnl, 2)}</td><td class="n">${signed(t.returnPct, 2, '%')}</td>
      <td class="muted">${esc(t.exitReason.toLowerCase().replace(/_/g, ' '))}</td></tr>`).join('')
    || '<tr><td colspan="9" class="empty">no trade in this range</td></tr>';
}
