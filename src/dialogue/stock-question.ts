import { hasBodyData, productColorIn } from '../../flows/presale-helpers.ts';
import type { Entity } from '../nlu/entities/index.ts';
import type { Product } from '../shop/schema.ts';
import { normalizeSameLength } from '../text/normalize.ts';

/** "有吗", "还有没", "有货么": whether something is there. */
const ASKS_THERE = /有(?:吗|嗎|么|麼|没|沒|货|貨|不)|还有|還有|有没有|有沒有/u;
/** Words of a body or of fit: a size question, whatever else is named. */
const FIT_WORDS = /身高|体重|體重|穿(?:什么|什麼|多大|几|幾|哪)|合适吗|合適嗎|适合我|適合我|偏大|偏小|[0-9]{2,3}\s*(?:斤|kg|公斤|cm|厘米)/iu;

const escaped = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** One of the product's sizes named as such ("30" alone, not inside "300"; "L" not inside "XL"). */
function namesOwnSize(product: Product, plain: string): boolean {
  return product.skus.some((s) => new RegExp(`(?<![0-9A-Za-z])${escaped(s.size)}(?![0-9A-Za-z])`, 'iu').test(plain));
}

/**
 * "那我重新买条小一码的 烟灰30有吗": a colour and size of the product asked for as stock, with no height,
 * weight or fit asked — whether it is there, not which size fits (小一码 says which size the buyer chose).
 */
export function asksVariantInStock(text: string, entities: readonly Entity[], product: Product | undefined): boolean {
  if (product === undefined || hasBodyData(entities)) return false;
  const plain = normalizeSameLength(text.normalize('NFKC'));
  if (FIT_WORDS.test(plain) || !ASKS_THERE.test(plain)) return false;
  return productColorIn(product, plain) !== null && namesOwnSize(product, plain);
}

/** "改成米白", "换成L码吧": a change to another variant. */
const CHANGE_TO = /(?:改|换|換)(?:成|为|為|到)/u;

/**
 * "能改成米白吗" with nothing else: a change of the product's colour or size (of its order, when the buyer
 * has one — the order's state then says what can be done), however the classifier read it.
 */
export function asksVariantChange(text: string, product: Product | undefined): boolean {
  if (product === undefined) return false;
  const plain = normalizeSameLength(text.normalize('NFKC'));
  const at = plain.search(CHANGE_TO);
  if (at < 0) return false;
  const after = plain.slice(at);
  return productColorIn(product, after) !== null || namesOwnSize(product, after);
}

