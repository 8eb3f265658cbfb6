// Cluster: every peer announced in the ledger, its role, capacity, share of the work, leases; live activity.
import { duration, esc, getJson, num, pct, peerChip, peerName, short, THROUGHPUT_NOTE } from './api.js';
import { live } from './live.js';

export function mount(root) {
  root.innerHTML = `
    <h1>Cluster <span class="sub" id="view-line"></span></h1>
    <div class="cards" id="cards"></div>
    <h2>Peers</h2>
    <div class="panel"><table id="peers">
      <thead><tr>
        <th>Peer</th><th>Role</th><th>State</th><th>Machine</th><th class="n">Cores</th><th class="n" title="${THROUGHPUT_NOTE}">Backtests/s</th>
        <th>Work done vs capacity</th><th class="n">Reports</th><th class="n">Verifications</th>
        <th>Current leases</th><th>Last seen</th><th>Engine</th>
      </tr></thead><tbody></tbody></table></div>
    <div class="grid2">
      <div><h2>Activity <span class="sub">ledger events and view changes as they arrive</span></h2>
        <div class="panel feed" id="feed"></div></div>
      <div><h2>Ledger</h2><div class="panel"><table class="kv" id="ledger"><tbody></tbody></table></div></div>
    </div>`;
  const page = { refresh: () => load(root), onEvent: () => feed(root), dispose() { clearInterval(ticker); } };
  // "last seen" ages by itself between events
  const ticker = setInterval(() => root.querySelectorAll('[data-seen]').forEach(td => {
    td.textContent = seenText(Number(td.dataset.seen));
  }), 1000);
  load(root);
  feed(root);
  return page;
}

function seenText(millis) {
  return `${duration(Date.now() - millis)} ago`;
}

async function load(root) {
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
    [`<span title="${THROUGHPUT_NOTE}">Backtests / s</span>`, num(status.throughput.backtestsPerSecond, 0)],
    ['Searches running', `${w.searches.RUNNING + w.searches.SUBMITTED}<small> / ${w.searches.DONE} done</small>`],
    ['Units', `${w.units.LEASED}<small> leased · ${w.units.OPEN} open · ${w.units.VERIFYING} verifying</small>`],
    ['Canonical strategies', `${w.strategies.CANONICAL}<small> · ${w.strategies.PENDING} pending</small>`],
  ].map(([k, v]) => `<div class="card"><div class="k">${k}</div><div class="v">${v}</div></div>`).join('');

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
      <td class="mono muted">${short(p.machine)}</td>
      <td class="n">${p.cores}</td><td class="n">${num(p.backtestsPerSecond, 0)}</td>
      <td><div class="bars">
        <span class="muted">work</span><div class="bar work"><span style="width:${(p.workShare * 100).toFixed(1)}%"></span></div><span class="n">${pct(p.workShare)}</span>
        <span class="muted">cap.</span><div class="bar cap"><span style="width:${(p.capacityShare * 100).toFixed(1)}%"></span></div><span class="n">${pct(p.capacityShare)}</span>
      </div></td>
      <td class="n">${p.work.reports}</td><td class="n">${p.work.verifications}</td>
      <td>${leases}</td><td>${seen}</td><td class="mono muted">${esc(p.engineVersion)}</td></tr>`;
  });
  root.querySelector('#peers tbody').innerHTML = rows.join('')
    || '<tr><td colspan="12" class="empty">no peer announced yet</td></tr>';

  const l = status.ledger;
  root.querySelector('#ledger tbody').innerHTML = [
    ['Events stored', num(l.events, 0)], ['Origins', l.origins], ['Lamport clock', num(l.lamport, 0)],
    ['Waiting for a gap', l.pending], ['Rejected', l.rejected],
    ['View members', view ? view.members.map(peerChip).join('') : '–'],
  ].map(([k, v]) => `<tr><td>${k}</td><td class="n">${v}</td></tr>`).join('');
  root.dataset.ready = 'true';
}

function describe(type, d) {
  switch (type) {
    case 'peer_announced': return `${esc(d.name)} announced · ${d.cores} cores · ${num(d.backtestsPerSecond, 0)} bt/s`;
    case 'dataset_published': return `dataset ${esc(d.name)} · ${num(d.candles, 0)} candles`;
    case 'search_submitted': return `search ${esc(d.searchId)} · ${d.workUnits} units`;
    case 'lease_granted': return `${esc(d.kind.toLowerCase())} lease ${esc(d.searchId)}/${d.unit} → ${esc(peerName(d.holder))}`;
    case 'checkpoint_saved': return `checkpoint ${esc(d.searchId)}/${d.unit} gen ${d.generation}`;
    case 'strategy_reported': return `strategy ${esc(d.strategy)} for ${esc(d.searchId)}/${d.unit}`;
    case 'verification_reported': return `verification of ${esc(d.strategy)} · digest ${short(d.digest)}`;
    case 'view_changed': return `view ${d.id}: ${d.members.map(m => esc(peerName(m))).join(', ')} · coordinator ${esc(peerName(d.coordinator))}`;
    default: return esc(type);
  }
}

function feed(root) {
  const el = root.querySelector('#feed');
  if (!el) {
    return;
  }
  el.innerHTML = live.feed.slice(0, 80).map(f => `<div><span class="t">${new Date(f.at).toISOString().slice(11, 19)}</span>`
    + `<span class="type">${esc(f.type)}</span>${f.data.origin ? `<span class="muted">${esc(peerName(f.data.origin))}</span> · ` : ''}`
    + `${describe(f.type, f.data)}</div>`).join('') || '<div class="muted">waiting for events…</div>';
}
