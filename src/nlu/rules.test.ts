import { describe, expect, it } from 'vitest';
import { matchRule } from './rules.ts';

describe('exact rules', () => {
  it.each([
    ['转人工', 'human'], ['我要人工客服', 'human'], ['你是机器人吗', 'human'], ['换个客服来', 'human'],
    ['好评返现吗', 'review_cashback'], ['晒图返几块', 'review_cashback'],
  ])('%s → %s', (text, intent) => {
    expect(matchRule(text)).toBe(intent);
  });

  it.each(['人工费多少', '客服在吗', '这个好评了', '返修', '能便宜点吗'])('no rule for %s', (text) => {
    expect(matchRule(text)).toBeUndefined();
  });
});
