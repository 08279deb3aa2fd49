import { z } from 'zod';
import { clientId, isoDate, money } from '../http/common';

// Kept apart from the other cycle schemas (and free of the DB schema) so the PWA's CSV import validates rows
// with exactly the rules the API applies, without shipping the rest to the browser.

/** Cumulative totals of one variant on one metric as of `date`. Which fields are required depends on the metric kind. */
export const snapshotSchema = z.object({
  id: clientId.optional(),
  metricId: z.string().min(1).max(64),
  variantKey: z.string().min(1).max(32),
  date: isoDate,
  units: z.number().int('must be a whole number').min(0, 'cannot be negative').max(1e12),
  conversions: z.number().int('must be a whole number').min(0, 'cannot be negative').max(1e12).nullish(),
  valueSum: z.number().finite().min(-1e15).max(1e15).nullish(),
  valueSumSquares: z.number().finite().min(0, 'cannot be negative').max(1e30).nullish(),
  mean: z.number().finite().min(-1e12).max(1e12).nullish(),
  sd: z.number().finite().min(0, 'cannot be negative').max(1e12).nullish(),
  spend: money.nullish(),
  revenue: money.nullish(),
});
export type SnapshotInput = z.infer<typeof snapshotSchema>;
export const snapshotsBody = z
  .union([snapshotSchema, z.object({ snapshots: z.array(snapshotSchema).min(1).max(500) })])
  .meta({
    examples: [
      { metricId: 'metric-id', variantKey: 'A', date: '2026-03-09', units: 12040, conversions: 301 },
      {
        snapshots: [
          { metricId: 'metric-id', variantKey: 'A', date: '2026-03-09', units: 12040, conversions: 301, spend: 840 },
          { metricId: 'metric-id', variantKey: 'B', date: '2026-03-09', units: 11985, conversions: 352, spend: 836 },
        ],
      },
    ],
  });

/** A correction of one stored day: its numbers are replaced as a whole (metric, variant and date stay). */
export const snapshotNumbers = snapshotSchema.omit({ id: true, metricId: true, variantKey: true, date: true });
export const replaceSnapshotBody = snapshotNumbers.extend({ version: z.number().int().min(1).optional() });
export type ReplaceSnapshotBody = z.infer<typeof replaceSnapshotBody>;
