import type { Client, Team } from './client';

/** The workspace's default metrics and channels by name (every new workspace has them). */
export async function catalog(client: Client) {
  const [metrics, channels] = await Promise.all([client.get('/api/metrics'), client.get('/api/channels')]);
  const metric = (name: string) => metrics.body.items.find((m: { name: string }) => m.name === name).id as string;
  const channel = (name: string) => channels.body.items.find((c: { name: string }) => c.name === name).id as string;
  return { metric, channel };
}

export const fullHypothesis = (ids: { channelId: string; metricId: string }) => ({
  title: 'Free shipping banner on search landing pages',
  change: 'show a free-shipping banner above the fold',
  audience: 'new visitors from brand search',
  channelId: ids.channelId,
  metricId: ids.metricId,
  move: 'increase',
  expectedImpact: 0.08,
  rationale: 'shipping cost is the top objection in exit surveys',
  lever: 'offer',
  funnelStage: 'conversion',
  impact: 8,
  confidence: 6,
  ease: 9,
  tags: ['shipping', 'landing'],
});

export async function draftCycle(team: Team, overrides: Record<string, unknown> = {}) {
  const { metric, channel } = await catalog(team.member);
  const hypothesis = await team.member.post(
    '/api/hypotheses',
    fullHypothesis({ channelId: channel('Paid search'), metricId: metric('Conversion rate') }),
  );
  const cycle = await team.member.post('/api/cycles', {
    hypothesisId: hypothesis.body.id,
    name: 'Free shipping banner A/B',
    variants: [
      { key: 'control', name: 'Control', weight: 1 },
      { key: 'banner', name: 'Banner', weight: 1 },
    ],
    budget: 2000,
    decisionRule: {
      primaryMetricId: metric('Conversion rate'),
      method: 'frequentist',
      alpha: 0.05,
      minRelativeLift: 0.02,
      guardrails: [{ metricId: metric('CPA'), maxWorsening: 0.1, scale: 'relative' }],
      minDays: 0,
      plannedSampleSizePerVariant: 5000,
    },
    ...overrides,
  });
  if (cycle.status !== 201) throw new Error(`draft failed: ${JSON.stringify(cycle.body)}`);
  return { hypothesis: hypothesis.body, cycle: cycle.body, metric, channel };
}

export const today = () => new Date().toISOString().slice(0, 10);

/** Cumulative results for a clear win of the treatment on conversion rate, with CPA within its guardrail. */
export function winningResults(metric: (name: string) => string) {
  const date = today();
  const cr = metric('Conversion rate');
  const cpa = metric('CPA');
  return {
    snapshots: [
      { metricId: cr, variantKey: 'control', date, units: 6000, conversions: 300, spend: 3000 },
      { metricId: cr, variantKey: 'banner', date, units: 6000, conversions: 420, spend: 3050 },
      { metricId: cpa, variantKey: 'control', date, units: 6000, conversions: 300, spend: 3000 },
      { metricId: cpa, variantKey: 'banner', date, units: 6000, conversions: 420, spend: 3050 },
    ],
  };
}
