import { originalSpan, type NormalizedMessage } from '../normalize.ts';
import { findBodyPairs, findHeights, findSizes, findWeights } from './body.ts';
import { findOrderIds, findPhones } from './contact.ts';
import { findDiscounts, findMoney } from './money.ts';
import { dropCorrected } from './corrections.ts';
import type { Entity } from './schema.ts';
import { findDates, findDays } from './time.ts';
import { findColors, findCouriers } from './vocab.ts';

export { EntitySchema, type Entity, type EntityType } from './schema.ts';

// Most specific first: where two findings overlap, the earlier extractor's wins.
const EXTRACTORS: ((text: string) => Entity[])[] = [
  findOrderIds,
  findPhones,
  findDiscounts,
  findMoney,
  findHeights,
  findWeights,
  // After the single ones: a pair only adds the bare number the others could not read.
  findBodyPairs,
  findDates,
  findDays,
  findSizes,
  findCouriers,
  findColors,
];

function overlaps(a: Entity, b: Entity): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Entities of a normalised message, without overlaps, with spans and text of the original message. */
export function extractEntities(message: NormalizedMessage): Entity[] {
  const kept: Entity[] = [];
  for (const extract of EXTRACTORS) {
    for (const found of extract(message.text)) {
      if (kept.some((k) => overlaps(k, found))) continue;
      kept.push(found);
    }
  }
  return dropCorrected(kept, message.text)
    .map((e) => {
      const { start, end } = originalSpan(message, e.start, e.end);
      return { ...e, start, end, text: message.original.slice(start, end) };
    })
    .sort((a, b) => a.start - b.start);
}
