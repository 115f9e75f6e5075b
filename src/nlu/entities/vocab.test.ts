import { describe, expect, it } from 'vitest';
import { found } from './test-helpers.ts';

describe('couriers', () => {
  it.each([
    ['能发顺丰吗', '顺丰'], ['顺丰SF到付', '顺丰'], ['发sf', '顺丰'], ['中通到不了', '中通'], ['圓通', '圆通'], ['韵达快递', '韵达'],
    ['申通', '申通'], ['EMS', 'EMS'], ['中国邮政', '邮政'], ['京东快递', '京东'], ['极兔', '极兔'],
  ])('%s → %s', (text, name) => {
    expect(found(text, 'courier').map((c) => c.name)).toEqual([name]);
  });
  it.each(['天天都在等', 'sfx', '系统'])('no courier in %s', (text) => {
    expect(found(text, 'courier')).toEqual([]);
  });
});

describe('colours', () => {
  it.each([
    ['有红色吗', '红色'], ['要黑的', '黑色'], ['米白还有吗', '米白色'], ['藏青色', '藏青色'], ['酒紅色', '酒红色'], ['卡其', '卡其色'], ['烟灰30有吗', '烟灰色'], ['燕麦的M码', '燕麦色'],
  ])('%s → %s', (text, name) => {
    expect(found(text, 'color').map((c) => c.name)).toEqual([name]);
  });
  it.each([['羽绒服black M码有吗', '黑色'], ['ok 那khaki呢', '卡其色'], ['Navy的有吗', '藏青色']])('an English colour name: %s → %s', (text, name) => {
    expect(found(text, 'color').map((c) => c.name)).toEqual([name]);
  });
  it.each(['白天能发吗', '金额不对', '黑的话', 'blackfriday有活动吗', 'reddit']) ('no colour in %s', (text) => {
    expect(found(text, 'color')).toEqual([]);
  });
});
