import type { CycleStatus, HYPOTHESIS_STATUSES, LEVERS } from '../../db/schema';

type MetricId = (name: string) => string;
export type CyclePlan = {
  idea: number;
  name: string;
  status: CycleStatus;
  hypothesisStatus: (typeof HYPOTHESIS_STATUSES)[number];
  lever: (typeof LEVERS)[number];
  change: string;
  primary: string;
  rule: (metric: MetricId) => Record<string, unknown>;
  variants: { key: string; name: string; weight: number }[];
  truth: number[];
  cpc: number[];
  dailyUnits: number;
  launchedDaysAgo: number;
  days: number;
  budget: number;
  decision?: 'ship' | 'kill' | 'iterate';
  overrideReason?: string;
  learning?: string;
  nextSteps?: string;
  /** Ideas the learning led to, logged at close (the HADI chain); they inherit the parent idea's context. */
  followUps?: string[];
  abortReason?: string;
  tags: string[];
};

const AB = [
  { key: 'control', name: 'Control', weight: 1 },
  { key: 'treatment', name: 'Treatment', weight: 1 },
];
const cpaGuardrail = (metric: MetricId) => [{ metricId: metric('CPA'), maxWorsening: 0.1, scale: 'relative' }];

/** Eight cycles covering every state, with truths chosen so the rule's verdicts tell real stories. */
export const CYCLE_PLANS: CyclePlan[] = [
  {
    idea: 0,
    name: 'Free-shipping banner A/B',
    status: 'closed',
    hypothesisStatus: 'validated',
    lever: 'offer',
    decision: 'ship',
    tags: ['shipping', 'landing'],
    change: 'Banner above the fold on brand LPs',
    primary: 'Conversion rate',
    variants: AB,
    truth: [0.05, 0.058],
    cpc: [0.9, 0.9],
    rule: (m) => ({
      method: 'frequentist',
      alpha: 0.05,
      minRelativeLift: 0.03,
      guardrails: cpaGuardrail(m),
      minDays: 14,
      plannedSampleSizePerVariant: 12000,
    }),
    dailyUnits: 1800,
    launchedDaysAgo: 30,
    days: 16,
    budget: 12000,
    learning:
      'The free-shipping banner raised conversion by about 15% with CPA inside the guardrail. Rolled out to all brand landing pages.',
    nextSteps: 'Test the banner on generic landing pages.',
    followUps: [
      'Free-shipping banner on generic landing pages',
      'Free-shipping threshold at €50 instead of always free',
    ],
  },
  {
    idea: 1,
    name: 'Broad match + tCPA on generics',
    status: 'closed',
    hypothesisStatus: 'invalidated',
    lever: 'bidding',
    decision: 'kill',
    tags: ['bidding'],
    change: 'Broad match keywords with target CPA bidding',
    primary: 'Conversion rate',
    variants: AB,
    truth: [0.04, 0.031],
    cpc: [1.1, 0.8],
    rule: (m) => ({
      method: 'frequentist',
      alpha: 0.05,
      minRelativeLift: 0.02,
      guardrails: cpaGuardrail(m),
      minDays: 14,
      plannedSampleSizePerVariant: 9000,
    }),
    dailyUnits: 1400,
    launchedDaysAgo: 45,
    days: 15,
    budget: 9000,
    learning:
      'Broad match bought cheaper clicks but they converted 20% worse: cheap clicks, not value. Back to phrase match.',
  },
  {
    idea: 2,
    name: 'UGC video vs studio images',
    status: 'closed',
    hypothesisStatus: 'parked',
    lever: 'creative',
    decision: 'iterate',
    tags: ['creative', 'ugc'],
    change: 'Customer videos in prospecting ads',
    primary: 'Conversion rate',
    variants: AB,
    truth: [0.03, 0.034],
    cpc: [0.6, 0.75],
    rule: (m) => ({ method: 'bayesian', minChanceToBeat: 0.95, guardrails: cpaGuardrail(m), minDays: 7 }),
    dailyUnits: 2500,
    launchedDaysAgo: 25,
    days: 12,
    budget: 8000,
    overrideReason: 'Conversion gain is real but CPA rose; try cheaper UGC production before deciding.',
    learning: 'UGC videos converted better, but higher CPMs pushed CPA up. Iterating with lower-cost creator briefs.',
    nextSteps: 'Brief 5 creators on a fixed fee and rerun.',
    followUps: ['UGC video from fixed-fee creator briefs'],
  },
  {
    idea: 3,
    name: 'Cart abandoners: 10% code',
    status: 'running',
    hypothesisStatus: 'testing',
    lever: 'offer',
    tags: ['offer'],
    change: '10% code in retargeting ads',
    primary: 'Conversion rate',
    variants: AB,
    truth: [0.06, 0.069],
    cpc: [0.5, 0.5],
    rule: (m) => ({
      method: 'sequential',
      alpha: 0.05,
      minRelativeLift: 0.05,
      guardrails: cpaGuardrail(m),
      minDays: 7,
    }),
    dailyUnits: 900,
    launchedDaysAgo: 10,
    days: 10,
    budget: 5000,
  },
  {
    idea: 4,
    name: 'Lookalike 1% vs interests',
    status: 'running',
    hypothesisStatus: 'testing',
    lever: 'audience',
    tags: ['audience'],
    change: '1% purchaser lookalike',
    primary: 'Conversion rate',
    variants: AB,
    truth: [0.025, 0.027],
    cpc: [0.7, 0.72],
    rule: (m) => ({
      method: 'frequentist',
      alpha: 0.05,
      minRelativeLift: 0.05,
      guardrails: cpaGuardrail(m),
      minDays: 14,
      plannedSampleSizePerVariant: 30000,
    }),
    dailyUnits: 3000,
    launchedDaysAgo: 4,
    days: 4,
    budget: 10000,
  },
  {
    idea: 5,
    name: 'Lead form: 4 fields vs 9 (3 arms)',
    status: 'review',
    hypothesisStatus: 'testing',
    lever: 'landing_page',
    tags: ['form'],
    change: 'Shorter form, two lengths tested',
    primary: 'Conversion rate',
    variants: [
      { key: 'control', name: '9 fields', weight: 1 },
      { key: 'six', name: '6 fields', weight: 1 },
      { key: 'four', name: '4 fields', weight: 1 },
    ],
    truth: [0.08, 0.088, 0.097],
    cpc: [1.2, 1.2, 1.2],
    rule: (m) => ({
      method: 'frequentist',
      alpha: 0.05,
      correction: 'holm',
      minRelativeLift: 0.05,
      guardrails: cpaGuardrail(m),
      minDays: 14,
      plannedSampleSizePerVariant: 6000,
    }),
    dailyUnits: 1500,
    launchedDaysAgo: 15,
    days: 15,
    budget: 9000,
  },
  {
    idea: 6,
    name: 'Sponsored products on top SKUs',
    status: 'draft',
    hypothesisStatus: 'backlog',
    lever: 'budget',
    tags: ['marketplace'],
    change: 'Shift 20% budget to sponsored products',
    primary: 'Conversion rate',
    variants: AB,
    truth: [0, 0],
    cpc: [0, 0],
    rule: (m) => ({
      method: 'frequentist',
      alpha: 0.05,
      minRelativeLift: 0.05,
      guardrails: cpaGuardrail(m),
      minDays: 14,
      money: { cpaCeiling: 45 },
    }),
    dailyUnits: 0,
    launchedDaysAgo: 0,
    days: 0,
    budget: 20000,
  },
  {
    idea: 7,
    name: 'Influencer codes (spring)',
    status: 'aborted',
    hypothesisStatus: 'backlog',
    lever: 'offer',
    tags: ['influencer'],
    change: 'Unique 15% code per creator',
    primary: 'Conversion rate',
    variants: AB,
    truth: [0.02, 0.021],
    cpc: [0.4, 0.4],
    rule: (m) => ({ method: 'frequentist', alpha: 0.05, guardrails: cpaGuardrail(m), minDays: 14 }),
    dailyUnits: 600,
    launchedDaysAgo: 20,
    days: 3,
    budget: 4000,
    abortReason: 'Codes leaked to a coupon site on day 3; results unusable.',
  },
];
