import type { TurnEvent } from '../../flows/protocol.ts';
import type { Classification, Classifier } from '../nlu/classifier.ts';
import type { IntentId } from '../nlu/intents.ts';
import type { Order } from '../orders/schema.ts';
import type { Product, Shop } from '../shop/schema.ts';
import { normalizeSameLength } from '../text/normalize.ts';
import { askedAttributes } from '../../flows/presale-helpers.ts';
import { namesOrderByState, ORDER_POINTER, referredOrders } from './order-reference.ts';
import { intentForOrderState } from './reinterpret.ts';
import { ASKS_SOMETHING, asksVariantStock, plausibleAsk } from './understanding.ts';

/**
 * Several asks in one message ("围巾想退 退货运费谁出 还有羽绒服那单什么时候发啊") each get their own
 * answer about their own thing: a further ask is run on the clause that asked it, with the product
 * and the orders that clause names — not the whole message's. Pure (the classifier is pure).
 */

/**
 * Where voice-to-text leaves no punctuation: a question's closing particle with the buyer starting
 * again right after it ("是不是正品啊我看…", "有货吗你们…") ends a clause.
 */
const PARTICLE_THEN_SPEAKER = /(?<=[^\s,.!?;~，。！？；、]{3}(?:啊|吗|嘛|呢))(?=我|你|那|能不能|可以|有没有)/u;

/** Clauses as buyers string them: spaces, punctuation, 还有/另外/顺便 (the same cut as the classifier's). */
export function clausesOf(text: string): string[] {
  return normalizeSameLength(text)
    .split(new RegExp(`[\\s,.!?;~，。！？；、]+|(?=还有|另外|顺便|然后)|${PARTICLE_THEN_SPEAKER.source}`, 'u'))
    .map((c) => c.trim())
    .filter((c) => [...c].length >= 2);
}

const CONNECTIVE = /^(?:还有|另外|顺便|然后)(?:就是|问下|问一下)?/u;

/**
 * A clause's reading. A leading 还有/另外 is a connective ("还有羽绒服那单什么时候发" asks when it
 * ships, not whether there is stock) unless it is the ask itself ("还有L码吗"): the surer reading wins.
 */
export function readClause(clause: string, classifier: Classifier): Classification {
  const reading = classifier.classify(clause);
  const bare = clause.replace(CONNECTIVE, '');
  let surer = reading;
  if (bare !== clause && [...bare].length >= 2) {
    const bareReading = classifier.classify(bare);
    if (bareReading.confidence > reading.confidence) surer = bareReading;
  }
  // ("围巾有酒红色么" alone reads as a product question: a colour asked for is stock.)
  return asksVariantStock(surer, clause) ? { ...surer, intent: 'stock', confidence: Math.max(surer.confidence, CLAUSE_ASK_CONFIDENCE) } : surer;
}

export interface ClauseContext {
  classifier: Classifier;
  shop: Shop;
  now: Date;
  allOrders: Order[];
  findProduct: (text: string) => Product | undefined;
}

/** The event a further ask runs on: its clause (if one reads as it), with that clause's product and orders. */
export function eventForAsk(event: TurnEvent, intent: IntentId, ctx: ClauseContext): TurnEvent {
  const base: TurnEvent = { ...event, intent, secondary: [] };
  const clauses = clausesOf(event.text);
  const clause =
    clauses.find((c) => readClause(c, ctx.classifier).intent === intent) ??
    (intent === 'product_info' ? clauses.find((c) => asksQualityOf(c, ctx.findProduct(c))) : undefined);
  if (clause === undefined) return base;
  const entities = ctx.classifier.classify(clause).entities;
  const product = ctx.findProduct(clause);
  const reference = referredOrders({ text: clause, entities, orders: ctx.allOrders, shop: ctx.shop, now: ctx.now, productAlone: true });
  const facts = { ...event.facts };
  if (product !== undefined) facts.product = { ...product, name: product.shortName ?? product.name };
  if (reference !== undefined) {
    facts.orders = reference.orders;
    facts.orderCues = reference.cues;
  }
  return { ...base, intent: intentForOrderState(intent, { facts }), text: clause, entities, facts };
}

/** Whether an ask's clause is about something of its own (a product or an order of its own). */
export function asksAboutItsOwnThing(ask: TurnEvent, primary: TurnEvent): boolean {
  if (ask.text === primary.text) return false;
  const product = ask.facts.product?.id;
  // Orders count when the clause points at them (那单, 没付钱的, 上周到的), not when it only names the product again.
  const pointed = ask.facts.orderCues?.some((c) => c !== 'product' && c !== 'context') === true || ORDER_POINTER.test(ask.text);
  const orders = !pointed ? undefined : ask.facts.orders.map((o) => o.id).join();
  return (product !== undefined && product !== primary.facts.product?.id) || (orders !== undefined && orders !== primary.facts.orders.map((o) => o.id).join());
}

/** A clause must be at least this sure (and say the words of its reading) to add an ask. */
const CLAUSE_ASK_CONFIDENCE = 0.35;
const NO_ASK: ReadonlySet<IntentId> = new Set(['greeting', 'thanks_bye', 'other', 'praise']);

/**
 * The asks of a message clause by clause ("毛衣发新疆包邮吗，能发顺丰吗" → shipping_fee, shipping_courier),
 * beyond those the classifier found: each clause whose own reading is sure enough and supported by its words.
 */
/** A clause put as a question ("是加绒的吧", "能机洗吗"), not a statement ("想买条加绒裤子"). */
const ASKS = /[吗嗎么麼吧呢？?]|是不是|有没有|有沒有/u;

/** "还有那条牛仔裤是加绒的吧": a clause asking a quality the named product's attributes answer. */
function asksQualityOf(clause: string, product: Product | undefined): boolean {
  const plain = normalizeSameLength(clause);
  return product !== undefined && ASKS.test(plain) && askedAttributes(product, plain).found.length > 0;
}

export function clauseAsks(text: string, classifier: Classifier, productOf?: (clause: string) => Product | undefined): IntentId[] {
  const clauses = clausesOf(text);
  if (clauses.length < 2) return [];
  const asks: IntentId[] = [];
  for (const clause of clauses) {
    const r = readClause(clause, classifier);
    if (asksOnItsOwn(r, clause)) {
      if (!asks.includes(r.intent)) asks.push(r.intent);
      continue;
    }
    // "还有那条牛仔裤是加绒的吧": a quality of a product the clause names, whatever the classifier made of it.
    const product = productOf?.(clause);
    if (!asks.includes('product_info') && asksQualityOf(clause, product)) asks.push('product_info');
  }
  return asks;
}

const asksOnItsOwn = (reading: Classification, clause: string): boolean =>
  reading.confidence >= CLAUSE_ASK_CONFIDENCE && !NO_ASK.has(reading.intent) && plausibleAsk(reading.intent, clause) && !referredOnly(clause);

/**
 * A clause that only points at an order ("就没付钱那个", "还有那个没付款的零食"): it belongs to the ask it
 * qualifies — unless it asks something itself ("没付款的零食还有货吗").
 */
const referredOnly = (clause: string): boolean =>
  /(?:那|这|這|哪)(?:一)?(?:个|個|件|单|單|笔|筆|条|條)$|的那$/u.test(clause) || (namesOrderByState(clause) && !ASKS_SOMETHING.test(normalizeSameLength(clause)));

/**
 * The words of the primary ask: the message without the clauses of its other asks ("围巾想退" of
 * "围巾想退 退货运费谁出 还有羽绒服那单什么时候发"; "没付钱的那个 怎么还没发货" stays whole: its first
 * clause asks nothing of its own). The whole message when it is one clause.
 */
/**
 * "不想要了" is one request whatever the order's state makes of it (cancel before shipping, refuse on
 * the way, return after receipt): "核桃不想要了 能退吗" is one ask, its product in the first clause.
 */
const GIVING_UP: ReadonlySet<IntentId> = new Set(['cancel_order', 'refund_shipped', 'return_dislike']);
const sameRequest = (a: IntentId, b: IntentId): boolean => a === b || (GIVING_UP.has(a) && GIVING_UP.has(b));

export function primaryClause(text: string, intent: IntentId, secondary: readonly IntentId[], classifier: Classifier): string {
  const clauses = clausesOf(text);
  if (clauses.length < 2) return text;
  const kept = clauses.filter((c) => {
    const reading = readClause(c, classifier);
    if (sameRequest(reading.intent, intent) || referredOnly(c)) return true;
    // A clause that asks something else of its own ("还有羽绒服那单什么时候发") is not the primary's:
    // its order must not become the one the primary acts on.
    return !secondary.includes(reading.intent) && !asksOnItsOwn(reading, c);
  });
  return kept.length === 0 ? text : kept.join(' ');
}
