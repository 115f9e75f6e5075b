import { addDays, instantAtLocal, localDate, shiftMinutes } from '../shop/hours.ts';
import type { Shop } from '../shop/schema.ts';

export interface ShiftSpan {
  start: Date;
  end: Date;
  /** As the shop writes it, e.g. "09:00–16:30". */
  label: string;
}

/**
 * The shift being handed over at `now`: of the shifts on now, the one that began first (at 16:15
 * with 09:00–16:30 and 16:00–22:30 that is the day shift handing over to the evening shift); when
 * no shift is on, the one that ended last (after hours and before opening, the evening shift's
 * notes wait for the next morning).
 */
export function handoverShift(shop: Pick<Shop, 'workingHours' | 'timezone'>, now: Date): ShiftSpan {
  const today = localDate(now, shop.timezone);
  const spans: ShiftSpan[] = [];
  // Two days back covers a shift that started yesterday and ran past midnight.
  for (const day of [addDays(today, -2), addDays(today, -1), today]) {
    for (const shift of shop.workingHours) {
      const start = instantAtLocal(day, shop.timezone, shift.start);
      const end = new Date(start.getTime() + shiftMinutes(shift) * 60_000);
      if (start.getTime() <= now.getTime()) spans.push({ start, end, label: `${shift.start}–${shift.end}` });
    }
  }
  const on = spans.filter((s) => now.getTime() < s.end.getTime()).sort((a, b) => a.start.getTime() - b.start.getTime());
  if (on[0]) return on[0];
  const ended = spans.sort((a, b) => b.end.getTime() - a.end.getTime());
  if (!ended[0]) throw new RangeError('a shop without working hours has no shifts');
  return ended[0];
}
