import { extractEntities, type Entity } from '../nlu/entities/index.ts';
import { normalizeMessage } from '../nlu/normalize.ts';
import type { Product, Shop } from '../shop/schema.ts';
import type { Signal } from './schema.ts';

/**
 * Reads the other side's reply the way a buyer would: from its text alone (kefu's own
 * normalisation and entities plus simple patterns and the shop's facts), never from the bot's
 * internal state — so the same simulated buyer can face the bot or a human trainee.
 */

export interface ReplyReading {
  signals: Set<Signal>;
  entities: Entity[];
  /** The normalised text (simplified, half-width, lower case). */
  text: string;
}

/** Patterns on the normalised text; each says one thing a reply did. */
const PATTERNS: [Signal, RegExp][] = [
  ['declined', /(无法|不能|没办法|没有办法)再?(低|让价|便宜|优惠|额外赠送|赠送|少)|暂时无法再|已经很(优惠|实惠|实在|划算)|已经是.{0,10}(实惠|优惠|能给到)|超出了我能处理的范围|价格是很(划算|实在)|一分价钱一分货/],
  ['conceded', /(为您|给您|帮您|给你|帮你)(申请|争取)(了|到)|(为您|给您)(优惠|赠送|减)|赠送一份|价格改为|赠送您|送您一|送你一|改价|到手价|(便宜|少)(您|你)?\s*\d+|减(您|你)\s*\d+|\d+\s*(元|块)?\s*(卖|给)(您|你)|包邮给(您|你)/],
  ['remarked', /备注/],
  ['asked_photos', /(拍|发|提供|上传).{0,12}(照片|图片)|(照片|图片).{0,6}发(给|过来)|拍照|拍一下|拍几张/],
  ['asked_order', /订单号|哪(一|个)?笔订单|哪一?个订单|哪一单|是哪一个|尾号\d/],
  ['asked_address', /(新的?(收货)?地址|地址.{0,10}发(给|我))/],
  ['asked_variant', /(哪个|什么|哪种)(颜色|尺码|规格|口味)|换成(哪|什么)|要换的(颜色|尺码|规格)/],
  ['asked_product', /哪一?款|商品链接|哪件/],
  ['apologized', /抱歉|对不起|不好意思|添麻烦|久等/],
  ['handoff', /转接|转(交|给)(给)?(主管|人工|专门|资深)|人工客服|专员|主管|专门的同事|资深客服/],
  ['refund', /退款/],
  ['return_ok', /七天无理由|7天无理由|申请退货|退货退款|寄回/],
  ['exchange_ok', /换货|换成|为您更换|申请换/],
  ['remedy', /补发|换新|重新(为您)?发|重发|补偿|退货退款|部分退款|退差价|发出正确/],
  ['tracking', /物流|派送|派件|签收|中转|揽收|快递单号|运单|快递柜|代收|已经由.{0,8}发出/],
  ['stock', /有货|无货|现货|库存|补货|缺货|售罄|暂时没有|卖完/],
  ['shipping', /包邮|运费|邮费|发货|送达|到货|发出|工作日/],
  ['payment', /支付宝|花呗|信用卡|快捷支付|余额宝|付款页面|下单页面|分期/],
  ['declined_offplatform', /旺旺|平台内|站内|下单页面|暂时无法(使用|通过|支持)|直接付款/],
  ['follow_up', /跟进|催促|联系(仓库|快递)|仓库同事|及时(告诉|回复|通知)|帮您(查|催|核实)|尽快(为您)?(处理|安排)|核对|查看/],
];

const ASKS_BODY = /(身高|体重)/;
const ASKING = /请问|麻烦|告诉|提供|多少|[?？]/;
const TITLE_ASK = /抬头.{0,20}(请问|麻烦|提供|写个人还是|是什么|[?？])|(请问|麻烦|提供).{0,12}抬头/;
const INVOICE_REFUSED = /(不能|无法|不可以|开不了|不提供|不给|没有办法|没法)(开|提供)?(具)?发票|发票.{0,6}(开不了|不能开|不开)/;
const INVOICE_ARRANGED = /开具|补开|可以开|开发票的|开票|备注发票|按实付|发票抬头.{0,3}“/;

/** Facts of the shop a reply can mention to count as an answer (`info`). */
function infoTexts(shop: Shop, product: Product | undefined): string[] {
  const texts = [shop.authenticityWording, ...shop.promotions.map((p) => p.name)];
  if (product) {
    for (const value of Object.values(product.attributes)) texts.push(value.split(/[，（(]/)[0]!);
    for (const id of product.recommend) {
      const other = shop.products.find((p) => p.id === id);
      if (other) texts.push(other.shortName ?? other.name);
    }
  }
  return texts.filter((t) => t.length >= 2);
}

export function readReply(reply: string, shop: Shop, product?: Product): ReplyReading {
  const message = normalizeMessage(reply);
  const text = message.text;
  const entities = extractEntities(message);
  const signals = new Set<Signal>();
  for (const [signal, pattern] of PATTERNS) if (pattern.test(text)) signals.add(signal);
  if (ASKS_BODY.test(text) && ASKING.test(text) && !/根据您的身高/.test(text)) signals.add('asked_body');
  if (TITLE_ASK.test(text)) signals.add('asked_title');
  // Asking for the title is a step towards the invoice, not the invoice arranged.
  if (/发票/.test(text) && INVOICE_ARRANGED.test(text) && !INVOICE_REFUSED.test(text) && !signals.has('asked_title')) signals.add('invoice');
  const courierNames = [shop.shipping.courier, ...shop.shipping.otherCouriers.map((c) => c.courier)];
  if (entities.some((e) => e.type === 'courier') || courierNames.some((c) => reply.includes(c))) signals.add('courier');
  if (entities.some((e) => e.type === 'size')) signals.add('size');
  if (entities.some((e) => e.type === 'money')) signals.add('price');
  if (infoTexts(shop, product).some((t) => reply.includes(t))) signals.add('info');
  return { signals, entities, text };
}

export function refusesInvoice(reply: string): boolean {
  return INVOICE_REFUSED.test(normalizeMessage(reply).text);
}
