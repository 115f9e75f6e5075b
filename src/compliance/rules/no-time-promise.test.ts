import { testRule } from '../rule-tester.ts';
import rule from './no-time-promise.ts';

testRule(rule, {
  valid: [
    // seed 000 二(10) 应修改为：尽快安排，尽力催促，正常今天可以发出，保证不了哦只能尽力帮您催促
    '我们会尽快安排发货，尽力帮您催促快递。',
    '正常今天可以发出。',
    '保证不了哦，只能尽力帮您催促。',
    '尽快为您安排发货，发出后会第一时间把单号发给您。',
    '正常情况下明天可以到，具体以物流信息为准。',
    '预计后天到，我们会尽力帮您催促快递。',
    '一般3-5天左右能收到，偏远地区会稍慢一些。',
    '仓库会按付款顺序尽快安排，争取今天给您发出。',
    '未付款的订单两天后系统会自动关闭的。',
  ],
  nearMisses: [
    // issue 12: past days, weekdays and dates that are not promises
    '昨天晚上已经给您发出了，单号稍后会更新。',
    '上周五给您发出的包裹，物流显示已到杭州。',
    '您是想周五前收到吗？我帮您备注加急。',
    '快递员晚上派送的话会先联系您。',
    '晚上也有客服在线，您有问题可以随时留言。',
    '25号是活动开始的日子，您可以关注一下。',
    '预计后天发出，以物流为准。',
    '非常抱歉，无法保证明天到，我们会尽力帮您催促。',
    '今天发不了货，仓库明天会尽快为您安排。',
    '您是需要今天发货还是明天发货呢？',
    '明天能到吗？我帮您查一下物流。',
    '如果今天发货的话，明天就能到，具体要看快递。',
    '您今天下单的话，正常明天可以收到。',
    '这几天发货量比较大，可能会慢一些，请您谅解。',
    '今天发的货，物流信息晚上会更新。',
    '仓库今天到了一批新货，您需要的颜色有了。',
    '我马上到仓库帮您确认一下。',
    '退款明天就能到账，请您留意支付宝。',
    '支持7天无理由退换货，请您放心。',
    '“明天能到吗”这个问题我帮您问一下快递。',
    '您可以明天到店自提。',
    '今天就发了，您看下物流信息。',
    // A shop's standing cut-off is a rule for all orders, not a promise to this buyer (bench corpus).
    '仓库每天下午4点前的订单当天发出，之后的次日发出。',
    '仓库每天17:00前的订单当天发出，之后的次日发出。',
    '倉庫每天１７：００前的訂單當天發出，之後的次日發出。',
    '每天16点30分之前付款，当天发货，以后的第二天发。',
  ],
  invalid: [
    // issue 12: dates stated as fact, colloquial days, weekdays and dates of the month
    { text: '后天就给您寄出了呢', errors: [{ span: '后天就给您寄出', messageId: 'shipPromise' }] },
    { text: '今晚给您发走', errors: [{ span: '今晚给您发走' }] },
    { text: '明早肯定到', errors: [{ span: '明早肯定到', messageId: 'arrivePromise' }] },
    { text: '明儿一早给您发', errors: [{ span: '明儿一早给您发' }] },
    { text: '晚上统一给您发走了呢', errors: [{ span: '晚上统一给您发走' }] },
    { text: '周五前给您发出，下周一就到了。', errors: [{ span: '周五前给您发出' }, { span: '下周一就到' }] },
    { text: '25号前就给您发货了', errors: [{ span: '25号前就给您发货' }] },
    { name: 'traditional, full-width', text: '後天就給您寄出了呢！１２月２５號給您發貨', errors: [{ span: '後天就給您寄出' }, { span: '１２月２５號給您發貨' }] },
    {
      name: 'seed 000 三(10) ship + arrive',
      text: '今天一定给您发货，明天就能到。',
      errors: [
        { span: '今天一定给您发货', messageId: 'shipPromise', suggestion: '尽快为您安排发货，明天就能到。' },
        { span: '明天就能到', messageId: 'arrivePromise', suggestion: '今天一定给您发货，我们会尽力帮您催促快递。' },
      ],
    },
    {
      name: 'seed 000 二(10) 保证今天收到宝贝: the leading 保证 belongs to the span',
      text: '保证您今天收到宝贝。',
      errors: [{ span: '保证您今天收到宝贝', suggestion: '我们会尽力帮您催促快递。' }],
    },
    {
      name: 'after 我们 the suggestion drops the repeated subject',
      text: '好的，我们保证明天一定送到您手上。',
      errors: [{ span: '保证明天一定送到您手上', suggestion: '好的，我们会尽力帮您催促快递。' }],
    },
    { text: '3天内一定送达，请您放心。', errors: [{ span: '3天内一定送达' }] },
    { name: 'full-width digits', text: '付款后２４小时内发货！', errors: [{ span: '２４小时内发货', messageId: 'shipPromise' }] },
    { name: 'traditional', text: '這邊今天一定會給您發出，後天就能到。', errors: [{ span: '今天一定會給您發出' }, { span: '後天就能到' }] },
    { name: 'emoji', text: '亲，快递马上就到了😊', errors: [{ span: '马上就到', messageId: 'arrivePromise', suggestion: '亲，我们会尽力帮您催促快递😊' }] },
    { name: 'mixed Latin', text: 'OK的，今天下午就给您发出去，SF次日就能送达。', errors: [{ span: '今天下午就给您发出去' }, { span: '次日就能送达' }] },
    { text: '不用担心，今天一定给您发出。', errors: [{ span: '今天一定给您发出' }] },
    { text: '现在拍下当天发，三五天就到了。', errors: [{ span: '当天发' }, { span: '三五天就到' }] },
    {
      name: 'a guaranteed time after a cut-off is still a promise',
      text: '下午4点前拍下保证当天发货。',
      errors: [{ span: '保证当天发货', messageId: 'shipPromise' }],
    },
    {
      name: 'a cut-off does not excuse a promise in a later clause of its own',
      text: '仓库每天下午4点前的订单当天发出，您的订单今天一定给您发货。',
      errors: [{ span: '今天一定给您发货' }],
    },
    {
      name: 'the hedged alternative is offered second',
      text: '明天可以到。',
      errors: [{ span: '明天可以到', suggestion: '我们会尽力帮您催促快递。' }],
    },
  ],
});
