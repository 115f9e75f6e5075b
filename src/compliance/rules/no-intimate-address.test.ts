import { testRule } from '../rule-tester.ts';
import rule from './no-intimate-address.ts';

testRule(rule, {
  valid: [
    '您好，请问有什么可以帮您？',
    '非常抱歉，价格已经无法再低了。', // seed 000 二(7)
    '我们是自己的品牌原厂正品，请您放心。', // seed 000 一(4)
    '我们会尽快安排发货，尽力帮您催促快递。', // seed 000 二(10)
    '支持信用卡快捷支付，无需您支付任何额外的手续费。', // seed 004 信用卡
    '未付款的订单两天后系统会自动关闭的。', // seed 004 六
    '正常今天可以发出。',
    '感谢您的支持，祝您生活愉快～',
  ],
  nearMisses: [
    '这款面料很亲肤，夏天穿很舒服。',
    '我们亲自为您检查过包装了。',
    '这款是亲子装，大人小孩都有尺码。',
    '亲测好用，很多老顾客回购。',
    '送给父亲的话推荐这款深色。',
    '这款宝贝已发出，请您注意查收。',
    '宝贝已发出，单号稍后同步给您。',
    '适合宝宝用的，材质很安全。',
    '宝宝几个月大了呢？我帮您推荐尺码。',
    '宝宝、儿童、成人都适用。',
    '价格很亲民，性价比很高。',
    '送给亲爱的她，这款很合适。',
    '这款宝贝儿童也能用。',
    '这款亲水面料速干透气。',
    '母亲节有专属礼盒，欢迎选购。',
    '这款适合宝宝们～',
    '您可以亲自到店体验，也可以看买家秀。',
    '送给亲人朋友都很合适。',
    '您说的“亲，在吗”我们看到了，这就为您处理。',
    '好的亲', // the whole reply: no-curt-reply's
  ],
  invalid: [
    {
      text: '亲，您拍下的时候，在买家留言栏，填写您要的发票抬头就可以了哦！',
      name: 'seed 004 发票销售流程 1',
      errors: [{ span: '亲', messageId: 'intimate' }],
      output: '您好，您拍下的时候，在买家留言栏，填写您要的发票抬头就可以了哦！',
    },
    { text: '亲，您好，请问有什么可以帮您？', errors: [{ span: '亲' }], output: '您好，请问有什么可以帮您？' },
    { text: '亲~欢迎光临', errors: [{ span: '亲' }], output: '您好，欢迎光临' },
    { text: '亲？', errors: [{ span: '亲' }], output: '您好？' },
    { text: '亲的订单已经发出了。', errors: [{ span: '亲', suggestion: '您的订单已经发出了。' }] },
    { text: '好的，已经为您备注了亲~', errors: [{ span: '亲', suggestion: '好的，已经为您备注了~' }] },
    { text: '感谢亲的支持，欢迎下次光临。', errors: [{ span: '亲', suggestion: '感谢您的支持，欢迎下次光临。' }] },
    { text: '好的，亲，这就为您改地址。', errors: [{ span: '亲', suggestion: '好的，这就为您改地址。' }] },
    { text: '您好亲，这款有现货', errors: [{ span: '亲', suggestion: '您好，这款有现货' }] },
    { text: '親愛的，您的包裹已經發出。', name: 'traditional', errors: [{ span: '親愛的' }], output: '您好，您的包裹已經發出。' },
    { text: '亲！ＸＬ码有现货。', name: 'full-width', errors: [{ span: '亲' }], output: '您好，ＸＬ码有现货。' },
    { text: '已经发货了哦宝贝😘', name: 'emoji', errors: [{ span: '宝贝', suggestion: '已经发货了哦😘' }] },
    { text: '宝宝，L码偏大，建议拍M码', name: 'mixed Latin', errors: [{ span: '宝宝' }], output: '您好，L码偏大，建议拍M码' },
    { text: '亲亲，这款今天下单正常明天发出～', errors: [{ span: '亲亲' }], output: '您好，这款今天下单正常明天发出～' },
    { text: '宝贝儿，有什么可以帮您？', errors: [{ span: '宝贝儿' }], output: '您好，有什么可以帮您？' },
    { text: '亲爱的顾客，您好', errors: [{ span: '亲爱的', suggestion: '尊敬的顾客，您好' }] },
    { text: '稍等一下哈宝宝们～马上为您查', errors: [{ span: '宝宝们' }] },
  ],
});
