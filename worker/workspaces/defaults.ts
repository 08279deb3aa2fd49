import type { CHANNEL_JOBS, CHANNEL_KINDS, COST_FORMULAS, METRIC_KINDS, METRIC_UNITS } from '../../db/schema';

type ChannelDefault = { name: string; kind: (typeof CHANNEL_KINDS)[number]; job: (typeof CHANNEL_JOBS)[number] };
type MetricDefault = {
  name: string;
  kind: (typeof METRIC_KINDS)[number];
  unit: (typeof METRIC_UNITS)[number];
  direction: 'increase' | 'decrease';
  costFormula: (typeof COST_FORMULAS)[number] | null;
  description: string;
};

/** A new workspace starts with the usual channels and metrics so the first hypothesis takes seconds. */
export const DEFAULT_CHANNELS: ChannelDefault[] = [
  { name: 'Paid search', kind: 'paid_search', job: 'capture_demand' },
  { name: 'Paid social', kind: 'paid_social', job: 'create_demand' },
  { name: 'Affiliates', kind: 'affiliate', job: 'capture_demand' },
  { name: 'Retargeting', kind: 'retargeting', job: 'convert_warm_intent' },
  { name: 'Display', kind: 'display', job: 'create_demand' },
  { name: 'Video', kind: 'video', job: 'create_demand' },
  { name: 'Influencers', kind: 'influencer', job: 'create_demand' },
  { name: 'Marketplaces', kind: 'marketplace', job: 'capture_demand' },
  { name: 'Email', kind: 'email', job: 'convert_warm_intent' },
];

export const DEFAULT_METRICS: MetricDefault[] = [
  {
    name: 'Conversion rate',
    kind: 'proportion',
    unit: 'visitor',
    direction: 'increase',
    costFormula: null,
    description: 'Purchases per visitor',
  },
  {
    name: 'Click-through rate',
    kind: 'proportion',
    unit: 'impression',
    direction: 'increase',
    costFormula: null,
    description: 'Clicks per impression',
  },
  {
    name: 'Revenue per visitor',
    kind: 'mean',
    unit: 'visitor',
    direction: 'increase',
    costFormula: null,
    description: 'Revenue divided by visitors',
  },
  {
    name: 'Average order value',
    kind: 'mean',
    unit: 'order',
    direction: 'increase',
    costFormula: null,
    description: 'Revenue per order',
  },
  {
    name: 'CPA',
    kind: 'cost',
    unit: 'click',
    direction: 'decrease',
    costFormula: 'cpa',
    description: 'Spend per conversion',
  },
  {
    name: 'ROAS',
    kind: 'cost',
    unit: 'click',
    direction: 'increase',
    costFormula: 'roas',
    description: 'Revenue per unit of spend',
  },
  {
    name: 'Refund rate',
    kind: 'proportion',
    unit: 'order',
    direction: 'decrease',
    costFormula: null,
    description: 'Refunded orders per order',
  },
];
