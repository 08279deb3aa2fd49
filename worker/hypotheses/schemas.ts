import { z } from 'zod';
import { FUNNEL_STAGES, HYPOTHESIS_STATUSES, LEVERS } from '../../db/schema';
import { clientId, longText, shortText, tags, versionField } from '../http/common';
import { listQuery } from '../records/pagination';
import { MANUAL_STATUSES } from './domain';

const score = z.number().int().min(1, 'must be 1–10').max(10, 'must be 1–10');

/** Everything but the title is optional: ideas are captured in seconds on a phone and completed later. */
export const hypothesisFields = z.object({
  title: shortText(200),
  change: longText(1000).nullable(),
  audience: longText(500).nullable(),
  channelId: z.string().max(64).nullable(),
  metricId: z.string().max(64).nullable(),
  move: z.enum(['increase', 'decrease']).nullable(),
  expectedImpact: z.number().finite().min(-10).max(100).nullable(),
  rationale: longText(2000).nullable(),
  lever: z.enum(LEVERS).nullable(),
  funnelStage: z.enum(FUNNEL_STAGES).nullable(),
  impact: score.nullable(),
  confidence: score.nullable(),
  ease: score.nullable(),
  tags,
  objectiveId: z.string().max(64).nullable(),
  parentCycleId: z.string().max(64).nullable(),
});

export const createHypothesisBody = hypothesisFields
  .partial()
  .required({ title: true })
  .extend({ id: clientId.optional() })
  .meta({
    // Shown in the OpenAPI document; test/api/openapi.test.ts parses each with this schema.
    examples: [
      { title: 'Urgency line on the checkout banner' },
      {
        title: 'Free-shipping threshold in ad copy',
        change: 'Mention free shipping over €50 in the headline',
        audience: 'Returning visitors, mobile',
        move: 'increase',
        expectedImpact: 5,
        rationale: 'Exit surveys name shipping cost as the first reason to leave',
        lever: 'offer',
        impact: 7,
        confidence: 6,
        ease: 8,
        tags: ['shipping', 'copy'],
      },
    ],
  });
export const updateHypothesisBody = hypothesisFields
  .omit({ parentCycleId: true })
  .partial()
  .extend({ status: z.enum(MANUAL_STATUSES).optional(), ...versionField });

export const listHypothesesQuery = z.object({
  status: z.enum(HYPOTHESIS_STATUSES).optional(),
  channelId: z.string().max(64).optional(),
  lever: z.enum(LEVERS).optional(),
  objectiveId: z.string().max(64).optional(),
  tag: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['score', 'recent', 'value']).default('score'),
  ...listQuery,
});
export type ListHypothesesQuery = z.infer<typeof listHypothesesQuery>;
