import { testRule } from '../rule-tester.ts';
import rule from './no-curt-zhidao.ts';

testRule(rule, {
  valid: [
    '好的，已经为您记下了，明天给您处理。',
    '好的，明白了，这就为您修改地址。',
    '正常今天可以发出。', // seed 000 二(10)
    '我们会尽快安排发货，尽力帮您催促快递。', // seed 000 二(10)
    '非常抱歉，这个要求我们暂时无法满足。', // seed 000 二(5)
    '我们包邮中通快递，发邮政需要补相应的邮费。', // seed 004 三 邮费
    '您好，请问有什么可以帮您？',
    '收到您的反馈了，我这就帮您联系快递核实。',
  ],
  nearMisses: [
    '您想知道的尺码信息我已经发给您了。',
    '您知道吗，这款是今年的爆款。',
    '发货后会第一时间让您知道单号。',
    '您说的“知道了，明天发”是指哪一单呢？',
    '不知道您喜欢哪个颜色呢？',
    '大家都知道这个牌子，质量很稳定。',
    '如果您想知道物流进度，可以在订单详情里查看。',
    '您知道了吗？这款今天有活动。',
    '这些细节我们都知道的话，就能更快帮您处理。',
    '知道了', // the whole reply: no-curt-reply's
  ],
  invalid: [
    {
      text: '知道了，明天给您处理。',
      errors: [{ span: '知道了', messageId: 'curtZhidao', suggestion: '好的，已经为您记下了，明天给您处理。' }],
    },
    { text: '哦，知道了，我去问一下仓库。', errors: [{ span: '知道了', suggestion: '哦，好的，已经为您记下了，我去问一下仓库。' }] },
    { text: '好的知道了，这就安排。', errors: [{ span: '知道了', suggestion: '好的，已经为您记下了，这就安排。' }] },
    { text: '我知道了，这就帮您改。', errors: [{ span: '知道了', suggestion: '好的，已经为您记下了，这就帮您改。' }] },
    { text: '知道了明天发', errors: [{ span: '知道了', suggestion: '好的，已经为您记下了，明天发' }] },
    { text: '嗯嗯我们知道了，会尽快处理的。', errors: [{ span: '知道了', suggestion: '好的，已经为您记下了，会尽快处理的。' }] },
    {
      text: '知道了，這就給您備註。',
      name: 'traditional',
      errors: [{ span: '知道了', suggestion: '好的，已经为您记下了，這就給您備註。' }],
    },
    {
      text: '知道啦！ＸＬ码给您留着。',
      name: 'full-width',
      errors: [{ span: '知道啦', suggestion: '好的，已经为您记下了！ＸＬ码给您留着。' }],
    },
    {
      text: '知道的😊 我们会按您的要求发货',
      name: 'emoji',
      errors: [{ span: '知道的', suggestion: '好的，已经为您记下了😊 我们会按您的要求发货' }],
    },
    { text: 'OK知道了，L码给您换好', name: 'mixed Latin', errors: [{ span: '知道了', suggestion: '好的，已经为您记下了，L码给您换好' }] },
  ],
});
