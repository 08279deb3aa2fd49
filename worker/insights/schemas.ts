import { z } from 'zod';
import { INSIGHT_STANCES, LEVERS, META_METHODS } from '../../db/schema';
import { clientId, longText, shortText, tags, versionField } from '../http/common';
import { listQuery } from '../records/pagination';

export const citationBody = z.object({
  cycleId: z.string().min(1).max(64),
  stance: z.enum(INSIGHT_STANCES),
  note: longText(1000).nullable().optional(),
});

const insightFields = z.object({
  title: shortText(200),
  claim: longText(2000).nullable(),
  channelId: z.string().max(64).nullable(),
  lever: z.enum(LEVERS).nullable(),
  tags,
  method: z.enum(META_METHODS),
});

export const createInsightBody = insightFields
  .partial()
  .required({ title: true })
  .extend({ id: clientId.optional(), citations: z.array(citationBody).max(50).optional() });
export const updateInsightBody = insightFields.partial().extend(versionField);
export const listInsightsQuery = z.object({ ...listQuery });
export const suggestionsQuery = z.object({ cycleId: z.string().min(1).max(64) });
export const citationParam = z.object({ id: z.string().min(1).max(64), cycleId: z.string().min(1).max(64) });
