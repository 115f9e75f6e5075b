// The three notebooks of the manuals: problem log, service statistics, shift handover.
import { apiJson, bindKeyField, download, el, reportError, status } from './api.js';

const $ = (id) => document.getElementById(id);

const NOTEBOOKS = {
  problems: { title: '问题记录', ranged: true, description: '机器人没听懂的消息、转人工、客服回复中的违规，点“打开会话”查看。' },
  stats: { title: '服务统计', ranged: true, description: '按天、按客服统计咨询人数、成交人数与转化率、首次响应时间、转人工和违规扣分。' },
  handover: { title: '交接班', ranged: false, description: '交班时待处理的事项：未结会话、未兑现承诺、本班备注、非工作时间转交的会话。' },
};

let active = 'problems';

function query(format) {
  const params = new URLSearchParams();
  if (NOTEBOOKS[active].ranged) {
    if ($('from').value) params.set('from', $('from').value);
    if ($('to').value) params.set('to', $('to').value);
  }
  if (format) params.set('format', format);
  const qs = params.toString();
  return `/notebooks/${active}${qs ? `?${qs}` : ''}`;
}

function cell(header, value) {
  if (value === null || value === undefined) return el('td', {}, '');
  if (header === '链接' && typeof value === 'string' && value.startsWith('/agent.html#')) return el('td', {}, el('a', { href: value }, '打开会话'));
  if (typeof value === 'number') return el('td', { className: 'number' }, String(value));
  // Short values stay on one line; descriptions wrap.
  const classes = [value.length > 20 ? 'wrap' : '', value.endsWith('（已逾期）') ? 'overdue' : ''].filter(Boolean).join(' ');
  return el('td', { className: classes }, value);
}

function renderTable(table) {
  const [thead, tbody] = [$('notebook-table').tHead, $('notebook-table').tBodies[0]];
  thead.replaceChildren(el('tr', {}, ...table.headers.map((h) => el('th', { scope: 'col' }, h))));
  if (table.cells.length === 0) {
    tbody.replaceChildren(el('tr', {}, el('td', { className: 'empty', colspan: table.headers.length }, '暂无记录')));
    return;
  }
  tbody.replaceChildren(
    ...table.cells.map((row) => el('tr', { className: row[1] === '合计' && active === 'stats' ? 'total' : '' }, ...row.map((v, i) => cell(table.headers[i], v)))),
  );
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
    renderTable(data.table);
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
    load();
  }
});
$('reload').addEventListener('click', load);
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
