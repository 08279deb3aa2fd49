import { z } from 'zod';
import { DECISIONS, CYCLE_STATUSES } from '../../db/schema';
import { createHypothesisBody } from '../hypotheses/schemas';
import { clientId, isoDate, longText, money, shortText, tags, versionField } from '../http/common';
import { listQuery } from '../records/pagination';
import { decisionRuleSchema } from '../rules/schema';

export const variantSchema = z.object({
  key: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, - or _, up to 32'),
  name: shortText(80),
  weight: z.number().finite().positive('must be above 0').max(1000),
  description: longText(500).optional(),
});

/** Control first, then 1..7 treatments, each key unique. */
export const variantsSchema = z
  .array(variantSchema)
  .min(2, 'a test needs a control and at least one variant')
  .max(8)
  .superRefine((variants, ctx) => {
    const seen = new Set<string>();
    variants.forEach((v, i) => {
      if (seen.has(v.key))
        ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `duplicate variant key "${v.key}"` });
      seen.add(v.key);
    });
  });

const designFields = z.object({
  name: shortText(200),
  objectiveId: z.string().max(64).nullable(),
  change: longText(2000).nullable(),
  audience: longText(500).nullable(),
  variants: variantsSchema,
  budget: money.nullable(),
  plannedStart: isoDate.nullable(),
  plannedEnd: isoDate.nullable(),
  minDays: z.number().int().min(0).max(365),
  plannedSampleSize: z.number().int().positive().max(1e10).nullable(),
  secondaryMetricIds: z.array(z.string().max(64)).max(5),
  decisionRule: decisionRuleSchema.nullable(),
});

export const createCycleBody = designFields
  .partial()
  .required({ name: true, variants: true })
  .extend({
    id: clientId.optional(),
    hypothesisId: z.string().min(1, 'required').max(64),
  })
  .meta({
    examples: [
      {
        hypothesisId: '0b4f7c1e-2d5a-4c3b-9e8f-1a2b3c4d5e6f',
        name: 'Checkout banner: urgency line, A/B',
        change: 'Variant B adds “Only today” under the price',
        variants: [
          { key: 'A', name: 'Control', weight: 1 },
          { key: 'B', name: 'Urgency line', weight: 1 },
        ],
        budget: 2000,
        plannedStart: '2026-03-02',
        plannedEnd: '2026-03-16',
        minDays: 14,
      },
    ],
  });
export const updateCycleBody = designFields.partial().extend(versionField);
export type CycleDesignPatch = z.infer<typeof updateCycleBody>;

export const listCyclesQuery = z.object({
  status: z.enum(CYCLE_STATUSES).optional(),
  hypothesisId: z.string().max(64).optional(),
  objectiveId: z.string().max(64).optional(),
  ...listQuery,
});

export const actionBody = z.object({ ...versionField });
export const abortBody = z.object({ reason: shortText(1000), ...versionField });

export const closeBody = z.object({
  ...versionField,
  decision: z.enum(DECISIONS),
  /** Required when the decision differs from the pre-registered rule's verdict. */
  overrideReason: longText(2000).optional(),
  learning: z.object({
    title: shortText(200).optional(),
    summary: shortText(5000),
    tags: tags.optional(),
    nextSteps: longText(2000).optional(),
  }),
  followUps: z
    .array(createHypothesisBody.omit({ parentCycleId: true }))
    .max(10)
    .optional(),
});
export type CloseBody = z.infer<typeof closeBody>;

export {
  replaceSnapshotBody,
  snapshotSchema,
  snapshotsBody,
  type ReplaceSnapshotBody,
  type SnapshotInput,
} from './snapshot-schema';
export const snapshotVersionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
