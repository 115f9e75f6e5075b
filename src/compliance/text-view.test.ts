import { describe, expect, it } from 'vitest';
import { clauseAfter, clauseBefore, createTextView, isQuoted, matchAll } from './text-view.ts';

describe('quotes and clauses', () => {
  const view = createTextView('您说的“知道了”是指已经收到吗？好的，我们正常今天发货');

  it('finds quoted spans', () => {
    const at = view.original.indexOf('知道了');
    expect(isQuoted(view, at, at + 3)).toBe(true);
    expect(isQuoted(view, 0, 2)).toBe(false);
  });

  it('matchAll skips quoted matches unless asked', () => {
    expect(matchAll(view, /知道/g)).toEqual([]);
    expect(matchAll(view, /知道/g, { includeQuoted: true })).toHaveLength(1);
  });

  it('rejects a non-global regex', () => {
    expect(() => matchAll(view, /知道/)).toThrow(/global/);
  });

  it('clauseBefore stops at punctuation', () => {
    const at = view.original.indexOf('今天');
    expect(clauseBefore(view, at)).toBe('我们正常');
    expect(clauseAfter(view, at)).toBe('今天发货');
  });

  it('an unclosed quote does not hide the rest of the reply', () => {
    const open = createTextView('他说“你好');
    expect(open.quoted).toEqual([]);
  });
});

describe('quoted spans', () => {
  it('do not reach across a line break, and skip an unclosed quote', () => {
    const view = createTextView('他说“你好\n“知道了”和「好的」');
    expect(view.quoted.map(([s, e]) => view.original.slice(s, e))).toEqual(['“知道了”', '「好的」']);
    expect(isQuoted(view, view.original.indexOf('知道'), view.original.indexOf('知道') + 2)).toBe(true);
    expect(isQuoted(view, view.original.indexOf('你好'), view.original.indexOf('你好') + 2)).toBe(false);
    expect(isQuoted(view, view.original.indexOf('好的'), view.original.indexOf('好的') + 2)).toBe(true);
  });
});
