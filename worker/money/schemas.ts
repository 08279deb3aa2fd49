import { z } from 'zod';
import { applyChanges, type Funnel, FunnelChangeError } from '../funnel';
import { funnelChangeSchema, funnelSchema } from '../funnel/schemas';
import { versionField } from '../http/common';

const scenario = z.object({
  id: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1, { error: 'name the scenario' }).max(80),
  changes: z.array(funnelChangeSchema).max(50),
});

/** PUT /api/funnels/:id — the whole funnel of an objective; every saved scenario must fit the model. */
export const saveFunnelBody = z
  .object({
    model: funnelSchema,
    periodDays: z.number().int().min(1).max(366).default(30),
    scenarios: z.array(scenario).max(20).default([]),
    ...versionField,
  })
  .superRefine((body, ctx) => {
    body.scenarios.forEach((s, i) => {
      try {
        applyChanges(body.model as Funnel, s.changes);
      } catch (e) {
        if (!(e instanceof FunnelChangeError)) throw e;
        ctx.addIssue({ code: 'custom', path: ['scenarios', i, 'changes', e.index, e.field], message: e.message });
      }
    });
    if (new Set(body.scenarios.map((s) => s.id)).size !== body.scenarios.length)
      ctx.addIssue({ code: 'custom', path: ['scenarios'], message: 'scenario ids must be unique' });
  });
export type SaveFunnelBody = z.infer<typeof saveFunnelBody>;
