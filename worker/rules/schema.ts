import { z } from 'zod';

/** A guardrail: how much worse a metric may get before the rule refuses to ship. */
export const guardrailSchema = z.object({
  metricId: z.string().min(1).max(64),
  /** 0.10 with scale 'relative' = may worsen by 10%; 0.005 with 'absolute' = by 0.5 percentage points. */
  maxWorsening: z.number().finite().min(0).max(100),
  scale: z.enum(['relative', 'absolute']).default('relative'),
});

/** The pre-registered decision rule: written at design time, locked at launch. */
export const decisionRuleSchema = z.object({
  primaryMetricId: z.string().min(1, 'required').max(64),
  method: z.enum(['frequentist', 'sequential', 'bayesian']).default('frequentist'),
  alpha: z.number().gt(0).lt(0.5).default(0.05),
  minChanceToBeat: z.number().min(0.5).lt(1).default(0.95),
  minRelativeLift: z.number().finite().min(0).max(10).default(0),
  correction: z.enum(['none', 'holm', 'bh']).default('holm'),
  guardrails: z.array(guardrailSchema).max(10).default([]),
  money: z.object({ cpaCeiling: z.number().positive().finite().optional(), roasFloor: z.number().positive().finite().optional() }).default({}),
  minUnitsPerVariant: z.number().int().min(0).max(1e9).default(0),
  minDays: z.number().int().min(0).max(365).default(7),
  plannedSampleSizePerVariant: z.number().int().positive().max(1e10).optional(),
  sequentialTuning: z.number().positive().finite().max(1e9).default(5000),
});

export type DecisionRule = z.infer<typeof decisionRuleSchema>;
