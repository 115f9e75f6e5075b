import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateSpecSchema, formatAtOffset, resolveDateSpec, toDateSpec, UtcOffsetSchema } from './relative-time.ts';

const NOW = new Date('2025-11-20T14:30:00+08:00');

describe('resolveDateSpec', () => {
  it.each([
    ['now', '2025-11-20T14:30:00+08:00'],
    ['-10m', '2025-11-20T14:20:00+08:00'],
    ['-2h30m', '2025-11-20T12:00:00+08:00'],
    ['-1d18h24m19s', '2025-11-18T20:05:41+08:00'],
    ['-90s', '2025-11-20T14:28:30+08:00'],
    ['-0d 02:48:30', '2025-11-20T02:48:30+08:00'],
    ['-43d 20:14:02', '2025-10-08T20:14:02+08:00'],
    ['-3d 09:15', '2025-11-17T09:15:00+08:00'],
    ['2025-01-02T03:04:05+08:00', '2025-01-02T03:04:05+08:00'],
  ])('%s at DEMO_NOW is %s', (spec, iso) => {
    expect(resolveDateSpec(DateSpecSchema.parse(spec), NOW, 480)).toBe(iso);
  });

  it('drops milliseconds and reads wall-clock days at the offset (01:00 in Shanghai is still the day before in UTC)', () => {
    const now = new Date('2026-02-01T01:00:00.789+08:00');
    expect(resolveDateSpec('-5m', now, 480)).toBe('2026-02-01T00:55:00+08:00');
    expect(resolveDateSpec('-1d 23:30', now, 480)).toBe('2026-01-31T23:30:00+08:00');
    expect(resolveDateSpec('-1d 23:30', now, 0)).toBe('2026-01-30T23:30:00+00:00');
  });

  it.each(['10m', '-', '-10x', '-1d 24:00', '-1d 9:15', 'yesterday', '-m', '2025-11-20 14:30'])('rejects %s', (spec) => {
    expect(DateSpecSchema.safeParse(spec).success).toBe(false);
  });

  it('reads UTC offsets', () => {
    expect(UtcOffsetSchema.parse('+08:00')).toBe(480);
    expect(UtcOffsetSchema.parse('-03:30')).toBe(-210);
    expect(UtcOffsetSchema.safeParse('8').success).toBe(false);
    expect(formatAtOffset(Date.parse('2025-11-20T06:30:00Z'), -210)).toBe('2025-11-20T03:00:00-03:30');
  });
});

describe('toDateSpec', () => {
  it('writes recent times as durations and older ones as a day at a clock time', () => {
    expect(toDateSpec(new Date('2025-11-20T14:20:00+08:00'), NOW, 480)).toBe('-10m');
    expect(toDateSpec(new Date('2025-11-17T09:15:00+08:00'), NOW, 480)).toBe('-3d5h15m');
    expect(toDateSpec(new Date('2025-10-08T20:14:02+08:00'), NOW, 480)).toBe('-43d 20:14:02');
    expect(toDateSpec(new Date('2025-10-08T20:14:00+08:00'), NOW, 480)).toBe('-43d 20:14');
    expect(() => toDateSpec(new Date('2025-11-21T00:00:00+08:00'), NOW, 480)).toThrow(RangeError);
  });

  it('is undone by resolveDateSpec for any past second', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400 }), (secondsBack) => {
        const at = new Date(NOW.getTime() - secondsBack * 1000);
        expect(Date.parse(resolveDateSpec(toDateSpec(at, NOW, 480), NOW, 480))).toBe(at.getTime());
      }),
    );
  });
});
