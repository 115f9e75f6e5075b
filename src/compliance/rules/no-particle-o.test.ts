import { testRule } from '../rule-tester.ts';
import rule from './no-particle-o.ts';

testRule(rule, {
  valid: [
    '好的，已经给您发出了。',
    '非常抱歉，价格已经无法再低了。', // seed 000 二(7)
    '我们会尽快安排发货，尽力帮您催促快递。', // seed 000 二(10)
    '支持信用卡快捷支付，无需您支付任何额外的手续费。', // seed 004 信用卡
    '我不太清楚，麻烦您咨询下银行是否支持。', // seed 000 一(5)
    '您好，请问有什么可以帮您？',
    '正常今天可以发出。',
    '好的，这边为您备注好了～',
  ],
  nearMisses: [
    '您说的“哦”字是我打错了，非常抱歉。',
    '您留言写的「好的哦」我们已经看到了，这就为您处理。',
    '“哦哦，那我再考虑下”是您之前的留言，这款还给您留着。',
    '喔喔奶糖有现货，正常今天可以发出。',
    '这款喔喔佳佳饼干是今年的新日期。',
    // Curt replies are no-curt-reply's: one finding for one problem.
    '哦',
    '哦哦～',
    '好的哦～',
    '嗯嗯，收到了哦',
  ],
  invalid: [
    { text: '已经给您发出了哦。', errors: [{ span: '哦', messageId: 'noO' }], output: '已经给您发出了。' },
    { text: '请您用旺旺联系哦~', errors: [{ span: '哦' }], output: '请您用旺旺联系~' },
    {
      text: '哦，原来是尺码的问题，我帮您换成L码。',
      errors: [{ span: '哦' }],
      output: '原来是尺码的问题，我帮您换成L码。',
    },
    {
      text: '亲，很抱歉哦，可能是市场部的工作人员粗心把模板给做失误了，我们马上通知市场部修改下，您等下再拍哦.',
      name: 'seed 004 三 邮费 案例演示①',
      errors: [{ span: '哦' }, { span: '哦', occurrence: 1 }],
      output: '亲，很抱歉，可能是市场部的工作人员粗心把模板给做失误了，我们马上通知市场部修改下，您等下再拍.',
    },
    { text: '好哦，我帮您备注一下。', errors: [{ span: '哦' }], output: '好的，我帮您备注一下。' },
    { text: '這款是純棉的哦，穿著很舒服。', name: 'traditional', errors: [{ span: '哦' }], output: '這款是純棉的，穿著很舒服。' },
    { text: '订单号１２３４５已发出哦！', name: 'full-width digits', errors: [{ span: '哦' }], output: '订单号１２３４５已发出！' },
    { text: '已经帮您改好了，哦～', name: 'full-width comma and tilde', errors: [{ span: '哦' }], output: '已经帮您改好了～' },
    { text: '收到货有问题随时联系我们噢😊', name: 'emoji', errors: [{ span: '噢' }], output: '收到货有问题随时联系我们😊' },
    {
      text: '这款M码偏大哦，建议您拍S码哦~',
      name: 'mixed Latin',
      errors: [{ span: '哦' }, { span: '哦', occurrence: 1 }],
      output: '这款M码偏大，建议您拍S码~',
    },
    { text: '哦哦，那我帮您查一下物流。', errors: [{ span: '哦哦' }], output: '那我帮您查一下物流。' },
    { text: '记得确认收货喔～', errors: [{ span: '喔' }], output: '记得确认收货～' },
    { text: '您好！噢！这个颜色还有货。', errors: [{ span: '噢' }], output: '您好！这个颜色还有货。' },
  ],
});
