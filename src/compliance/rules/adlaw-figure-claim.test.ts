import { testRule } from '../rule-tester.ts';
import rule from './adlaw-figure-claim.ts';

testRule(rule, {
  valid: [
    '这款保暖性很好，很多顾客反馈不错。',
    '面料柔软透气，您可以看一下买家秀。',
    '我们支持信用卡快捷支付，无需您支付任何额外的手续费。',
  ],
  nearMisses: [
    // compositions on the label are facts
    '面料成分：棉95%，氨纶5%。',
    '羽绒服含绒量90%，充绒量200克。',
    '这款含棉量高达95%，亲肤透气。',
    // prices, discounts, fees, taxes
    '活动期间打8折，相当于便宜了20%。',
    '增值税专用发票税率是13%，我们按实付金额开具。',
    '满300减30，相当于优惠10%。',
    '这款双倍积分，确认收货后到账。',
    '价格比上个月提高了5%，活动价还是很划算的。',
    // the platform rating the buyer sees on the page
    '我们店铺的好评率是98%，您可以看一下评价。',
    // 100% is adlaw-superlative's
    '100%的顾客都说好。',
    // negations and questions
    '我们没有说过提升50%这样的数据。',
    '您是问保暖性能能提升50%吗？',
    // quoted buyer words
    '您说的“98%的人都说好”是别家的宣传，我们如实介绍。',
  ],
  invalid: [
    { text: '98%的人都说好', errors: [{ span: '98%的人', messageId: 'figure' }] },
    { text: '保暖性能提升200%，冬天穿刚好。', errors: [{ span: '提升200%' }] },
    { text: '吸湿速度比普通棉快3倍。', errors: [{ span: '快3倍' }] },
    { text: '除螨率高达99.9%，放心使用。', errors: [{ span: '除螨率高达99.9%' }] },
    { text: '百分之九十的顾客都选这个颜色，回购率90%。', errors: [{ span: '百分之九十的顾客' }, { span: '回购率90%' }] },
    { name: 'full-width', text: '保暖效果提高５０％', errors: [{ span: '提高５０％' }] },
    { name: 'traditional', text: '９８％的顧客都說好，保暖提升兩倍', errors: [{ span: '９８％的顧客' }, { span: '提升兩倍' }] },
    { name: 'emoji and Latin', text: '🔥UP主推荐，95%的买家都回购了', errors: [{ span: '95%的买家' }] },
  ],
});
