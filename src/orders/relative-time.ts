import { z } from 'zod';

/**
 * Dates in a data file written relative to the moment it is loaded, so the demo lives in the
 * present (issue 12): `now`, a duration back (`-10m`, `-2h30m`, `-1d5h`, `-90s`), or a day back
 * at a wall-clock time (`-3d 09:15`, `-43d 20:14:02`: three days before today, at 09:15 on the
 * clock of `utcOffset`). An absolute ISO time with an offset stays allowed. Resolved times are
 * ISO strings at `utcOffset` without milliseconds ('2025-11-20T14:20:00+08:00'), the form the
 * orders have always had.
 */
const DURATION = /^-(?=\d)(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const DAY_AT = /^-(\d+)d ([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const UTC_OFFSET = /^([+-])(\d{2}):(\d{2})$/;

const MINUTE = 60_000;
const DAY = 86_400_000;

const isRelative = (text: string): boolean => text === 'now' || DURATION.test(text) || DAY_AT.test(text);

/** A date field: relative (`-10m`, `-3d 09:15`, `now`) or absolute ISO with an offset. */
export const DateSpecSchema = z.string().refine((text) => isRelative(text) || z.iso.datetime({ offset: true }).safeParse(text).success, {
  message: '应为相对时间（如 now、-10m、-2h30m、-3d 09:15）或带时区的 ISO 时间',
});
export type DateSpec = z.infer<typeof DateSpecSchema>;

/** '+08:00' → 480. */
export const UtcOffsetSchema = z
  .string()
  .regex(UTC_OFFSET, '应为 +08:00 这样的时区偏移')
  .transform((text) => {
    const [, sign, h, m] = UTC_OFFSET.exec(text)!;
    return (sign === '-' ? -1 : 1) * (Number(h) * 60 + Number(m));
  });

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as ISO text at the offset, to the second: 2025-11-20T14:20:00+08:00. */
export function formatAtOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * MINUTE).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The absolute time a spec names, loaded at `now` (floored to the second, so a resolved file
 * has no milliseconds); an absolute spec is returned unchanged.
 */
export function resolveDateSpec(spec: DateSpec, now: Date, offsetMinutes: number): string {
  const base = Math.floor(now.getTime() / 1000) * 1000;
  if (spec === 'now') return formatAtOffset(base, offsetMinutes);
  const duration = DURATION.exec(spec);
  if (duration) {
    const [d = '0', h = '0', m = '0', s = '0'] = duration.slice(1).map((x) => x ?? '0');
    const back = ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * MINUTE + Number(s) * 1000;
    return formatAtOffset(base - back, offsetMinutes);
  }
  const dayAt = DAY_AT.exec(spec);
  if (dayAt) {
    const [, days, hh, mm, ss = '0'] = dayAt;
    const offsetMs = offsetMinutes * MINUTE;
    const today = Math.floor((base + offsetMs) / DAY) * DAY; // local midnight, as if UTC
    const clock = ((Number(hh) * 60 + Number(mm)) * 60 + Number(ss)) * 1000;
    return formatAtOffset(today - Number(days) * DAY + clock - offsetMs, offsetMinutes);
  }
  return spec;
}

/**
 * The spec that names `at` when loaded at `now` (the inverse of resolveDateSpec, for writing
 * files): a duration up to `durationDays` calendar days back (exact whatever the clock, so
 * "paid 10 minutes ago" stays 10 minutes and recent events keep their order), a day back at the
 * wall-clock time beyond (readable; its time of day survives).
 */
export function toDateSpec(at: Date, now: Date, offsetMinutes: number, durationDays = 3): DateSpec {
  const back = now.getTime() - at.getTime();
  if (back < 0) throw new RangeError(`${at.toISOString()} is after now`);
  if (back === 0) return 'now';
  const offsetMs = offsetMinutes * MINUTE;
  const days = Math.floor((now.getTime() + offsetMs) / DAY) - Math.floor((at.getTime() + offsetMs) / DAY);
  if (days <= durationDays) {
    const parts: [number, string][] = [
      [Math.floor(back / DAY), 'd'],
      [Math.floor(back / 3_600_000) % 24, 'h'],
      [Math.floor(back / MINUTE) % 60, 'm'],
      [Math.floor(back / 1000) % 60, 's'],
    ];
    return `-${parts.filter(([n]) => n > 0).map(([n, u]) => `${n}${u}`).join('')}`;
  }
  const local = formatAtOffset(at.getTime(), offsetMinutes).slice(11, 19);
  return `-${days}d ${local.endsWith(':00') ? local.slice(0, 5) : local}`;
}
