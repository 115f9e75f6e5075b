import { testRule } from '../rule-tester.ts';
import rule from './ask-buyer-phone.ts';

const CHAT = '您有任何问题直接在这里留言，我们会第一时间为您处理';

testRule(rule, {
  valid: [
    '您有任何问题直接在这里留言，我们会第一时间为您处理。',
    '非常抱歉，公司不允许上班时用QQ，请您用旺旺联系，谢谢您的谅解。', // seed 004 案例1
    '好的，请您发一下订单要改成的完整地址（含收件人和电话），我帮您备注。', // scripts-library logistics
  ],
  nearMisses: [
    '麻烦您把新的收货地址、收件人和电话完整发给我。',
    '请您核对一下订单上的收货电话是否正确。',
    '快递员派送前会给您打电话，请保持电话畅通。',
    '无需留电话，您直接在这里留言就可以。',
    '您下单时预留的手机号收不到验证码的话，可以在淘宝里修改。',
    '打开手机淘宝，进入我的淘宝，点击待收货就可以。',
    '开发票需要抬头和税号，电话地址可以不填。',
    '您说的“留个电话给我”我们这边没法提供，请您在旺旺上留言。',
  ],
  invalid: [
    { text: '留个电话给我', errors: [{ span: '留个电话', messageId: 'askPhone', suggestion: CHAT }] },
    { text: '您的电话号码多少，我让售后打给您。', errors: [{ span: '您的电话号码多少', suggestion: `${CHAT}。` }] },
    { text: '您把手机号发我一下，我打给您', errors: [{ span: '您把手机号发我' }] },
    { text: '留一下您的联系方式吧', errors: [{ span: '留一下您的联系方式' }] },
    { name: 'a question is still a request', text: '方便留个电话吗？', errors: [{ span: '留个电话' }] },
    { name: 'traditional', text: '您的電話號碼多少', errors: [{ span: '您的電話號碼多少' }] },
    { name: 'full-width and emoji', text: '😊方便的话，告诉我您的手机号！', errors: [{ span: '告诉我您的手机号' }] },
  ],
});
