import { describe, expect, it } from 'vitest';
import { measuredEffect } from '../../worker/program/effects';
import { backlogHealth, percentile, resultOf, staleBefore, velocity } from '../../worker/program/figures';
import { addDays, lastCompleteWeek, localMidnight, localTime, mondayOf, weekOf } from '../../worker/reviews/week';

describe('weeks in the workspace time zone', () => {
  it('finds local midnight across daylight-saving changes', () => {
    expect(new Date(localMidnight('2026-03-23', 'Europe/Berlin')).toISOString()).toBe('2026-03-22T23:00:00.000Z');
    expect(new Date(localMidnight('2026-03-30', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(localMidnight('2026-11-02', 'America/New_York')).toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(new Date(localMidnight('2026-06-01', 'Asia/Kolkata')).toISOString()).toBe('2026-05-31T18:30:00.000Z');
    expect(new Date(localMidnight('2026-06-01', 'UTC')).toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });

  it('reads UTC without Intl, as Intl reads it', () => {
    // 'Etc/UTC' takes the Intl path: the oracle for the shortcut taken for 'UTC'.
    for (const iso of ['1969-12-31T23:59:59.999Z', '2026-03-29T01:30:00.500Z', '2026-12-31T23:59:59.001Z'])
      expect(localTime(Date.parse(iso), 'UTC')).toEqual(localTime(Date.parse(iso), 'Etc/UTC'));
    expect(localMidnight('2026-06-01', 'UTC')).toBe(localMidnight('2026-06-01', 'Etc/UTC'));
  });

  it('a review week is 167 hours when clocks go forward', () => {
    const w = weekOf('2026-03-23', 'Europe/Berlin');
    expect((Date.parse(w.to) - Date.parse(w.from)) / 3_600_000).toBe(167);
    expect(w.lastDay).toBe('2026-03-29');
  });

  it('reads local dates, Mondays and the last complete week', () => {
    expect(localTime(Date.parse('2026-03-29T22:30:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-03-30',
      hour: 0,
      weekday: 0,
    });
    expect(mondayOf('2026-03-29')).toBe('2026-03-23');
    expect(mondayOf('2026-03-30')).toBe('2026-03-30');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    // Sunday 23:30 in UTC is already Monday in Tokyo, where last week is complete one week later.
    expect(lastCompleteWeek(Date.parse('2026-03-29T23:30:00Z'), 'UTC')).toBe('2026-03-16');
    expect(lastCompleteWeek(Date.parse('2026-03-29T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-23');
  });
});

describe('program arithmetic', () => {
  it('percentiles interpolate like R type 7 / numpy', () => {
    // numpy.percentile([7, 10, 10.5, 11, 14], [50, 90]) = [10.5, 12.8]; [1, 2, 3, 4] at 90 = 3.7
    expect(percentile([14, 7, 11, 10.5, 10], 0.5)).toBe(10.5);
    expect(percentile([14, 7, 11, 10.5, 10], 0.9)).toBeCloseTo(12.8, 12);
    expect(percentile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('calls results won, lost or inconclusive from the rule verdict', () => {
    expect(resultOf(['winner', 'loser'])).toBe('won');
    expect(resultOf(['loser', 'loser'])).toBe('lost');
    expect(resultOf(['flat'])).toBe('inconclusive');
    expect(resultOf(['blocked'])).toBe('inconclusive');
    expect(resultOf([])).toBe('inconclusive');
  });

  it('buckets launches and closes into local weeks', () => {
    const v = velocity(
      ['2026-03-22T23:30:00.000Z', '2026-03-22T22:30:00.000Z'],
      [
        {
          launchedAt: '2026-03-02T00:00:00.000Z',
          closedAt: '2026-03-29T21:59:00.000Z',
          plannedPerVariant: null,
          unitsLeft: null,
        },
      ],
      { from: '2026-03-16', to: '2026-03-29' },
      'Europe/Berlin',
    );
    expect(v.weeks).toEqual([
      { weekStart: '2026-03-16', launched: 1, closed: 0 },
      { weekStart: '2026-03-23', launched: 1, closed: 1 },
    ]);
    expect(v.reachedPlannedSample).toEqual({ share: null, reached: 0, withPlan: 0 });
  });

  it('backlog health bins ICE and counts stale and incomplete ideas', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(staleBefore(now)).toBe('2026-04-02T00:00:00.000Z'); // 60 days before
    const h = backlogHealth([
      { iceScore: 1, incomplete: false, stale: false, ideas: 1 },
      { iceScore: 1.9, incomplete: true, stale: false, ideas: 2 },
      { iceScore: 10, incomplete: true, stale: true, ideas: 1 },
      { iceScore: null, incomplete: true, stale: true, ideas: 3 },
    ]);
    expect(h.ideas).toBe(7);
    expect(h.ice.bins[0]!.count).toBe(3);
    expect(h.ice.bins[8]!.count).toBe(1);
    expect(h.ice.unscored).toBe(3);
    expect(h.incomplete).toBe(6);
    expect(h.untouched60Days).toBe(4);
  });

  it('reads a stored primary effect, oriented so that positive is better', () => {
    const variants = [
      { key: 'control', name: 'Control' },
      { key: 'a', name: 'A' },
      { key: 'b', name: 'B' },
    ];
    const stored = {
      direction: 'decrease' as const,
      comparison: {
        result: {
          variants: [
            { relativeLift: 0.05, relative: { stddev: 0.02, ci: [0.01, 0.09] as [number, number] } },
            { relativeLift: -0.1, relative: { stddev: 0.03, ci: [-0.16, -0.04] as [number, number] } },
          ],
        },
      },
    };
    expect(measuredEffect(stored, variants, 'b')).toEqual({
      variantKey: 'b',
      variantName: 'B',
      effect: 0.1,
      se: 0.03,
      ci: [0.04, 0.16],
    });
    expect(measuredEffect(stored, variants, null)?.variantKey).toBe('a');
    expect(measuredEffect({ comparison: null }, variants, null)).toBeNull();
  });
});
