import { testRule } from '../rule-tester.ts';
import rule from './no-refuse-return.ts';

testRule(rule, {
  valid: [
    '支持七天无理由退换货，请您放心购买。',
    // seed 002 售后标准用语.
    '亲您好 这个宝贝您不喜欢呀.我们这边加入了7天无理由退换货 呵呵。如果您不喜欢包装没损坏的话您可以寄回来我们给您退款或者换成别的产品。',
    // seed 001 尺码不合适.
    '親，我們這邊是可以您七天無理由退換貨的，您想要的是什麼碼數呢？我先幫您查詢下庫存。',
    '退货需要保持吊牌完好，不影响二次销售。',
    '换货的话需要您先寄回，我们收到后马上给您换新。',
    { name: 'the product has no 7-day returns', text: '这款是定制商品，不支持七天无理由退货。', context: { product: { sevenDayReturn: false } } },
    { name: 'the product has no 7-day returns (不退不换)', text: '这款生鲜属于特殊商品，不退不换哦。', context: { product: { sevenDayReturn: false } } },
    '您是担心不能退货吗？我们支持七天无理由退换货。',
  ],
  nearMisses: [
    '无法退款到银行卡，会原路退回到您的支付宝。',
    // seed 004 退换货流程: 影响二次销售的无法退货.
    '影响二次销售的无法退货。',
    '吊牌剪掉了就不能退货了哦，请您保留好吊牌。',
    '超过七天无法办理无理由退货，质量问题可以联系售后。',
    '仓库还没收到您寄回的包裹，暂时无法退款，收到后会第一时间处理。',
    '在我们收到退货之前，无法给您退款。',
    '不用担心，不影响您七天无理由退换。',
    '退款不能超过实付金额哦。',
    '运费险不能退款，退货运费由保险公司赔付。',
    '不接受到付退货，请您先垫付运费，我们收到后给您报销。',
    '这款贴身衣物不支持退换，其他款式都支持七天无理由。',
  ],
  invalid: [
    { text: '售出概不退货', errors: [{ span: '概不退货' }] },
    { text: '我们家不支持7天无理由的哈', errors: [{ span: '不支持7天无理由' }] },
    { text: '打折款一律不退货', errors: [{ span: '一律不退货' }] },
    { name: 'traditional', text: '這款售出概不退貨', errors: [{ span: '概不退貨' }] },
    {
      name: 'seed 000 三(6)',
      text: '这款不支持退货退款的。',
      errors: [{ span: '不支持退货退款', messageId: 'noRefuse', suggestion: '这款支持七天无理由退换货的。' }],
    },
    { text: '特价商品不退不换哦。', errors: [{ span: '不退不换', suggestion: '特价商品支持七天无理由退换货哦。' }] },
    { text: '本店商品一经售出概不退换。', errors: [{ span: '概不退换' }] },
    { text: '退货是不支持的哦', errors: [{ span: '退货是不支持的' }] },
    { text: '我们无法给您退款。', errors: [{ span: '无法给您退款' }] },
    { text: '这款不能七天无理由退货', errors: [{ span: '不能七天无理由退货' }] },
    { text: '非质量问题不退换', errors: [{ span: '不退换' }] },
    { name: 'traditional', text: '這款不支持退換貨的哦。', errors: [{ span: '不支持退換貨' }] },
    { name: 'full-width', text: 'ＳＡＬＥ款不可以退货！', errors: [{ span: '不可以退货' }] },
    { name: 'emoji', text: '亲，清仓款不退不换哦😊', errors: [{ span: '不退不换' }] },
    { name: 'context says it has 7-day returns', text: '这个不能退款的。', context: { product: { sevenDayReturn: true } }, errors: [{ span: '不能退款' }] },
  ],
});
