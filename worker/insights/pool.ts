/**
 * Pooling an insight's evidence: the measured primary effects of its cited cycles go through the same
 * meta-analysis the PWA runs offline. Pure (stats only) so both sides give the same answer.
 */
import { heterogeneityInWords, metaAnalysis, type MetaMethod, type MetaResult } from '../stats/meta-analysis';

export type CitedEffect = { effect: number; se: number } | null;

export type Pooled = {
  method: MetaMethod;
  /** Cited tests with a measurable primary effect (the others are listed but can't be pooled). */
  studies: number;
  unmeasured: number;
  result: MetaResult | null;
  heterogeneity: string;
};

export function poolCitations(effects: CitedEffect[], method: MetaMethod): Pooled {
  const studies = effects.filter((e): e is { effect: number; se: number } => e != null);
  const unmeasured = effects.length - studies.length;
  if (studies.length === 0)
    return {
      method,
      studies: 0,
      unmeasured,
      result: null,
      heterogeneity: 'No cited test has a measured effect yet: cite closed tests to pool their results.',
    };
  const result = metaAnalysis({ studies: studies.map(({ effect, se }) => ({ effect, se })), method });
  return {
    method,
    studies: studies.length,
    unmeasured,
    result,
    heterogeneity: heterogeneityInWords(result, studies.length),
  };
}
