// The live lint of a draft, shared by the agent page and the trainer page: the text with each
// flagged stretch underlined, a one-line summary, and the findings with their points.
import { apiJson, el } from './api.js';

/** The draft with each flagged stretch underlined (overlapping findings split into segments). */
export function renderPreview(box, text, violations) {
  const flags = Array.from({ length: text.length }, () => []);
  for (const v of violations) for (let i = v.start; i < Math.min(v.end, text.length); i++) flags[i].push(v);
  const parts = [];
  let i = 0;
  while (i < text.length) {
    let j = i + 1;
    while (j < text.length && flags[j].length === flags[i].length && flags[j].every((v, k) => v === flags[i][k])) j++;
    const chunk = text.slice(i, j);
    if (flags[i].length === 0) parts.push(chunk);
    else {
      const severity = flags[i].some((v) => v.severity === 'error') ? 'error' : 'warning';
      parts.push(el('span', { className: `violation ${severity}`, title: flags[i].map((v) => v.message).join('；') }, chunk));
    }
    i = j;
  }
  box.replaceChildren(...parts);
}

/** The summary line and the list of findings for `text` (result: { violations, errorCount, warningCount }). */
export function renderFindings(summary, list, text, result) {
  const points = result.violations.reduce((sum, v) => sum + (v.penaltyPoints ?? 0), 0);
  if (result.violations.length === 0) {
    summary.textContent = '未发现问题，可以发送';
    summary.className = 'lint-summary clean';
  } else {
    summary.textContent = `${result.errorCount} 个错误，${result.warningCount} 个提醒${points ? `，可能扣 ${points} 分` : ''}`;
    summary.className = `lint-summary ${result.errorCount ? 'errors' : ''}`;
  }
  list.replaceChildren(...result.violations.map((v) => findingItem(text, v)));
}

/** One finding as a list item: severity, the flagged words, the message, the rule and its points. */
export function findingItem(text, v) {
  return el(
    'li',
    { className: v.severity },
    el('span', { className: 'badge' }, v.severity === 'error' ? '错误' : '提醒'),
    ' ',
    `「${text.slice(v.start, v.end)}」${v.message} `,
    el('span', { className: 'rule' }, v.ruleId),
    v.penaltyPoints ? el('span', { className: 'points' }, ` 扣 ${v.penaltyPoints} 分`) : null,
  );
}

const LINT_DELAY_MS = 250;

/**
 * Lints the draft as it is typed (POST /lint, debounced): `schedule()` after each change; an answer
 * for older text never overwrites the current one; `clear()` empties the view (and drops pending answers).
 */
export function lintAsYouType({ draft, preview, summary, findings, onError }) {
  let timer;
  let seq = 0;
  function clear() {
    seq++;
    clearTimeout(timer);
    preview.replaceChildren();
    summary.textContent = '';
    findings.replaceChildren();
  }
  async function run() {
    const text = draft.value;
    const mine = ++seq;
    if (text.trim() === '') {
      clear();
      return;
    }
    try {
      const result = await apiJson('/lint', { body: { text } });
      if (mine !== seq) return;
      renderPreview(preview, text, result.violations);
      renderFindings(summary, findings, text, result);
    } catch (err) {
      onError(err);
    }
  }
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(run, LINT_DELAY_MS);
    },
    clear,
  };
}

/** The pages' draft box by its usual ids (#draft, #draft-preview, #lint-summary, #lint-findings). */
export function lintPageDraft(onError) {
  const $ = (id) => document.getElementById(id);
  return lintAsYouType({ draft: $('draft'), preview: $('draft-preview'), summary: $('lint-summary'), findings: $('lint-findings'), onError });
}
