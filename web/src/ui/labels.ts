export const LEVERS = [
  'audience',
  'offer',
  'creative',
  'landing_page',
  'keyword',
  'bidding',
  'budget',
  'other',
] as const;
export const STATUSES = ['backlog', 'testing', 'validated', 'invalidated', 'parked'] as const;
export const DECISIONS = ['ship', 'kill', 'iterate'] as const;

export const leverLabel = (l: string | null | undefined) =>
  l ? l.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()) : '—';
export const statusLabel: Record<string, string> = {
  backlog: 'Backlog',
  testing: 'Testing',
  validated: 'Validated',
  invalidated: 'Invalidated',
  parked: 'Parked',
  draft: 'Draft',
  running: 'Running',
  review: 'In review',
  closed: 'Closed',
  aborted: 'Aborted',
};
export const decisionLabel: Record<string, string> = {
  ship: 'Ship',
  kill: 'Kill',
  iterate: 'Iterate',
  keep_running: 'Keep running',
};

export const pct = (x: number | null | undefined, digits = 1) =>
  x == null || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
export const signedPct = (x: number | null | undefined, digits = 1) =>
  x == null || !Number.isFinite(x) ? '—' : `${x > 0 ? '+' : ''}${(x * 100).toFixed(digits)}%`;
export const money = (x: number | null | undefined) =>
  x == null ? '—' : x.toLocaleString(undefined, { maximumFractionDigits: 0 });
export const today = () => new Date().toISOString().slice(0, 10);
