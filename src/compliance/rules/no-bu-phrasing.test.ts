import { describe, expect, it } from 'vitest';
import { testRule } from '../rule-tester.ts';
import { buPhrasings } from '../tables/bu-phrasings.ts';
import { tableKeywords } from '../tables/match.ts';
import rule from './no-bu-phrasing.ts';

testRule(rule, {
  valid: [
    // seed 000 二(7) 应改为：无法再低了，非常抱歉，无法帮到您，无法到达
    '非常抱歉，价格已经无法再低了。',
    '非常抱歉，这个问题我暂时无法帮到您，我请同事来跟进。',
    '非常抱歉，您的地址中通快递无法到达，我们为您换邮政。',
    '非常抱歉，这个要求我们暂时无法满足。', // seed 000 二(5)
    '我们会尽快安排发货，尽力帮您催促快递。', // seed 000 二(10)
    '支持信用卡快捷支付，无需您支付任何额外的手续费。', // seed 004 信用卡
    '正常今天可以发出。',
    '您好，请问有什么可以帮您？',
  ],
  nearMisses: [
    '不客气，有问题随时联系我们～',
    '不用担心，我们会第一时间为您处理。',
    '这款口碑很不错，回购的老顾客不少。',
    '不仅包邮，还送运费险。',
    '不管是送人还是自用都很合适。',
    '不同颜色的价格不同。',
    '您看能不能先拍下，我这边为您备注。',
    '请问可不可以麻烦您提供一下订单号？',
    '您看这样行不行？',
    '实在不行的话，您可以申请退换。',
    '如果不行就换成顺丰给您发。',
    '我不太清楚，麻烦您咨询下银行是否支持。', // seed 000 一(5); 不清楚 is no-dismissive's
    '七天无理由退换不影响您的权益。',
    '您说的“不能便宜点吗”我们已经看到了，这就为您申请优惠券。',
  ],
  invalid: [
    { text: '这个价格不能便宜了。', errors: [{ span: '不能便宜了', messageId: 'bu' }], output: '这个价格无法再低了。' },
    { text: '不好意思，让您久等了。', errors: [{ span: '不好意思' }], output: '非常抱歉，让您久等了。' },
    { text: '改地址不行的。', errors: [{ span: '不行', suggestion: '改地址无法帮到您的。' }] },
    { text: '您那边中通到不了。', errors: [{ span: '到不了' }], output: '您那边中通无法到达。' },
    { text: '您那边韵达到不了。', name: 'courier 韵达 before 到不了', errors: [{ span: '到不了' }], output: '您那边韵达无法到达。' },
    {
      text: '真不好意思，这个价格不能再便宜了哦～',
      errors: [{ span: '真不好意思' }, { span: '不能再便宜了' }],
      output: '非常抱歉，这个价格无法再低了哦～',
    },
    { text: '价格不能便宜了亲，已经是活动价', errors: [{ span: '不能便宜了' }], output: '价格无法再低了亲，已经是活动价' },
    { text: '这件事我们做不到。', errors: [{ span: '做不到' }], output: '这件事我们无法做到。' },
    { text: '这款不可以机洗。', errors: [{ span: '不可以', suggestion: '这款无法机洗。' }] },
    { text: '不能用花呗的话可以用信用卡。', errors: [{ span: '不能', suggestion: '无法用花呗的话可以用信用卡。' }] },
    { text: '这个价格实在不行，非常遗憾。', errors: [{ span: '不行' }] },
    {
      text: '不好意思，這個價格不能便宜了。',
      name: 'traditional',
      errors: [{ span: '不好意思' }, { span: '不能便宜了' }],
      output: '非常抱歉，這個價格无法再低了。',
    },
    {
      text: '不好意思！ＸＬ码做不到当天发货。',
      name: 'full-width',
      errors: [{ span: '不好意思' }, { span: '做不到' }],
      output: '非常抱歉！ＸＬ码无法做到当天发货。',
    },
    { text: '太不好意思了😭让您久等', name: 'emoji', errors: [{ span: '太不好意思了' }], output: '非常抱歉😭让您久等' },
    { text: 'M码不行，L码可以', name: 'mixed Latin', errors: [{ span: '不行', suggestion: 'M码无法帮到您，L码可以' }] },
    {
      text: '偏远地区快递到不了，办不到包邮',
      errors: [{ span: '到不了' }, { span: '办不到' }],
      output: '偏远地区快递无法到达，无法办到包邮',
    },
    {
      text: '亲，不好意思！我们公司上班时不允许开手机的，请您用旺旺联系哦，谢谢您的谅解.',
      name: 'seed 004 案例2 (the manual answer, fixed for tmall)',
      errors: [{ span: '不好意思' }],
      output: '亲，非常抱歉！我们公司上班时不允许开手机的，请您用旺旺联系哦，谢谢您的谅解.',
    },
  ],
});

describe('bu-phrasings table', () => {
  it('every entry matches its own phrase, and only 不-phrasings are listed', () => {
    for (const e of buPhrasings) {
      expect(new RegExp(e.pattern ?? e.phrase, 'u').test(e.phrase), e.phrase).toBe(true);
      expect(e.phrase).toContain('不');
    }
  });

  it('gives the rule its keywords: the words every entry needs, not 不 alone', () => {
    expect(rule.meta.keywords).toEqual(tableKeywords(buPhrasings));
    expect(rule.meta.keywords).not.toContain('不');
    for (const e of buPhrasings) expect((rule.meta.keywords ?? []).some((k) => e.phrase.includes(k)), e.phrase).toBe(true);
  });
});
