import { testRule } from '../rule-tester.ts';
import type { LintContext } from '../schema.ts';
import rule from './offplatform-phone.ts';

const buyerB: LintContext = {
  buyer: { id: 'buyer-b', name: '王芳', phone: '13911112222', address: '杭州市西湖区文三路88号' },
};
const otherOrder: LintContext = {
  buyer: { id: 'buyer-a' },
  orders: [{ id: '3921000011112222', buyerId: 'buyer-b', receiverName: '王芳', phone: '13911112222' }],
};

testRule(rule, {
  valid: [
    // seed 004 案例2 手机号码多少: the shop's correct answer.
    '亲，不好意思！我们公司上班时不允许开手机的，请您用旺旺联系哦，谢谢您的谅解.',
    '请您通过旺旺联系我们，谢谢您的谅解。',
    {
      name: 'seed 004 第四章 核对地址 (the buyer’s own number)',
      text: '跟您核对一下地址：杭州市西湖区文三路88号，王芳，13911112222，请问对吗？',
      context: buyerB,
    },
    { name: 'the buyer’s own number, written differently', text: '您留的电话是139 1111 2222，已为您备注。', context: buyerB },
    {
      name: 'seed 001 售后 步骤4 提供退货地址、收件人、电话',
      text: '退货地址：浙江省杭州市余杭区仓前街道100号，收件人：售后部，电话：0571-88886666，寄回时请附上纸条。',
    },
    '派送员电话13712345678，您可以直接联系他领取包裹。',
    '好的，已帮您把收货电话修改为13698765432。',
    '您的手机号138****5678已备注，发货后会有短信通知。',
    { name: 'another buyer’s number is buyer-data-leak’s', text: '这单的收货电话是13911112222。', context: otherOrder },
  ],
  nearMisses: [
    '您的订单号3921000011112222已经发货，中通单号75312345678901。',
    '本店活动价12800元，2023-11-11当天有效。',
    '给您退款128.50元，3-5个工作日原路退回。',
    '亲，请您提供一下收件人电话，我帮您备注。',
    '您可以拨打顺丰客服95338查询物流。',
    '尺码表：S 155/80A，M 160/84A，L 165/88A',
    '您下单的数量是3件，订单金额138元，优惠后118元。',
    '银行卡尾号1234的退款已经到账了。',
    '第一时间为您安排，一二三号仓库都有货。',
    '这款型号是HX-2023-1108，适配2019-2023款车型。',
  ],
  invalid: [
    {
      name: 'seed 004 其他方式联系 错误案例1 售后电话',
      text: '您不方便打字的话，直接打我们售后电话0571-88886666。',
      errors: [{ span: '0571-88886666', messageId: 'noPhone' }],
    },
    { name: 'seed 004 案例2 贴出手机号码', text: '我的手机号是13800001111，您直接打给我。', errors: [{ span: '13800001111' }] },
    { text: '有问题请致电400-820-8820', errors: [{ span: '400-820-8820' }] },
    { text: '核对好地址后，有问题请拨打客服电话138 1234 5678', errors: [{ span: '138 1234 5678' }] },
    { text: '急的话打我电话138.1234.5678', errors: [{ span: '138.1234.5678' }] },
    { name: 'traditional', text: '親，有問題請撥打我們的電話：一三八一二三四五六七八', errors: [{ span: '一三八一二三四五六七八' }] },
    { name: 'full-width', text: '客服热线：４００－８２０－８８２０', errors: [{ span: '４００－８２０－８８２０' }] },
    { name: 'emoji and Latin', text: 'Tel📞 +86 139-8765-4321，随时找我', errors: [{ span: '86 139-8765-4321' }] },
    { text: '加我微信13812345678，给您发实拍', errors: [{ span: '13812345678' }] },
    { name: 'not the buyer’s number', text: '这是我们店长的手机13698765432，您直接联系他。', context: buyerB, errors: [{ span: '13698765432' }] },
    { text: '壹叁捌壹贰叁肆伍陆柒捌，打这个号码就行', errors: [{ span: '壹叁捌壹贰叁肆伍陆柒捌' }] },
  ],
});
