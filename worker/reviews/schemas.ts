import { z } from 'zod';
import { isoDate, versionField } from '../http/common';
import { listQuery } from '../records/pagination';
import { isMonday } from './week';

export const buildReviewBody = z.object({
  weekStart: isoDate.refine(isMonday, 'must be a Monday (the first day of the reviewed week)').optional(),
});
export const narrativeBody = z.object({ narrative: z.string().max(20_000), ...versionField });
export const publishBody = z.object({ ...versionField });
export const listReviewsQuery = z.object({ ...listQuery });
