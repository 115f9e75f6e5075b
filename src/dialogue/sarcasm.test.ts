import { describe, expect, it } from 'vitest';
import { readingPastSarcasm } from './sarcasm.ts';

describe('readingPastSarcasm', () => {
  it('reads sneering praise as a complaint', () => {
    expect(readingPastSarcasm('praise', '呵呵 效率真高')).toBe('complaint');
    expect(readingPastSarcasm('thanks_bye', '好棒棒 谢谢你们啊')).toBe('complaint');
    expect(readingPastSarcasm('other', '你们家客服真行')).toBe('complaint');
  });

  it('keeps sincere praise and other readings', () => {
    expect(readingPastSarcasm('praise', '呵呵 收到了很喜欢')).toBe('praise');
    expect(readingPastSarcasm('praise', '服务真好 下次还来')).toBe('praise');
    expect(readingPastSarcasm('delivery_delay', '呵呵 三天了一动不动')).toBe('delivery_delay');
  });
});
