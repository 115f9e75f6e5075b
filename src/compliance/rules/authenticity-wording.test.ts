import { testRule } from '../rule-tester.ts';
import rule from './authenticity-wording.ts';

testRule(rule, {
  valid: [
    // seed 000 一(4): the manual's own answer
    '我们是自己的品牌原厂正品，请您放心。',
    '我们是自有品牌原厂正品，请您放心。',
    '这款是我们自有品牌的原厂正品，支持专柜验货。',
    '我们都是正品保障，支持七天无理由退换货。',
    { text: '我们是品牌授权正品，请您放心。', context: { shop: { authenticityWording: '品牌授权正品' } } },
    '您好，这款是我们品牌今年的新款，品质有保障。',
    '这款是品牌经典款的复刻，品牌官方出品。',
    '我们不卖假货，请您放心。',
  ],
  nearMisses: [
    '原来您是想问尺码，这款偏大一码。',
    '包装和安装都没问题，有安装视频可以参考。',
    '盒子里有原装充电器和数据线，请您注意查收。',
    '整箱原装箱发货，运输更安全。',
    '您说的“原装”是指原厂生产吗？我们是自有品牌原厂正品。',
    '市面上仿品很多，请您认准我们官方旗舰店。',
    '我们这边跟高仿完全不一样，用料做工都有保障。',
    '这是原单号，麻烦您核对一下。',
    '这款是高仿真花，放在家里很逼真。',
    '我们绝不是高仿，请您放心。',
  ],
  invalid: [
    {
      text: '这款是原装的，请您放心。',
      errors: [{ span: '是原装的', messageId: 'saysOriginal', suggestion: '这款是自有品牌原厂正品，请您放心。' }],
    },
    {
      text: '这款不是原装的，但质量很好。',
      errors: [{ span: '不是原装的', messageId: 'deniesOriginal', suggestion: '这款是自有品牌原厂正品，但质量很好。' }],
    },
    { text: '我们家都是原装货，放心拍。', errors: [{ span: '都是原装货', suggestion: '我们家都是自有品牌原厂正品，放心拍。' }] },
    { text: '原装正品，请您放心。', errors: [{ span: '原装正品', suggestion: '自有品牌原厂正品，请您放心。' }] },
    { text: '我们绝对原装，假一赔十。', errors: [{ span: '绝对原装' }] },
    { text: '这款并非原装，是国产的。', errors: [{ span: '并非原装' }] },
    // 原装进口 is still the 原装 claim the manual forbids
    { text: '这款是原装进口的，品质有保证。', errors: [{ span: '是原装进口' }] },
    {
      text: '我们是高仿，但做工很好。',
      context: { shop: { authenticityWording: '品牌授权正品' } },
      errors: [{ span: '是高仿', messageId: 'admitsCopy', suggestion: '我们是品牌授权正品，但做工很好。' }],
    },
    { text: '我们卖高仿的，价格便宜。', errors: [{ span: '高仿的' }] },
    { text: '这款是1:1复刻大牌，性价比很高。', errors: [{ span: '是1:1复刻大牌' }] },
    { name: 'traditional', text: '親，我們是原裝正品，請您放心', errors: [{ span: '是原裝正品' }] },
    { name: 'full-width Latin', text: '这款是Ａ货，价格实惠', errors: [{ span: '是Ａ货' }] },
    { name: 'emoji and Latin', text: '100% original 原装正品😊', errors: [{ span: '原装正品' }] },
  ],
});
