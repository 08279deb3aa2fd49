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
  money: z
    .object({
      cpaCeiling: z.number().positive().finite().optional(),
      roasFloor: z.number().positive().finite().optional(),
    })
    .default({}),
  minUnitsPerVariant: z.number().int().min(0).max(1e9).default(0),
  minDays: z.number().int().min(0).max(365).default(7),
  plannedSampleSizePerVariant: z.number().int().positive().max(1e10).optional(),
  sequentialTuning: z.number().positive().finite().max(1e9).default(5000),
});

export type DecisionRule = z.infer<typeof decisionRuleSchema>;

const count = z.number().int().min(0).max(1e12);
const amount = z.number().finite().min(-1e15).max(1e15);

/** `POST /api/stats/evaluate-rule`: a draft rule tried on given results (the preview before launch). */
export const evaluateRuleBodySchema = z
  .object({
    rule: decisionRuleSchema,
    variants: z
      .array(
        z.object({
          key: z.string().min(1).max(40),
          name: z.string().min(1).max(80),
          weight: z.number().positive().finite().max(1e6).default(1),
        }),
      )
      .min(2)
      .max(10),
    metrics: z
      .array(
        z.object({
          id: z.string().min(1).max(64),
          name: z.string().min(1).max(120),
          kind: z.enum(['proportion', 'mean', 'cost']),
          direction: z.enum(['increase', 'decrease']).default('increase'),
          costFormula: z.enum(['cpa', 'cpc', 'roas']).nullable().default(null),
        }),
      )
      .min(1)
      .max(20),
    results: z
      .array(
        z.object({
          metricId: z.string().min(1).max(64),
          variantKey: z.string().min(1).max(40),
          units: count,
          conversions: count.nullable().default(null),
          valueSum: amount.nullable().default(null),
          valueSumSquares: z.number().finite().min(0).max(1e30).nullable().default(null),
          mean: amount.nullable().default(null),
          sd: z.number().finite().min(0).max(1e15).nullable().default(null),
          spend: z.number().finite().min(0).max(1e15).nullable().default(null),
          revenue: z.number().finite().min(0).max(1e15).nullable().default(null),
        }),
      )
      .max(200),
    daysRunning: z.number().int().min(0).max(3650).default(0),
  })
  .superRefine((body, ctx) => {
    body.results.forEach((r, i) => {
      if (r.conversions != null && r.conversions > r.units)
        ctx.addIssue({
          code: 'custom',
          path: ['results', i, 'conversions'],
          message: `conversions (${r.conversions}) exceed units (${r.units}) for variant ${r.variantKey}`,
        });
      if (!body.variants.some((v) => v.key === r.variantKey))
        ctx.addIssue({
          code: 'custom',
          path: ['results', i, 'variantKey'],
          message: `unknown variant ${r.variantKey}`,
        });
      if (!body.metrics.some((m) => m.id === r.metricId))
        ctx.addIssue({ code: 'custom', path: ['results', i, 'metricId'], message: `unknown metric ${r.metricId}` });
    });
    if (!body.metrics.some((m) => m.id === body.rule.primaryMetricId))
      ctx.addIssue({ code: 'custom', path: ['rule', 'primaryMetricId'], message: 'must be one of the metrics' });
  });
