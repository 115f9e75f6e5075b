import { describe, expect, it } from 'vitest';
import { tableKeywords } from '../tables/match.ts';
import { testRule } from '../rule-tester.ts';
import { rudePhrases } from '../tables/rude-phrases.ts';
import rule from './no-rude.ts';

testRule(rule, {
  valid: [
    '真的很抱歉，没能让您满意，我会争取努力改进。', // seed 002 砍价：婉转的回绝
    '您可以再考虑一下，有需要随时联系我。',
    '这个价格已经很优惠了，非常遗憾没能让您满意。',
    '非常抱歉，价格已经无法再低了。', // seed 000 二(7)
    '非常抱歉，这个要求我们暂时无法满足。', // seed 000 二(5)
    '我们是自己的品牌原厂正品，请您放心。', // seed 000 一(4)
    '我再为您详细说明一下，这款需要先安装底座。',
    '您好，请问有什么可以帮您？',
  ],
  nearMisses: [
    '这款滚筒洗衣机支持除菌洗。',
    '滚轮静音，推起来很顺。',
    '傻瓜相机操作简单，一键就能拍。',
    '一键傻瓜式操作，老人也会用。',
    '您问这批苗木有病虫害吗？出货前都检疫过，请您放心。',
    '这款核桃补脑，老人小孩都能吃。',
    '新款层出不穷，欢迎常来逛逛。',
    '密码锁可防穷举破解。',
    '给您添麻烦了，非常抱歉。',
    '我们都说好了，今天给您安排发货。',
    '没有问题，这就为您处理。',
    '没有的话我帮您申请补发。',
    '讨价还价的话，可以先领店铺券再下单。',
    '如果看不懂安装图，我再为您详细说明。',
    '您说的“爱买不买”是之前哪位同事说的呢？非常抱歉，我们会严肃处理。',
  ],
  invalid: [
    {
      text: '爱买不买，不买拉倒。',
      name: 'seed 000 三(11)',
      errors: [
        { span: '爱买不买', messageId: 'rude', suggestion: '您可以再考虑一下，有需要随时联系我，不买拉倒。' },
        { span: '不买拉倒' },
      ],
    },
    {
      text: '我们这里不还价。',
      name: 'seed 002',
      errors: [{ span: '我们这里不还价', suggestion: '这个价格已经很优惠了，非常遗憾没能让您满意。' }],
    },
    { text: '没有。', name: 'seed 002 bare 没有', errors: [{ span: '没有', messageId: 'flatNo' }] },
    { text: '买不起就别买。', errors: [{ span: '买不起就别买' }] },
    { text: '说了多少遍了，详情页有写。', errors: [{ span: '说了多少遍了', suggestion: '我再为您详细说明一下，详情页有写。' }] },
    { text: '你是不是傻，尺码表自己不会看吗？', errors: [{ span: '是不是傻' }, { span: '自己不会看吗' }] },
    { text: '你煩不煩啊，都說了沒貨。', name: 'traditional', errors: [{ span: '你煩不煩' }] },
    { text: '滚！别再发消息了', name: 'full-width punctuation', errors: [{ span: '滚' }] },
    { text: '神经病吧，Ｍ码早就说过了', name: 'full-width Latin', errors: [{ span: '神经病' }, { span: '早就说过了' }] },
    { text: '有病吧😡', name: 'emoji', errors: [{ span: '有病吧' }] },
    { text: '嫌贵就别买，XL码就这个价', name: 'mixed Latin', errors: [{ span: '嫌贵就别买' }] },
    { text: '你脑子进水了吧', errors: [{ span: '脑子进水' }] },
    { text: '穷鬼还砍价', errors: [{ span: '穷鬼' }] },
    { text: '您事真多', errors: [{ span: '事真多' }] },
  ],
});

describe('rude-phrases table', () => {
  it('every entry matches its own phrase and contains a keyword', () => {
    for (const e of rudePhrases) {
      expect(new RegExp(e.pattern ?? e.phrase, 'u').test(e.phrase), e.phrase).toBe(true);
      expect((rule.meta.keywords ?? []).some((k) => e.phrase.includes(k)), e.phrase).toBe(true);
    }
  });

  it('has the keywords of its table, and 没 for a bare 没有 (it covers 没得商量, 没长眼 …)', () => {
    expect(rule.meta.keywords).toContain('没');
    for (const w of tableKeywords(rudePhrases)!) expect((rule.meta.keywords ?? []).some((k) => w.includes(k)), w).toBe(true);
  });
});
