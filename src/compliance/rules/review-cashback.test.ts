import { testRule } from '../rule-tester.ts';
import rule from './review-cashback.ts';

testRule(rule, {
  valid: [
    // seed 000 一(3): deny the activity politely and explain the review activity
    '非常抱歉，我们店暂时没有好评返现的活动，您收到宝贝满意的话，欢迎晒图分享使用感受。',
    '好评返现的活动我们这边没有，感谢您的理解。',
    // seed 002 中差评: apologise, solve the problem, ask politely — no money attached
    '如果问题解决了，麻烦您方便时修改一下评价',
    '非常抱歉给您带来不便，新的配件已经给您补发了，如果问题解决了，麻烦您方便时修改一下评价，谢谢您。',
    '谢谢您答应帮我们修改评价，如果您还有什么问题请随时联系我。',
    '感谢您的五星好评，期待您再次光临！',
    '收到宝贝满意的话，麻烦您给个好评，这对我们很重要。',
    '店铺满199元返20元优惠券，活动截止到本周日。',
    '关于好评返现，平台是禁止的，我们会用心做好每一单。',
  ],
  nearMisses: [
    '您的好评给了我们很大的鼓励，谢谢您！',
    '这款宝贝好评率很高，您可以看一下买家评价。',
    '这款好评如潮，很多老顾客回购。',
    '修改一下评价后如果还有问题，您随时联系我。',
    '麻烦您修改一下评价，给您带来的不便我们深表歉意。',
    '差评里说的破损问题，我们已经给您重新发货了。',
    '您说的好评返现是指哪个店铺的活动呢？',
    '我们不会用红包诱导您修改评价，只希望把问题处理好。',
    '“好评返5元”是别的店铺的活动，我们这边暂时没有。',
    '用信用卡付款还可以享受银行返现，您可以看一下。',
    '感谢您的好评，下次购物可以领店铺优惠券。',
    '好评的话我们不送红包，但会把您的建议反馈给设计师。',
  ],
  invalid: [
    { text: '亲，五星好评返现5元哦！', errors: [{ span: '五星好评返现', messageId: 'cashbackForReview' }] },
    { text: '确认收货后给个五星好评，返您3元红包。', errors: [{ span: '五星好评，返您3元' }] },
    { text: '好评后送您一份小礼品，记得晒图哦。', errors: [{ span: '好评后送您一份小礼品' }] },
    { text: '带图好评送运费险，截图发我就可以。', errors: [{ span: '带图好评送' }] },
    { text: '晒图返现10元，记得联系客服领取。', errors: [{ span: '晒图返现' }] },
    { text: '您把差评删掉，我们给您返10元红包。', errors: [{ span: '差评删掉，我们给您返10元', messageId: 'paidReviewChange' }] },
    { text: '您给个好评，我给您发个红包。', errors: [{ span: '好评，我给您发个红包' }] },
    { text: '给您补5元，麻烦把差评删一下可以吗？', errors: [{ span: '5元，麻烦把差评删一下', messageId: 'paidReviewChange' }] },
    { text: '您修改一下评价，我们退您运费。', errors: [{ span: '修改一下评价，我们退您' }] },
    { name: 'traditional', text: '親，好評返現2元，記得聯繫客服哦', errors: [{ span: '好評返現' }] },
    { name: 'full-width digits and punctuation', text: '好评返５元！！请截图发给我～', errors: [{ span: '好评返５元' }] },
    { name: 'emoji and Latin', text: '🎁五星好评送10元红包😊 VIP专享', errors: [{ span: '五星好评送10元' }] },
    { text: '您删除差评后我们帮您办理退款。', errors: [{ span: '删除差评后我们帮您办理退款' }] },
  ],
});
