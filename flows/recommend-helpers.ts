import { nameSpanOf } from '../src/shop/basket.ts';
import type { Product, Shop } from '../src/shop/schema.ts';
import { productColorIn } from './presale-helpers.ts';

/**
 * Which of a product to pick ("配什么围巾好看", "推荐哪款颜色的毛衣", "燕麦色的买过了 还有呢"): the product's
 * own colours, not other products that go with it ("围巾配什么好看" asks for those). Pure.
 */

/** A question word (or 推荐一款) right before the product's name: the buyer picks among that product. */
const WHICH_BEFORE = /(?:(?:什么|什麼|哪个|哪個|哪款|哪种|哪種|哪条|哪條|哪件|啥|几款|幾款)(?:样|樣|颜色|顏色|色|款|种|種)?(?:的)?|推荐|推薦|推荐(?:一|个|個|一个|一個)?(?:款|条|條|件|个|個))\s*$/u;

export function asksWhichOfProduct(shop: Pick<Shop, 'products'>, text: string, product: Product): boolean {
  const span = nameSpanOf(shop, text, product);
  return span !== null && WHICH_BEFORE.test(span.plain.slice(Math.max(0, span.start - 6), span.start));
}

/** "燕麦色的我买过了", "黑色已经有了", "除了酒红": a colour the buyer leaves out of the choice. */
const HAS_IT = /买过|買過|买了|買了|已经有|已經有|有了|不要|不喜欢|不喜歡|除了/u;

/** The product's colour the buyer leaves out ("燕麦色的我买过了 还有呢"), or null. */
export function colorLeftOut(product: Product, text: string): string | null {
  const color = productColorIn(product, text);
  return color !== null && HAS_IT.test(text) ? color : null;
}

/** The product's colours with anything in stock, in the shop's order, leaving out `except`. */
export function colorsInStock(product: Product, except: string | null): string[] {
  const colors: string[] = [];
  for (const sku of product.skus) if (sku.stock > 0 && sku.color !== except && !colors.includes(sku.color)) colors.push(sku.color);
  return colors;
}
