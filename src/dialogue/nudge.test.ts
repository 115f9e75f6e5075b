import { describe, expect, it } from 'vitest';
import { isBareNudge, questionPressedFor } from './nudge.ts';

describe('isBareNudge', () => {
  it('reads pressing with no ask of its own as a nudge', () => {
    for (const text of ['?!', '？', '还在吗 回个话', '直说 行不行', '究竟怎么办啊', '退了没有？', '喂喂 快点']) expect(isBareNudge(text)).toBe(true);
  });

  it('a presence check alone is a greeting; pressed with marks, or 人呢, it is a nudge', () => {
    for (const text of ['在吗', '亲 在么？', '有人吗', '在不在']) expect(isBareNudge(text), text).toBe(false);
    for (const text of ['在吗？？？', '人呢', '在不在啊 回个话']) expect(isBareNudge(text), text).toBe(true);
  });
  it('is not a nudge when the message asks something itself', () => {
    for (const text of ['人呢 那围巾加毛衣够不够包邮', '到底哪天发', '怎么申请退款', '能不能便宜点', '在吗 有XL吗']) expect(isBareNudge(text)).toBe(false);
  });
});

describe('questionPressedFor', () => {
  const asked = { text: '围巾几天能到杭州', intent: 'shipping_time' };

  it('is the last real question, past earlier nudges', () => {
    expect(questionPressedFor('？？', [asked])).toBe('围巾几天能到杭州');
    expect(questionPressedFor('还在吗', [asked, { text: '？', intent: 'shipping_time' }])).toBe('围巾几天能到杭州');
  });

  it('presses for nothing after chat, a hand-off or a haggle', () => {
    expect(questionPressedFor('？？', [{ text: '在吗', intent: 'greeting' }])).toBeUndefined();
    expect(questionPressedFor('？？', [{ text: '转人工', intent: 'human' }])).toBeUndefined();
    expect(questionPressedFor('？？', [{ text: '便宜点', intent: 'bargain_generic' }])).toBeUndefined();
    expect(questionPressedFor('？？', [])).toBeUndefined();
    // A presence check after an answered question is a greeting, not the question again.
    expect(questionPressedFor('在吗', [asked])).toBeUndefined();
    expect(questionPressedFor('到底哪天发', [asked])).toBeUndefined();
  });
});

describe('a check on a case already taken on', () => {
  const change = { text: '地址帮我改成上海市徐汇区漕溪北路88号', intent: 'address_change' };
  it.each(['弄好了没？', '处理了没有', '换了没'])('%s asks its progress once the case was remarked or promised', (text) => {
    expect(questionPressedFor(text, [change], true)).toBeUndefined();
  });
  it('presses for the question again while nothing was taken on, or when it is no check on a case', () => {
    expect(questionPressedFor('弄好了没？', [change])).toBe(change.text);
    expect(questionPressedFor('？？？', [change], true)).toBe(change.text);
    expect(questionPressedFor('到底怎么办', [change], true)).toBe(change.text);
  });
});
