import { describe, expect, it } from 'vitest';
import { testRule } from '../rule-tester.ts';
import { adlawPhrases } from '../tables/adlaw-words.ts';
import rule from './adlaw-superlative.ts';

testRule(rule, {
  valid: [
    // seed 002 第三章 标准用语 (the manual's own answers)
    '第一次购买之后就是我们的老顾客了，下次来给您申请更多优惠。',
    '完成本次交易后您就是咱家店里的VIP会员了，您以后购物可以享受最低9.8折的优惠。',
    '外观一样的东西也有档次区别的，汽车的最低配置和最高配置能相差几万块钱呢。',
    // seed 000 二(1)
    '您好，我们会在第一时间回复您。',
    '这款是今年的新款，面料柔软透气，很多顾客回购。',
    '这款销量很好，好评率也很高。',
    '非常抱歉，价格已经无法再低了。',
    '这款是100%纯棉的，亲肤透气。',
  ],
  nearMisses: [
    '这几款里最保暖的是羊毛款，您可以对比看看。',
    '您最好提前下单，活动期间发货会慢一些。',
    '这款偏小，最好选大一码。',
    '您最好看一下尺码表再拍。',
    '最好用温水手洗，不要暴晒。',
    '最近下单的顾客比较多，最快两天到，最晚四天。',
    '第一步先点确认收货，第一天就能看到退款。',
    '这几款里面黑色最便宜，只要59元。',
    '面料成分：棉100%，百分百羊毛的那款在另一个链接。',
    '快递首选中通，需要顺丰的话可以补差价。',
    '开封后最佳食用期为3天，请尽快食用。',
    '我们会以最快的速度给您发出。',
    '这个万能胶粘得很牢，最终效果您可以看买家秀。',
    '最后一件礼品已经放进您的包裹了，最初的订单也已合并。',
    '这款是我们家卖得最好的，全店最便宜的是那款基础款。',
  ],
  invalid: [
    { text: '全网销量最高，同类第一。', errors: [{ span: '销量最高' }, { span: '同类第一' }] },
    { text: '这件是市面上最保暖的羽绒服，遥遥领先。', errors: [{ span: '最保暖' }, { span: '遥遥领先' }] },
    { text: '这款用的是市面上最好的面料。', errors: [{ span: '最好的', messageId: 'absoluteHint', suggestion: '这款用的是市面上很好的面料。' }] },
    { text: '这款性价比最高，活动力度最大。', errors: [{ span: '性价比最高' }, { span: '力度最大' }] },
    { text: '这个颜色最好看了，您放心拍。', errors: [{ span: '最好看', suggestion: '这个颜色很好看了，您放心拍。' }] },
    { text: '这款是全网最低价，错过就没有了。', errors: [{ span: '全网最低价' }] },
    { text: '我们是行业第一品牌，销量第一。', errors: [{ span: '行业第一' }, { span: '销量第一' }] },
    { text: '国家级非遗工艺，顶级面料。', errors: [{ span: '国家级', messageId: 'absolute' }, { span: '顶级' }] },
    { text: '100%正品，百分百满意。', errors: [{ span: '100%', messageId: 'absoluteRemove', suggestion: '正品，百分百满意。' }, { span: '百分百' }] },
    { text: '纯天然，无副作用，零风险。', errors: [{ span: '无副作用' }, { span: '零风险' }] },
    { text: '送礼首选，独家设计。', errors: [{ span: '首选', suggestion: '送礼推荐，独家设计。' }, { span: '独家' }] },
    { text: '这款是最受欢迎的，发货也最快。', errors: [{ span: '最受欢迎' }, { span: '最快' }] },
    // seed 002 對比型 第二段: the manual itself uses 最優質 (a warning in the taobao profile)
    { name: 'traditional', text: '我們會給您最大的優惠和最優質的售前售後服務', errors: [{ span: '最優質', suggestion: '我們會給您最大的優惠和优质的售前售後服務' }] },
    { name: 'full-width', text: '天猫ＮＯ．１，１００％好评', errors: [{ span: 'ＮＯ．１' }, { span: '１００％' }] },
    { name: 'emoji and Latin', text: '🔥TOP1爆款🔥 极致体验', errors: [{ span: 'TOP1' }, { span: '极致' }] },
  ],
});

describe('adlaw-words table', () => {
  it('gives the rule its keywords: the phrases, without those containing another (最优 covers 最优秀)', () => {
    const keywords = rule.meta.keywords ?? [];
    for (const { phrase } of adlawPhrases) expect(keywords.some((k) => phrase.includes(k)), phrase).toBe(true);
    expect(keywords).toContain('最优');
    expect(keywords).not.toContain('最优秀');
  });
});
