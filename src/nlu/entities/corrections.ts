import type { Entity } from './schema.ts';

/**
 * A buyer correcting themselves in one breath ("52斤不对是52公斤", "165哦不对是160"): what stands
 * between two findings of one kind says the first was a slip, so only the second one counts.
 */
const CORRECTION_BETWEEN = /^\s*[,，.。]?\s*(?:啊|呃|哦|噢)?\s*(?:不对|不是|说错了|打错了|拍错了|选错了|错了)\s*[,，.。]?\s*(?:应该)?(?:是|要)?\s*$/;

/** The findings without those a later finding of the same kind corrects. */
export function dropCorrected(found: Entity[], text: string): Entity[] {
  const sorted = [...found].sort((a, b) => a.start - b.start);
  return sorted.filter((entity, i) => {
    const next = sorted.slice(i + 1).find((other) => other.type === entity.type);
    return next === undefined || !CORRECTION_BETWEEN.test(text.slice(entity.end, next.start));
  });
}
