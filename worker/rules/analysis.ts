// TEMPORARY PLACEHOLDER written by the lead so the API suite can load while the stats helper builds the real
// module. The stats helper replaces this whole file with the real `analyzeCycle` (see its brief). Do not build on it.
import type { DecisionRule } from './schema';

export type CycleAnalysisInput = {
  rule: DecisionRule;
  variants: { key: string; name: string; weight: number }[];
  metrics: { id: string; name: string; kind: 'proportion' | 'mean' | 'cost'; direction: 'increase' | 'decrease'; costFormula: 'cpa' | 'cpc' | 'roas' | null }[];
  results: { metricId: string; variantKey: string; units: number; conversions: number | null; valueSum: number | null; valueSumSquares: number | null; mean: number | null; sd: number | null; spend: number | null; revenue: number | null }[];
  daysRunning: number;
};

export function analyzeCycle(_input: CycleAnalysisInput): { verdict: { decision: 'ship' | 'kill' | 'iterate' | 'keep_running' } } {
  throw new Error('analyzeCycle is not implemented yet (placeholder)');
}
