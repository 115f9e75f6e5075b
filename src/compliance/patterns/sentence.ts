/**
 * Sentence look-arounds for rules whose suggestion rewrites a whole sentence (an invitation
 * to WeChat, closing an order) or whose evidence sits earlier in the sentence than the
 * clause (收件人：…，电话 138…). Works on `view.norm`; offsets are offsets of the original.
 */

/** Sentence ends: Chinese/ASCII full stops, ! ? and line breaks; an ASCII '.' only before a space or the end (not in 1.5 or a URL). */
function isSentenceEnd(text: string, i: number): boolean {
  const ch = text[i]!;
  if ('。！？!?\n'.includes(ch)) return true;
  return ch === '.' && (i + 1 === text.length || /\s/.test(text[i + 1]!));
}

/** The sentence containing `offset`: [start, end), without its final punctuation or leading spaces. */
export function sentenceSpan(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && !isSentenceEnd(text, start - 1)) start--;
  while (start < offset && /\s/.test(text[start]!)) start++;
  let end = offset;
  while (end < text.length && !isSentenceEnd(text, end)) end++;
  return { start, end };
}

/** The text of the sentence before `offset`, at most `maxChars` long (line breaks do not stop it when `acrossLines`). */
export function sentenceBefore(text: string, offset: number, maxChars = 30, acrossLines = false): string {
  let i = offset;
  while (i > 0 && offset - i < maxChars) {
    const prev = i - 1;
    if (isSentenceEnd(text, prev) && !(acrossLines && text[prev] === '\n')) break;
    i--;
  }
  return text.slice(i, offset);
}

/** The text of the sentence from `offset`, at most `maxChars` long. */
export function sentenceAfter(text: string, offset: number, maxChars = 30): string {
  let i = offset;
  while (i < text.length && i - offset < maxChars && !isSentenceEnd(text, i)) i++;
  return text.slice(offset, i);
}

/** Hard sentence ends: 。, ! and ? (`norm` has ！？ as half-width) and line breaks; unlike `sentenceSpan`, an ASCII '.' never ends a sentence. */
const HARD_END = /[。!?\n]/;

/**
 * The sentence around [start, end) as [sentenceStart, sentenceEnd), ended only by hard ends
 * (see HARD_END; leading spaces are kept). Each side goes at most `maxChars` beyond the span.
 * The span a whole-sentence suggestion replaces (发票开不了 → 我们是无理由提供发票的…), and the
 * sentence a rule checks for context (预售/分期/退款 elsewhere in it).
 */
export function sentenceBounds(text: string, start: number, end: number = start, maxChars = Infinity): [number, number] {
  let s = start;
  while (s > 0 && start - s < maxChars && !HARD_END.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && e - end < maxChars && !HARD_END.test(text[e]!)) e++;
  return [s, e];
}

/** The text of `sentenceBounds(text, start, end)`. */
export function sentenceText(text: string, start: number, end: number = start): string {
  const [s, e] = sentenceBounds(text, start, end);
  return text.slice(s, e);
}
