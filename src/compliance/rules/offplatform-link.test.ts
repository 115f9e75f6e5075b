import { testRule } from '../rule-tester.ts';
import type { LintContext } from '../schema.ts';
import rule from './offplatform-link.ts';

const ownShop: LintContext = { shop: { name: '小美家居', allowedLinkHosts: ['xiaomeijiaju.tmall.com', 'detail.tmall.com'] } };

testRule(rule, {
  valid: [
    '亲，抱歉！公司不允许上班时用QQ的哦，请您用旺旺联系一下，谢谢您的谅解.',
    '宝贝链接：https://item.taobao.com/item.htm?id=123456789，您直接拍就可以。',
    '给您推荐一下本店其他宝贝，链接发您了：https://detail.tmall.com/item.htm?id=600001',
    '这款的手机端链接：https://m.tb.cn/h.UaBcDeF 您点开就能看到。',
    { name: 'the shop’s own homepage, listed by the shop', text: '店铺首页在这里：https://xiaomeijiaju.tmall.com ，欢迎逛逛。', context: ownShop },
    '请登录taobao.com查看订单详情。',
    '您可以点击店铺首页查看更多新品，也可以点击收藏店铺。',
    '我们没有其他店铺，只有这一家旗舰店。',
  ],
  nearMisses: [
    '这款价格12.5元，1.5米的尺寸，e.g. 适合小户型。',
    '您在其他店铺买的商品我们这边无法查询哦。',
    '您在我们其他店铺买的也可以找我们售后。',
    '发票会发到您的邮箱 abc@163.com 请注意查收。',
    '这款和其他店铺的区别在于面料，我们用的是新疆长绒棉。',
    '亲，复制一下订单号发我，我帮您查。',
    '本店其他宝贝也参加满300减30的活动。',
    '您在京东店铺买的商品需要联系京东客服哦。',
    '这款是v2.0升级版，比1.5版更耐用。',
    '优惠后到手价￥99，比平时便宜￥20。',
    '您发的是其他店铺的链接哦，我们家的这款是另一个颜色。',
  ],
  invalid: [
    {
      name: 'seed 004 错误案例3 推荐其他店铺的链接',
      text: '这款我们另一家店也有，链接 https://shop12345.taobao.com 您去看看。',
      errors: [
        { span: '另一家店', messageId: 'otherShop' },
        { span: 'https://shop12345.taobao.com', messageId: 'foreignLink' },
      ],
    },
    { name: 'seed 000 三(5)', text: '您加我微信kefu888，我发您我们另一家店的链接。', errors: [{ span: '另一家店' }] },
    { text: '我们小号店铺也有这款，搜“小美家居2店”就能找到', errors: [{ span: '小号店铺' }] },
    { text: '这款卖完了，您可以去别的店看看。', errors: [{ span: '别的店' }] },
    { text: '您去我们拼多多店铺搜暖阳，那边更便宜。', errors: [{ span: '拼多多店铺' }] },
    { text: '具体参数可以看t.cn/A6xyz12', errors: [{ span: 't.cn/A6xyz12' }] },
    { text: '我们官网www.xiaomei.com上有详细参数', errors: [{ span: 'www.xiaomei.com' }] },
    { name: '淘口令', text: '复制这段描述₤Xz0b2ZGDnSa₤后到👉手机淘宝👈打开', errors: [{ span: '₤Xz0b2ZGDnSa₤', messageId: 'shareCode' }] },
    { name: 'full-width', text: '链接：ＨＴＴＰＳ：／／ＷＷＷ．ＸＩＡＯＭＥＩ．ＣＯＭ，欢迎访问', errors: [{ span: 'ＨＴＴＰＳ：／／ＷＷＷ．ＸＩＡＯＭＥＩ．ＣＯＭ' }] },
    { name: 'traditional', text: '這款我們另一家店鋪也有貨，您去看看。', errors: [{ span: '另一家店鋪' }] },
    { name: 'emoji and Latin', text: '👉 Shop: www.xiaomei-home.cn 👈 全场8折', errors: [{ span: 'www.xiaomei-home.cn' }] },
    { text: '复制整段信息，打开手机淘宝即可领取优惠', errors: [{ span: '复制整段信息，打开手机淘宝' }] },
    {
      name: 'a shop homepage the shop did not list',
      text: '您可以看看这家：https://meimei888.taobao.com',
      context: ownShop,
      errors: [{ span: 'https://meimei888.taobao.com' }],
    },
  ],
});
