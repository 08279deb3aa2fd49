/**
 * zod schema of `POST /api/stats/funnel`. Bad input is a 400 whose field path names the culprit:
 * `stages.2.rate`, `changes.1.target`, or `changes.0.absolute` when a change pushes a rate outside 0..1.
 */
import { z } from 'zod';
import { applyChanges, FIXED_TARGETS, FunnelChangeError, type FunnelScenarioInput } from './model';

export const MAX_AMOUNT = 1e12;
export const MAX_STAGES = 12;
export const MAX_CHANGES = 50;

const amount = (what: string) =>
  z
    .number()
    .min(0, { error: `${what} cannot be negative` })
    .max(MAX_AMOUNT, { error: `${what} is above the limit of ${MAX_AMOUNT}` });
const share = (what: string) =>
  z
    .number()
    .min(0, { error: `${what} must be between 0 and 1` })
    .max(1, { error: `${what} must be between 0 and 1` });

export const funnelStageSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'every stage needs a name' })
    .max(60)
    .refine((n) => !(FIXED_TARGETS as readonly string[]).includes(n), {
      error: 'a stage cannot be called traffic, spend, value or margin',
    }),
  rate: share('a stage rate'),
});

export const funnelChangeSchema = z
  .object({
    target: z.string().trim().min(1, { error: 'name what the change moves' }).max(60),
    relative: z.number().min(-1, { error: 'a relative change cannot go below −1 (−100%)' }).max(1000).optional(),
    absolute: z.number().min(-MAX_AMOUNT).max(MAX_AMOUNT).optional(),
  })
  .refine((c) => (c.relative === undefined) !== (c.absolute === undefined), {
    error: 'a change is either relative or absolute (exactly one of them)',
    path: ['relative'],
  });

export const funnelSchema = z.object({
  traffic: amount('traffic'),
  spend: amount('spend'),
  stages: z
    .array(funnelStageSchema)
    .min(1, { error: 'a funnel needs at least one stage' })
    .max(MAX_STAGES, { error: `at most ${MAX_STAGES} stages` })
    .refine((s) => new Set(s.map((x) => x.name)).size === s.length, { error: 'stage names must be unique' }),
  value: amount('value'),
  margin: share('margin').default(1),
  elasticity: z
    .number()
    .min(0, { error: 'elasticity cannot be negative' })
    .max(3, { error: 'elasticity above 3 is not a funnel we can believe' })
    .default(1),
});

export const funnelScenarioSchema = funnelSchema
  .extend({ changes: z.array(funnelChangeSchema).max(MAX_CHANGES).default([]) })
  .superRefine((input, ctx) => {
    try {
      applyChanges(input as FunnelScenarioInput, input.changes);
    } catch (e) {
      if (!(e instanceof FunnelChangeError)) throw e;
      ctx.addIssue({ code: 'custom', path: ['changes', e.index, e.field], message: e.message });
    }
  });

export type FunnelScenarioBody = z.infer<typeof funnelScenarioSchema>;
