import { testRule } from '../rule-tester.ts';
import type { LintContext } from '../schema.ts';
import rule from './postage-contradiction.ts';

const free: LintContext = { shipping: { freeShipping: true, region: '浙江' } };
const freeXinjiang: LintContext = { shipping: { freeShipping: true, region: '新疆' } };
const paid: LintContext = { shipping: { freeShipping: false, region: '新疆' } };
const MANUAL = '我们的模板上面有详细说明的，请按照网页上面的提示购买付款';
// seed 004 案例3: the manual's answer to 新疆、内蒙古要补快递费吗
const manualAnswer = '亲，我们的模板上面有详细说明的哈，请按照网页上面的提示购买付款哦！';

testRule(rule, {
  valid: [
    { text: manualAnswer, context: free },
    { text: manualAnswer, context: paid },
    { name: 'seed 004 我们的标准: courier and upgrade disclosed before payment', text: '我们包邮中通快递，发邮政需要补相应的邮费。', context: free },
    { text: '这款是包邮的，您放心拍。', context: free },
    { text: '这款不包邮，邮费以页面运费模板为准。', context: paid },
    { text: '邮费以页面显示为准，您下单时可以看到。', context: paid },
    { name: 'no context: never fires', text: '这款不包邮，需要另付8元运费。' },
    { name: 'no context: never fires', text: '这款是包邮的。' },
    { text: '包邮的哦，不需要补运费。', context: free },
  ],
  nearMisses: [
    { text: '无需另付邮费，您直接拍就可以。', context: free },
    { text: '退货运费需要您自己承担，七天无理由退货请在后台申请。', context: free },
    { name: 'a region that is not the buyer’s', text: '偏远地区不包邮，您在浙江是包邮的。', context: free },
    { text: '满99包邮，不满需要补8元运费。', context: free },
    { name: '差价 without postage is a price difference', text: '换大一码需要补差价。', context: free },
    { text: '快递丢件的话我们给您补邮费。', context: free },
    { text: '发票邮费由我们承担。', context: free },
    { name: 'another region', text: '江浙沪包邮，新疆要看模板。', context: paid },
    { text: '满99元包邮，您再凑一件就可以。', context: paid },
    { text: '包邮活动已经结束了，邮费以页面为准。', context: paid },
    { name: 'a concession by price adjustment', text: '这次给您包邮，我帮您改一下价格。', context: paid },
    { text: '包邮吗？我帮您看一下模板。', context: paid },
  ],
  invalid: [
    {
      name: 'seed 000 三(9)',
      text: '这款不包邮，需要另付8元运费。',
      context: free,
      errors: [{ span: '不包邮', messageId: 'chargeOnFree', suggestion: `${MANUAL}。` }, { span: '另付8元运费' }],
    },
    { name: 'seed 004 错误案例1', text: '这款要另外补10元运费才能发。', context: free, errors: [{ span: '另外补10元运费' }] },
    { name: 'seed 004 错误案例2', text: '这款是包邮的，您放心拍。', context: paid, errors: [{ span: '包邮', messageId: 'freeOnPaid' }] },
    { name: 'seed 004 错误案例3', text: '发顺丰的话需要多付15元邮费。', context: free, errors: [{ span: '多付15元邮费' }] },
    { name: 'seed 004 案例3 偏远地区', text: '新疆需要补20元邮费。', context: freeXinjiang, errors: [{ span: '补20元邮费' }] },
    { name: 'the buyer’s region named', text: '江浙沪包邮，新疆不包邮。', context: freeXinjiang, errors: [{ span: '不包邮' }] },
    { text: '运费到付，您收货时付给快递员。', context: free, errors: [{ span: '运费到付' }] },
    { text: '全国包邮，您放心拍。', context: paid, errors: [{ span: '包邮' }] },
    { name: 'traditional', text: '這款不包郵喔。', context: free, errors: [{ span: '不包郵' }] },
    { name: 'traditional, paid', text: '這款包郵的。', context: paid, errors: [{ span: '包郵' }] },
    { name: 'full-width', text: '这个快递需多付５元邮费！', context: free, errors: [{ span: '多付５元邮费' }] },
    { name: 'emoji and Latin', text: 'SF顺丰包邮哦😊', context: paid, errors: [{ span: '包邮' }] },
  ],
});
