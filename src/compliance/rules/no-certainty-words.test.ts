import { testRule } from '../rule-tester.ts';
import rule from './no-certainty-words.ts';

testRule(rule, {
  valid: [
    // seed 000 二(10): 保证不了哦只能尽力帮您催促 is the manual's correct wording.
    '保证不了哦，只能尽力帮您催促。',
    '我们会尽快安排发货，尽力帮您催促快递。',
    '这个问题我们会尽力帮您解决的。',
    '我们会尽量给您包装得结实一些。',
    '我们争取今天给您发出。',
    '我们是自己的品牌原厂正品，请您放心。',
    '支持信用卡快捷支付，无需您支付任何额外的手续费。',
    '收到货有任何问题随时联系我们，我们会努力给您处理好。',
    // 保证…今天收到 belongs to no-time-promise; reported once, there.
    '保证您今天收到宝贝。',
  ],
  nearMisses: [
    '这个我不敢保证，快递的时效我们无法保证，只能尽力帮您催促。',
    '不能保证百分之百不过敏，建议您先在耳后试用。',
    '非常抱歉，这个颜色不一定有货，我帮您查一下。',
    '我们在天猫缴纳了保证金，请您放心购买。',
    // a demand for a deposit is no-extra-fee-demand's finding, not a certainty word
    '需要您先交500元保证金才能发货。',
    '质量保证期是一年，期间有问题可以联系我们。',
    '感谢您的肯定！',
    '得到您的肯定是我们最大的动力。',
    '实物可能会有一定的色差，以收到的为准。',
    '这款面料有一定的弹性，在一定程度上可以防水。',
    '收货时您一定要当面验货哦。',
    '您肯定是想要大一码的吧？',
    '这里显示的是温度的绝对值。',
    '“你们能保证是正品吗”这个问题，我们是自己的品牌原厂正品。',
  ],
  invalid: [
    {
      text: '我们一定会帮您解决的。',
      errors: [{ span: '一定', suggestion: '我们会尽力帮您解决的。' }],
    },
    {
      text: '这款肯定是正品，绝对不会掉色。',
      errors: [
        { span: '肯定', suggestion: '这款是正品，绝对不会掉色。' },
        { span: '绝对', suggestion: '这款肯定是正品，不会掉色。' },
      ],
    },
    { text: '我保证您用了满意。', errors: [{ span: '保证', suggestion: '我尽力让您用了满意。' }] },
    { text: '一定给您包装好。', errors: [{ span: '一定', suggestion: '尽量给您包装好。' }] },
    { text: '我们的商品都有质量保证。', errors: [{ span: '保证', suggestion: '我们的商品都有质量保障。' }] },
    { name: 'traditional', text: '我們保證品質，絕對沒問題。', errors: [{ span: '保證', suggestion: '我們尽力保障品質，絕對沒問題。' }, { span: '絕對' }] },
    { name: 'full-width', text: '放心！肯定１００％正品。', errors: [{ span: '肯定' }] },
    { name: 'emoji and Latin', text: '亲放心，下次来一定服务好您😊 Thanks~', errors: [{ span: '一定' }] },
    { name: 'seed 002 haggling answer', text: '看到后您肯定会喜欢的~', errors: [{ span: '肯定', suggestion: '看到后您会喜欢的~' }] },
    { text: '收到的肯定是正品，放心吧。', errors: [{ span: '肯定' }] },
    { name: '绝对值得 is not 绝对值', text: '这款绝对值得入手！', errors: [{ span: '绝对', suggestion: '这款值得入手！' }] },
    { text: '您先别着急，我们一定帮您处理好。', errors: [{ span: '一定', suggestion: '您先别着急，我们尽量帮您处理好。' }] },
  ],
});
