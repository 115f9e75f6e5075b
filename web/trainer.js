// The trainer page: pick a scenario, chat as the agent with a simulated buyer, each draft linted
// live, the scorecard at the end, and the trainee's sessions with their trend.
import { apiJson, bindKeyField, el, reportError, status } from './api.js';
import { lintPageDraft, renderFindings } from './lint-view.js';

const $ = (id) => document.getElementById(id);
const TRAINEE_STORAGE = 'kefu.trainee';
const KIND_ZH = { rule: '规则', step: '步骤', fact: '事实', time: '响应', outcome: '结果' };

let session = null; // { id, done }

function trainee() {
  return $('trainee').value.trim();
}

function addMessage(role, text) {
  const who = role === 'buyer' ? '买家' : '我（客服）';
  const list = $('messages');
  list.append(el('li', { className: `message ${role === 'buyer' ? 'buyer' : 'agent'}` }, el('span', { className: 'who' }, who), text));
  list.scrollTop = list.scrollHeight;
}

function setDraftEnabled(on) {
  $('draft').disabled = !on;
  $('send').disabled = !on || $('draft').value.trim() === '';
}

async function loadChoices() {
  const { scenarios, personas } = await apiJson('/training/scenarios');
  $('scenario').append(...scenarios.map((s) => el('option', { value: s.id }, `${s.title}（${s.id}）`)));
  $('persona').append(...personas.map((p) => el('option', { value: p.id }, p.name)));
}

async function loadHistory() {
  const name = trainee();
  if (!name) {
    $('history').replaceChildren(el('li', { className: 'empty' }, '填写学员名字后显示练习记录'));
    $('trend').textContent = '';
    return;
  }
  const { sessions, trend } = await apiJson(`/training/trainees/${encodeURIComponent(name)}/sessions`);
  const arrow = { up: '↑ 进步', down: '↓ 退步', flat: '→ 持平' }[trend.direction] ?? '';
  $('trend').textContent = trend.finished
    ? `已完成 ${trend.finished} 次，平均 ${trend.average} 分，最好 ${trend.best} 分，最近 ${trend.latest} 分 ${arrow}${trend.change === null ? '' : `（${trend.change > 0 ? '+' : ''}${trend.change}）`}`
    : '还没有完成的练习';
  $('history').replaceChildren(
    ...sessions
      .slice()
      .reverse()
      .map((s) => el('li', {}, `${s.scenario}${s.exam ? '（考试）' : ''} · ${s.total === null ? '未完成' : `${s.total} 分`}`)),
  );
}

async function startSession(event) {
  event.preventDefault();
  const name = trainee();
  if (!name) {
    status('请先填写学员名字', 'error');
    $('trainee').focus();
    return;
  }
  localStorage.setItem(TRAINEE_STORAGE, name);
  const body = { trainee: name };
  if ($('exam').checked) body.exam = true;
  if ($('scenario').value) body.scenario = $('scenario').value;
  if (!body.exam && $('persona').value) body.persona = $('persona').value;
  if (!body.exam && $('seed').value.trim() !== '') body.seed = Number($('seed').value);
  try {
    const started = await apiJson('/training/sessions', { body });
    session = { id: started.id, done: false };
    $('session-title').textContent = `${started.scenario.title}${started.exam ? '（考试）' : ''}`;
    $('session-persona').textContent = `${started.persona.name} · 种子 ${started.seed}`;
    $('messages').replaceChildren();
    $('scorecard').hidden = true;
    addMessage('buyer', started.buyer);
    setDraftEnabled(true);
    $('draft').focus();
    status('练习开始：请回复买家');
    await loadHistory();
  } catch (err) {
    reportError(err);
  }
}

const draftLint = lintPageDraft(reportError);

function scheduleLint() {
  $('send').disabled = !session || session.done || $('draft').value.trim() === '';
  draftLint.schedule();
}

async function send() {
  const text = $('draft').value.trim();
  if (!session || session.done || text === '') return;
  $('send').disabled = true;
  try {
    const turn = await apiJson(`/training/sessions/${session.id}/turns`, { body: { text } });
    addMessage('agent', text);
    $('draft').value = '';
    draftLint.clear();
    const points = turn.lint.violations.reduce((sum, v) => sum + (v.severity === 'error' ? (v.penaltyPoints ?? 1) : 0), 0);
    $('send-result').textContent = turn.lint.errorCount ? `这条回复有 ${turn.lint.errorCount} 个违规，扣 ${points} 分` : '这条回复没有违规';
    renderFindings($('lint-summary'), $('lint-findings'), text, turn.lint);
    if (turn.buyer) addMessage('buyer', turn.buyer);
    if (turn.done) {
      session.done = true;
      setDraftEnabled(false);
      renderScorecard(turn.scorecard);
      status('练习结束，请查看评分卡');
      await loadHistory();
    } else {
      setDraftEnabled(true);
      $('draft').focus();
    }
  } catch (err) {
    reportError(err);
    setDraftEnabled(!session.done);
  }
}

function renderScorecard(card) {
  $('scorecard').hidden = false;
  $('score-total').textContent = `${card.total} / 100`;
  $('score-outcome').textContent = `${card.outcome.reached ? '已达成目标' : '未达成目标'} · ${card.turns} 轮 · 违规回复 ${card.ruleBreaks} 条`;
  $('score-steps').replaceChildren(...card.steps.map((s) => el('li', { className: s.hit ? 'hit' : 'miss' }, `${s.hit ? '✓' : '✗'} ${s.label}`)));
  $('score-misses').replaceChildren(
    ...(card.misses.length === 0
      ? [el('li', { className: 'empty' }, '没有扣分，做得很好！')]
      : card.misses.map((m) =>
          el(
            'li',
            {},
            el('span', { className: 'points' }, `−${m.points} `),
            el('span', { className: 'badge' }, KIND_ZH[m.kind] ?? m.kind),
            ` ${m.label}`,
            m.line ? el('div', { className: 'muted' }, `您的回复：${m.line}`) : null,
            m.advice ? el('div', { className: 'advice' }, `参考话术：${m.advice}`) : null,
          ),
        )),
  );
}

bindKeyField($('api-key'), () => {
  loadChoices().catch(reportError);
  loadHistory().catch(reportError);
});
$('trainee').value = localStorage.getItem(TRAINEE_STORAGE) ?? '';
$('trainee').addEventListener('change', () => loadHistory().catch(reportError));
$('start').addEventListener('submit', startSession);
$('draft').addEventListener('input', scheduleLint);
$('draft').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send();
});
$('send').addEventListener('click', send);
$('exam').addEventListener('change', () => {
  $('persona').disabled = $('exam').checked;
  $('seed').disabled = $('exam').checked;
});
loadChoices().catch(reportError);
loadHistory().catch(reportError);
