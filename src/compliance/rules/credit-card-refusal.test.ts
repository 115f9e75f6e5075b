import { testRule } from '../rule-tester.ts';
import rule from './credit-card-refusal.ts';

const MANUAL = '我们支持信用卡快捷支付和花呗，无需您支付任何额外的手续费';

testRule(rule, {
  valid: [
    // seed 004 信用卡 官方标准: 支持信用卡快捷支付，无需买家支付任何额外的手续费
    '支持信用卡快捷支付，无需您支付任何额外的手续费。',
    '支持信用卡快捷支付，无需支付任何额外的手续费',
    '我们支持信用卡、花呗和快捷支付，您放心拍。',
    '余额宝也可以直接付款的。',
    '信用卡支付的手续费由商家承担，您按页面价格付款就可以。',
    '信用卡支付的手续费是0.6%，由我们承担。',
    '您可以用花呗付款，确认收货后才会扣款。',
    '拍下后选择信用卡快捷支付就可以了。',
  ],
  nearMisses: [
    '信用卡分期我们这边不太清楚，麻烦您咨询下银行。',
    '您的信用卡额度不足，可以换一张卡或者用花呗。',
    '花呗用不了可能是额度不够，您可以看一下支付宝里的提示。',
    '花呗分期的手续费需要您自己承担，以支付页面为准。',
    '如果信用卡用不了，您可以试试快捷支付。',
    '您是说信用卡用不了吗？是提示什么呢？',
    '信用卡付款12点前发货。',
    '我们没有不支持信用卡的情况，请您放心。',
    '“信用卡不行吗”，可以的，我们支持信用卡快捷支付。',
  ],
  invalid: [
    { text: '用花呗信用卡得补点手续费哈', errors: [{ span: '花呗信用卡得补点手续费', messageId: 'fee' }] },
    { text: '信用卡要加3%手续费', errors: [{ span: '信用卡要加3%手续费' }] },
    {
      name: 'seed 000 三(3)',
      text: '我们不支持信用卡付款，花呗也不能用。',
      errors: [
        { span: '不支持信用卡付款', messageId: 'refusal', suggestion: `${MANUAL}。` },
        { span: '花呗也不能用', messageId: 'refusal' },
      ],
    },
    { name: 'seed 004 错误案例1', text: '信用卡不行，您换个付款方式吧。', errors: [{ span: '信用卡不行' }] },
    { name: 'seed 004 错误案例2', text: '用信用卡付款需要您承担1%的手续费。', errors: [{ span: '信用卡付款需要您承担1%的手续费', messageId: 'fee' }] },
    { text: '刷信用卡的话手续费由您承担哦。', errors: [{ span: '手续费由您承担', messageId: 'fee' }] },
    { text: '信用卡付款要加3个点。', errors: [{ span: '信用卡付款要加3个点', messageId: 'fee' }] },
    { name: 'traditional', text: '花唄用不了喔，快捷支付暫時沒開通。', errors: [{ span: '花唄用不了' }, { span: '快捷支付暫時沒開通' }] },
    { name: 'full-width', text: '信用卡付款收１％手续费。', errors: [{ span: '信用卡付款收１％手续费', messageId: 'fee' }] },
    { name: 'emoji', text: '我們不支持信用卡😅', errors: [{ span: '不支持信用卡' }] },
    { name: 'mixed Latin', text: 'Sorry，这款用不了余额宝。', errors: [{ span: '用不了余额宝' }] },
  ],
});
