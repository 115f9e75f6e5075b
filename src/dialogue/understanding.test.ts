import { describe, expect, it } from 'vitest';
import type { Classification } from '../nlu/classifier.ts';
import type { IntentId } from '../nlu/intents.ts';
import { asksForRefundMoney, feeNotPrice, closesChat, keepsFurtherAsk, plausibleAsk, understandInContext, withdrawsRequest } from './understanding.ts';

/** A classification as the model might give it (the rules here must not depend on one model's numbers). */
const read = (intent: IntentId, confidence: number, ranking: [IntentId, number][] = [], secondary: IntentId[] = []): Classification => ({
  intent,
  confidence,
  ranking: [[intent, confidence] as [IntentId, number], ...ranking].map(([i, c]) => ({ intent: i, confidence: c })),
  entities: [],
  secondary,
  normalized: '',
  source: 'model',
  abstain: false,
});

describe('plausibleAsk', () => {
  it.each([
    ['wrong_item', '发新疆的', false],
    // A quantity changed is an order change; a quantity merely said is not.
    ['order_change', '围巾那单帮我改成1条', true],
    ['order_change', '两盒太多了 只要一盒', true],
    ['order_change', '我买了两件大衣', false],
    ['wrong_item', '发错颜色了', true],
    ['wrong_item', '买了两盒只收到一盒', true],
    // What arrived told against what was bought: a wrong item, whatever the words for it.
    ['wrong_item', '我拍的奶油味 收到的是椒盐的', true],
    ['wrong_item', '下单黑色 寄来的却是灰色', true],
    ['wrong_item', '买的L码 到手是M码', true],
    ['wrong_item', '收到了是不是要确认收货', false],
    // The buyer correcting themselves ("哦不对", "不对不对") says nothing wrong about the goods; the goods 不对 still do.
    ['wrong_item', '哦不对 我自己那单退货的寄到了没', false],
    ['wrong_item', '不对不对 我说的是围巾那单', false],
    ['wrong_item', '收到的颜色不对', true],
    // The returned parcel arrived is the refund's progress; a parcel of one's own arriving is not.
    ['refund_status', '退货的寄到了没', true],
    // Whether a parcel has arrived is its status; the pickup code is the locker delivery's.
    ['logistics_track', '我的鲜花饼到了没', true],
    ['logistics_track', '到没到啊', true],
    ['logistics_track', '好的', false],
    ['signed_not_received', '取件码多少啊 短信找不到了', true],
    ['refund_status', '退回去的你们收到了吗', true],
    ['refund_status', '寄回的包裹到了吗', true],
    ['refund_status', '我的快递到了没', false],
    ['quality_issue', '围巾上面有个洞', true],
    ['shipping_fee', '要手续费吗', false],
    ['shipping_fee', '信用卡付款有手續費嗎', false],
    ['shipping_fee', '发新疆要多少费用', true],
    ['shipping_fee', '运费多少', true],
    ['size_advice', '大衣我着急穿 能不能快点送', false],
    ['size_advice', '一米六五穿什么码', true],
    ['bargain_decisive', '哦哦 那我现在去付', false],
    ['bargain_excuse', '最近手头紧', true],
    ['human', '个人 林安娜', false],
    ['human', '转人工', true],
    ['stock', '羊毛大衣有XXL吗', true],
    ['greeting', '随便什么', true],
    ['logistics_track', '顺便问下大衣啥时候到', true],
    ['logistics_track', '我的羽绒服什么时候能送到', true],
    ['logistics_track', '哪天能收到啊', true],
    ['logistics_track', '什么时候有货', false],
    ['delivery_delay', '加个微信吧 这样聊太慢了', false],
    ['delivery_delay', '你们回复好慢', false],
    ['delivery_delay', '打字这么慢 加个vx', false],
    ['delivery_delay', '快递太慢了', true],
    ['delivery_delay', '物流怎么这么慢 聊都聊不明白', true],
    ['gift', '能不能快点送啊', false],
    ['gift', '明天能送到吗', false],
    ['gift', '尽快送过来 急用', false],
    ['gift', '买大衣送袜子吗', true],
    ['gift', '有赠品吗', true],
    ['gift', '送不送东西啊', true],
    // The receiver's mobile number is delivery data; a phone asked for is no change of it.
    ['address_change', '收件人手机号写错了', true],
    ['address_change', '你们手机多少', false],
    // Couriers by their Latin codes; a code inside a word is none ("sfz" is no courier).
    ['shipping_courier', '能走SF吗', true],
    ['shipping_courier', 'jd能发不', true],
    ['shipping_courier', '身份证sfz要吗', false],
  ] as const)('%s ← "%s": %s', (intent, text, expected) => {
    expect(plausibleAsk(intent, text)).toBe(expected);
  });
});

describe('understandInContext', () => {
  it('a worry about a quality before buying is a product question, a report of one stays a complaint', () => {
    for (const text of ['主要是怕穿几次就起球', '担心洗完会缩水', '这个会不会掉色啊']) {
      expect(understandInContext(read('quality_issue', 0.5), text, 'presale').intent, text).toBe('product_info');
    }
    for (const text of ['毛衣收到穿了两次就起球了', '洗了一次就掉色', '怕是质量有问题 已经起球了']) {
      expect(understandInContext(read('quality_issue', 0.9), text, undefined).intent, text).toBe('quality_issue');
    }
  });

  it('drops a further ask the words do not support ("发新疆的" is no wrong item)', () => {
    const r = understandInContext(read('stock', 0.9, [], ['invoice', 'shipping_fee', 'wrong_item']), '大衣有货吗 能开发票吗 包邮吗 发新疆的', undefined);
    expect(r.secondary).toEqual(['invoice', 'shipping_fee']);
  });

  it('an act the words do not support gives way to the next reading they do, at any confidence', () => {
    expect(understandInContext(read('wrong_item', 0.95, [['shipping_time', 0.02]]), '发苏州的', undefined).intent).toBe('shipping_time');
    expect(understandInContext(read('size_advice', 0.62, [['urgent_delivery', 0.2]]), '大衣我着急穿 能不能快点送', undefined).intent).toBe('urgent_delivery');
  });

  it('how to send a return back is the return, not an address change or postage; whether it can be returned at all is no refund status', () => {
    expect(understandInContext(read('address_change', 0.9), '退货地址是哪里', undefined).intent).toBe('return_dislike');
    expect(understandInContext(read('return_fee', 0.35), '那围巾我怎么寄回去', 'presale', 'promotion').intent).toBe('return_dislike');
    expect(understandInContext(read('refund_status', 0.96), '那是没办法退了吗', 'aftersale', 'return_dislike').intent).toBe('return_dislike');
    expect(understandInContext(read('refund_status', 0.9), '退款怎么还没到', 'aftersale', 'return_dislike').intent).toBe('refund_status');
    expect(understandInContext(read('address_change', 0.9), '地址写错了 帮我改一下', undefined).intent).toBe('address_change');
  });

  it('whether it has shipped is the parcel’s status; a complaint about the wait stays one; whether another order is affected is that order’s status', () => {
    expect(understandInContext(read('not_shipped', 0.42), '牛仔裤发了没', undefined).intent).toBe('logistics_track');
    expect(understandInContext(read('not_shipped', 0.9), '到底发了没有啊', undefined).intent).toBe('not_shipped');
    expect(understandInContext(read('not_shipped', 0.9), '拍了三天了 发了没', undefined).intent).toBe('not_shipped');
    expect(understandInContext(read('logistics_track', 0.81, [['not_shipped', 0.05]]), '帮我看看发了没', undefined).intent).toBe('logistics_track');
    expect(understandInContext(read('return_dislike', 0.5), '那鲜花饼那单没事吧', 'logistics', 'cancel_order').intent).toBe('logistics_track');
  });

  it('a where-question beside a parcel that stopped moving is the delay; a plain where-question stays tracking', () => {
    for (const text of ['围巾现在在哪 三天都不更新', '快递到哪了 一直卡在转运中心']) {
      expect(understandInContext(read('logistics_track', 0.5, [], ['delivery_delay']), text, undefined).intent, text).toBe('delivery_delay');
    }
    // Near miss: no stall said — where it is, read off the tracking.
    expect(understandInContext(read('logistics_track', 0.5, [], ['delivery_delay']), '围巾现在到哪了 急着用', undefined).intent).toBe('logistics_track');
  });


  it('a locker\'s code talked about is the signed-for case; the code asked for again continues it', () => {
    expect(understandInContext(read('wrong_item', 0.55), '说放在丰巢柜了 那个码我找不到短信', undefined).intent).toBe('signed_not_received');
    expect(understandInContext(read('thanks_bye', 0.3), '码直接告诉我呗', 'logistics', 'signed_not_received').intent).toBe('signed_not_received');
    // Near miss: no locker talked about before — a code asked for is not the parcel's.
    expect(understandInContext(read('thanks_bye', 0.3), '码直接告诉我呗', 'presale', 'promotion').intent).not.toBe('signed_not_received');
  });

  it('an exchange turned down with a part asked for is the quality case; an exchange asked for stays one', () => {
    for (const text of ['不用换了 补发个拉链头给我', '别换货 寄两颗纽扣过来就行']) {
      expect(understandInContext(read('exchange', 0.8), text, 'aftersale', 'quality_issue').intent, text).toBe('quality_issue');
    }
    // Near misses: an exchange wanted; a part asked for without turning the exchange down.
    expect(understandInContext(read('exchange', 0.8), '扣子掉了 换一件吧', 'aftersale', 'quality_issue').intent).toBe('exchange');
    expect(understandInContext(read('exchange', 0.8), '我要换 顺便补寄颗扣子', 'aftersale', 'quality_issue').intent).toBe('exchange');
  });

  it('going to pay is the order; haggling beside another ask needs words that ask for less', () => {
    expect(understandInContext(read('bargain_decisive', 0.45), '哦哦忘了付钱了 我现在去付', 'logistics', 'logistics_track').intent).toBe('order_placed');
    expect(understandInContext(read('bargain_decisive', 0.9), '便宜10块我现在就去拍', undefined).intent).toBe('bargain_decisive');
    expect(understandInContext(read('shipping_courier', 0.97, [], ['bargain_excuse']), '发顺丰行不行 我补钱', undefined).secondary).toEqual([]);
    expect(understandInContext(read('shipping_courier', 0.9, [], ['bargain_generic']), '发顺丰 能便宜点吗', undefined).secondary).toEqual(['bargain_generic']);
  });

  it('what was ordered said back asks nothing more; 地址对的 confirms the address read back', () => {
    expect(understandInContext(read('order_placed', 0.7, [], ['recommend', 'size_advice']), '付好款了 牛仔裤 27码深蓝', undefined).secondary).toEqual([]);
    expect(understandInContext(read('order_placed', 0.7, [], ['size_advice']), '拍好了 27码会不会小', undefined).secondary).toEqual(['size_advice']);
    const confirmed = understandInContext(read('address_change', 0.55, [], ['shipping_time']), '地址对的 啥时候发', 'presale', 'order_placed');
    expect(confirmed.intent).toBe('shipping_time');
    expect(confirmed.secondary).toEqual([]);
    expect(understandInContext(read('address_change', 0.9), '地址不对 改成杭州市西湖区文三路100号', undefined).intent).toBe('address_change');
    expect(keepsFurtherAsk('shipping_time', 'address_change', '信息没问题 什么时候发货')).toBe(false);
  });

  it('a time question after the parcel’s tracking is about that parcel', () => {
    expect(understandInContext(read('shipping_time', 0.8), '今天能到不', 'logistics', 'logistics_track').intent).toBe('logistics_track');
    expect(understandInContext(read('shipping_time', 0.8), '周六前能送到吗', 'logistics', 'logistics_track').intent).toBe('logistics_track');
    expect(understandInContext(read('shipping_time', 0.8), '发新疆几天能到', 'logistics', 'logistics_track').intent).toBe('shipping_time');
    expect(understandInContext(read('shipping_time', 0.8), '今天能到不', 'presale', 'stock').intent).toBe('shipping_time');
  });

  it('the same request for another thing continues the last request', () => {
    expect(understandInContext(read('order_change', 0.89), '大衣那单也改一下吧', 'logistics', 'address_change').intent).toBe('address_change');
    expect(understandInContext(read('other', 0.4), '裤子那个也帮我取消', 'logistics', 'cancel_order').intent).toBe('cancel_order');
    expect(understandInContext(read('order_change', 0.89), '大衣也改成L码', 'logistics', 'address_change').intent).toBe('order_change');
    expect(understandInContext(read('other', 0.4), '大衣那单也改一下吧', 'presale', 'stock').intent).not.toBe('stock');
  });

  it('after a cancellation: its reason, one item only; a parcel that cannot be refused is a return', () => {
    expect(understandInContext(read('refund_status', 0.8), '退款原因选啥', 'logistics', 'cancel_order').intent).toBe('cancel_order');
    expect(understandInContext(read('other', 0.4), '裤子还要的哈 只退羽绒服', 'logistics', 'cancel_order').intent).toBe('cancel_order');
    expect(understandInContext(read('logistics_track', 0.7), '快递员说已经在送了 来不及拒了怎么办', 'aftersale', 'refund_shipped').intent).toBe('return_dislike');
    expect(understandInContext(read('refund_status', 0.8), '退款原因选啥', 'presale', 'stock').intent).toBe('refund_status');
    // Too late, said after refusing was advised, or the courier at the door: the return after signing.
    expect(understandInContext(read('logistics_track', 0.8), '来不及了 快递员已经在楼下了', 'aftersale', 'refund_shipped').intent).toBe('return_dislike');
    expect(understandInContext(read('other', 0.6), '来不及了啦', 'aftersale', 'refund_shipped').intent).toBe('return_dislike');
    expect(understandInContext(read('logistics_track', 0.7), '快递小哥都到门口了', 'aftersale', 'return_dislike').intent).toBe('return_dislike');
    // Near miss: "来不及了" about a parcel's wait, no refusal advised — the wait goes on.
    expect(understandInContext(read('delivery_delay', 0.8), '来不及了 都三天了还没到', 'logistics', 'delivery_delay').intent).toBe('delivery_delay');
  });

  it('in an after-sale case: no fault said is a return, the condition told continues it, a return parcel is its refund, a hassle stays in the case', () => {
    expect(understandInContext(read('quality_issue', 0.96), '不是质量问题 就是不想要了', 'aftersale', 'return_dislike').intent).toBe('return_dislike');
    expect(understandInContext(read('quality_issue', 0.96), '質量沒問題 就是不喜歡', undefined).intent).toBe('return_dislike');
    expect(understandInContext(read('quality_issue', 0.96), '质量问题 开线了', undefined).intent).toBe('quality_issue');
    expect(understandInContext(read('logistics_track', 0.6), '我没穿几次 吊牌都还在', 'aftersale', 'exchange').intent).toBe('exchange');
    expect(understandInContext(read('other', 0.42, [['shipping_courier', 0.21]]), '你们收到没有啊 中通78460023915527', 'aftersale', 'refund_status').intent).toBe('refund_status');
    expect(understandInContext(read('address_change', 0.9), '订单386011472935506118的地址改到北京市朝阳区建国路88号', 'aftersale', 'refund_status').intent).toBe('address_change');
    // "退货单号…" names the return parcel too (not who pays its postage); a question about that postage stays one.
    expect(understandInContext(read('refund_status', 0.55, [['return_fee', 0.15]]), '退貨單號是78460011112222 麻烦看下', 'aftersale', 'refund_status').intent).toBe('refund_status');
    expect(understandInContext(read('return_fee', 0.8), '退货快递的运费谁出', 'aftersale', 'refund_status').intent).toBe('return_fee');
    expect(understandInContext(read('thanks_bye', 0.36), '椒盐的还要寄回去啊 好麻烦', 'aftersale', 'wrong_item').intent).toBe('wrong_item');
  });

  it('the return parcel’s number during a refund is that refund, not the outbound parcel’s tracking', () => {
    const asRefund = read('refund_status', 0.87, [['logistics_track', 0.05]]);
    expect(understandInContext(asRefund, '退回去的单号是78460023915527 你查查', 'aftersale', 'refund_status').intent).toBe('refund_status');
    expect(understandInContext(asRefund, '寄回来的快递你们签收了吗', 'aftersale', 'refund_status').intent).toBe('refund_status');
    expect(understandInContext(read('logistics_track', 0.7), '我寄回的那个包裹到了没', 'aftersale', 'return_dislike').intent).toBe('refund_status');
    // Near miss: the outbound parcel asked about with no after-sale case open.
    expect(understandInContext(read('logistics_track', 0.9), '我的单号是78451166023849 到哪了', undefined).intent).toBe('logistics_track');
  });

  it('an invoice withdrawn is no ask; when the refund comes is its status', () => {
    const r = understandInContext(read('refund_shipped', 0.74, [], ['invoice', 'refund_status']), '算了发票不要了 退款到底什么时候能好', 'invoice', 'invoice');
    expect([r.intent, r.secondary]).toEqual(['refund_status', []]);
    expect(understandInContext(read('invoice', 0.8, [], ['refund_status']), '票就不开了 钱多久能退回来', 'invoice', 'invoice').intent).toBe('refund_status');
    expect(understandInContext(read('invoice', 0.8), '不用开发票了 谢谢', 'invoice', 'invoice').intent).toBe('thanks_bye');
    expect(keepsFurtherAsk('refund_status', 'invoice', '发票不要了 退款呢')).toBe(false);
    // Near misses: an invoice still wanted; a refund asked for.
    expect(understandInContext(read('invoice', 0.9), '发票还要开的 什么时候能收到', 'invoice', 'invoice').intent).toBe('invoice');
    expect(understandInContext(read('refund_shipped', 0.8), '我要退款 什么时候能到', 'aftersale', 'refund_shipped').intent).toBe('refund_shipped');
  });

  it('beside an after-sale question, the product’s looks or a courier’s name ask nothing; a shipping question does', () => {
    expect(understandInContext(read('return_dislike', 0.9, [], ['product_info']), '围巾颜色跟图片差好多 不喜欢 能退吗', undefined).secondary).toEqual([]);
    expect(keepsFurtherAsk('refund_status', 'shipping_courier', '你们收到没有啊 中通78460023915527')).toBe(false);
    expect(keepsFurtherAsk('urgent_delivery', 'shipping_courier', '那能加急吗 顺丰可以不')).toBe(true);
    expect(keepsFurtherAsk('return_dislike', 'shipping_time', '还有羽绒服那单什么时候发啊')).toBe(true);
  });

  it('another size while a size is being changed continues the change', () => {
    expect(understandInContext(read('other', 0.2), '等等 还是29吧', 'logistics', 'order_change').intent).toBe('order_change');
    expect(understandInContext(read('other', 0.2), '那就要L码', 'aftersale', 'exchange').intent).toBe('exchange');
    expect(understandInContext(read('other', 0.2), '还是29吧', 'presale', 'stock').intent).not.toBe('order_change');
  });

  // A size kept after an order change is the change confirmed; why refuse after a refund answer stays in the case.
  // Near misses: the same words with no change going on, a product question after a refund answer.
  it.each([
    ['size_advice', 0.86, '尺码还是32不变', 'logistics', 'order_change', 'order_change'],
    // After the parcel's tracking, why it passes another city continues the case (near miss: no parcel talked about).
    ['other', 0.4, '人在深圳 为啥跑到长沙去了', 'logistics', 'delivery_delay', 'delivery_delay'],
    ['complaint', 0.4, '怎么绕到郑州了？？', 'logistics', 'logistics_track', 'delivery_delay'],
    ['other', 0.4, '为啥跑到长沙去了', 'presale', 'stock', 'other'],
    // What if it is never found stays the signed-for case after one; after a delay it is the delay.
    ['wrong_item', 0.6, '万一找不着了咋办', 'logistics', 'signed_not_received', 'signed_not_received'],
    ['wrong_item', 0.6, '万一找不着了咋办', 'logistics', 'delivery_delay', 'delivery_delay'],
    ['size_advice', 0.5, '尺码不变', 'logistics', 'order_change', 'order_change'],
    ['size_advice', 0.6, '码数照旧哈', 'logistics', 'order_change', 'order_change'],
    ['size_advice', 0.86, '尺码还是32不变', 'presale', 'size_advice', 'size_advice'],
    ['product_info', 0.67, '拒签有什么用', 'aftersale', 'refund_shipped', 'refund_shipped'],
    ['other', 0.29, '干嘛非得拒签', 'aftersale', 'return_dislike', 'return_dislike'],
    ['product_info', 0.9, '这个大衣是什么面料', 'aftersale', 'refund_shipped', 'product_info'],
    // The shop asked to call or ask the courier while a parcel is hurried or chased: that case, no contact request.
    ['contact_request', 0.84, '你们能打电话给快递员吗', 'logistics', 'urgent_delivery', 'urgent_delivery'],
    ['contact_request', 0.7, '能不能给快递小哥打个电话', 'logistics', 'delivery_delay', 'delivery_delay'],
    ['contact_request', 0.7, '你帮我联系一下快递员', 'logistics', 'logistics_track', 'delivery_delay'],
    // (The shop's own phone number asked for stays a contact request.)
    ['contact_request', 0.84, '你们电话多少 我打给你们', 'logistics', 'urgent_delivery', 'contact_request'],
    // A colour set aside with "还有呢" right after a recommendation asks what else to pick (near misses: no
    // recommendation before, nothing set aside).
    ['stock', 0.9, '黑色的我已经有了 还有别的吗', 'presale', 'recommend', 'recommend'],
    ['stock', 0.9, '黑色的我已经有了 还有别的吗', 'presale', 'stock', 'stock'],
    ['stock', 0.9, '黑色的还有吗', 'presale', 'recommend', 'stock'],
    // "不拍了" while haggling or asking about a product is hesitation (near misses: an order pointed at, no pre-sale talk).
    ['cancel_order', 0.8, '太贵了 那我不拍了', 'bargaining', 'bargain_generic', 'hesitation'],
    ['return_dislike', 0.6, '算了 不买了吧', 'presale', 'stock', 'hesitation'],
    ['cancel_order', 0.8, '那单我不买了 取消吧', 'bargaining', 'bargain_generic', 'cancel_order'],
    ['cancel_order', 0.8, '不买了 帮我取消', 'logistics', 'logistics_track', 'cancel_order'],
  ] as const)('%s %s "%s" after %s/%s reads as %s', (intent, confidence, text, route, last, expected) => {
    expect(understandInContext(read(intent, confidence), text, route, last).intent).toBe(expected);
  });

  it('found it is a thanks; what if it is lost continues the parcel’s case', () => {
    // The return parcel's arrival after tracking is its refund's progress; one's own parcel arriving stays tracking.
    expect(understandInContext(read('wrong_item', 0.42, [['refund_status', 0.31]]), '哦不对 我自己那单退货的寄到了没', 'logistics', 'logistics_track').intent).toBe('refund_status');
    expect(understandInContext(read('logistics_track', 0.6), '退回去的你们收到了吗', 'logistics', 'logistics_track').intent).toBe('refund_status');
    expect(understandInContext(read('logistics_track', 0.6), '那我的快递到了没', 'logistics', 'logistics_track').intent).toBe('logistics_track');
    // ("取件码短信找不到了": the code is lost, not the parcel.)
    expect(understandInContext(read('logistics_track', 0.43, [['signed_not_received', 0.18]]), '取件码多少啊 短信找不到了', 'logistics', 'logistics_track').intent).toBe('signed_not_received');
    const found = understandInContext(read('signed_not_received', 0.99), '上次围巾显示前台签收的 我去前台拿到了哈', undefined);
    expect(found.intent).toBe('thanks_bye');
    expect(understandInContext(read('signed_not_received', 0.99), '显示签收了 可我没拿到', undefined).intent).toBe('signed_not_received');
    expect(keepsFurtherAsk('thanks_bye', 'signed_not_received', '我去前台拿到了哈')).toBe(false);
    expect(understandInContext(read('other', 0.4), '要是寄丢了呢', 'aftersale', 'refund_shipped').intent).toBe('delivery_delay');
  });

  it('a size asked about with 有…吗 is stock even when read as a product question; no detail-page answer beside it unless an attribute is asked', () => {
    const r = read('product_info', 0.41, [['stock', 0.24]]);
    const xl = understandInContext({ ...r, entities: [{ type: 'size', text: 'XL', start: 7, end: 9, value: 'XL', system: 'letter' }] }, '請問羊毛呢大衣有ＸＬ嗎？', undefined);
    expect(xl.intent).toBe('stock');
    expect(keepsFurtherAsk('stock', 'product_info', '大衣有XL吗')).toBe(false);
    expect(keepsFurtherAsk('stock', 'product_info', '大衣有XL吗 厚不厚')).toBe(true);
  });

  it('a contact request needs contact words; a promotion’s terms are a promotion question; praise of a purchase is praise', () => {
    expect(understandInContext(read('contact_request', 0.28, [['shipping_fee', 0.12]]), '那我加个毛衣凑一下 够包邮了吧', 'presale', 'shipping_fee').intent).not.toBe('contact_request');
    expect(understandInContext(read('contact_request', 0.9), '加个微信吧 方便联系', undefined).intent).toBe('contact_request');
    expect(understandInContext(read('gift', 0.38), '零食那单还没付 满99送试吃装是吧', undefined).intent).toBe('promotion');
    expect(understandInContext(read('product_info', 0.2), '上次的围巾超暖和❤️', undefined).intent).toBe('praise');
    expect(understandInContext(read('product_info', 0.6), '上次买的围巾暖和吗', undefined).intent).toBe('product_info');
  });

  it('a gift threshold asked about an unpaid order is a promotion question, not a money excuse', () => {
    // Other wordings: the question put as 是不是 / 会…吗 / 有没有, with an unpaid order pointed at.
    expect(understandInContext(read('bargain_excuse', 0.7), '还有一笔没付款的 满两百是不是有赠品', undefined).intent).toBe('promotion');
    expect(understandInContext(read('bargain_excuse', 0.55), '那单我还没付呢 满99会送小样吗', undefined).intent).toBe('promotion');
    // An act the words do not support (no 取消 word) gives way to the threshold question.
    expect(understandInContext(read('cancel_order', 0.59, [['bargain_excuse', 0.21]]), '坚果那单还没付钱 满99有没有送的', undefined).intent).toBe('promotion');
    // Near misses: the threshold reached and less asked on top, or a plain money excuse, stay haggling.
    expect(understandInContext(read('bargain_excuse', 0.58), '满99了 再便宜点吧', undefined).intent).toBe('bargain_excuse');
    expect(understandInContext(read('bargain_excuse', 0.9), '还没付 钱不够 能少10块吗', undefined).intent).toBe('bargain_excuse');
  });

  it('a phone said unchanged or an order\'s number is no contact request; the shop\'s phone still is', () => {
    expect(plausibleAsk('contact_request', '收件人改成我老公 手机号还是一样的')).toBe(false);
    expect(plausibleAsk('contact_request', '地址改到南京路100号 手机号码不变')).toBe(false);
    expect(plausibleAsk('contact_request', '把订单号码发我一下')).toBe(false);
    expect(plausibleAsk('contact_request', '包裹号码多少')).toBe(false);
    // Near misses: the shop's number asked for.
    expect(plausibleAsk('contact_request', '你们客服电话号码多少')).toBe(true);
    expect(plausibleAsk('contact_request', '电话不变的话 你们的电话是多少')).toBe(true);
    expect(plausibleAsk('logistics_track', '运单号码给我一下')).toBe(true);
  });

  it('"不是X 是Y那个" right after an order\'s answer: the same question about the order meant', () => {
    expect(understandInContext(read('wrong_item', 0.46), '不对 是零食那单', 'logistics', 'logistics_track').intent).toBe('logistics_track');
    expect(understandInContext(read('other', 0.3), '不是大衣 我问的是围巾那个', 'invoice', 'invoice').intent).toBe('invoice');
    // Near misses: after a pre-sale question (a product corrected, not an order), and a real wrong item.
    expect(understandInContext(read('stock', 0.6), '不是大衣 是围巾那个', 'presale', 'stock').intent).toBe(understandInContext(read('stock', 0.6), '不是大衣 是围巾那个', undefined).intent);
    expect(understandInContext(read('wrong_item', 0.9), '不是我买的那个 发错了', 'logistics', 'logistics_track').intent).toBe('wrong_item');
  });

  it('a look-up of one’s own order is its status', () => {
    expect(understandInContext(read('logistics_track', 0.69), '那算了 查我自己的大衣', 'social', 'thanks_bye').intent).toBe('logistics_track');
    expect(understandInContext(read('other', 0.3), '帮我看下我的订单', undefined).intent).toBe('logistics_track');
  });

  it('an unsure reading follows the topic just discussed', () => {
    expect(understandInContext(read('wrong_item', 0.28, [['bargain_generic', 0.2]]), '真的不能再少了吗', 'bargaining', 'bargain_generic').intent).toBe('bargain_generic');
  });

  it('a short message that continues the case stays the case ("那裤子呢 发了没", "你们帮我催催")', () => {
    expect(understandInContext(read('wrong_item', 0.78, [['not_shipped', 0.1]]), '那裤子呢 发了没', 'logistics', 'logistics_track').intent).toBe('logistics_track');
    expect(understandInContext(read('other', 0.78), '你们帮我催催 我等着穿呢', 'logistics', 'delivery_delay').intent).toBe('delivery_delay');
  });

  it('a defect described is a quality issue; asked about before buying it is not', () => {
    expect(understandInContext(read('other', 0.46), '你好 收到的围巾上面有个洞', undefined).intent).toBe('quality_issue');
    expect(understandInContext(read('product_info', 0.97), '羊毛大衣起球吗', undefined).intent).toBe('product_info');
    // The A-not-A question ("褪不褪色", "起不起球") is asked before buying too.
    for (const text of ['女士牛仔裤洗了褪不褪色啊', '这个掉不掉色', '羊毛的起不起球呀', '这个牛仔裤掉色不']) {
      expect(understandInContext(read('product_info', 0.6), text, undefined).intent, text).toBe('product_info');
    }
    expect(understandInContext(read('product_info', 0.6), '洗了一次就褪色了', undefined).intent).toBe('quality_issue');
    expect(understandInContext(read('product_info', 0.6), '洗了一次就掉色了不', undefined).intent).toBe('quality_issue');
  });

  it('a colour and size named beside another question is the variant to buy, no order change without a word of changing', () => {
    expect(keepsFurtherAsk('product_info', 'order_change', '这款羽绒服什么价 要黑色XL的')).toBe(false);
    expect(understandInContext(read('stock', 0.9, [], ['order_change']), '大衣还有吗 驼色M的', 'presale').secondary).not.toContain('order_change');
    // Near misses: a change asked for beside the question.
    expect(keepsFurtherAsk('product_info', 'order_change', '多少钱 能改成黑色XL吗')).toBe(true);
    expect(keepsFurtherAsk('shipping_time', 'order_change', '拍错码了 什么时候发')).toBe(true);
  });

  it('a present the buyer buys for someone is advice on what to buy, not a free gift asked for', () => {
    for (const text of ['想挑个礼物给闺蜜', '打算买来当礼物 有推荐吗', '送给我老公的', '生日礼物送老婆 有什么推荐', '母亲节礼物选哪个好']) {
      expect(plausibleAsk('gift', text), text).toBe(false);
    }
    expect(understandInContext(read('gift', 0.98), '想买份礼物送长辈', undefined).intent).toBe('recommend');
    // Near misses: a gift asked of the shop, also beside a present ("送我个小东西", "送人的 有赠品吗").
    for (const text of ['送我个小东西呗', '买两件送什么', '送同事的 有没有赠品']) expect(plausibleAsk('gift', text), text).toBe(true);
    expect(understandInContext(read('gift', 0.98), '送人的 能送个礼盒吗', undefined).intent).toBe('gift');
  });

  it('a quality asked about in a clause of its own ("掉毛吗 什么面料") is a question before buying, with no defect case beside it', () => {
    for (const text of ['围巾掉毛吗 是什么面料', '这件缩水么，洗的时候要注意啥']) {
      const r = understandInContext(read('product_info', 0.9, [], ['quality_issue']), text, 'presale');
      expect(r.intent, text).toBe('product_info');
      expect(r.secondary, text).not.toContain('quality_issue');
    }
    expect(keepsFurtherAsk('product_info', 'quality_issue', '面料咋样 下水会不会掉色')).toBe(false);
    // Near misses: the quality told as happened, in a clause followed by a question.
    expect(understandInContext(read('product_info', 0.6), '收到就掉毛了 什么面料啊', undefined).intent).toBe('quality_issue');
    expect(keepsFurtherAsk('product_info', 'quality_issue', '洗了一次就缩水了 什么面料')).toBe(true);
  });

  it('a defect told as already there is a quality issue even with an angry question after it', () => {
    expect(understandInContext(read('other', 0.98), '鲜花饼有一个都长毛了😡 这还能吃？', undefined).intent).toBe('quality_issue');
    expect(understandInContext(read('other', 0.9), '核桃有几个都发霉了 怎么回事？', undefined).intent).toBe('quality_issue');
    expect(understandInContext(read('product_info', 0.7), '饼干已经碎了 还怎么吃？', undefined).intent).toBe('quality_issue');
    // Asked before buying: whether it goes mouldy is a product question.
    expect(understandInContext(read('product_info', 0.8), '鲜花饼放久了会不会长霉？', undefined).intent).toBe('product_info');
  });

  it('a price question is a product question, haggling is not', () => {
    expect(understandInContext(read('bargain_excuse', 0.36), '女生那条裤子多少钱', undefined).intent).toBe('product_info');
    expect(understandInContext(read('bargain_generic', 0.9), '多少钱能便宜点', undefined).intent).toBe('bargain_generic');
  });

  it('a request outranks a status complaint; a return asked for outranks its postage', () => {
    const r = understandInContext(read('delivery_delay', 0.8, [], ['refund_shipped']), '物流一直不动 毛衣围巾我都不要了 退款吧', undefined);
    expect([r.intent, r.secondary]).toEqual(['refund_shipped', ['delivery_delay']]);
    expect(understandInContext(read('return_fee', 0.8, [], ['return_dislike']), '围巾想退 退货运费谁出', undefined).intent).toBe('return_dislike');
    expect(understandInContext(read('return_fee', 0.8, [], ['return_dislike']), '如果只是不喜欢退货，运费谁出', undefined).intent).toBe('return_fee');
  });

  it('how long, right after an after-sale answer, is about that case', () => {
    expect(understandInContext(read('shipping_time', 0.85), '大概还要几天啊', 'aftersale', 'refund_status').intent).toBe('refund_status');
    expect(understandInContext(read('shipping_time', 0.85), '发苏州几天能到', 'aftersale', 'refund_status').intent).toBe('shipping_time');
    // Several lead-in words ("那大概…") still lead into the same follow-up.
    expect(understandInContext(read('shipping_time', 0.8), '那大概多久到账啊', 'aftersale', 'refund_status').intent).toBe('refund_status');
    expect(understandInContext(read('shipping_time', 0.8), '那一般要几天啊', 'aftersale', 'return_dislike').intent).toBe('return_dislike');
    expect(understandInContext(read('shipping_time', 0.8), '那大概多久能到账', 'aftersale', 'refund_status').intent).toBe('refund_status');
  });

  it('a bare when-question right after an invoice answer asks when the invoice comes', () => {
    expect(understandInContext(read('shipping_time', 0.8), '大概什么时候能收到', 'invoice', 'invoice').intent).toBe('invoice');
    expect(understandInContext(read('shipping_time', 0.8), '那多久能开好', 'invoice', 'invoice').intent).toBe('invoice');
    expect(understandInContext(read('shipping_time', 0.8), '啥时候能收到呀', 'invoice', 'invoice').intent).toBe('invoice');
    // Naming the goods: the parcel, not the invoice.
    expect(understandInContext(read('logistics_track', 0.8), '大衣什么时候能收到', 'invoice', 'invoice').intent).toBe('logistics_track');
  });

  it('要我出邮费吗 right after an invoice answer is about the invoice', () => {
    expect(understandInContext(read('shipping_fee', 0.9), '要我出邮费吗', 'invoice', 'invoice').intent).toBe('invoice');
    expect(understandInContext(read('shipping_fee', 0.9), '发新疆要邮费吗', 'invoice', 'invoice').intent).toBe('shipping_fee');
  });

  it.each([
    ['signed_not_received', '发哪了 我没收到啊'],
    ['signed_not_received', '咋還沒收到'],
    ['product_info', '金额能开200吗 报销用'],
    ['bargain_generic', '能多开点吗'],
    ['product_info', '是纸质的还是电子的'],
    ['product_info', '電子版的嗎'],
    ['logistics_track', '发到哪里了'],
    ['other', '发我邮箱吗'],
  ] as const)('right after an invoice answer, %s ← "%s" asks about the invoice', (intent, text) => {
    const r = understandInContext(read(intent, 0.84, [], ['product_info', 'signed_not_received']), text, 'invoice', 'invoice');
    expect(r.intent).toBe('invoice');
    expect(r.secondary).toEqual([]);
  });

  it.each([
    ['logistics_track', '快递发哪了'],
    ['signed_not_received', '衣服还没收到'],
    ['thanks_bye', '好的 我去邮箱看看'],
    ['product_info', '这个是纯棉的吗'],
  ] as const)('right after an invoice answer, %s ← "%s" stays (the parcel, thanks, a product)', (intent, text) => {
    expect(understandInContext(read(intent, 0.9), text, 'invoice', 'invoice').intent).toBe(intent);
  });

  it.each(['能换成公司抬头吗 杭州安娜设计工作室', '抬頭能改一下嗎', '能重开一张发票吗'])('"%s" changes the invoice title, in any context (not an exchange)', (text) => {
    const r = understandInContext(read('exchange', 0.5, [], ['invoice']), text, 'aftersale', 'exchange');
    expect(r.intent).toBe('invoice');
    expect(keepsFurtherAsk('invoice', 'exchange', text)).toBe(false);
  });

  it('a hurry right after a refund’s status hurries that refund; a hurry naming the parcel does not', () => {
    expect(understandInContext(read('quality_issue', 0.94, [['delivery_delay', 0.3], ['urgent_delivery', 0.2]]), '都一个星期了 能快点吗', 'aftersale', 'refund_status').intent).toBe('refund_status');
    expect(understandInContext(read('urgent_delivery', 0.6), '等了好几天了 抓紧点行吗', 'aftersale', 'refund_status').intent).toBe('refund_status');
    expect(understandInContext(read('urgent_delivery', 0.6), '能不能尽快处理一下', 'aftersale', 'refund_status').intent).toBe('refund_status');
    expect(understandInContext(read('urgent_delivery', 0.8), '快递能快点吗', 'aftersale', 'refund_status').intent).toBe('urgent_delivery');
    expect(understandInContext(read('urgent_delivery', 0.8), '能快点吗', 'logistics', 'logistics_track').intent).toBe('urgent_delivery');
  });

  it('how much is bought ("就买一袋") asks for nothing less; a condition ("送个试吃装就买", "便宜点就买两件") still haggles', () => {
    expect(understandInContext(read('gift', 0.71, [], ['bargain_decisive']), '就买一袋山核桃 送试吃装吗', undefined).secondary).not.toContain('bargain_decisive');
    expect(understandInContext(read('gift', 0.71, [], ['bargain_decisive']), '只买两盒鲜花饼 就买2盒 有赠品吗', undefined).secondary).not.toContain('bargain_decisive');
    expect(understandInContext(read('gift', 0.71, [], ['bargain_decisive']), '送个试吃装就买', undefined).secondary).toContain('bargain_decisive');
    expect(understandInContext(read('gift', 0.71, [], ['bargain_decisive']), '便宜点就买两件 送点啥', undefined).secondary).toContain('bargain_decisive');
  });

  it('whether an amount or a basket reaches free shipping is the postage asked about; asking it off stays haggling', () => {
    expect(understandInContext(read('bargain_decisive', 0.74, [['shipping_fee', 0.13]]), '凑满299就包邮是吧', 'presale', 'shipping_fee').intent).toBe('shipping_fee');
    expect(understandInContext(read('bargain_decisive', 0.62, [['shipping_fee', 0.08]]), '那我再加一件毛衣呢 是不是就包邮了', 'presale', 'shipping_fee').intent).toBe('shipping_fee');
    expect(understandInContext(read('bargain_generic', 0.6), '两件一起够包邮了吗', undefined).intent).toBe('shipping_fee');
    expect(understandInContext(read('bargain_decisive', 1, [], ['shipping_fee']), '就10块钱 包个邮嘛 包了马上拍', 'bargaining', 'bargain_decisive').intent).toBe('bargain_decisive');
    expect(understandInContext(read('bargain_decisive', 1), '包邮我就拍', 'presale', 'shipping_fee').intent).toBe('bargain_decisive');
  });

  it('not received yet beside a return asked about ahead is background, no parcel question', () => {
    expect(keepsFurtherAsk('return_dislike', 'signed_not_received', '核桃还没收到 到了不合适的话能退吗')).toBe(false);
    expect(keepsFurtherAsk('exchange', 'delivery_delay', '大衣还没到 要是小了能换吗')).toBe(false);
    expect(keepsFurtherAsk('return_dislike', 'signed_not_received', '显示签收了 但我没收到 能退吗')).toBe(true);
  });

  it('the size worn told for an exchange or return asks no size advice; a body measured does', () => {
    expect(keepsFurtherAsk('exchange', 'size_advice', '大衣刚拿到 M码穿着有点小 能换L吗')).toBe(false);
    expect(keepsFurtherAsk('return_dislike', 'size_advice', '裤子29码偏大 想退')).toBe(false);
    expect(keepsFurtherAsk('urgent_delivery', 'size_advice', '急用 大衣M码驼色 拍了能先发吗')).toBe(false);
    expect(keepsFurtherAsk('urgent_delivery', 'size_advice', '急用 我165 50kg穿M码行吗 能先发吗')).toBe(true);
    expect(keepsFurtherAsk('exchange', 'size_advice', '想换个码 我身高165 体重110斤 穿哪个码')).toBe(true);
    expect(keepsFurtherAsk('stock', 'size_advice', 'M码有货吗 我穿M合适吗')).toBe(true);
  });

  it('换个码 stays an exchange', () => {
    expect(understandInContext(read('exchange', 0.9), '能换个码吗', 'invoice', 'invoice').intent).toBe('exchange');
  });

  it('"还要干啥吗" beside a post-sale or invoice ask is no product question; a product question is', () => {
    expect(keepsFurtherAsk('invoice', 'product_info', '年会那单 发票抬头我在留言里写了 还要干啥吗')).toBe(false);
    expect(keepsFurtherAsk('refund_status', 'product_info', '退货寄回了 我还需要做什么')).toBe(false);
    expect(keepsFurtherAsk('invoice', 'product_info', '接下來該怎麼操作')).toBe(false);
    expect(keepsFurtherAsk('invoice', 'product_info', '能开发票吗 大衣是羊毛的吗')).toBe(true);
    expect(keepsFurtherAsk('greeting', 'product_info', '我要做什么')).toBe(true);
  });

  it('帮我退个款 asks for a refund (read by order state downstream), not its status', () => {
    expect(understandInContext(read('refund_status', 0.72), '亲 帮我退个款', undefined).intent).toBe('cancel_order');
    expect(understandInContext(read('refund_status', 0.9), '退款怎么还没到', undefined).intent).toBe('refund_status');
  });

  it('a request taken back with the matter sorted is a thank-you; a request in the same breath stands', () => {
    for (const text of ['算了不用了 我自己查到了 谢谢', '没事了 找到了', '不用麻烦了 解决了 谢谢亲']) {
      expect(understandInContext(read('quality_issue', 0.56, [['thanks_bye', 0.3]]), text, 'handoff', 'human').intent, text).toBe('thanks_bye');
    }
    expect(understandInContext(read('refund_shipped', 0.8), '算了不用了 我要退款 谢谢', undefined).intent).toBe('refund_shipped');
    expect(withdrawsRequest('算了不用了')).toBe(true);
    expect(withdrawsRequest('好的谢谢')).toBe(false);
  });

  it('an arrival asked after a pre-sale answer is about the thing to buy; a parcel of one’s own stays one', () => {
    for (const text of ['那明天能到不 急着穿', '周五前能到吗 急用', '后天能送到吗']) {
      const r = understandInContext(read('urgent_delivery', 0.99, [], ['shipping_time']), text, 'presale', 'stock');
      expect(r.intent, text).toBe('shipping_time');
    }
    expect(understandInContext(read('urgent_delivery', 0.99), '我那件大衣明天能到吗 急着穿', 'presale', 'stock').intent).toBe('urgent_delivery');
    expect(keepsFurtherAsk('shipping_time', 'urgent_delivery', '那明天能到不 急着穿')).toBe(false);
    expect(keepsFurtherAsk('shipping_time', 'urgent_delivery', '新买的那件明天能到吗 我的快递急用')).toBe(true);
    expect(understandInContext(read('urgent_delivery', 0.99), '那明天能到不 急着穿', 'logistics', 'logistics_track').intent).toBe('urgent_delivery');
  });

  it('where the money is asks for the refund’s status, not a parcel’s tracking', () => {
    for (const text of ['那我的钱现在到底到哪一步了', '钱到哪了', '退的钱现在什么进度']) {
      expect(understandInContext(read('logistics_track', 0.92), text, 'handoff', 'complaint').intent, text).toBe('refund_status');
    }
    expect(understandInContext(read('logistics_track', 0.92), '我花钱买的快递到哪了', undefined).intent).toBe('logistics_track');
  });

  it('a person asked for beside another question is the hand-off, the question answered beside it', () => {
    for (const text of ['拍了一天了还不发货 是不是根本没货 叫你们老板来跟我说', '还没发货 找你们主管来', '怎么还不发 给我转人工']) {
      const r = understandInContext(read('not_shipped', 0.99, [], ['human']), text, undefined);
      expect(r.intent, text).toBe('human');
      expect(r.secondary, text).toContain('not_shipped');
    }
    // "老板说包邮的": the boss quoted, nobody asked for.
    expect(understandInContext(read('shipping_fee', 0.9, [], ['human']), '你们老板上次说包邮的', undefined).intent).toBe('shipping_fee');
  });
});

describe('understandInContext: an amount alone after haggling', () => {
  it.each(['350', '那380吧', '四百行不行', '420塊賣不賣'])('keeps haggling on %s', (text) => {
    const r = understandInContext(read('thanks_bye', 0.74, [['other', 0.24]]), text, 'bargaining', 'bargain_decisive');
    expect(r.intent).toBe('bargain_decisive');
  });

  it('leaves a number alone elsewhere and words after haggling', () => {
    expect(understandInContext(read('thanks_bye', 0.74), '350', 'presale', 'size_advice').intent).toBe('thanks_bye');
    expect(understandInContext(read('thanks_bye', 0.9), '好的谢谢', 'bargaining', 'bargain_decisive').intent).toBe('thanks_bye');
  });
});

describe('a parcel redirected', () => {
  it('"能联系快递转寄吗" is an address change, not a courier question; a courier asked for stays one', () => {
    expect(understandInContext(read('shipping_courier', 0.64), '快递能帮我改派到公司吗', 'logistics', 'address_change').intent).toBe('address_change');
    expect(understandInContext(read('contact_request', 0.6), '麻烦联系下快递轉寄', undefined).intent).toBe('address_change');
    expect(understandInContext(read('shipping_courier', 0.9), '能联系顺丰发吗', 'logistics', 'address_change').intent).toBe('shipping_courier');
  });
});

describe('an order left as it is', () => {
  it('"X那单不用改" is nothing to act on; a question about it, or a change named after it, is', () => {
    expect(understandInContext(read('product_info', 0.63), '围巾那笔不用动了', 'logistics', 'address_change').intent).toBe('thanks_bye');
    expect(understandInContext(read('order_change', 0.5), '大衣那單不用換', 'logistics', 'order_change').intent).toBe('thanks_bye');
    expect(understandInContext(read('address_change', 0.8), '围巾那单不用改地址吗', 'logistics', 'address_change').intent).toBe('address_change');
    expect(understandInContext(read('address_change', 0.9), '那单不改了 这单改到上海市静安区南京西路1266号', 'logistics', 'address_change').intent).toBe('address_change');
  });
});

describe('plausibleAsk: 真的 as an intensifier', () => {
  it.each([
    ['真的', false],
    ['真的 我同事好几个都想买', false],
    ['说真的 以后还会介绍同事来', false],
    ['这个是真的羊毛吗', true],
    ['真的假的', true],
    ['是正品吗', true],
    ['真的嗎', true],
  ] as const)('authenticity in %s: %s', (text, expected) => {
    expect(plausibleAsk('authenticity', text)).toBe(expected);
  });
});

describe('understandInContext: when a variant out of stock is back', () => {
  it.each(['啥时候能有啊', '什么时候会再有', '几时才有货', '哪天能有'])('%s right after a stock answer is a restock question, not a delivery time', (text) => {
    expect(understandInContext(read('shipping_time', 0.5, [['stock', 0.3]]), text, 'presale', 'stock').intent).toBe('stock');
    expect(plausibleAsk('stock', text)).toBe(true);
  });
  it('near miss: when a case has a result is no restock', () => {
    expect(understandInContext(read('refund_status', 0.6), '什么时候能有结果', 'aftersale', 'refund_status').intent).not.toBe('stock');
    expect(plausibleAsk('stock', '什么时候能有结果')).toBe(false);
  });
});


describe('a promise-type haggle needs a promise of future business', () => {
  it.each(['山核桃能便宜點嗎 我買三袋', '围巾便宜点 我买两条', '大衣能少点吗'])('%s is a plain haggle', (text) => {
    const understood = understandInContext(read('bargain_promise', 0.51, [['bargain_promise', 0.51], ['bargain_generic', 0.43]]), text, undefined);
    expect(understood.intent).toBe('bargain_generic');
  });
  it.each(['毛衣便宜点以后常来买', '羽絨服便宜點吧 我以後常來買', '就便宜一点点嘛 下次带闺蜜一起来买'])('%s stays a promise', (text) => {
    const understood = understandInContext(read('bargain_promise', 0.51, [['bargain_promise', 0.51], ['bargain_generic', 0.43]]), text, undefined);
    expect(understood.intent).toBe('bargain_promise');
  });
});

describe('an order named by its purchase', () => {
  it('"付了款的X" names the order — no news of a purchase; "我付了款" still is', () => {
    expect(plausibleAsk('order_placed', '已经付了款的牛仔裤可以改成顺丰吗')).toBe(false);
    expect(plausibleAsk('order_placed', '拍了的那件大衣能发中通吗')).toBe(false);
    expect(plausibleAsk('order_placed', '我已经付了款 记得早点发')).toBe(true);
    expect(plausibleAsk('order_placed', '拍好了 麻烦核对下')).toBe(true);
  });

  it('an unsure "placed" reading with a courier asked for is the courier ask; a plain purchase stays', () => {
    expect(understandInContext(read('order_placed', 0.47), '付过款的核桃能改发顺丰吗', undefined).intent).toBe('shipping_courier');
    expect(understandInContext(read('order_placed', 0.45), '拍下的鲜花饼可以走邮政吗', undefined).intent).toBe('shipping_courier');
    // Near misses: no question, or a sure reading.
    expect(understandInContext(read('order_placed', 0.47), '已经拍了 发顺丰', undefined).intent).toBe('order_placed');
    expect(understandInContext(read('order_placed', 0.95), '拍好了 顺丰能到吗', undefined).intent).toBe('order_placed');
  });
});

describe('another order introduced with 还有', () => {
  it('is no stock question beside an order change; a stock question asked still is', () => {
    expect(keepsFurtherAsk('address_change', 'stock', '还有那个没付款的零食 地址也要改成一样的')).toBe(false);
    expect(keepsFurtherAsk('cancel_order', 'stock', '还有刚拍的鲜花饼 也取消掉')).toBe(false);
    // Near misses: a question asked, or a pre-sale primary.
    expect(keepsFurtherAsk('address_change', 'stock', '地址改成上海 还有鲜花饼还有货吗')).toBe(true);
    expect(keepsFurtherAsk('product_info', 'stock', '还有那款围巾 酒红色')).toBe(true);
  });
});

describe('closing the chat is no continued question', () => {
  it.each(['那先这样', '那就这样吧', '那没事了'])('"%s" after an order answer stays a goodbye', (text) => {
    expect(closesChat(text)).toBe(true);
    expect(understandInContext(read('thanks_bye', 0.99), text, 'logistics', 'not_shipped').intent).toBe('thanks_bye');
  });
  it('near miss: "那裤子呢" continues the question', () => {
    expect(closesChat('那裤子呢')).toBe(false);
    expect(closesChat('那就这样换吧')).toBe(false);
  });
});

describe('the own order’s receiver data is no contact request', () => {
  it('"那单收件电话是多少 我确认下" read as a contact request is the order’s receiver data (address_change reads it back)', () => {
    const understood = understandInContext(read('contact_request', 0.43, [['contact_request', 0.43], ['confirm_receipt', 0.2]], ['confirm_receipt']), '那单收件电话是多少 我确认下', 'presale');
    expect(understood.intent).toBe('address_change');
    expect(understood.secondary).toEqual([]);
    expect(keepsFurtherAsk('address_change', 'contact_request', '羽绒服那单收货人手机号码多少')).toBe(false);
  });
  it('near miss: the shop’s phone stays a contact request', () => {
    expect(understandInContext(read('contact_request', 0.9), '你们店电话多少', 'presale').intent).toBe('contact_request');
  });
});

describe('a mailbox for the invoice is no contact request', () => {
  it('"发票发这个邮箱 a@b.com" after an invoice answer: the invoice, nothing beside it', () => {
    const understood = understandInContext(read('contact_request', 0.65, [['contact_request', 0.65], ['other', 0.25]]), '发票发这个邮箱 lin.an@163.com', 'invoice', 'invoice');
    expect(understood.intent).toBe('invoice');
    expect(keepsFurtherAsk('invoice', 'contact_request', '发票发这个邮箱 lin.an@163.com')).toBe(false);
    // Near miss: asking for the shop's mailbox beside an invoice question is still a contact request.
    expect(keepsFurtherAsk('invoice', 'contact_request', '发票开好了吗 你们邮箱多少')).toBe(true);
  });
});

describe('where the parcel was left, asked after its case', () => {
  it('"那个柜子吗" after a parcel signed for or tracked is that case', () => {
    expect(understandInContext(read('other', 0.14), '是文三路那个驿站吗', 'logistics', 'signed_not_received').intent).toBe('signed_not_received');
    expect(understandInContext(read('product_info', 0.2), '放哪个柜子了', 'logistics', 'logistics_track').intent).toBe('signed_not_received');
  });
  it('not without a parcel case before it', () => {
    expect(understandInContext(read('other', 0.14), '是文三路那个驿站吗', 'presale', 'stock').intent).not.toBe('signed_not_received');
  });
});

describe('the money asked after in a refund case', () => {
  it.each([
    ['我的钱呢？？', 'return_dislike'],
    ['钱咧', 'cancel_order'],
    ['那钱啥时候能到', 'refund_status'],
    ['钱现在到哪一步了', 'refund_shipped'],
    ['那138大概几号能到账', 'return_dislike'],
    ['退的款啥时候到賬啊', 'refund_status'],
  ] as [string, IntentId][])('"%s" after %s is the refund\'s status', (text, last) => {
    expect(asksForRefundMoney(text, last)).toBe(true);
    expect(understandInContext(read('bargain_excuse', 0.5), text, 'aftersale', last).intent).toBe('refund_status');
  });
  it('is no refund without a refund case, nor money of a purchase ("钱不够")', () => {
    expect(asksForRefundMoney('钱呢', 'stock')).toBe(false);
    expect(asksForRefundMoney('钱呢', undefined)).toBe(false);
    expect(asksForRefundMoney('钱不够', 'return_dislike')).toBe(false);
  });
  it('到账 outside a refund case is no refund, and a parcel arriving after a refund stays a parcel', () => {
    expect(asksForRefundMoney('什么时候能到账', 'stock')).toBe(false);
    expect(asksForRefundMoney('换的那件什么时候能到', 'return_dislike')).toBe(false);
  });
  it('keeps no delivery question beside how long the money takes, and no person asked for unless asked', () => {
    expect(understandInContext(read('human', 0.37, [], ['shipping_time']), '那刚才那个客服呢 钱多久到', 'aftersale', 'refund_status').intent).toBe('refund_status');
    expect(keepsFurtherAsk('refund_status', 'shipping_time', '钱多久到')).toBe(false);
    expect(understandInContext(read('human', 0.9), '钱多久到 叫你们人工来', 'aftersale', 'refund_status').intent).toBe('human');
  });
});

describe('a slow chat is no slow parcel', () => {
  it.each(['加个微信聊 旺旺太慢了', '你们回消息这么慢 给个电话吧', '客服回得好慢'])('"%s" chases no parcel', (text) => {
    expect(keepsFurtherAsk('contact_request', 'delivery_delay', text)).toBe(false);
    expect(keepsFurtherAsk('contact_request', 'not_shipped', text)).toBe(false);
  });
  it('the parcel named beside it is still chased', () => {
    expect(keepsFurtherAsk('contact_request', 'delivery_delay', '回消息慢 快递也慢 给个电话')).toBe(true);
    expect(keepsFurtherAsk('complaint', 'not_shipped', '太慢了 还不发货')).toBe(true);
  });
});

describe('a defect that came with wear', () => {
  it('an exchange asked for a defect is a quality issue', () => {
    expect(understandInContext(read('exchange', 0.6), '洗了一次就掉色了 能不能给我换一条', undefined).intent).toBe('quality_issue');
    expect(understandInContext(read('wrong_item', 0.5), '围巾戴了两天就起球了可以换吗', undefined).intent).toBe('quality_issue');
  });
  it('near misses: an exchange with no defect, a worry before buying', () => {
    expect(understandInContext(read('exchange', 0.6), '颜色不喜欢 能不能给我换一条', undefined).intent).toBe('exchange');
    expect(understandInContext(read('exchange', 0.6), '会不会穿两次就起球了 到时候能换吗', undefined).intent).toBe('exchange');
  });
});

describe('photos sent after they were asked for', () => {
  it('拍好 of a camera after a quality case is the photos, not an order', () => {
    expect(understandInContext(read('order_placed', 0.7), '拍好了 发给你了', 'aftersale', 'quality_issue').intent).toBe('quality_issue');
    expect(understandInContext(read('order_placed', 0.7), '我拍了照片 你看下', 'aftersale', 'wrong_item').intent).toBe('wrong_item');
  });
  it('near miss: an order placed after a pre-sale question stays one', () => {
    expect(understandInContext(read('order_placed', 0.7), '拍好了 发货吧', 'presale', 'stock').intent).toBe('order_placed');
  });
});

describe('to be told when it is back', () => {
  it('right after a stock answer, the stock case goes on', () => {
    expect(understandInContext(read('other', 0.4), '那到货了提醒我一下', 'presale', 'stock').intent).toBe('stock');
  });
  it('near miss: after another topic it is not stock', () => {
    expect(understandInContext(read('logistics_track', 0.8), '到了通知我一下', 'logistics', 'logistics_track').intent).not.toBe('stock');
  });
});

describe('a bare amount beside a courier', () => {
  it('is that courier\'s fee, not the price', () => {
    expect(feeNotPrice({ intent: 'product_info', confidence: 0.5, secondary: ['shipping_courier'] }, '能发顺丰吗 要加多少')).toEqual({ intent: 'shipping_courier', confidence: 0.5, secondary: [] });
    expect(feeNotPrice({ intent: 'product_info', confidence: 0.6, secondary: ['shipping_fee', 'stock'] }, '新疆运费 多少钱').intent).toBe('shipping_fee');
  });
  it('near misses: a product named with the amount, or no postage asked', () => {
    const read = { intent: 'product_info' as const, confidence: 0.6, secondary: ['shipping_courier' as const] };
    expect(feeNotPrice(read, '羽绒服多少钱 发顺丰吗').intent).toBe('product_info');
    expect(feeNotPrice({ ...read, secondary: [] }, '多少钱').intent).toBe('product_info');
  });
  it('a region alone right after a courier answer asks the postage there', () => {
    expect(understandInContext(read('other', 0.35), '北京的', 'presale', 'shipping_courier').intent).toBe('shipping_fee');
    // Near miss: a region after a size question is no postage question.
    expect(understandInContext(read('other', 0.35), '北京的', 'presale', 'size_advice').intent).not.toBe('shipping_fee');
  });
});

describe('whether an order reaches a gift, asked without the amount', () => {
  it('is the promotion\'s terms', () => {
    expect(understandInContext(read('cancel_order', 0.5, [], ['gift']), '那单坚果还没付款 够送赠品了吗', undefined).intent).toBe('promotion');
    expect(understandInContext(read('bargain_excuse', 0.4), '我买的这些到没到送试吃装啊', undefined).intent).toBe('promotion');
  });
  it('near miss: a gift asked for with less asked on top is haggling', () => {
    expect(understandInContext(read('bargain_generic', 0.7), '够不够送试吃装 再便宜点吧', undefined).intent).toBe('bargain_generic');
  });
});

describe('a defect ruled out', () => {
  it('continues the exchange asked before, with no defect case beside it', () => {
    const understood = understandInContext(read('quality_issue', 0.97, [], ['exchange']), '质量倒是没问题 就是穿着肥', 'aftersale', 'exchange');
    expect(understood.intent).toBe('exchange');
    expect(understood.secondary).not.toContain('quality_issue');
    expect(keepsFurtherAsk('exchange', 'quality_issue', '不是质量问题 就是小了')).toBe(false);
  });
  it('with nothing asked before, is a return for dislike', () => {
    expect(understandInContext(read('quality_issue', 0.97), '不是质量问题 就是不喜欢', undefined).intent).toBe('return_dislike');
  });
  it('a defect told stays a defect case', () => {
    expect(understandInContext(read('quality_issue', 0.97), '质量有问题 开线了', 'aftersale', 'exchange').intent).toBe('quality_issue');
    expect(keepsFurtherAsk('exchange', 'quality_issue', '有质量问题 就是开线')).toBe(true);
  });
});
