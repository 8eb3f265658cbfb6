// Cluster: every peer announced in the ledger, its role, capacity, share of the work, leases; live activity.
import { duration, esc, getJson, num, pct, peerChip, peerName, short, steps, strategyLink, THROUGHPUT_NOTE } from './api.js';
import { live } from './live.js';

export function mount(root) {
  root.innerHTML = `
    <h1>Cluster <span class="sub" id="view-line"></span></h1>
    <div class="cards" id="cards"></div>
    <div id="shared-machines"></div>
    <h2>Peers</h2>
    <div class="panel"><table id="peers">
      <thead><tr>
        <th>Peer</th><th>Role</th><th>State</th><th>Machine</th><th class="n">Cores</th><th class="n" title="${THROUGHPUT_NOTE}">Candle-steps/s</th><th class="n" title="${THROUGHPUT_NOTE}">Backtests/s</th>
        <th>Work done vs capacity</th><th class="n">Reports</th><th class="n">Verifications</th>
        <th>Current leases</th><th>Last seen</th><th>Engine</th>
      </tr></thead><tbody></tbody></table></div>
    <p class="note" id="independence">A quorum counts distinct <b>announced</b> machines: machine ids are declared by
      each peer and nothing can prove two identities are two computers. This peer shows a strategy as canonical only
      if its own re-run reproduced the reported digest, so votes alone can neither make it show a fabricated result
      nor flip one it reproduced.</p>
    <div class="grid2">
      <div><h2>Activity <span class="sub">ledger events and view changes as they arrive, then what the ledger held when the dashboard opened</span></h2>
        <div class="panel feed" id="feed"></div></div>
      <div><h2>Ledger</h2><div class="panel"><table class="kv" id="ledger"><tbody></tbody></table></div></div>
    </div>`;
  const page = { history: [], refresh: () => load(root, page), onEvent: () => feed(root, page), dispose() { clearInterval(ticker); } };
  earlier?.then(lines => {
    page.history = lines;
    feed(root, page);
  });
  // "last seen" ages by itself between events
  const ticker = setInterval(() => root.querySelectorAll('[data-seen]').forEach(td => {
    td.textContent = seenText(Number(td.dataset.seen));
  }), 1000);
  load(root, page);
  feed(root, page);
  return page;
}

function seenText(millis) {
  return `${duration(Date.now() - millis)} ago`;
}

async function load(root, page) {
  let status, peers;
  try {
    [status, { peers }] = await Promise.all([getJson('/api/status'), getJson('/api/peers')]);
  } catch (e) {
    root.querySelector('#cards').innerHTML = `<div class="empty">${esc(e.message)}</div>`;
    return;
  }
  const view = status.view;
  root.querySelector('#view-line').textContent = view
    ? `view ${view.id} · ${view.members.length} member${view.members.length === 1 ? '' : 's'} · coordinator ${peerName(status.coordinator)}`
    : 'not in a view yet';
  const w = status.work;
  root.querySelector('#cards').innerHTML = [
    ['Peers in view', `${status.peers.inView}<small> / ${status.peers.known} known</small>`],
    ['Cores', status.throughput.cores],
    [`<span title="${THROUGHPUT_NOTE}">Capacity</span>`, `${steps(status.throughput.candleStepsPerSecond)}<small> candle-steps/s · ${num(status.throughput.backtestsPerSecond, 0)} backtests/s of ${num(status.throughput.backtestCandles, 0)} candles</small>`],
    ['Searches running', `${w.searches.RUNNING + w.searches.SUBMITTED}<small> / ${w.searches.DONE} done</small>`],
    ['Units', `${w.units.LEASED}<small> leased · ${w.units.OPEN} open · ${w.units.VERIFYING} verifying</small>`],
    ['Canonical strategies', `${w.strategies.CANONICAL}<small> · ${w.strategies.PENDING} pending</small>`],
  ].map(([k, v]) => `<div class="card"><div class="k">${k}</div><div class="v">${v}</div></div>`).join('');

  sharedMachines(root, status.sharedMachines ?? [], peers);
  const sharing = new Set((status.sharedMachines ?? []).flatMap(m => m.peers));
  const rows = peers.map(p => {
    const state = p.inView ? '<span class="badge ok">in view</span>' : '<span class="badge off">away</span>';
    const role = (p.coordinator ? '<span class="badge coord">coordinator</span> ' : '')
      + (p.self ? '<span class="badge self">this peer</span>' : '');
    const leases = p.leases.length === 0 ? '<span class="muted">idle</span>'
      : p.leases.map(l => `<span class="chip">${esc(l.searchId)}/${l.unit} ${l.kind === 'WORK' ? '' : esc(l.kind.toLowerCase())}</span>`).join('');
    const seen = p.inView ? '<span class="up">now</span>'
      : p.lastSeenMillis ? `<span data-seen="${p.lastSeenMillis}">${seenText(p.lastSeenMillis)}</span>`
        : '<span class="muted">not since start</span>';
    return `<tr data-peer="${esc(p.id)}">
      <td><b>${esc(p.name)}</b> <span class="muted mono">${short(p.id)}</span></td>
      <td>${role}</td><td>${state}</td>
      <td class="mono muted">${short(p.machine)}${sharing.has(p.id)
        ? ' <span class="badge shared" title="another peer of the view announces this machine id: a quorum counts them as one">shared</span>' : ''}</td>
      <td class="n">${p.cores}</td><td class="n">${steps(p.candleStepsPerSecond)}</td><td class="n">${num(p.backtestsPerSecond, 0)}</td>
      <td><div class="bars">
        <span class="muted">work</span><div class="bar work"><span style="width:${(p.workShare * 100).toFixed(1)}%"></span></div><span class="n">${pct(p.workShare)}</span>
        <span class="muted">cap.</span><div class="bar cap"><span style="width:${(p.capacityShare * 100).toFixed(1)}%"></span></div><span class="n">${pct(p.capacityShare)}</span>
      </div></td>
      <td class="n">${p.work.reports}</td><td class="n">${p.work.verifications}</td>
      <td class="leases">${leases}</td><td>${seen}</td><td class="mono muted">${esc(p.engineVersion)}</td></tr>`;
  });
  root.querySelector('#peers tbody').innerHTML = rows.join('')
    || '<tr><td colspan="13" class="empty">no peer announced yet</td></tr>';

  const l = status.ledger;
  root.querySelector('#ledger tbody').innerHTML = [
    ['Events stored', num(l.events, 0)], ['Origins', l.origins], ['Lamport clock', num(l.lamport, 0)],
    ['Waiting for a gap', l.pending], ['Rejected', l.rejected],
    ['View members', view ? view.members.map(peerChip).join('') : '–'],
  ].map(([k, v]) => `<tr><td>${k}</td><td class="n">${v}</td></tr>`).join('');
  root.dataset.ready = 'true';
}

/**
 * Peers of the view that announce one machine id count as one for a quorum: cloned VMs copy /etc/machine-id, and their
 * searches of quorum 2 then never get a canonical strategy. Said where it cannot be missed, with the fix.
 */
function sharedMachines(root, shared, peers) {
  const names = new Map(peers.map(p => [p.id, p.name]));
  root.querySelector('#shared-machines').innerHTML = shared.map(m => `<div class="alert" data-machine="${esc(m.machine)}">
      <b>${m.peers.map(id => esc(names.get(id) ?? short(id))).join(' and ')} announce one machine id</b>
      (<span class="mono">${short(m.machine)}</span>): a quorum counts them as one peer, so with only them a search of
      quorum 2 never gets a canonical strategy. If they are cloned VMs, give each its own id and restart its peer: on Linux
      <code>sudo rm /etc/machine-id &amp;&amp; sudo systemd-machine-id-setup</code>, on macOS and Windows delete
      <code>~/.config/strategy-miner/machine-id</code>. Peers that really share one computer count as one by design: let
      them verify each other with “same-machine votes count”. <code>peer doctor</code> checks this and more.</div>`).join('');
}

function describe(type, d) {
  switch (type) {
    case 'peer_announced': return `${esc(d.name)} announced · ${d.cores} cores · ${steps(d.candleStepsPerSecond)} candle-steps/s`;
    case 'dataset_published': return `dataset ${esc(d.name)} · ${num(d.candles, 0)} candles`;
    case 'search_submitted': return `search ${esc(d.searchId)} · ${d.workUnits} units`;
    case 'lease_granted': return `${esc(d.kind.toLowerCase())} lease ${esc(d.searchId)}/${d.unit} → ${esc(peerName(d.holder))}`;
    case 'checkpoint_saved': return `checkpoint ${esc(d.searchId)}/${d.unit} gen ${d.generation}`;
    case 'strategy_reported': return `strategy ${esc(d.strategy)} for ${esc(d.searchId)}/${d.unit}`;
    case 'verification_reported': return `verification of ${esc(d.strategy)} · digest ${short(d.digest)}`;
    case 'unit_failed': return d.searchId ? `unit ${esc(d.searchId)}/${d.unit} failed` : 'a unit failed';
    case 'equivocation_proof': return `proof that ${esc(peerName(d.offender))} equivocated · part ${d.part + 1} of ${d.parts}`;
    case 'view_changed': return `view ${d.id}: ${d.members.map(m => esc(peerName(m))).join(', ')} · coordinator ${esc(peerName(d.coordinator))}`;
    default: return esc(type);
  }
}

/** Searches shown in the feed's history, newest first, each with at most this many of its strategies. */
const HISTORY_SEARCHES = 8;
const HISTORY_STRATEGIES = 6;
/** The ledger as the dashboard found it when it opened: the feed's lines before the live ones. */
let earlier = null;

/**
 * Reads what happened before the dashboard opened from the ledger's JSON routes (the event stream only sends what
 * happens from then on); the app calls it once, just before it connects the stream, so live lines follow on.
 */
export function rememberHistory() {
  earlier = history().catch(() => []); // the live lines still come
}

/**
 * The newest searches, each with its state and its strategies, then the peers. The routes carry no wall-clock
 * times, so these lines are marked "earlier".
 */
async function history() {
  const [{ searches }, { strategies }, { peers }] = await Promise.all([getJson('/api/searches'),
    getJson('/api/strategies?status=all&limit=200'), getJson('/api/peers')]);
  const lines = [];
  for (const s of searches.slice(0, HISTORY_SEARCHES)) {
    const failed = s.unitsFailed ? ` · <span class="down">${s.unitsFailed} failed</span>` : '';
    lines.push({ type: 'search_submitted', origin: s.submitter, text: `search ${esc(s.id)} on ${esc(s.dataset?.name ?? short(s.parameters.dataset))}`
      + ` · ${s.unitsDone}/${s.workUnits} units done${failed} · ${esc(s.status.toLowerCase())}` });
    strategies.filter(r => r.searchId === s.id).sort((a, b) => a.unit - b.unit).slice(0, HISTORY_STRATEGIES)
      .forEach(r => lines.push({ type: 'strategy_reported', origin: r.reporter,
        text: `strategy ${strategyLink(r.id)} for ${esc(s.id)}/${r.unit} · ${esc(r.status.toLowerCase())}` }));
  }
  peers.forEach(p => lines.push({ type: 'peer_announced', origin: p.id,
    text: `${esc(p.name)} announced · ${p.cores} cores · ${steps(p.candleStepsPerSecond)} candle-steps/s` }));
  return lines;
}

function feed(root, page) {
  const el = root.querySelector('#feed');
  if (!el) {
    return;
  }
  const origin = id => id ? `<span class="muted">${esc(peerName(id))}</span> · ` : '';
  const recent = live.feed.slice(0, 80).map(f => `<div><span class="t">${new Date(f.at).toISOString().slice(11, 19)}</span>`
    + `<span class="type">${esc(f.type)}</span>${origin(f.data.origin)}${describe(f.type, f.data)}</div>`);
  const past = page.history.map(h => `<div data-history><span class="t">earlier </span>`
    + `<span class="type">${esc(h.type)}</span>${origin(h.origin)}${h.text}</div>`);
  el.innerHTML = recent.join('') + (past.length ? `<div class="divider">before this page opened, from the ledger</div>${past.join('')}` : '')
    || '<div class="muted">waiting for events…</div>';
}
