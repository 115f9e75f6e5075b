import { testRule } from '../rule-tester.ts';
import rule from './no-interjection-en.ts';

testRule(rule, {
  valid: [
    '好的，我帮您查一下物流。',
    '非常抱歉，这个问题我暂时无法帮到您，我请同事来跟进。', // seed 000 二(7)
    '我们是自己的品牌原厂正品，请您放心。', // seed 000 一(4)
    '我们会尽快安排发货，尽力帮您催促快递。', // seed 000 二(10)
    '正常今天可以发出。',
    '您好，请问有什么可以帮您？',
    '好的，已经为您备注了。',
    '感谢您的耐心等待。',
  ],
  nearMisses: [
    '感恩您的支持，祝您生活愉快～',
    '这款是感恩节限定礼盒。',
    '恩施的快递正常三天左右可以到达。',
    '这款情侣杯很适合恩爱的小两口。',
    '知恩图报，老顾客我们都有专属优惠。',
    '送给恩师的礼物可以选这款钢笔。',
    '这本《报恩》绘本有现货。',
    '您留言说的“嗯嗯好的”我们收到了，这就安排发货。',
    // Curt replies are no-curt-reply's.
    '嗯',
    '恩恩～',
  ],
  invalid: [
    // issue 12: doubled interjections opening a reply (an error in the strict profile)
    { text: '嗯呢，有货的', errors: [{ span: '嗯', messageId: 'interjection' }] },
    { text: '嗯哪，已经给您备注了', errors: [{ span: '嗯' }] },
    {
      text: '嗯，我帮您查一下物流。',
      errors: [{ span: '嗯', messageId: 'interjection', suggestion: '好的，我帮您查一下物流。' }],
    },
    { text: '恩，这款有现货的。', errors: [{ span: '恩', suggestion: '好的，这款有现货的。' }] },
    { text: '嗯嗯，好的，已经为您备注了。', errors: [{ span: '嗯嗯', suggestion: '好的，已经为您备注了。' }] },
    { text: '恩恩我帮您改一下地址', errors: [{ span: '恩恩', suggestion: '好的，我帮您改一下地址' }] },
    { text: '好的恩，这就为您安排。', errors: [{ span: '恩', suggestion: '好的，这就为您安排。' }] },
    { text: '恩。您稍等，我看一下库存', errors: [{ span: '恩', suggestion: '好的。您稍等，我看一下库存' }] },
    { text: '嗯，這個顏色還有貨。', name: 'traditional', errors: [{ span: '嗯', suggestion: '好的，這個顏色還有貨。' }] },
    { text: '嗯！ＸＬ码有现货。', name: 'full-width', errors: [{ span: '嗯', suggestion: '好的！ＸＬ码有现货。' }] },
    { text: '已经帮您备注好了，嗯😊', name: 'emoji', errors: [{ span: '嗯', suggestion: '已经帮您备注好了😊' }] },
    { text: '嗯嗯，M码和L码都有货～', name: 'mixed Latin', errors: [{ span: '嗯嗯', suggestion: '好的，M码和L码都有货～' }] },
    {
      text: '嗯，感恩您的支持，恩，下次再来。',
      errors: [{ span: '嗯' }, { span: '恩', occurrence: 1 }],
    },
  ],
});
