import { PAYS_DIFFERENCE } from '../../flows/presale-helpers.ts';
import type { Entity } from '../nlu/entities/index.ts';
import { findCouriers } from '../nlu/entities/vocab.ts';
import type { Shop } from '../shop/schema.ts';
import { normalizeSameLength } from '../text/normalize.ts';

type Courier = Extract<Entity, { type: 'courier' }>;

const offeredAtExtraFee = (shop: Pick<Shop, 'shipping'>) => (e: Courier): boolean =>
  shop.shipping.otherCouriers.some((c) => c.courier.includes(e.name) || e.name.includes(c.courier));

/**
 * "ok do it, I will pay the difference", "行 差价我补" right after asking about a courier at an extra fee
 * ("能发顺丰吗 加多少"): the buyer takes that courier — the courier named now, else the one just asked
 * about. Without the extra postage agreed to, nothing is taken ("好的谢谢" after the fee is a thanks).
 */
export function courierAgreedTo(text: string, previous: string | undefined, shop: Pick<Shop, 'shipping'>): Courier | undefined {
  if (!PAYS_DIFFERENCE.test(normalizeSameLength(text))) return undefined;
  const offered = offeredAtExtraFee(shop);
  return findCouriers(text).find(offered) ?? (previous === undefined ? undefined : findCouriers(previous).find(offered));
}
