// The three notebooks of the manuals: problem log, service statistics, shift handover.
import { apiJson, bindKeyField, download, el, reportError, status } from './api.js';
import uPlot from '/vendor/uplot/uPlot.esm.js';

const TOTAL = '合计';
let chart;

const $ = (id) => document.getElementById(id);

const NOTEBOOKS = {
  problems: { title: '问题记录', ranged: true, description: '机器人没听懂的消息、转人工、客服回复中的违规，点“打开会话”查看。' },
  stats: { title: '服务统计', ranged: true, description: '按天、按客服统计咨询人数、成交人数与转化率、首次响应时间、转人工和违规扣分。' },
  handover: { title: '交接班', ranged: false, description: '交班时待处理的事项：未结会话、未兑现承诺、本班备注、非工作时间转交的会话。' },
};

let active = 'problems';
// The problem log comes a page at a time: the cursors of the pages seen so far (back = pop).
let cursors = [];
let nextCursor = null;
const PAGE_SIZE = 50;

function query(format) {
  const params = new URLSearchParams();
  if (NOTEBOOKS[active].ranged) {
    if ($('from').value) params.set('from', $('from').value);
    if ($('to').value) params.set('to', $('to').value);
  }
  if (active === 'problems') {
    if ($('problem-agent').value) params.set('agent', $('problem-agent').value);
    if ($('problem-rule').value) params.set('rule', $('problem-rule').value);
  }
  if (format) params.set('format', format);
  else if (active === 'problems') {
    params.set('limit', String(PAGE_SIZE));
    if (cursors.length) params.set('cursor', cursors.at(-1));
  }
  const qs = params.toString();
  return `/notebooks/${active}${qs ? `?${qs}` : ''}`;
}

/** A problem-log entry marked resolved with a note, in place: the button becomes a small form. */
function resolveCell(row) {
  const td = el('td', {});
  const open = () => {
    const note = el('input', { size: 14, placeholder: '处理说明', 'aria-label': '处理说明' });
    const save = el('button', { type: 'button' }, '保存');
    const submit = async () => {
      if (note.value.trim() === '') return note.focus();
      try {
        await apiJson(`/notebooks/problems/${row.id}/resolve`, { body: { agent: localStorage.getItem('kefu.agentName') || '客服', note: note.value.trim() } });
        status('已标记为已处理');
        load();
      } catch (err) {
        reportError(err);
      }
    };
    save.addEventListener('click', submit);
    note.addEventListener('keydown', (e) => e.key === 'Enter' && submit());
    td.replaceChildren(note, save);
    note.focus();
  };
  td.append(el('button', { type: 'button', className: 'resolve', onclick: open }, '标记已处理'));
  return td;
}

function cell(header, value, row) {
  if (header === '处理' && value === '未处理' && row) return resolveCell(row);
  if (value === null || value === undefined) return el('td', {}, '');
  if (header === '链接' && typeof value === 'string' && value.startsWith('/agent.html#')) return el('td', {}, el('a', { href: value }, '打开会话'));
  if (typeof value === 'number') return el('td', { className: 'number' }, String(value));
  // Short values stay on one line; descriptions wrap.
  const classes = [value.length > 20 ? 'wrap' : '', value.endsWith('（已逾期）') ? 'overdue' : ''].filter(Boolean).join(' ');
  return el('td', { className: classes }, value);
}

function renderTable(table, rows = []) {
  const [thead, tbody] = [$('notebook-table').tHead, $('notebook-table').tBodies[0]];
  thead.replaceChildren(el('tr', {}, ...table.headers.map((h) => el('th', { scope: 'col' }, h))));
  if (table.cells.length === 0) {
    tbody.replaceChildren(el('tr', {}, el('td', { className: 'empty', colspan: table.headers.length }, '暂无记录')));
    return;
  }
  tbody.replaceChildren(
    ...table.cells.map((row, r) => el('tr', { className: row[1] === '合计' && active === 'stats' ? 'total' : '' }, ...row.map((v, i) => cell(table.headers[i], v, rows[r])))),
  );
}

/** The statistics: a chart per day (the total, or one agent), the table without days that had nothing. */
function renderStats(data) {
  const select = $('agent-filter');
  const agents = [...new Set(data.rows.map((r) => r.agent).filter((a) => a !== TOTAL))];
  const chosen = agents.includes(select.value) ? select.value : '';
  select.replaceChildren(el('option', { value: '' }, '全部（合计）'), ...agents.map((a) => el('option', { value: a }, a)));
  select.value = chosen;
  $('agent-filter-box').hidden = false;
  const who = chosen || TOTAL;
  const rows = data.rows.filter((r) => r.agent === who);
  drawChart(rows);
  // Days without any activity are collapsed into one line under the table.
  const busyDays = new Set(rows.filter((r) => r.inquiries > 0 || r.handoffs > 0 || r.conversions > 0).map((r) => r.date));
  const keep = data.rows.map((r) => busyDays.has(r.date) && (chosen === '' || r.agent === chosen || r.agent === TOTAL));
  renderTable({ headers: data.table.headers, cells: data.table.cells.filter((_, i) => keep[i]) });
  const empty = rows.length - busyDays.size;
  $('collapsed').hidden = empty === 0;
  $('collapsed').textContent = `已折叠 ${empty} 个没有咨询的日期`;
}

function drawChart(rows) {
  $('chart-box').hidden = false;
  const days = rows.map((r) => Date.parse(`${r.date}T00:00:00Z`) / 1000);
  const series = [days, rows.map((r) => r.inquiries), rows.map((r) => r.conversions), rows.map((r) => r.handoffs)];
  const width = Math.min($('chart-box').clientWidth - 24, 1200);
  const options = {
    width,
    height: 220,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: { x: { time: true } },
    // One tick per day, labelled MM-DD (the days are shop-local dates, kept as UTC midnights).
    axes: [{ splits: () => days, values: (_, ticks) => ticks.map((t) => new Date(t * 1000).toISOString().slice(5, 10)) }, {}],
    series: [
      { label: '日期', value: (_, t) => (t == null ? '--' : new Date(t * 1000).toISOString().slice(0, 10)) },
      { label: '咨询人数', stroke: '#1565c0', width: 2 },
      { label: '成交人数', stroke: '#2e7d32', width: 2 },
      { label: '转人工', stroke: '#e4572e', width: 2 },
    ],
  };
  chart?.destroy();
  chart = new uPlot(options, series, $('chart'));
}

/** The problem log's filters (by agent, by rule with its Chinese name), filled from the answer; the choice stays. */
function renderProblemFilters(filters) {
  $('problem-filters').hidden = false;
  if (!filters) return;
  const fill = (select, options) => {
    const chosen = select.value;
    select.replaceChildren(el('option', { value: '' }, '全部'), ...options.map(([value, label]) => el('option', { value }, label)));
    select.value = options.some(([value]) => value === chosen) ? chosen : '';
  };
  fill($('problem-agent'), filters.agents.map((a) => [a, a]));
  fill($('problem-rule'), filters.rules.map((r) => [r.id, r.name]));
}

/** Long ranges of the problem log come a page at a time. */
function renderPager(data) {
  nextCursor = data.nextCursor ?? null;
  const pages = data.total === undefined ? 1 : Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  $('pager').hidden = pages <= 1;
  $('page-info').textContent = `第 ${cursors.length + 1} / ${pages} 页，共 ${data.total ?? 0} 条`;
  $('prev-page').disabled = cursors.length === 0;
  $('next-page').disabled = nextCursor === null;
}

async function load() {
  const notebook = NOTEBOOKS[active];
  for (const tab of document.querySelectorAll('[role="tab"]')) tab.setAttribute('aria-selected', String(tab.dataset.notebook === active));
  $('range').hidden = !notebook.ranged;
  $('description').textContent = notebook.description;
  $('csv').href = `/api/v1${query('csv')}`;
  try {
    const data = await apiJson(query());
    if (data.from) {
      $('from').value = data.from;
      $('to').value = data.to;
    }
    $('shift').textContent = data.shift ? `当前交接：${data.shift.label} 班` : '';
    $('problem-filters').hidden = active !== 'problems';
    if (active === 'problems') renderProblemFilters(data.filters);
    if (active === 'stats') renderStats(data);
    else {
      $('chart-box').hidden = true;
      $('agent-filter-box').hidden = true;
      $('collapsed').hidden = true;
      renderTable(data.table, data.rows);
    }
    renderPager(data);
    status(`${notebook.title}：${data.rows.length} 条`);
  } catch (err) {
    reportError(err);
  }
}

for (const tab of document.querySelectorAll('[role="tab"]')) {
  tab.addEventListener('click', () => {
    location.hash = tab.dataset.notebook;
  });
}
// The tab lives in the address (notebooks.html#stats), so links and reloads keep it.
window.addEventListener('hashchange', () => {
  const wanted = location.hash.slice(1);
  if (wanted in NOTEBOOKS && wanted !== active) {
    active = wanted;
    cursors = [];
    load();
  }
});
$('reload').addEventListener('click', () => {
  cursors = [];
  load();
});
$('prev-page').addEventListener('click', () => {
  cursors.pop();
  load();
});
$('next-page').addEventListener('click', () => {
  if (nextCursor) cursors.push(nextCursor);
  load();
});
$('agent-filter').addEventListener('change', load);
for (const id of ['problem-agent', 'problem-rule']) {
  $(id).addEventListener('change', () => {
    cursors = [];
    load();
  });
}
$('csv').addEventListener('click', async (event) => {
  event.preventDefault();
  try {
    await download(query('csv'), `${NOTEBOOKS[active].title}.csv`);
  } catch (err) {
    reportError(err);
  }
});
bindKeyField($('api-key'), load);
if (location.hash.slice(1) in NOTEBOOKS) active = location.hash.slice(1);
load();
