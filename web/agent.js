// The agent workbench: the queue (live over Server-Sent Events), the chat with the buyer's orders
// beside it, and a reply box with quick phrases and a compliance gate. Usable with the keyboard alone.
import { api, apiJson, apiKey, bindKeyField, el, reportError, shortTime as timeIn, status } from './api.js';
import { fillPlaceholders, openPlaceholders, phrasesForCode, placeholderValues, renderMarks, searchPhrases, shortcodeAt } from './compose.js';
import { findingItem } from './lint-view.js';

const $ = (id) => document.getElementById(id);
const AGENT_STORAGE = 'kefu.agentName';
const FILTER_STORAGE = 'kefu.queueFilter';
const SOUND_STORAGE = 'kefu.sound';
const SEEN_STORAGE = 'kefu.seenSeq';
const OWNER_ZH = { bot: '机器人', pending: '待人工接手', agent: '人工处理中' };
const ROLE_ZH = { buyer: '买家', bot: '机器人', agent: '客服' };
const CONCESSION_ZH = { discount: '减价', coupon: '优惠券', gift: '赠品', free_shipping: '包邮' };
const LINT_DELAY_MS = 250;
const BASE_TITLE = document.title;

let queue = []; // the inbox items, in the server's order
let responseTarget = 100;
let current = null; // the open conversation's view
let shopTimeZone;
let phrases = [];
let lint = { text: '', result: null };
let taken = null; // { seq, candidate }: the suggestion the draft started from
let knownWaiting = null; // ids waiting for an agent at the last refresh
const shortTime = (iso) => timeIn(iso, shopTimeZone);

const agentName = () => $('agent-name').value.trim() || '客服';
const newConversationId = () => `c-${Date.now().toString(36)}`;
const selectedId = () => decodeURIComponent(location.hash.slice(1));

// ---- Unread counts: the buyer messages after the last one this screen showed ----

const seen = () => JSON.parse(localStorage.getItem(SEEN_STORAGE) || '{}');
function markSeen(view) {
  const last = view.messages.filter((m) => m.role === 'buyer').at(-1);
  if (!last) return;
  const all = seen();
  if ((all[view.id] ?? 0) >= last.seq) return;
  all[view.id] = last.seq;
  localStorage.setItem(SEEN_STORAGE, JSON.stringify(all));
}
const unreadOf = (item) => item.buyerSeqs.filter((s) => s > (seen()[item.id] ?? 0)).length;

// ---- Queue ----

function filterValue() {
  return document.querySelector('input[name="queue-filter"]:checked')?.value ?? 'all';
}

function visible(item) {
  switch (filterValue()) {
    case 'waiting':
      return item.owner === 'pending';
    case 'mine':
      return item.owner === 'agent' && item.agent === agentName();
    case 'bot':
      return item.owner === 'bot';
    default:
      return true;
  }
}

/** "1分05秒" */
function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return s < 60 ? `${s}秒` : `${Math.floor(s / 60)}分${String(s % 60).padStart(2, '0')}秒`;
}

function waitingText(item) {
  if (!item.waitingSince) return '';
  const waited = (Date.now() - Date.parse(item.waitingSince)) / 1000;
  return waited > responseTarget ? `已等待 ${duration(waited)}，超过 ${responseTarget} 秒响应目标` : `已等待 ${duration(waited)}`;
}

function tickTimers() {
  for (const span of document.querySelectorAll('#conversation-list .waiting')) {
    const item = queue.find((c) => c.id === span.dataset.id);
    if (!item) continue;
    span.textContent = waitingText(item);
    const overdue = item.waitingSince && (Date.now() - Date.parse(item.waitingSince)) / 1000 > responseTarget;
    span.classList.toggle('overdue', Boolean(overdue));
    span.closest('li')?.classList.toggle('overdue', Boolean(overdue));
  }
}

function renderQueue() {
  const list = $('conversation-list');
  const items = queue.filter(visible);
  if (items.length === 0) {
    list.replaceChildren(el('li', { className: 'empty' }, queue.length === 0 ? '暂无会话：用下方“模拟买家”发一条消息试试' : '当前筛选下没有会话'));
  } else {
    list.replaceChildren(
      ...items.map((c) => {
        const unread = c.id === current?.id ? 0 : unreadOf(c);
        return el(
          'li',
          { className: c.owner },
          el(
            'a',
            { href: `#${encodeURIComponent(c.id)}`, 'aria-current': current?.id === c.id ? 'true' : 'false', 'data-id': c.id },
            el(
              'span',
              { className: 'title' },
              el('span', { className: 'name' }, c.buyerId, c.product ? el('span', { className: 'product' }, ` · ${c.product}`) : null),
              unread ? el('span', { className: 'unread', title: '未读消息' }, String(unread)) : null,
            ),
            el('span', { className: 'meta' }, el('span', { className: `badge ${c.owner}` }, c.stateLabel), c.agent ? ` ${c.agent}` : '', el('span', { className: 'waiting', 'data-id': c.id }, '')),
            el('span', { className: 'snippet' }, c.lastMessage ? `${ROLE_ZH[c.lastMessage.role]}：${c.lastMessage.text}` : '（无消息）'),
          ),
        );
      }),
    );
  }
  const waiting = queue.filter((c) => c.owner === 'pending');
  $('waiting-count').hidden = waiting.length === 0;
  $('waiting-count').textContent = `${waiting.length} 待接入`;
  tickTimers();
  signalNewWaiting(waiting.map((c) => c.id));
}

/** The title counts the chats waiting for an agent; a new one also beeps when the agent wants sound. */
function signalNewWaiting(ids) {
  const fresh = knownWaiting === null ? [] : ids.filter((id) => !knownWaiting.has(id));
  knownWaiting = new Set(ids);
  document.title = ids.length ? `(${ids.length}) 待接入 · ${BASE_TITLE}` : BASE_TITLE;
  if (fresh.length === 0) return;
  status(`新的待接入会话：${fresh.map((id) => queue.find((c) => c.id === id)?.buyerId ?? id).join('、')}`);
  if ($('sound').checked) beep();
}

function beep() {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    osc.frequency.value = 880;
    osc.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.15);
  } catch {
    // No audio device: the title still says it.
  }
}

async function loadQueue() {
  const { conversations, timezone, responseTargetSeconds } = await apiJson('/inbox');
  shopTimeZone = timezone;
  responseTarget = responseTargetSeconds;
  queue = conversations;
  renderQueue();
}

// ---- One conversation ----

function messageItem(m) {
  const suggested = m.role === 'bot' && m.meta?.delivery === 'suggest';
  const who = m.role === 'agent' ? `客服 ${m.agent ?? ''}` : suggested ? '机器人建议（未发送）' : ROLE_ZH[m.role];
  const classes = ['message', m.role, suggested ? 'suggested' : ''].filter(Boolean).join(' ');
  return el('li', { className: classes }, el('span', { className: 'who' }, `${who} · ${shortTime(m.at)}`), m.text);
}

/** The suggestion no agent has answered yet: the last bot message, when it was only suggested. */
function pendingSuggestion(view) {
  const lastBot = view.messages.findLast((m) => m.role === 'bot');
  if (!lastBot || lastBot.meta?.delivery !== 'suggest') return undefined;
  if (view.messages.some((m) => m.role === 'agent' && m.seq > lastBot.seq)) return undefined;
  const candidates = (Array.isArray(lastBot.meta.candidates) ? lastBot.meta.candidates : [lastBot.text]).filter((t) => typeof t === 'string');
  const scripts = Array.isArray(lastBot.meta.candidateScripts) ? lastBot.meta.candidateScripts : [];
  const intents = Array.isArray(lastBot.meta.candidateIntents) ? lastBot.meta.candidateIntents : [];
  return { seq: lastBot.seq, candidates, scripts, intents };
}

/** What a candidate is beside the first: another reading of the message, or a line to hold the buyer while checking. */
function candidateTag(pending, i) {
  if (pending.scripts[i] === 'common.hold') return '稍候语';
  if (i > 0 && typeof pending.intents[i] === 'string' && pending.intents[i] !== pending.intents[0]) return '另一种理解';
  return '';
}

function renderSuggestions(view) {
  const list = $('suggestions');
  const pending = view ? pendingSuggestion(view) : undefined;
  if (!pending) {
    list.replaceChildren(el('li', { className: 'empty' }, '买家来消息后，这里给出建议回复（Alt+1/2/3 采用）'));
    return;
  }
  list.replaceChildren(
    ...pending.candidates.slice(0, 3).map((text, i) => {
      const tag = candidateTag(pending, i);
      return el(
        'li',
        {},
        tag ? el('span', { className: 'badge candidate-tag' }, tag) : null,
        el('span', { className: 'text' }, text),
        el('button', { type: 'button', onclick: () => useSuggestion(i) }, `使用此回复（Alt+${i + 1}）`),
      );
    }),
  );
}

function useSuggestion(index) {
  const pending = current && pendingSuggestion(current);
  const text = pending?.candidates[index];
  if (text === undefined) return;
  taken = { seq: pending.seq, candidate: index };
  setDraft(text);
}

function renderHandoff(view) {
  const box = $('handoff');
  box.hidden = !view.handoff;
  if (!view.handoff) return;
  // The summary usually starts with the reason already.
  const { reasonLabel, summary } = view.handoff;
  box.replaceChildren(el('strong', {}, `转人工：${reasonLabel}`), summary.includes(reasonLabel) ? el('p', {}, summary.replace(/^转人工原因：[^。]*。/, '')) : el('p', {}, summary));
}

function renderOrders(view) {
  const orders = view.orders ?? [];
  $('orders').replaceChildren(
    ...(orders.length === 0
      ? [el('li', { className: 'empty' }, '没有查到这位买家的订单')]
      : orders.map((o) =>
          el(
            'li',
            { className: 'order', 'data-order': o.id },
            el('div', { className: 'order-head' }, el('span', { className: `badge order-${o.state}` }, o.stateLabel), ` ${o.id}`, el('span', { className: 'amount' }, `¥${o.total}`)),
            el('div', { className: 'items' }, o.items.map((i) => `${i.product}（${i.color} ${i.size}）×${i.quantity}`).join('；')),
            o.trackingNumber ? el('div', { className: 'tracking-no' }, `${o.courier ?? ''} ${o.trackingNumber}`) : null,
            o.tracking.length ? el('ol', { className: 'tracking' }, ...o.tracking.map((t) => el('li', {}, `${shortTime(t.at)} ${t.text}`))) : null,
            o.refund ? el('div', { className: 'refund' }, `退款：${o.refund.amount}元（${o.refund.reason}）`) : null,
            o.buyerNote ? el('div', { className: 'muted' }, `买家留言：${o.buyerNote}`) : null,
            ...o.remarks.map((r) => el('div', { className: 'remark' }, `备注：${r}`)),
          ),
        )),
  );
  const now = Date.now();
  const open = (view.promises ?? []).filter((p) => !p.keptAt);
  $('promises').replaceChildren(
    ...(open.length === 0
      ? [el('li', { className: 'empty' }, '没有待兑现的承诺')]
      : open.map((p) => {
          const overdue = Date.parse(p.dueAt) < now;
          return el(
            'li',
            { className: overdue ? 'overdue' : '' },
            `${p.text}（期限 ${shortTime(p.dueAt)}${overdue ? '，已逾期' : ''}）`,
            el('button', { type: 'button', className: 'keep', onclick: () => keepPromise(p.id) }, '已兑现'),
          );
        })),
  );
  const concessions = view.concessions ?? [];
  $('concessions').replaceChildren(
    ...(concessions.length === 0
      ? [el('li', { className: 'empty' }, '本次会话还没有给过优惠')]
      : concessions.map((c) => el('li', {}, `${CONCESSION_ZH[c.kind] ?? c.kind} ${c.amount}元：${c.reason}`))),
  );
  $('notes').replaceChildren(...view.remarks.filter((r) => !r.orderId).map((r) => el('li', {}, r.text)));
}

const signature = (view) => JSON.stringify([view.id, view.updatedAt, view.state.owner, view.messages.length, view.remarks.length, view.promises.map((p) => p.keptAt ?? '')]);
let shown = '';

function renderConversation(view) {
  const switched = current?.id !== view.id;
  current = view;
  markSeen(view);
  const sig = signature(view);
  if (!switched && sig === shown) return;
  shown = sig;
  if (switched) {
    taken = null;
    setDraft('');
  }
  $('conversation-title').textContent = `${view.buyerId}${view.queue?.product ? ` · ${view.queue.product}` : ''}`;
  const owner = $('conversation-owner');
  owner.textContent = OWNER_ZH[view.state.owner] ?? view.state.owner;
  owner.className = `badge ${view.state.owner}`;
  $('conversation-flow').textContent = view.queue?.stateLabel ?? '';
  $('join').disabled = view.state.owner === 'agent';
  $('leave').disabled = view.state.owner === 'bot';
  const messages = $('messages');
  messages.replaceChildren(...(view.messages.length ? view.messages.map(messageItem) : [el('li', { className: 'empty' }, '暂无消息')]));
  messages.scrollTop = messages.scrollHeight;
  renderHandoff(view);
  renderSuggestions(view);
  renderOrders(view);
  updateSendState();
  for (const a of document.querySelectorAll('#conversation-list a')) a.setAttribute('aria-current', a.dataset.id === view.id ? 'true' : 'false');
  if (switched) {
    $('sim-conversation').value = view.id;
    $('sim-buyer').value = view.buyerId;
  }
}

// A live refresh and a click can both be loading a chat: only the latest request may render,
// or a late answer for the previous chat would switch back and clear the agent's draft.
let openSeq = 0;

async function openConversation(id) {
  if (!id) return;
  const seq = ++openSeq;
  try {
    const view = await apiJson(`/inbox/${encodeURIComponent(id)}`);
    if (seq !== openSeq) return;
    renderConversation(view);
    renderQueue();
  } catch (err) {
    if (seq !== openSeq) return;
    if (err.status === 404) {
      current = null;
      $('conversation-title').textContent = `会话 ${id}（新会话，尚无消息）`;
      $('messages').replaceChildren();
      $('sim-conversation').value = id;
      return;
    }
    reportError(err);
  }
}

async function refresh() {
  try {
    await loadQueue();
    const id = selectedId() || current?.id;
    if (id) await openConversation(id);
  } catch (err) {
    reportError(err);
  }
}

// ---- Live updates ----

let source;
let refreshTimer;
/** Several events of one turn arrive together: one reload for all of them. */
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 50);
}

function connectLive() {
  source?.close();
  // EventSource cannot send the key in a header: it goes in a cookie only the event stream reads.
  document.cookie = `kefu_key=${encodeURIComponent(apiKey())}; path=/api/v1/events; SameSite=Strict`;
  source = new EventSource('/api/v1/events');
  const badge = $('live-state');
  source.onopen = () => {
    badge.textContent = '实时';
    badge.className = 'badge bot';
  };
  source.onerror = () => {
    badge.textContent = '重连中…';
    badge.className = 'badge pending';
  };
  for (const type of ['buyer_message', 'reply', 'suggestion', 'handoff', 'owner', 'reset']) source.addEventListener(type, scheduleRefresh);
}

// ---- Buyer simulator ----

async function sendBuyerMessage(event) {
  event.preventDefault();
  const id = $('sim-conversation').value.trim();
  const text = $('sim-text').value.trim();
  if (!id || !text) return;
  try {
    const answer = await apiJson(`/conversations/${encodeURIComponent(id)}/messages`, { body: { buyerId: $('sim-buyer').value.trim(), text, mode: $('sim-mode').value } });
    $('sim-text').value = '';
    status(answer.delivery === 'suggest' ? `已收到，机器人给出 ${answer.replies.length} 条建议` : '机器人已自动回复');
    if (selectedId() === id) await openConversation(id);
    else location.hash = encodeURIComponent(id);
  } catch (err) {
    reportError(err);
  }
}

// ---- Draft: lint in the box, placeholders, quick phrases ----

let lintTimer;
let lintSeq = 0;

function setDraft(text) {
  const draft = $('draft');
  draft.value = text;
  draft.focus();
  onDraftInput();
}

function onDraftInput() {
  $('gate').hidden = true;
  renderMarks($('draft-marks'), $('draft').value, lint.text === $('draft').value ? (lint.result?.violations ?? []) : []);
  updateSendState();
  clearTimeout(lintTimer);
  lintTimer = setTimeout(lintDraft, LINT_DELAY_MS);
  showShortcodeMatches();
}

function updateSendState() {
  $('send-agent').disabled = !current || $('draft').value.trim() === '';
}

async function lintText(text) {
  if (lint.text === text && lint.result) return lint.result;
  const result = await apiJson('/lint', { body: { text } });
  lint = { text, result };
  return result;
}

async function lintDraft() {
  const text = $('draft').value;
  const seq = ++lintSeq;
  if (text.trim() === '') {
    renderMarks($('draft-marks'), '', []);
    $('lint-summary').textContent = '';
    $('lint-findings').replaceChildren();
    return;
  }
  try {
    const result = await lintText(text);
    if (seq !== lintSeq || $('draft').value !== text) return;
    renderMarks($('draft-marks'), text, result.violations);
    renderFindings(text, result);
  } catch (err) {
    reportError(err);
  }
}

function renderFindings(text, result) {
  const points = result.violations.reduce((sum, v) => sum + (v.penaltyPoints ?? 0), 0);
  const summary = $('lint-summary');
  const holes = openPlaceholders(text);
  const fill = holes.length ? `请先填写：${holes.join('、')}。` : '';
  if (result.violations.length === 0) {
    summary.textContent = fill || '未发现问题，可以发送';
    summary.className = `lint-summary ${holes.length ? 'errors' : 'clean'}`;
  } else {
    summary.textContent = `${fill}${result.errorCount} 个错误，${result.warningCount} 个提醒${points ? `，可能扣 ${points} 分` : ''}${result.fixed ? '（可一键修正）' : ''}`;
    summary.className = `lint-summary ${result.errorCount || holes.length ? 'errors' : ''}`;
  }
  $('lint-findings').replaceChildren(...result.violations.map((v) => findingItem(text, v)));
}

function syncScroll() {
  $('draft-marks').scrollTop = $('draft').scrollTop;
}

async function loadPhrases() {
  ({ scripts: phrases } = await apiJson('/scripts'));
}

function phraseItem(p, i) {
  return el(
    'li',
    { role: 'option', id: `phrase-${i}`, 'data-id': p.id, onmousedown: (e) => e.preventDefault(), onclick: () => insertPhrase(p) },
    el('span', { className: 'code' }, `/${p.id}`),
    el('span', { className: 'group' }, p.groupName),
    el('span', { className: 'text' }, p.variants[0]),
  );
}

let phraseMatches = [];
let phraseTarget = 'search'; // where a chosen phrase goes: the search box's query or a /shortcode in the draft
let activePhrase = 0;

function showPhrases(matches, target) {
  phraseMatches = matches.slice(0, 8);
  phraseTarget = target;
  activePhrase = 0;
  const list = $('phrase-results');
  list.hidden = phraseMatches.length === 0;
  list.replaceChildren(...phraseMatches.map(phraseItem));
  highlightPhrase();
}

function highlightPhrase() {
  [...$('phrase-results').children].forEach((li, i) => li.setAttribute('aria-selected', i === activePhrase ? 'true' : 'false'));
}

function hidePhrases() {
  $('phrase-results').hidden = true;
  phraseMatches = [];
}

function showShortcodeMatches() {
  const draft = $('draft');
  const at = shortcodeAt(draft.value, draft.selectionStart);
  if (at && at.code.length >= 2) showPhrases(phrasesForCode(phrases, at.code), 'draft');
  else if (phraseTarget === 'draft') hidePhrases();
}

/** Puts the phrase into the draft (several may go into one message), its placeholders filled where known. */
function insertPhrase(phrase) {
  const draft = $('draft');
  const text = fillPlaceholders(phrase.variants[0], placeholderValues(current, agentName()));
  let value = draft.value;
  let caret = draft.selectionStart ?? value.length;
  const at = phraseTarget === 'draft' ? shortcodeAt(value, caret) : undefined;
  if (at) {
    value = value.slice(0, at.start) + value.slice(caret);
    caret = at.start;
  }
  draft.value = value.slice(0, caret) + text + value.slice(caret);
  hidePhrases();
  $('phrase-search').value = '';
  draft.focus();
  // The cursor goes to the first placeholder still to fill, else after the phrase.
  const hole = draft.value.slice(caret, caret + text.length).search(/\{[A-Za-z]+\}/);
  const pos = hole === -1 ? caret + text.length : caret + hole;
  draft.setSelectionRange(pos, hole === -1 ? pos : pos + (/\{[A-Za-z]+\}/.exec(draft.value.slice(pos))?.[0].length ?? 0));
  onDraftInput();
}

function phraseKeys(event) {
  if ($('phrase-results').hidden || phraseMatches.length === 0) return false;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    activePhrase = (activePhrase + (event.key === 'ArrowDown' ? 1 : phraseMatches.length - 1)) % phraseMatches.length;
    highlightPhrase();
  } else if (event.key === 'Tab' || (event.key === 'Enter' && !event.ctrlKey)) {
    insertPhrase(phraseMatches[activePhrase]);
  } else if (event.key === 'Escape') {
    hidePhrases();
  } else return false;
  event.preventDefault();
  return true;
}

// ---- Sending, with the compliance gate ----

async function send({ override } = {}) {
  const text = $('draft').value.trim();
  if (!current || !text) return;
  const holes = openPlaceholders(text);
  if (holes.length) {
    $('lint-summary').textContent = `请先填写：${holes.join('、')}`;
    $('lint-summary').className = 'lint-summary errors';
    status(`还有占位符没有填写：${holes.join('、')}`, 'error');
    return;
  }
  try {
    const result = await lintText($('draft').value);
    renderMarks($('draft-marks'), $('draft').value, result.violations);
    renderFindings($('draft').value, result);
    if (result.errorCount > 0 && !override) {
      openGate(result);
      return;
    }
    const pending = pendingSuggestion(current);
    const suggestion = pending ? { seq: pending.seq, ...(taken?.seq === pending.seq ? { candidate: taken.candidate } : {}) } : undefined;
    const answer = await apiJson(`/conversations/${encodeURIComponent(current.id)}/agent-replies`, {
      body: { agent: agentName(), text, ...(override ? { override: { reason: override } } : {}), ...(suggestion ? { suggestion } : {}) },
    });
    $('send-result').textContent = answer.lint.errorCount ? `已发送（强制发送），记录 ${answer.lint.errorCount} 个违规${answer.points ? `，扣 ${answer.points} 分` : ''}` : '已发送';
    taken = null;
    $('gate').hidden = true;
    $('override-reason').value = '';
    setDraft('');
    await refresh();
  } catch (err) {
    reportError(err);
  }
}

function openGate(result) {
  $('gate').hidden = false;
  $('gate-message').textContent = `草稿有 ${result.errorCount} 个错误，不能直接发送：请修改，或一键修正${result.fixed ? '' : '（本条没有可自动修正的内容）'}，或填写理由后仍要发送（会记入问题记录并扣分）。`;
  $('apply-fixes').disabled = !result.fixed;
  ($('apply-fixes').disabled ? $('override-reason') : $('apply-fixes')).focus();
}

async function applyFixes() {
  const result = await lintText($('draft').value);
  if (result.fixed) setDraft(result.fixed);
}

function sendAnyway() {
  const reason = $('override-reason').value.trim();
  if (reason.length < 2) {
    status('请填写仍要发送的理由（至少 2 个字）', 'error');
    $('override-reason').focus();
    return;
  }
  send({ override: reason });
}

// ---- Owner, promises ----

async function changeOwner(action) {
  if (!current) return;
  try {
    const answer = await apiJson(`/conversations/${encodeURIComponent(current.id)}/owner`, { body: { action, agent: agentName() } });
    status(action === 'join' ? '已接手，机器人只给建议' : answer.answer ? '已交还机器人，机器人已回复买家未回复的消息' : '已交还机器人自动回复');
    await refresh();
    if (action === 'join') $('draft').focus();
  } catch (err) {
    reportError(err);
  }
}

async function keepPromise(promiseId) {
  if (!current) return;
  try {
    await api(`/conversations/${encodeURIComponent(current.id)}/promises/${encodeURIComponent(promiseId)}/kept`, { body: { agent: agentName() } });
    status('已标记为已兑现');
    await refresh();
  } catch (err) {
    reportError(err);
  }
}

// ---- Keyboard ----

function moveInQueue(step) {
  const ids = queue.filter(visible).map((c) => c.id);
  if (ids.length === 0) return;
  const i = ids.indexOf(current?.id);
  const next = ids[i === -1 ? 0 : (i + step + ids.length) % ids.length];
  location.hash = encodeURIComponent(next);
  $('draft').focus();
}

function globalKeys(event) {
  if (event.ctrlKey && event.key === 'Enter') {
    event.preventDefault();
    if (!$('gate').hidden && document.activeElement === $('override-reason')) sendAnyway();
    else send();
  } else if (event.ctrlKey && (event.key === 'k' || event.key === 'K')) {
    event.preventDefault();
    $('phrase-search').focus();
    showPhrases(searchPhrases(phrases, $('phrase-search').value), 'search');
  } else if (event.altKey && ['1', '2', '3'].includes(event.key)) {
    event.preventDefault();
    useSuggestion(Number(event.key) - 1);
  } else if (event.altKey && (event.key === 't' || event.key === 'T' || event.code === 'KeyT')) {
    event.preventDefault();
    if (current) changeOwner(current.state.owner === 'agent' ? 'leave' : 'join');
  } else if (event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
    event.preventDefault();
    moveInQueue(event.key === 'ArrowDown' ? 1 : -1);
  } else if (event.key === 'Escape') {
    hidePhrases();
    $('shortcuts').hidden = true;
  }
}

// ---- Start ----

bindKeyField($('api-key'), () => {
  connectLive();
  refresh();
});
$('agent-name').value = localStorage.getItem(AGENT_STORAGE) || '小禾';
$('agent-name').addEventListener('change', () => {
  localStorage.setItem(AGENT_STORAGE, agentName());
  renderQueue();
});
$('sound').checked = localStorage.getItem(SOUND_STORAGE) === '1';
$('sound').addEventListener('change', () => localStorage.setItem(SOUND_STORAGE, $('sound').checked ? '1' : '0'));
const savedFilter = localStorage.getItem(FILTER_STORAGE);
const filterInput = document.querySelector(`input[name="queue-filter"][value="${savedFilter}"]`);
if (filterInput) filterInput.checked = true;
$('queue-filters').addEventListener('change', () => {
  localStorage.setItem(FILTER_STORAGE, filterValue());
  renderQueue();
});
$('shortcuts-help').addEventListener('click', () => {
  $('shortcuts').hidden = !$('shortcuts').hidden;
  $('shortcuts-help').setAttribute('aria-expanded', String(!$('shortcuts').hidden));
});
$('refresh').addEventListener('click', refresh);
$('simulator').addEventListener('submit', sendBuyerMessage);
$('sim-new').addEventListener('click', () => {
  location.hash = newConversationId();
});
$('draft').addEventListener('input', onDraftInput);
$('draft').addEventListener('scroll', syncScroll);
$('draft').addEventListener('keydown', (e) => phraseKeys(e));
$('phrase-search').addEventListener('input', () => showPhrases(searchPhrases(phrases, $('phrase-search').value), 'search'));
$('phrase-search').addEventListener('keydown', (e) => phraseKeys(e));
$('phrase-search').addEventListener('blur', () => setTimeout(() => phraseTarget === 'search' && hidePhrases(), 150));
$('send-agent').addEventListener('click', () => send());
$('apply-fixes').addEventListener('click', applyFixes);
$('send-anyway').addEventListener('click', sendAnyway);
$('join').addEventListener('click', () => changeOwner('join'));
$('leave').addEventListener('click', () => changeOwner('leave'));
document.addEventListener('keydown', globalKeys);
window.addEventListener('hashchange', () => openConversation(selectedId()));

$('sim-conversation').value = selectedId() || newConversationId();
renderSuggestions(null);
connectLive();
loadPhrases().catch(reportError);
refresh().then(() => openConversation(selectedId()));
setInterval(tickTimers, 1000);
