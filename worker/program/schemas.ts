import { z } from 'zod';
import { isoDate } from '../http/common';

/** The longest window the program view reads at once (about three years of weeks). */
export const MAX_PROGRAM_DAYS = 1100;

export const programQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    objectiveId: z.string().min(1).max(64).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to)
      ctx.addIssue({ code: 'custom', path: ['from'], message: `from (${q.from}) must not be after to (${q.to})` });
    if (q.from && q.to && (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_PROGRAM_DAYS)
      ctx.addIssue({ code: 'custom', path: ['from'], message: `the window may span at most ${MAX_PROGRAM_DAYS} days` });
  });
export type ProgramQuery = z.infer<typeof programQuery>;
