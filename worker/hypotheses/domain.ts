import type { hypotheses } from '../../db/schema';

type Hypothesis = typeof hypotheses.$inferSelect;

/** ICE score: the mean of impact, confidence and ease, on the same 1–10 scale people scored them. */
export function iceScore(ice: {
  impact?: number | null;
  confidence?: number | null;
  ease?: number | null;
}): number | null {
  const { impact, confidence, ease } = ice;
  if (impact == null || confidence == null || ease == null) return null;
  return Math.round(((impact + confidence + ease) / 3) * 10) / 10;
}

const STATEMENT_PARTS = ['change', 'audience', 'channelId', 'metricId', 'move', 'expectedImpact', 'rationale'] as const;
export const REQUIRED_FOR_TEST = [...STATEMENT_PARTS, 'lever', 'impact', 'confidence', 'ease'] as const;

/** What an idea captured in a hurry still lacks before it can become a test. */
export function missingParts(h: Partial<Hypothesis>): string[] {
  return REQUIRED_FOR_TEST.filter((key) => h[key] == null || h[key] === '');
}

/** "If we <change> for <audience> on <channel>, then <metric> will <move> by <impact>, because <rationale>." */
export function statement(h: Partial<Hypothesis>, names: { channel?: string; metric?: string } = {}): string | null {
  if (!h.change) return null;
  const pct = h.expectedImpact != null ? ` by ${Math.round(h.expectedImpact * 1000) / 10}%` : '';
  return [
    `If we ${h.change}`,
    h.audience ? ` for ${h.audience}` : '',
    names.channel ? ` on ${names.channel}` : '',
    names.metric ? `, then ${names.metric} will ${h.move ?? 'change'}${pct}` : '',
    h.rationale ? `, because ${h.rationale}` : '',
    '.',
  ].join('');
}

/** Members may park or revive ideas; testing / validated / invalidated follow from cycles. */
export const MANUAL_STATUSES = ['backlog', 'parked'] as const;

export const toHypothesisView = (h: Hypothesis) => ({ ...h, incomplete: missingParts(h) });
