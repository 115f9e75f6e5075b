import { describe, expect, it } from 'vitest';
import { tableKeywords } from '../tables/match.ts';
import { testRule } from '../rule-tester.ts';
import { dismissivePhrases } from '../tables/dismissive-phrases.ts';
import rule from './no-dismissive.ts';

testRule(rule, {
  valid: [
    '我不太清楚，麻烦您咨询下银行是否支持。', // seed 000 一(5): the manual's own answer on installments
    '我帮您确认一下，请您稍等。',
    '这个我帮您问一下同事，稍后回复您。',
    '我为您推荐一款合适的，这款米白色很百搭。',
    '非常抱歉，这个问题我暂时无法帮到您，我请同事来跟进。', // seed 000 二(7)
    '我们是自己的品牌原厂正品，请您放心。', // seed 000 一(4)
    '正常今天可以发出。',
    '您好，请问有什么可以帮您？',
  ],
  nearMisses: [
    '不知道您喜欢哪个颜色呢？',
    '不知道是否方便提供一下订单号呢？',
    '如果不知道尺码，可以告诉我您的身高体重。',
    '您发的图片看不清楚，麻烦您重新拍一张。',
    '图片有点不清楚，麻烦您再拍一张细节图。',
    '如果还有不清楚的地方，随时问我。',
    '您哪里不清楚，我再给您详细说明。',
    '详情页写得很清楚，我们也会清楚地为您备注。',
    '非常抱歉没办法及时回复您，现在为您处理。',
    '实在没办法的话，我们可以为您换成顺丰。',
    '您可以根据喜好自己选择颜色，我也可以为您推荐。',
    '您说“客服说不清楚”，非常抱歉，我马上帮您核实。',
    '别家的品质我们不清楚哦，我们肯定是能保证质量的。', // seed 002 对比型
    '可惜快递公司不归我们管，我已经投诉快递了。', // seed 002 售后标准用语 14
    '不知道为什么物流一直没更新，我马上帮您联系快递。',
  ],
  invalid: [
    {
      text: '这个我不清楚。',
      errors: [{ span: '我不清楚', messageId: 'dismissive', suggestion: '这个我帮您确认一下。' }],
    },
    { text: '我找不到人问，您晚点再来吧。', errors: [{ span: '我找不到人问', suggestion: '我帮您问一下同事，您晚点再来吧。' }] },
    { text: '颜色都差不多，您自己选吧。', errors: [{ span: '您自己选吧', suggestion: '颜色都差不多，我为您推荐一款合适的。' }] },
    { text: '这个参数我也不懂。', errors: [{ span: '我也不懂', suggestion: '这个参数我帮您问一下同事。' }] },
    { text: '這個我也不知道。', name: 'traditional', errors: [{ span: '我也不知道', suggestion: '這個我帮您确认一下。' }] },
    { text: '不归我管！请联系ＥＭＳ。', name: 'full-width', errors: [{ span: '不归我管', suggestion: '我帮您联系负责的同事！请联系ＥＭＳ。' }] },
    { text: '这个没办法的😅', name: 'emoji', errors: [{ span: '没办法的', suggestion: '这个我帮您想想其他办法😅' }] },
    { text: '你自己看SKU选项吧', name: 'mixed Latin', errors: [{ span: '你自己看', suggestion: '我为您介绍一下SKU选项吧' }] },
    { text: '物流问题不关我的事，您问快递吧。', errors: [{ span: '不关我的事' }] },
    { text: '快递丢件跟我们没关系。', errors: [{ span: '跟我们没关系' }] },
    { text: '不知道呢，您问问快递吧。', errors: [{ span: '不知道' }] },
    { text: '我们也没办法，这是平台规定。', errors: [{ span: '我们也没办法', suggestion: '我帮您想想其他办法，这是平台规定。' }] },
    { text: '这个颜色有没有货我不清楚，你自己选吧', errors: [{ span: '我不清楚' }, { span: '你自己选吧' }] },
  ],
});

describe('dismissive-phrases table', () => {
  it('every entry matches its own phrase and contains a keyword', () => {
    for (const e of dismissivePhrases) {
      expect(new RegExp(e.pattern ?? e.phrase, 'u').test(e.phrase), e.phrase).toBe(true);
      expect((rule.meta.keywords ?? []).some((k) => e.phrase.includes(k)), e.phrase).toBe(true);
    }
    expect(rule.meta.keywords).toEqual(tableKeywords(dismissivePhrases));
  });
});
