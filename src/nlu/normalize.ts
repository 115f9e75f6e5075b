import { normalizeSameLength } from '../text/normalize.ts';

/**
 * A buyer message prepared for classification and entity extraction: simplified, half-width,
 * lower-case, emoji and decoration removed, runs of punctuation and spaces collapsed.
 * `offsets[i]` is the offset in the original message of `text[i]`, so spans found in `text`
 * map back to the buyer's own words.
 */
export interface NormalizedMessage {
  original: string;
  text: string;
  offsets: number[];
}

const PUNCT = /[,.!?;:~，。！？；：、…·'"“”‘’「」『』()（）【】\[\]<>《》\-—_=+*#@&^|\\/`]/;

function isDecoration(code: number): boolean {
  return (
    (code >= 0x1f000 && code <= 0x1faff) || // emoji, symbols, pictographs
    (code >= 0x2600 && code <= 0x27bf) || // misc symbols, dingbats
    (code >= 0xfe00 && code <= 0xfe0f) || // variation selectors
    code === 0x200d || // zero-width joiner
    code === 0x200b ||
    (code >= 0x1f3fb && code <= 0x1f3ff) || // skin tones
    code === 0x20e3 ||
    (code >= 0xe0020 && code <= 0xe007f)
  );
}

/**
 * "再吗亲", "再么": the pinyin keyboard's homophone of 在吗 standing alone (a clause of its own, at most
 * with 亲 after it) is the greeting; "能再便宜点吗" or "还会再来吗" keep their 再. Same length: offsets hold.
 */
const GREETING_HOMOPHONE = /(^|[ ,.!?;~亲])再(?=[吗嘛么麼](?:亲|呀|啊)?(?:$|[ ,.!?;~]))/gu;

export function normalizeMessage(original: string): NormalizedMessage {
  const same = normalizeSameLength(original);
  let text = '';
  const offsets: number[] = [];
  let lastKind: 'space' | 'punct' | 'char' | 'start' = 'start';
  for (let i = 0; i < same.length; ) {
    const code = same.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const ch = same.slice(i, i + width);
    if (isDecoration(code)) {
      i += width;
      continue;
    }
    if (/\s/.test(ch)) {
      if (lastKind === 'char') {
        text += ' ';
        offsets.push(i);
        lastKind = 'space';
      }
    } else if (PUNCT.test(ch)) {
      // One mark stands for a run ("？？？" → "?"), and replaces a space before it.
      if (lastKind === 'space') {
        text = text.slice(0, -1);
        offsets.pop();
      }
      if (lastKind !== 'punct' && lastKind !== 'start') {
        text += ch;
        offsets.push(i);
      }
      lastKind = lastKind === 'start' ? 'start' : 'punct';
    } else {
      text += ch;
      for (let k = 0; k < ch.length; k++) offsets.push(i + k);
      lastKind = 'char';
    }
    i += width;
  }
  while (text.length > 0 && (text.endsWith(' ') || PUNCT.test(text[text.length - 1]!))) {
    text = text.slice(0, -1);
    offsets.pop();
  }
  return { original, text: text.replace(GREETING_HOMOPHONE, '$1在'), offsets };
}

/** The original span of normalised positions [start, end). */
export function originalSpan(message: NormalizedMessage, start: number, end: number): { start: number; end: number } {
  if (message.offsets.length === 0) return { start: 0, end: 0 };
  const s = message.offsets[start] ?? message.original.length;
  const lastIndex = message.offsets[end - 1];
  // The last character may be a surrogate pair: extend to the whole code point.
  const e = lastIndex === undefined ? s : lastIndex + (message.original.codePointAt(lastIndex)! > 0xffff ? 2 : 1);
  return { start: s, end: e };
}
