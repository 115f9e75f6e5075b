import { testRule } from '../rule-tester.ts';
import rule from './fake-urgency.ts';

const plenty = { product: { stock: 120 } };
const announced = { shop: { priceRiseAnnounced: true } };

testRule(rule, {
  valid: [
    // seed 002 時間暗示, told truthfully
    '这款很受欢迎，喜欢的话建议您尽早下单。',
    '本次活动截止到11月11日，活动结束后恢复原价。',
    { text: '这款只剩最后一件了，喜欢的话抓紧拍。', context: { product: { stock: 1 } }, name: 'last one, and stock is 1' },
    { text: '库存仅剩3件，您需要的话尽快拍下。', context: { product: { stock: 3 } }, name: 'true count' },
    { text: '这个颜色就剩两件了。', context: { product: { stock: 2 } } },
    { text: '店铺已经公告，明天就涨价了，今天拍还是活动价。', context: announced, name: 'announced price rise' },
    { text: '过了今天就涨价了，公告在首页。', context: { ...announced, ...plenty } },
    // without the stock the count cannot be checked
    '这款只剩最后一件了，喜欢的话抓紧拍。',
    '親，過兩天活動就結束了呢，我們也支持七天無理由退換貨的。',
  ],
  nearMisses: [
    { text: '最后一步，点击确认收货就可以了。', context: plenty },
    { text: '您订单里最后一件是白色的，其他都是黑色。', context: plenty },
    { text: '您这边只有一件需要退吗？', context: plenty },
    { text: '您的订单只剩一件没发货了，今天会安排。', context: plenty },
    { text: '最近原材料涨价了，所以这个价格已经无法再低了。', context: plenty },
    { text: '如果明天涨价，我们会给您补差价。', context: plenty },
    { text: '明天不会涨价的，您放心。', context: plenty },
    { text: '快递费下个月开始涨价，目前还是包邮的。', context: plenty },
    { text: '库存还有很多，您放心拍。', context: plenty },
    { text: '仓库只剩几件样品，正品库存充足。', context: plenty },
    { text: '您拍的最后一件商品已经发出了。', context: plenty },
    { text: '活动结束后就恢复原价了，现在拍比较划算。', context: plenty },
  ],
  invalid: [
    { text: '这款只剩最后一件了，喜欢的话抓紧拍。', context: plenty, errors: [{ span: '只剩最后一件', messageId: 'falseScarcity' }] },
    { text: '库存仅剩3件，您抓紧时间。', context: plenty, errors: [{ span: '库存仅剩3件' }] },
    { text: '这是最后一件了，错过就没有了。', context: { product: { stock: 8 } }, errors: [{ span: '最后一件' }] },
    { text: '这个颜色仅剩十二件。', context: plenty, errors: [{ span: '仅剩十二件' }] },
    { text: '明天就涨价了，今天拍最划算。', errors: [{ span: '明天就涨价', messageId: 'unannouncedPriceRise' }] },
    { text: '亲，价格明天就会上调，建议您今天下单。', errors: [{ span: '价格明天就会上调' }] },
    { text: '今天不买就没了，您考虑一下。', errors: [{ span: '今天不买就没了', messageId: 'nowOrNever' }] },
    { text: '错过今天就没有这个价了。', context: { shop: { priceRiseAnnounced: false } }, errors: [{ span: '错过今天就没有这个价' }] },
    { name: 'traditional', text: '親，庫存只剩2件了，過了今天就漲價囉', context: plenty, errors: [{ span: '庫存只剩2件' }, { span: '過了今天就漲價' }] },
    { name: 'full-width digits', text: '仅剩３件！！手慢无～', context: plenty, errors: [{ span: '仅剩３件' }] },
    { name: 'emoji and Latin', text: '🔥最后1件了🔥 SALE马上涨价', context: plenty, errors: [{ span: '最后1件' }, { span: '马上涨价' }] },
  ],
});
