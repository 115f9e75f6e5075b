/**
 * Keywords from regex sources: the words one of which every match of a pattern contains, so a
 * phrase table yields its rule's `keywords` (the linter's prefilter) and extending the table
 * extends them. A small analysis of the regex syntax the tables use (literals, classes, groups,
 * alternation, quantifiers, lookarounds, anchors, \p{…}/\d/\s escapes), in the spirit of RE2's
 * prefilter: a part with a small finite set of matches is expanded (不(?:能|行) → 不能, 不行),
 * anything else (., \d, [^…], x*, x?) is a gap that no required word may cross.
 *
 * Sound by construction: every match of the pattern contains one of the words returned. When no
 * word can be proven (the pattern may match without any fixed text), the answer is undefined and
 * the rule must run on every text.
 */

type Node =
  | { kind: 'chars'; chars: string[] } // one character out of a known set (a literal or a small class)
  | { kind: 'any' } // one character out of an unknown or large set
  | { kind: 'empty' } // zero-width: ^, $, \b, lookarounds
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; items: Node[] }
  | { kind: 'repeat'; item: Node; min: number; max: number };

/** Largest finite set of strings a part is expanded to. */
const MAX_EXACT = 64;
/** Requirements of up to this many words are compared by how long their words are. */
const FEW_WORDS = 4;
/** A class with more characters than this is treated as any character. */
const MAX_CLASS = 16;

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected ${this.src[this.i]} at ${this.i} in /${this.src}/`);
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  /** One code point of the source (an astral literal stays whole). */
  private nextChar(): string {
    const ch = String.fromCodePoint(this.src.codePointAt(this.i)!);
    this.i += ch.length;
    return ch;
  }

  private alternation(): Node {
    const items = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      items.push(this.sequence());
    }
    return items.length === 1 ? items[0]! : { kind: 'alt', items };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.quantified(this.atom()));
    return { kind: 'seq', items };
  }

  private quantified(item: Node): Node {
    const q = /^(?:[*+?]|\{(\d+)(,(\d*))?\})/.exec(this.src.slice(this.i));
    if (!q) return item;
    this.i += q[0].length;
    if (this.peek() === '?') this.i++; // lazy: same strings
    const [min, max] =
      q[0] === '*' ? [0, Infinity] : q[0] === '+' ? [1, Infinity] : q[0] === '?' ? [0, 1] : [Number(q[1]), q[2] === undefined ? Number(q[1]) : q[3] === '' ? Infinity : Number(q[3])];
    return { kind: 'repeat', item, min: min!, max: max! };
  }

  private atom(): Node {
    const ch = this.peek()!;
    if (ch === '(') return this.group();
    if (ch === '[') return this.charClass();
    if (ch === '\\') return this.escape(false);
    this.i++;
    if (ch === '.') return { kind: 'any' };
    if (ch === '^' || ch === '$') return { kind: 'empty' };
    this.i--;
    return { kind: 'chars', chars: [this.nextChar()] };
  }

  private group(): Node {
    this.i++; // (
    let lookaround = false;
    const prefix = /^\?(?:<[=!]|[=!:]|<[A-Za-z_$][\w$]*>)/.exec(this.src.slice(this.i));
    if (prefix) {
      this.i += prefix[0].length;
      lookaround = /^\?(?:<[=!]|[=!])$/.test(prefix[0]);
    }
    const inner = this.alternation();
    if (this.peek() !== ')') throw new Error(`unclosed group in /${this.src}/`);
    this.i++;
    return lookaround ? { kind: 'empty' } : inner;
  }

  /** An escape; inside a class, `\b` is a backspace and class escapes make the class unknown. */
  private escape(inClass: boolean): Node {
    this.i++; // backslash
    const ch = this.nextChar();
    if (/[dDwWsS]/.test(ch)) return { kind: 'any' };
    if (/[pP]/.test(ch) && this.peek() === '{') {
      this.i = this.src.indexOf('}', this.i) + 1;
      return { kind: 'any' };
    }
    if (!inClass && /[bB]/.test(ch)) return { kind: 'empty' };
    if (/[1-9]/.test(ch) || (ch === 'k' && this.peek() === '<')) throw new Error(`backreferences are not supported: /${this.src}/`);
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', 0: '\0', b: '\b' };
    if (ch in simple) return { kind: 'chars', chars: [simple[ch]!] };
    const hex = ch === 'u' ? /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{4}))/.exec(this.src.slice(this.i)) : ch === 'x' ? /^()([0-9a-fA-F]{2})/.exec(this.src.slice(this.i)) : null;
    if (hex) {
      this.i += hex[0].length;
      return { kind: 'chars', chars: [String.fromCodePoint(parseInt(hex[1] ?? hex[2]!, 16))] };
    }
    if (ch === 'c') throw new Error(`\\c escapes are not supported: /${this.src}/`);
    return { kind: 'chars', chars: [ch] }; // \. \- \[ \\ …
  }

  private charClass(): Node {
    this.i++; // [
    const negated = this.peek() === '^';
    if (negated) this.i++;
    const chars = new Set<string>();
    let unknown = negated;
    while (this.peek() !== ']') {
      if (this.i >= this.src.length) throw new Error(`unclosed class in /${this.src}/`);
      const from = this.classChar();
      if (from !== undefined && this.peek() === '-' && this.src[this.i + 1] !== ']' && this.src[this.i + 1] !== undefined) {
        this.i++;
        const to = this.classChar();
        if (to === undefined) {
          unknown = true;
          continue;
        }
        const a = from.codePointAt(0)!;
        const b = to.codePointAt(0)!;
        if (b - a >= MAX_CLASS) unknown = true;
        else for (let c = a; c <= b; c++) chars.add(String.fromCodePoint(c));
        continue;
      }
      if (from === undefined) unknown = true;
      else chars.add(from);
    }
    this.i++; // ]
    return unknown || chars.size > MAX_CLASS ? { kind: 'any' } : { kind: 'chars', chars: [...chars] };
  }

  /** One member of a class; undefined for a class escape (\d, \s, \p{…}). */
  private classChar(): string | undefined {
    if (this.peek() !== '\\') return this.nextChar();
    const node = this.escape(true);
    return node.kind === 'chars' ? node.chars[0] : undefined;
  }
}

/** What the analysis knows of a part: all its matches when few, and words one of which each match contains. */
interface Info {
  exact?: readonly string[];
  required?: readonly string[];
}

/** Words without duplicates and without any word that contains another (it adds nothing). */
export function minimalWords(words: Iterable<string>): string[] {
  const unique = [...new Set(words)].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const kept: string[] = [];
  for (const w of unique) if (!kept.some((k) => w.includes(k))) kept.push(w);
  return kept;
}

/** A requirement is usable when it has words and none of them is empty. */
function usable(words: readonly string[] | undefined): readonly string[] | undefined {
  if (words === undefined || words.length === 0 || words.includes('')) return undefined;
  return minimalWords(words);
}

/**
 * Which of two requirements makes the better prefilter: words of at least two characters first;
 * among at most FEW_WORDS such words the longest shortest word (不能便宜 over 不能); else the
 * fewest words; then the longer words.
 */
function better(a: readonly string[], b: readonly string[]): boolean {
  const rank = (w: readonly string[]) => {
    const min = Math.min(...w.map((x) => x.length));
    const total = w.reduce((n, x) => n + x.length, 0);
    return { specific: min >= 2, few: min >= 2 && w.length <= FEW_WORDS, min, count: w.length, total };
  };
  const x = rank(a);
  const y = rank(b);
  if (x.specific !== y.specific) return x.specific;
  if (x.few !== y.few) return x.few;
  if (x.few && x.min !== y.min) return x.min > y.min;
  if (x.count !== y.count) return x.count < y.count;
  if (x.min !== y.min) return x.min > y.min;
  return x.total > y.total;
}

function best(candidates: (readonly string[] | undefined)[]): readonly string[] | undefined {
  let chosen: readonly string[] | undefined;
  for (const c of candidates) {
    const words = usable(c);
    if (words !== undefined && (chosen === undefined || better(words, chosen))) chosen = words;
  }
  return chosen;
}

function product(a: readonly string[], b: readonly string[]): string[] | undefined {
  if (a.length * b.length > MAX_EXACT) return undefined;
  return [...new Set(a.flatMap((x) => b.map((y) => x + y)))];
}

/** x{2,} is x x x*: the copies are fixed text next to each other (可以+ needs 可以). */
function expandRepeats(items: readonly Node[]): Node[] {
  return items.flatMap((item): Node[] => {
    if (item.kind !== 'repeat' || item.min === 0 || item.min > 4) return [item];
    const rest: Node[] = item.max === item.min ? [] : [{ kind: 'repeat', item: item.item, min: 0, max: item.max - item.min }];
    return [...Array<Node>(item.min).fill(item.item), ...rest];
  });
}

function analyse(node: Node): Info {
  switch (node.kind) {
    case 'chars':
      return { exact: node.chars, required: node.chars };
    case 'any':
      return {};
    case 'empty':
      return { exact: [''] };
    case 'repeat': {
      const inner = analyse(node.item);
      if (node.min >= 1) return { required: best([inner.required, inner.exact]) }; // only reached for min > 4
      if (node.max === 1 && inner.exact) return { exact: [...new Set(['', ...inner.exact])] };
      return {};
    }
    case 'alt': {
      const infos = node.items.map(analyse);
      const exactAll = infos.every((i) => i.exact) ? [...new Set(infos.flatMap((i) => i.exact!))] : undefined;
      const exact = exactAll && exactAll.length <= MAX_EXACT ? exactAll : undefined;
      const parts = infos.map((i) => best([i.required, i.exact]));
      const union = parts.every((p) => p !== undefined) ? parts.flat() : undefined;
      return { exact, required: best([union, exact]) };
    }
    case 'seq': {
      const infos = expandRepeats(node.items).map(analyse);
      const candidates: (readonly string[] | undefined)[] = infos.map((i) => i.required);
      // Every run of consecutive parts with few matches gives its expansion as a candidate.
      for (let from = 0; from < infos.length; from++) {
        let run: readonly string[] | undefined = [''];
        for (let to = from; to < infos.length && run !== undefined; to++) {
          const exact = infos[to]!.exact;
          run = exact === undefined ? undefined : product(run, exact);
          if (run !== undefined) candidates.push(run);
        }
      }
      let exact: readonly string[] | undefined = [''];
      for (const i of infos) exact = exact === undefined || i.exact === undefined ? undefined : product(exact, i.exact);
      return { exact, required: best(candidates) };
    }
  }
}

/**
 * Words (of the text the regex runs on) one of which every match of `source` contains, or
 * undefined when the pattern can match without any fixed word.
 */
export function requiredWords(source: string): string[] | undefined {
  const { required } = analyse(new Parser(source).parse());
  return required === undefined ? undefined : [...required];
}

/** The words that cover every one of `sources` (minimal), or undefined when one of them has none. */
export function requiredWordsOfAll(sources: readonly string[]): string[] | undefined {
  const words: string[] = [];
  for (const source of sources) {
    const own = requiredWords(source);
    if (own === undefined) return undefined;
    words.push(...own);
  }
  return minimalWords(words);
}
