import { testRule } from '../rule-tester.ts';
import rule from './no-stockout-refusal.ts';

// no-stockout-word also flags the word 缺货 inside some of these texts (a warning with its own
// span and message); this file runs no-stockout-refusal alone, so only its spans are listed.
testRule(rule, {
  valid: [
    // seed 004 未按约定时间发货、缺货: the shop's wording (断码 / 暂时无货) with an alternative
    '非常抱歉，这款M码暂时无货，L码有现货，需要帮您换成L码吗？',
    // seed 002 第三章 标准用语 1 and 18 (conditionals, the manuals' own answers)
    '親，能拍的基本都有的呢，如有特殊情況導致缺貨會第一時間聯系您的~',
    '您先付款，这边给您安排配货，如果没货我会第一时间联系您退款，如果有货就给您正常发出。',
    '这个颜色暂时无货，预计下周三到货，到货后第一时间给您发出。',
    '非常抱歉，白色暂时无货，您看黑色可以吗？黑色今天就能安排发货。',
    '仓库正在加紧配货，我会帮您催促，请您耐心等待。',
    '暂时无货，如需取消订单请随时联系我们。',
    '缺货的话我们会第一时间联系您，您看可以吗？',
  ],
  nearMisses: [
    '我们不会因为缺货就不发货的，请您放心。',
    '我们不会因为缺货取消您的订单。',
    '帮您查一下有没有货，发不了的话我第一时间告诉您。',
    '这款库存充足，不缺货，今天下单今天发。',
    '这个颜色没货了，您可以选择等待或者换其他颜色。',
    '新疆地区中通发不了，给您换成邮政可以吗？',
    '缺货登记已经帮您做好了，到货后通知您。',
    '暂时无货的款式已经下架，页面上能拍的都有现货。',
  ],
  invalid: [
    // seed 000 三(12)
    { text: '这款缺货了，发不了货。', errors: [{ span: '缺货了，发不了' }] },
    // seed 004 未按约定时间发货、缺货
    { text: '这个颜色没货了，不发了，您申请退款吧。', errors: [{ span: '没货了，不发了' }] },
    { text: '由于缺货，已帮您取消订单。', errors: [{ span: '由于缺货，已帮您取消订单' }] },
    { text: '因为缺货给您退款，请注意查收。', errors: [{ span: '因为缺货给您退款' }] },
    { text: '没有货了，只能给您退款。', errors: [{ span: '没有货了，只能给您退款' }] },
    { text: '断货了，发不出去，非常抱歉。', errors: [{ span: '断货了，发不出' }] },
    { text: '这款M码断码了，无法发货。', errors: [{ span: '断码了，无法发货' }] },
    { text: '暂时无货，帮您关闭交易了。', errors: [{ span: '无货，帮您关闭交易' }] },
    { name: 'traditional', text: '這款缺貨了，發不了貨，請您申請退款', errors: [{ span: '缺貨了，發不了' }] },
    { name: 'full-width punctuation', text: '没货了！！不发货了，抱歉', errors: [{ span: '没货了！！不发货' }] },
    { name: 'emoji and Latin', text: 'XL码没货了😭发不了，sorry', errors: [{ span: '没货了😭发不了' }] },
  ],
});
