// Searches: dataset, parameters, per-unit progress (generation, best fitness, holder, why a unit failed),
// verifications pending, time left; a walk-forward's windows as they finish and its stitched out-of-sample equity
// against buy-and-hold; and the form that submits a new search, built from the peer's own parameter ranges (with the
// cluster token when the peer says it needs one).
import { datasetLabel, duration, esc, figure, getJson, num, peerChip, postJson, signed, strategyLink, utc } from './api.js';
import { axisValue, COLORS, lineChart } from './charts.js';
import { live } from './live.js';

/** Detail (units) is fetched for this many newest searches; older ones show their summary line. */
const DETAILED = 12;

/** The form's names for the peer's numeric parameters (GET /api/search-parameters); others show the field name. */
const LABELS = {
  splitPercent: 'In-sample %', population: 'Population', generations: 'Generations', minTrades: 'Min trades',
  workUnits: 'Work units', quorum: 'Quorum', feePct: 'Fee % per side', slippagePct: 'Slippage % per side',
  walkForward: 'Walk-forward windows',
};

/** Points of a stitched equity curve drawn on the searches page. */
const STITCHED_POINTS = 600;

export function mount(root) {
  root.innerHTML = `
    <h1>Searches <span class="sub">newest first · progress live from the running peers</span></h1>
    <div class="grid-side">
      <div id="searches"><div class="empty">loading…</div></div>
      <div><h2>Submit a search</h2><div class="panel">
        <form class="submit" id="submit-form">
          <label class="wide">Dataset <select name="dataset" required></select></label>
          <div class="msg" id="form-fields">loading the parameters…</div>
          <label id="token-field" class="wide" hidden>Cluster token (this peer does not trust your address)
            <input name="token" type="password" autocomplete="off" placeholder="printed by the first peer"></label>
          <div class="actions"><button type="submit" disabled>Submit search</button><span class="msg" id="submit-msg"></span></div>
        </form></div></div>
    </div>`;
  const formEl = root.querySelector('#submit-form');
  formEl.addEventListener('submit', e => {
    e.preventDefault();
    submit(root, formEl);
  });
  loadDatasets(root);
  loadParameters(root, formEl);
  showTokenFieldIfNeeded(root, formEl);
  const state = { details: [] };
  load(root, state);
  return { refresh: () => load(root, state), onProgress: () => render(root, state) };
}

/**
 * The form's fields from the peer's own ranges and defaults: numbers with their bounds and step, risk and objective
 * from its choices. The objective's default is left to the peer (it depends on the in-sample range's length).
 */
async function loadParameters(root, formEl) {
  const box = root.querySelector('#form-fields');
  let parameters;
  try {
    parameters = await getJson('/api/search-parameters');
  } catch (e) {
    box.className = 'msg err';
    box.textContent = `cannot build the form: ${e.message}`;
    return;
  }
  const { numbers, risk, objective } = parameters;
  const numberFields = numbers.map(p => `<label title="${esc(p.meaning)} (${esc(p.option)}: ${p.min}–${p.max})">
      ${esc(LABELS[p.field] ?? p.field)} <input name="${esc(p.field)}" type="number" min="${p.min}" max="${p.max}"
      step="${p.whole ? 1 : 'any'}" value="${p.default}" data-number></label>`).join('');
  const riskField = `<label>Risk <select name="risk">${risk.choices.map(c => `<option value="${esc(c)}"
      ${c === risk.default ? 'selected' : ''}>${esc(c.toLowerCase())}</option>`).join('')}</select></label>`;
  const objectiveField = `<label title="left at the default, the peer uses ${esc(objective.default)}, or ${esc(objective.shortRangeDefault)}
      when the in-sample range is shorter than ${objective.shortRangeDays} days">Objective <select name="objective">
      <option value="">default: ${esc(objective.default)} (${esc(objective.shortRangeDefault)} under ${objective.shortRangeDays} days)</option>
      ${objective.choices.map(c => `<option>${esc(c)}</option>`).join('')}</select></label>`;
  box.outerHTML = `${numberFields}${riskField}${objectiveField}
      <label>Seed <input name="seed" type="number" step="1" placeholder="peer picks"></label>
      <label class="check"><input name="allowSameMachine" type="checkbox"> same-machine votes count</label>
      <label class="check" title="with 2 or more walk-forward windows: every window trains from the first candle instead of rolling along"><input name="anchored" type="checkbox"> anchored windows</label>`;
  formEl.querySelector('button[type=submit]').disabled = false;
  formEl.setAttribute('data-parameters', 'loaded');
}

async function loadDatasets(root) {
  const select = root.querySelector('select[name=dataset]');
  try {
    const { datasets } = await getJson('/api/datasets');
    select.innerHTML = datasets.map(d => `<option value="${esc(d.id)}">${esc(d.name)} · ${esc(d.symbol)}`
      + `${d.candles ? ` · ${num(d.candles, 0)} candles` : ''}${d.local ? '' : ' (fetched on demand)'}</option>`).join('');
  } catch (e) {
    root.querySelector('#submit-msg').innerHTML = `<span class="err">${esc(e.message)}</span>`;
  }
}

/**
 * Shows the token field when the peer says changes from this browser need it: only the server knows the
 * source address it sees (a proxy or an SSH tunnel hides it from the page) and which sources it trusts.
 */
async function showTokenFieldIfNeeded(root, formEl) {
  try {
    const { client } = await getJson('/api/status');
    root.querySelector('#token-field').hidden = !client.changesNeedToken;
    // not formEl.dataset: a form's named control (the select "dataset") shadows that property
    formEl.setAttribute('data-changes-need-token', String(client.changesNeedToken));
  } catch (e) {
    root.querySelector('#submit-msg').innerHTML = `<span class="err">${esc(e.message)}</span>`;
  }
}

async function submit(root, formEl) {
  const message = root.querySelector('#submit-msg');
  const data = new FormData(formEl);
  const request = { dataset: data.get('dataset'), allowSameMachine: data.get('allowSameMachine') === 'on',
    anchored: data.get('anchored') === 'on' };
  const untouched = formEl.querySelector('input[name=workUnits]');
  // a walk-forward without chosen work units gets one per window from the peer
  const numbers = [...formEl.querySelectorAll('input[data-number]')].map(input => input.name)
    .filter(name => !(name === 'workUnits' && Number(data.get('walkForward')) > 1 && untouched.value === untouched.defaultValue));
  for (const field of [...numbers, 'seed']) {
    const text = String(data.get(field) ?? '').trim();
    if (text !== '') {
      request[field] = Number(text);
    }
  }
  request.risk = data.get('risk');
  if (data.get('objective')) { // else the peer's default, which depends on the in-sample range
    request.objective = data.get('objective');
  }
  message.className = 'msg';
  message.textContent = 'submitting…';
  try {
    const { id } = await postJson('/api/searches', request, data.get('token'));
    message.className = 'msg ok';
    message.textContent = `submitted ${id}`;
    message.dataset.searchId = id;
  } catch (e) {
    message.className = 'msg err';
    message.textContent = e.message;
  }
}

async function load(root, state) {
  try {
    const { searches } = await getJson('/api/searches');
    const details = await Promise.all(searches.slice(0, DETAILED).map(async s => {
      const detail = await getJson(`/api/searches/${s.id}`);
      if (s.parameters.walkForward > 1) {
        detail.walkForward = await getJson(`/api/searches/${s.id}/walk-forward?points=${STITCHED_POINTS}`);
      }
      return detail;
    }));
    state.details = details.concat(searches.slice(DETAILED));
  } catch (e) {
    root.querySelector('#searches').innerHTML = `<div class="empty">${esc(e.message)}</div>`;
    return;
  }
  render(root, state);
}

/** Time left: the slowest running unit at its observed pace; units not started yet are named, not guessed. */
function timeLeft(search) {
  if (search.status === 'DONE') {
    return '<span class="up">done</span>';
  }
  if (search.status === 'FAILED') {
    return '<span class="down">failed</span>';
  }
  const units = search.units || [];
  let slowest = null;
  let running = 0;
  for (const u of units) {
    const p = live.units.get(`${search.id}/${u.unit}`);
    if (!p || u.status !== 'LEASED') {
      continue;
    }
    running++;
    const elapsed = p.t - p.since.t;
    const advanced = p.generation - p.since.generation;
    if (elapsed > 0 && advanced > 0) {
      const left = (p.generations - p.generation) * elapsed / advanced;
      slowest = Math.max(slowest ?? 0, left);
    }
  }
  const open = units.filter(u => u.status === 'OPEN').length;
  const verifying = units.filter(u => u.status === 'VERIFYING').length;
  const queued = open ? ` <span class="muted">+ ${open} unit${open === 1 ? '' : 's'} queued</span>` : '';
  if (slowest !== null) {
    return `≈ ${duration(slowest)}${queued}`;
  }
  if (running) {
    return `<span class="muted">estimating…</span>${queued}`;
  }
  return verifying ? '<span class="muted">verifying</span>' + queued : `<span class="muted">waiting</span>${queued}`;
}

function unitRows(search) {
  const windows = search.parameters.walkForward > 1;
  return search.units.map(u => {
    const p = live.units.get(`${search.id}/${u.unit}`);
    const generations = search.parameters.generations;
    const generation = p ? p.generation : u.generation;
    const done = u.status === 'DONE' || u.status === 'VERIFYING' || u.status === 'FAILED';
    const fraction = done ? 1 : (generation ?? 0) / generations;
    // live while the unit runs; once reported, the fitness of the genome its run ended with
    const best = u.reports.length ? u.bestFitness : p?.bestFitness;
    // a finished unit shows who produced its result (the reporter in its canonical strategy's id), not the holder
    // of its last, possibly speculative, lease
    const holder = u.canonical ? peerChip(u.canonical.split('-')[0])
      : u.lease ? peerChip(u.lease.holder) : '<span class="muted">–</span>';
    // reports still waiting for their quorum; once the unit is done, extra (speculative) reports no longer matter
    const pendingReports = u.status === 'VERIFYING' ? u.reports.filter(r => r.status === 'PENDING').length : 0;
    return `<tr data-unit="${u.unit}">
      <td class="n">${u.unit}${windows ? ` <span class="muted small">w${u.window + 1}</span>` : ''}</td><td><span class="badge ${esc(u.status)}">${esc(u.status.toLowerCase())}</span></td>
      <td><div class="progress ${done ? 'done' : ''}"><span style="width:${(fraction * 100).toFixed(1)}%"></span></div></td>
      <td class="n">${done ? generations : generation ?? 0} / ${generations}</td>
      <td class="n">${best !== null && best !== undefined ? num(best, 3) : '<span class="muted">–</span>'}</td>
      <td class="holder">${holder}</td>
      <td class="n">${pendingReports ? `<span class="badge PENDING">${pendingReports}</span>` : '<span class="muted">0</span>'}</td>
      <td>${u.canonical ? strategyLink(u.canonical) : '<span class="muted">–</span>'}</td></tr>${failure(u)}`;
  }).join('');
}

/** Why a unit failed, under its row: on every peer that tried (FAILED), or on one before another ran it. */
function failure(u) {
  if (!u.failure) {
    return '';
  }
  const what = u.status === 'FAILED' ? 'failed' : 'failed on a peer before';
  return `<tr class="failure" data-unit-failure="${u.unit}"><td></td><td colspan="7"><span class="down">${what}:</span> ${esc(u.failure)}</td></tr>`;
}

function render(root, state) {
  const el = root.querySelector('#searches');
  if (state.details.length === 0) {
    el.innerHTML = '<div class="panel empty">no search yet: submit one with the form</div>';
    root.dataset.ready = 'true';
    return;
  }
  el.innerHTML = state.details.map(s => {
    const p = s.parameters;
    const verifying = (s.units || []).filter(u => u.status === 'VERIFYING').length;
    const params = `pop ${p.population} · ${p.generations} gen · ${p.workUnits} units · `
      + `quorum ${p.quorum}${p.allowSameMachine ? ' (same machine ok)' : ''} · ${esc(p.risk.toLowerCase())} risk · `
      + `${esc(p.objective)} · split ${p.splitPercent}%`
      + (p.walkForward > 1 ? ` in each of <b>${p.walkForward} ${p.anchored ? 'anchored' : 'rolling'} walk-forward windows</b>` : '')
      + ` · min ${p.minTrades} trades · `
      + `<span class="costs">fee ${num(p.feePct, 2)}% · slippage ${num(p.slippagePct, 2)}% per side</span> · seed ${esc(p.seed)}`
      + (s.trials ? ` · <span title="the N of the deflated Sharpe ratio: population × generations of every finished unit, the most genomes they can have evaluated (their reporters say ${num(s.trials.genomes, 0)})">`
        + `${num(s.trials.count, 0)} trials</span>` : '');
    const failed = s.unitsFailed ? ` <span class="down">· ${s.unitsFailed} failed</span>` : '';
    const units = s.units ? `<table><thead><tr><th class="n">Unit</th><th>Status</th><th>Progress</th>
        <th class="n">Generation</th><th class="n">Best fitness</th><th>Holder</th><th class="n">Verif. pending</th>
        <th>Canonical</th></tr></thead><tbody>${unitRows(s)}</tbody></table>` : '';
    return `<div class="panel search" data-search="${esc(s.id)}" data-status="${esc(s.status)}" style="margin-bottom:12px">
      <div style="padding:9px 12px; display:flex; gap:14px; align-items:center; flex-wrap:wrap">
        <b class="mono">${esc(s.id)}</b><span class="badge ${esc(s.status)}">${esc(s.status.toLowerCase())}</span>
        <span class="dataset">${datasetLabel(s.dataset)}</span>
        <div class="progress ${s.status === 'DONE' ? 'done' : ''}" style="width:140px"><span style="width:${(100 * s.unitsDone / s.workUnits).toFixed(1)}%"></span></div>
        <span class="mono">${s.unitsDone}/${s.workUnits} units${failed}</span>
        <span>verifications pending <b class="mono">${verifying}</b></span>
        <span>time left <b class="mono">${s.units ? timeLeft(s) : '–'}</b></span>
        <span class="muted">by ${peerChip(s.submitter)}</span>
        <a href="#/strategies?search=${encodeURIComponent(s.id)}" style="margin-left:auto">strategies →</a>
      </div>
      <div class="muted" style="padding:0 12px 8px; font-size:12px">${params}</div>
      ${units}${s.walkForward ? walkForward(s) : ''}</div>`;
  }).join('');
  for (const s of state.details) {
    if (s.walkForward?.stitched) {
      stitchedChart(root.querySelector(`.search[data-search="${s.id}"] .wf-chart`), s.walkForward.stitched);
    }
  }
  root.dataset.ready = 'true';
}

/** A walk-forward's windows (each judged on the segment after its training part) and its stitched record. */
function walkForward(s) {
  const wf = s.walkForward;
  const dates = r => r ? `${utc(r.fromTime)} → ${utc(r.toTime)}` : '<span class="muted">–</span>';
  const pctCell = m => m ? signed(m.returnPct, 2, '%', true) : '<span class="muted">–</span>';
  const rows = wf.windowList.map(w => `<tr data-window="${w.window}" data-window-status="${esc(w.status)}">
      <td class="n">${w.window + 1}</td><td><span class="badge ${w.status === 'DONE' ? 'DONE' : w.status === 'CASH' ? 'FAILED' : 'LEASED'}">${esc(w.status.toLowerCase())}</span></td>
      <td class="mono small">${dates(w.training)}</td><td class="mono small">${dates(w.test)}</td>
      <td>${w.strategy ? strategyLink(w.strategy) : w.status === 'CASH' ? '<span class="muted">cash: every unit failed</span>' : '<span class="muted">–</span>'}</td>
      <td class="n">${pctCell(w.inSample)}</td><td class="n test-return">${pctCell(w.outOfSample)}</td>
      <td class="n">${pctCell(w.buyAndHold)}</td>
      <td class="n" title="annualised test return ÷ annualised training return">${w.efficiency === null || w.efficiency === undefined ? '<span class="muted">n/a</span>' : num(w.efficiency, 2)}</td></tr>`).join('');
  const st = wf.stitched;
  const summary = st ? `<div class="wf-stitched" style="padding:8px 12px; display:flex; gap:16px; flex-wrap:wrap">
      <span>stitched out-of-sample <b class="stitched-return">${signed(st.metrics.returnPct, 2, '%', true)}</b></span>
      <span>buy &amp; hold <b class="stitched-hold">${signed(st.buyAndHold.returnPct, 2, '%', true)}</b></span>
      <span>excess <b>${signed(st.excessReturnPct, 2, '%', true)}</b></span>
      <span>max drawdown <b>${figure(st.metrics.maxDrawdownPct, 2, true, '%')}</b></span>
      <span>trades <b>${num(st.metrics.trades, 0)}</b></span>
      <span title="the stitched record's annualised return ÷ the mean annualised training return">walk-forward efficiency <b class="efficiency">${st.efficiency === null ? 'n/a' : num(st.efficiency, 2)}</b></span></div>
      <div class="chart"><div class="title">Stitched out-of-sample equity vs buy-and-hold</div><div class="wf-chart"></div></div>`
    : `<div class="muted" style="padding:8px 12px">${wf.unavailable ? esc(wf.unavailable)
      : `stitched out-of-sample record: once every window has finished (${wf.windowsFinished} of ${wf.windows})`}</div>`;
  return `<div class="walk-forward" data-windows-finished="${wf.windowsFinished}">
    <table><thead><tr><th class="n">Window</th><th>Status</th><th>Training (UTC)</th><th>Test (UTC)</th><th>Strategy</th>
      <th class="n">Training return</th><th class="n">Test return</th><th class="n">Test buy &amp; hold</th><th class="n">Efficiency</th></tr></thead>
      <tbody>${rows}</tbody></table>${summary}</div>`;
}

/** The stitched equity against holding the asset through the same candles, from the same capital. */
function stitchedChart(el, stitched) {
  const { time, equity, close } = stitched.equity;
  const hold = close.map(c => equity[0] * c / close[0]);
  lineChart(el, [time, equity, hold], [
    { label: 'Walk-forward', stroke: COLORS.equity, width: 2, value: (u, v) => num(v, 2, true) },
    { label: 'Buy & hold', stroke: COLORS.hold, width: 1.5, dash: [5, 4], value: (u, v) => num(v, 2, true) }],
  { height: 220, valueFormat: axisValue });
}
