// The agent sidebar: conversations, a buyer simulator, assist suggestions, the draft linted as it is typed.
import { api, apiJson, bindKeyField, el, reportError, shortTime as timeIn, status } from './api.js';
import { lintPageDraft } from './lint-view.js';

const $ = (id) => document.getElementById(id);
const AGENT_STORAGE = 'kefu.agentName';
const OWNER_ZH = { bot: '机器人', pending: '待人工接手', agent: '人工处理中' };
const ROLE_ZH = { buyer: '买家', bot: '机器人', agent: '客服' };
const REFRESH_MS = 5000;

let current = null; // the open conversation's view
let shopTimeZone; // from the inbox: times show in the shop's zone
const shortTime = (iso) => timeIn(iso, shopTimeZone);

function agentName() {
  return $('agent-name').value.trim() || '客服';
}

function newConversationId() {
  return `c-${Date.now().toString(36)}`;
}

// ---- Conversation list ----

async function loadInbox() {
  const { conversations, timezone } = await apiJson('/inbox');
  shopTimeZone = timezone;
  const list = $('conversation-list');
  if (conversations.length === 0) {
    list.replaceChildren(el('li', { className: 'empty' }, '暂无会话：用下方“模拟买家”发一条消息试试'));
    return;
  }
  list.replaceChildren(
    ...conversations.map((c) =>
      el(
        'li',
        {},
        el(
          'a',
          { href: `#${encodeURIComponent(c.id)}`, 'aria-current': current?.id === c.id ? 'true' : 'false', 'data-id': c.id },
          el('span', { className: 'title' }, el('span', {}, c.id), el('span', { className: `badge ${c.owner}` }, OWNER_ZH[c.owner] ?? c.owner)),
          el('span', { className: 'snippet' }, c.lastMessage ? `${ROLE_ZH[c.lastMessage.role]}：${c.lastMessage.text}` : '（无消息）'),
          el('span', { className: 'muted' }, `${c.buyerId} · ${shortTime(c.updatedAt)}`),
        ),
      ),
    ),
  );
}

// ---- One conversation ----

function messageItem(m) {
  const suggested = m.role === 'bot' && m.meta?.delivery === 'suggest';
  const who = m.role === 'agent' ? `客服 ${m.agent ?? ''}` : suggested ? '机器人建议（未发送）' : ROLE_ZH[m.role];
  const classes = ['message', m.role, suggested ? 'suggested' : ''].filter(Boolean).join(' ');
  return el('li', { className: classes }, el('span', { className: 'who' }, `${who} · ${shortTime(m.at)}`), m.text);
}

/** Suggestions wait while the last bot message is a suggestion no agent has answered yet. */
function pendingSuggestions(view) {
  const lastBot = view.messages.findLast((m) => m.role === 'bot');
  if (!lastBot || lastBot.meta?.delivery !== 'suggest') return [];
  if (view.messages.some((m) => m.role === 'agent' && m.seq > lastBot.seq)) return [];
  const candidates = Array.isArray(lastBot.meta.candidates) ? lastBot.meta.candidates : [lastBot.text];
  return candidates.filter((t) => typeof t === 'string');
}

function renderSuggestions(texts) {
  const list = $('suggestions');
  if (texts.length === 0) {
    list.replaceChildren(el('li', { className: 'empty' }, '辅助模式下，买家来消息后这里会给出建议回复'));
    return;
  }
  list.replaceChildren(
    ...texts.map((text) =>
      el(
        'li',
        {},
        el('span', {}, text),
        el('button', { type: 'button', onclick: () => useSuggestion(text) }, '使用此回复'),
      ),
    ),
  );
}

function useSuggestion(text) {
  const draft = $('draft');
  draft.value = text;
  draft.focus();
  scheduleLint();
}

function renderNotes(view) {
  const now = Date.now();
  const items = [
    ...view.remarks.map((r) => el('li', {}, `备注：${r.orderId ? `订单 ${r.orderId}：` : ''}${r.text}`)),
    ...view.promises
      .filter((p) => !p.kept)
      .map((p) => {
        const overdue = Date.parse(p.dueAt) < now;
        return el('li', { className: overdue ? 'overdue' : '' }, `承诺：${p.text}（期限 ${shortTime(p.dueAt)}${overdue ? '，已逾期' : ''}）`);
      }),
  ];
  $('notes').replaceChildren(...items);
}

/** What changes when a conversation moves on; the periodic refresh leaves an unchanged one alone. */
const signature = (view) => JSON.stringify([view.id, view.updatedAt, view.state.owner, view.messages.length, view.remarks.length, view.promises.map((p) => p.kept)]);
let shown = '';

function renderConversation(view) {
  // The periodic refresh re-renders the same conversation: keep what the agent is typing in the simulator.
  const switched = current?.id !== view.id;
  current = view;
  const sig = signature(view);
  if (!switched && sig === shown) return;
  shown = sig;
  $('conversation-title').textContent = `会话 ${view.id} · 买家 ${view.buyerId}`;
  const owner = $('conversation-owner');
  owner.textContent = OWNER_ZH[view.state.owner] ?? view.state.owner;
  owner.className = `badge ${view.state.owner}`;
  $('conversation-flow').textContent = view.state.flow ?? '';
  $('join').disabled = view.state.owner === 'agent';
  $('leave').disabled = view.state.owner === 'bot';
  $('send-agent').disabled = $('draft').value.trim() === '';
  const messages = $('messages');
  messages.replaceChildren(...(view.messages.length ? view.messages.map(messageItem) : [el('li', { className: 'empty' }, '暂无消息')]));
  messages.scrollTop = messages.scrollHeight;
  renderSuggestions(pendingSuggestions(view));
  renderNotes(view);
  for (const a of document.querySelectorAll('#conversation-list a')) a.setAttribute('aria-current', a.dataset.id === view.id ? 'true' : 'false');
  if (switched) {
    $('sim-conversation').value = view.id;
    $('sim-buyer').value = view.buyerId;
  }
}

async function openConversation(id) {
  if (!id) return;
  try {
    renderConversation(await apiJson(`/inbox/${encodeURIComponent(id)}`));
  } catch (err) {
    if (err.status === 404) {
      // A new conversation: nothing stored yet, the simulator starts it.
      current = null;
      $('conversation-title').textContent = `会话 ${id}（新会话，尚无消息）`;
      $('messages').replaceChildren();
      $('sim-conversation').value = id;
      return;
    }
    reportError(err);
  }
}

const selectedId = () => decodeURIComponent(location.hash.slice(1));

async function refresh() {
  try {
    await loadInbox();
    if (current) await openConversation(current.id);
  } catch (err) {
    reportError(err);
  }
}

// ---- Buyer simulator ----

async function sendBuyerMessage(event) {
  event.preventDefault();
  const id = $('sim-conversation').value.trim();
  const text = $('sim-text').value.trim();
  if (!id || !text) return;
  try {
    const answer = await apiJson(`/conversations/${encodeURIComponent(id)}/messages`, {
      body: { buyerId: $('sim-buyer').value.trim(), text, mode: $('sim-mode').value },
    });
    $('sim-text').value = '';
    status(answer.delivery === 'suggest' ? `已收到，机器人给出 ${answer.replies.length} 条建议` : '机器人已自动回复');
    if (selectedId() === id) await openConversation(id);
    else location.hash = encodeURIComponent(id);
    await loadInbox();
  } catch (err) {
    reportError(err);
  }
}

// ---- Draft lint ----

const draftLint = lintPageDraft(reportError);

function scheduleLint() {
  $('send-agent').disabled = !current || $('draft').value.trim() === '';
  draftLint.schedule();
}

async function sendAgentReply() {
  const text = $('draft').value.trim();
  if (!current || !text) return;
  try {
    const answer = await apiJson(`/conversations/${encodeURIComponent(current.id)}/agent-replies`, { body: { agent: agentName(), text } });
    $('send-result').textContent = answer.lint.errorCount
      ? `已发送，记录 ${answer.lint.errorCount} 个违规${answer.points ? `，扣 ${answer.points} 分` : ''}`
      : '已发送';
    $('draft').value = '';
    scheduleLint();
    await refresh();
  } catch (err) {
    reportError(err);
  }
}

async function changeOwner(action) {
  if (!current) return;
  try {
    await api(`/conversations/${encodeURIComponent(current.id)}/owner`, { body: { action, agent: agentName() } });
    status(action === 'join' ? '已接手，机器人只给建议' : '已交还机器人自动回复');
    await refresh();
  } catch (err) {
    reportError(err);
  }
}

// ---- Start ----

bindKeyField($('api-key'), refresh);
$('agent-name').value = localStorage.getItem(AGENT_STORAGE) || '小禾';
$('agent-name').addEventListener('change', () => localStorage.setItem(AGENT_STORAGE, agentName()));
$('refresh').addEventListener('click', refresh);
$('simulator').addEventListener('submit', sendBuyerMessage);
$('sim-new').addEventListener('click', () => {
  location.hash = newConversationId();
});
$('draft').addEventListener('input', scheduleLint);
$('send-agent').addEventListener('click', sendAgentReply);
$('join').addEventListener('click', () => changeOwner('join'));
$('leave').addEventListener('click', () => changeOwner('leave'));
window.addEventListener('hashchange', () => openConversation(selectedId()));

$('sim-conversation').value = selectedId() || newConversationId();
renderSuggestions([]);
refresh().then(() => openConversation(selectedId()));
setInterval(() => {
  if (document.visibilityState === 'visible') refresh();
}, REFRESH_MS);
