// The reply box of the agent page: marks drawn in the box itself (compliance findings, placeholders
// to fill), quick phrases from the scripts library (search, /shortcode + Tab) prefilled from the order.
import { el } from './api.js';

/** `{orderId}`-style placeholders left in a draft: sending waits until they are filled. */
export const PLACEHOLDER = /\{[A-Za-z]+\}/g;

export function openPlaceholders(text) {
  return [...new Set(text.match(PLACEHOLDER) ?? [])];
}

/**
 * The draft's text with each flagged stretch wrapped (findings underlined by severity,
 * placeholders highlighted), for the layer drawn under the transparent textarea.
 */
export function renderMarks(box, text, violations) {
  const marks = Array.from({ length: text.length }, () => '');
  for (const v of violations) {
    for (let i = v.start; i < Math.min(v.end, text.length); i++) if (marks[i] !== 'error') marks[i] = v.severity === 'error' ? 'error' : 'warning';
  }
  for (const m of text.matchAll(PLACEHOLDER)) for (let i = m.index; i < m.index + m[0].length; i++) marks[i] = 'placeholder';
  const titles = (i) => violations.filter((v) => v.start <= i && i < v.end).map((v) => v.message).join('；');
  const parts = [];
  let i = 0;
  while (i < text.length) {
    let j = i + 1;
    while (j < text.length && marks[j] === marks[i]) j++;
    const chunk = text.slice(i, j);
    parts.push(marks[i] ? el('mark', { className: marks[i] === 'placeholder' ? 'placeholder' : `violation ${marks[i]}`, title: titles(i) || '请填写' }, chunk) : chunk);
    i = j;
  }
  // A trailing newline needs a character after it to take up a line, as in the textarea.
  parts.push('\u200b');
  box.replaceChildren(...parts);
}

/** What the open conversation knows for the placeholders: the product, the order most likely meant. */
export function placeholderValues(view, agent) {
  const values = { agent };
  if (view?.queue?.product) values.product = view.queue.product;
  const orders = view?.orders ?? [];
  const order = orders.find((o) => o.trackingNumber) ?? orders[0];
  if (order) {
    values.orderId = order.id;
    if (order.courier) values.courier = order.courier;
    if (order.trackingNumber) values.trackingNumber = order.trackingNumber;
    if (order.tracking[0]) values.trackingEvent = order.tracking[0].text;
    if (order.refund) values.amount = String(order.refund.amount);
  }
  return values;
}

export function fillPlaceholders(text, values) {
  return text.replace(PLACEHOLDER, (p) => values[p.slice(1, -1)] ?? p);
}

/** Phrases whose id, scenario or text contain every word of the query. */
export function searchPhrases(phrases, query) {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return phrases.filter((p) => {
    const hay = `${p.id} ${p.groupName} ${p.variants.join(' ')}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** The `/shortcode` just before the caret, if any. */
export function shortcodeAt(text, caret) {
  const m = /(?:^|\s)\/([\w.]+)$/.exec(text.slice(0, caret));
  return m ? { code: m[1], start: caret - m[1].length - 1 } : undefined;
}

/** Phrases a shortcode names: the exact id first, then ids starting with it, then containing it. */
export function phrasesForCode(phrases, code) {
  const c = code.toLowerCase();
  const exact = phrases.filter((p) => p.id.toLowerCase() === c);
  const starts = phrases.filter((p) => p.id.toLowerCase().startsWith(c) && !exact.includes(p));
  const contains = phrases.filter((p) => p.id.toLowerCase().includes(c) && !exact.includes(p) && !starts.includes(p));
  return [...exact, ...starts, ...contains];
}
