import { describe, expect, it } from 'vitest';
import { applyEdits } from './fixer.ts';

describe('applyEdits', () => {
  it('applies edits in text order whatever their order in the list', () => {
    expect(applyEdits('你好你', [{ start: 2, end: 3, text: '您' }, { start: 0, end: 1, text: '您' }])).toEqual({ output: '您好您', applied: 2 });
  });
  it('skips an edit overlapping an earlier one (left for the next pass)', () => {
    expect(applyEdits('不好意思', [{ start: 0, end: 4, text: '非常抱歉' }, { start: 1, end: 2, text: 'x' }])).toEqual({ output: '非常抱歉', applied: 1 });
  });
  it('handles deletions and insertions', () => {
    expect(applyEdits('好的哦', [{ start: 2, end: 3, text: '' }]).output).toBe('好的');
    expect(applyEdits('好', [{ start: 1, end: 1, text: '的' }]).output).toBe('好的');
  });
});
