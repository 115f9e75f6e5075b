import { testRule } from '../rule-tester.ts';
import rule from './no-stockout-word.ts';

testRule(rule, {
  valid: [
    // seed 004 未按约定时间发货、缺货: the shop's wording
    '非常抱歉，这款M码暂时无货，L码有现货，需要帮您换成L码吗？',
    '这个颜色断码了，您看看其他颜色可以吗？',
    '这款暂时无货，预计下周三到货，到货后第一时间给您发出。',
    // seed 002 第三章 18: the manual's own 没货 (not the refund reason 缺货)
    '您先付款，这边给您安排配货，如果没货我会第一时间联系您退款，如果有货就给您正常发出。',
    '您拍下的宝贝今天就能发货。',
    '这款是货到付款以外的付款方式都支持的。',
    '页面上能拍的都有现货，您放心下单。',
    '非常抱歉，白色暂时无货，您看黑色可以吗？',
  ],
  nearMisses: [
    '这款的缺点是稍微有点重，其他方面都很好。',
    '我们仓库不缺货，您放心拍。',
    '库存充足，不会缺货的。',
    '这款一直没有缺货过，您放心。',
    '您的宝贝已经发货了，请注意查收。',
    '您“缺货”的意思是页面显示无法购买吗？',
    '缺少的配件我们马上给您补发。',
    '断货的那款已经下架了，您看看新款。',
  ],
  invalid: [
    { text: '这个颜色缺货了', errors: [{ span: '缺货', messageId: 'sayTemporarilyOut' }], output: '这个颜色暂时无货' },
    { text: '这个颜色缺货了，预计下周到货。', errors: [{ span: '缺货' }], output: '这个颜色暂时无货，预计下周到货。' },
    // seed 002 第三章 1 — the manual's own answer, with the word the Tmall manual avoids
    { text: '能拍的基本都有的，如有特殊情况导致缺货会第一时间联系您。', errors: [{ span: '缺货' }], output: '能拍的基本都有的，如有特殊情况导致暂时无货会第一时间联系您。' },
    { text: '这款暂时缺货，预计3天后到货。', errors: [{ span: '缺货' }], output: '这款暂时无货，预计3天后到货。' },
    { text: '这款缺货中，预计下周到货。', errors: [{ span: '缺货' }], output: '这款暂时无货，预计下周到货。' },
    { text: '目前M码缺货，L码有现货。', errors: [{ span: '缺货' }], output: '目前M码暂时无货，L码有现货。' },
    { text: '这款比较缺货，建议您早点下单。', errors: [{ span: '缺货' }] },
    { text: '这个颜色已经缺货了。', errors: [{ span: '缺货' }] },
    { text: '白色缺货了好几天，您看黑色可以吗？', errors: [{ span: '缺货' }] },
    { text: '您申请退款的时候原因选缺货就可以。', errors: [{ span: '缺货', messageId: 'refundReason' }] },
    { text: '您直接申请缺货退款吧。', errors: [{ span: '缺货', messageId: 'refundReason' }] },
    { name: 'traditional', text: '這個顏色缺貨了，預計下週到貨', errors: [{ span: '缺貨' }], output: '這個顏色暫時無貨，預計下週到貨' },
    { name: 'full-width', text: 'Ｍ码缺货了！Ｌ码有现货', errors: [{ span: '缺货' }], output: 'Ｍ码暂时无货！Ｌ码有现货' },
    { name: 'emoji and Latin', text: 'XL码缺货了😭 S码有', errors: [{ span: '缺货' }], output: 'XL码暂时无货😭 S码有' },
  ],
});
