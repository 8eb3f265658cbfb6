// Tables sorted by any column and paged: the order the rows come in is the default (rank) order.

/**
 * A table whose header sorts it and whose pager pages it.
 *
 * columns: [{key, label, title?, numeric?, group?, holdout?, first?: 'asc'|'desc', value(row) → number|string|null}]:
 *   a click on a header sorts by its value (numbers biggest first, text A–Z, unless {@code first} says otherwise;
 *   a second click reverses; missing values always last; ties keep the default order); the column whose key is
 *   {@code rankKey} restores the default order. Columns with a {@code group} share a header above them.
 * rowsHtml(row, rank): the row's HTML, one {@code <tbody>} or {@code <tr>}s; rank is its 1-based default place.
 * onSort(sort): told after the user changed the order (sort is null for the default).
 *
 * Returns {render(rows), state}; state ({sort: {key, dir} | null, page}) survives re-renders with new rows, so a
 * live refresh keeps the user's order and page.
 */
export function sortablePagedTable(table, pager, columns, { pageSize, rowsHtml, empty, rankKey = null, onSort = () => {} }) {
  const state = { sort: null, page: 0 };
  let rows = [];

  const header = () => {
    const grouped = columns.some(c => c.group);
    const th = c => {
      const sorted = state.sort?.key === c.key || (state.sort === null && c.key === rankKey);
      const dir = state.sort?.key === c.key ? state.sort.dir : 'asc';
      const arrow = sorted ? `<span class="arrow">${dir === 'asc' ? '▲' : '▼'}</span>` : '';
      const cls = [c.numeric ? 'n' : '', c.holdout ? 'holdout' : '', 'sortable', sorted ? 'sorted' : ''].join(' ');
      return `<th class="${cls}" data-key="${c.key}" ${sorted ? `aria-sort="${dir}ending"` : ''}`
        + `${c.title ? ` title="${c.title}"` : ''}>${c.label}${arrow}</th>`;
    };
    if (!grouped) {
      return `<tr>${columns.map(th).join('')}</tr>`;
    }
    let top = '';
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      if (!c.group) {
        top += th(c).replace('<th ', '<th rowspan="2" ');
        continue;
      }
      let span = 1;
      while (i + span < columns.length && columns[i + span].group === c.group) {
        span++;
      }
      top += `<th colspan="${span}" class="grp ${c.holdout ? 'holdout' : ''}">${c.group}</th>`;
      i += span - 1;
    }
    return `<tr>${top}</tr><tr>${columns.filter(c => c.group).map(th).join('')}</tr>`;
  };

  const ordered = () => {
    const ranked = rows.map((row, index) => ({ row, rank: index + 1 }));
    const column = columns.find(c => c.key === state.sort?.key);
    if (!column) {
      return ranked;
    }
    const sign = state.sort.dir === 'asc' ? 1 : -1;
    const value = r => column.value(r.row);
    const absent = v => v === null || v === undefined || Number.isNaN(v);
    return ranked.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (absent(x) || absent(y)) {
        return absent(x) === absent(y) ? a.rank - b.rank : absent(x) ? 1 : -1;
      }
      const order = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return sign * order || a.rank - b.rank;
    });
  };

  const render = newRows => {
    rows = newRows ?? rows;
    const pages = Math.max(1, Math.ceil(rows.length / pageSize));
    state.page = Math.min(state.page, pages - 1);
    const shown = ordered().slice(state.page * pageSize, (state.page + 1) * pageSize);
    table.tHead.innerHTML = header();
    table.dataset.sort = state.sort ? `${state.sort.key}:${state.sort.dir}` : 'default';
    table.querySelectorAll('tbody').forEach(body => body.remove());
    table.insertAdjacentHTML('beforeend', shown.map(r => rowsHtml(r.row, r.rank)).join('')
      || `<tbody><tr><td colspan="${columns.length}" class="empty">${empty}</td></tr></tbody>`);
    if (pager) {
      const from = state.page * pageSize + 1;
      const to = Math.min(rows.length, from + pageSize - 1);
      pager.hidden = rows.length <= pageSize;
      pager.innerHTML = `<button type="button" class="ghost" data-page="prev" ${state.page === 0 ? 'disabled' : ''}>‹ previous</button>
        <span class="muted">${from.toLocaleString('en-US')}–${to.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')}
        · page ${state.page + 1} of ${pages}</span>
        <button type="button" class="ghost" data-page="next" ${state.page >= pages - 1 ? 'disabled' : ''}>next ›</button>`;
    }
  };

  table.createTHead();
  table.tHead.addEventListener('click', e => {
    const th = e.target.closest('th[data-key]');
    if (!th) {
      return;
    }
    const column = columns.find(c => c.key === th.dataset.key);
    if (column.key === rankKey) {
      state.sort = null;
    } else if (state.sort?.key === column.key) {
      state.sort = { key: column.key, dir: state.sort.dir === 'asc' ? 'desc' : 'asc' };
    } else {
      state.sort = { key: column.key, dir: column.first ?? (column.numeric ? 'desc' : 'asc') };
    }
    state.page = 0;
    render();
    onSort(state.sort);
  });
  pager?.addEventListener('click', e => {
    const button = e.target.closest('button[data-page]');
    if (button) {
      state.page += button.dataset.page === 'next' ? 1 : -1;
      render();
    }
  });
  return { render, state };
}
