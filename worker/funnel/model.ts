/**
 * The funnel model: traffic flows through stages (each rate the share of the previous stage that reaches it),
 * the last stage's volume is conversions, and money follows. Pure and allocation-light: the PWA runs it on every
 * slider move and the Worker answers `POST /api/stats/funnel` with the same code.
 */

export type FunnelStage = { name: string; rate: number };
export type Funnel = {
  /** Top-of-funnel units per period. */
  traffic: number;
  /** Media spend per period. */
  spend: number;
  stages: FunnelStage[];
  /** Revenue per final conversion (order value or LTV). */
  value: number;
  /** Gross margin on value (default 1). */
  margin?: number;
  /** Spend × k moves traffic × k^elasticity (default 1; below 1 = the channel saturates). */
  elasticity?: number;
};
export type FunnelChange = { target: string; relative?: number; absolute?: number };
export type FunnelScenarioInput = Funnel & { changes?: FunnelChange[] };

export type FunnelMetrics = {
  /** Traffic, then each stage's volume. */
  volumes: number[];
  conversions: number;
  revenue: number;
  /** spend / conversions; null when there are no conversions. */
  cpa: number | null;
  /** revenue / spend; null when there is no spend. */
  roas: number | null;
  /** revenue × margin − spend. */
  profit: number;
};
export type FunnelDelta = Record<'conversions' | 'revenue' | 'cpa' | 'roas' | 'profit', number | null>;
export type FunnelScenario = { baseline: FunnelMetrics; scenario: FunnelMetrics; delta: FunnelDelta };

export const FIXED_TARGETS = ['traffic', 'spend', 'value', 'margin'] as const;
export const DEFAULT_MARGIN = 1;
export const DEFAULT_ELASTICITY = 1;

/** A change the funnel cannot take (unknown target, a rate pushed outside 0..1, a negative amount). */
export class FunnelChangeError extends Error {
  constructor(
    readonly index: number,
    readonly field: 'target' | 'relative' | 'absolute',
    message: string,
  ) {
    super(message);
  }
}

export function funnelMetrics(f: Funnel): FunnelMetrics {
  const volumes = new Array<number>(f.stages.length + 1);
  let v = f.traffic;
  volumes[0] = v;
  for (let i = 0; i < f.stages.length; i++) {
    v *= f.stages[i]!.rate;
    volumes[i + 1] = v;
  }
  const revenue = v * f.value;
  return {
    volumes,
    conversions: v,
    revenue,
    cpa: v > 0 ? f.spend / v : null,
    roas: f.spend > 0 ? revenue / f.spend : null,
    profit: revenue * (f.margin ?? DEFAULT_MARGIN) - f.spend,
  };
}

const moved = (base: number, c: FunnelChange) =>
  (c.relative !== undefined ? base * (1 + c.relative) : base) + (c.absolute ?? 0);
const field = (c: FunnelChange) => (c.relative !== undefined ? 'relative' : 'absolute');
const label = (c: FunnelChange) =>
  c.relative !== undefined
    ? `${c.relative >= 0 ? '+' : ''}${c.relative * 100}%`
    : `${c.absolute! >= 0 ? '+' : ''}${c.absolute}`;

/**
 * The funnel after the changes, in this order: spend changes (traffic follows by k^elasticity), then traffic
 * changes on top, then value, margin and stage rates. Several changes on one target apply in the order given, so
 * relative ones compound (their product) and absolute ones add. Throws FunnelChangeError naming the change.
 */
export function applyChanges(f: Funnel, changes: readonly FunnelChange[] = []): Funnel {
  const stages = f.stages.map((s) => ({ ...s }));
  const out: Funnel = { ...f, stages };
  const byName = new Map(stages.map((s, i) => [s.name, i]));
  changes.forEach((c, i) => {
    if (!(FIXED_TARGETS as readonly string[]).includes(c.target) && !byName.has(c.target))
      throw new FunnelChangeError(
        i,
        'target',
        `change ${i + 1} targets "${c.target}", which is not traffic, spend, value, margin or a stage of this funnel`,
      );
  });
  const spendChanges = changes.map((c, i) => [c, i] as const).filter(([c]) => c.target === 'spend');
  for (const [c, i] of spendChanges) {
    const spend = moved(out.spend, c);
    if (spend < 0) throw new FunnelChangeError(i, field(c), `change ${i + 1} (spend ${label(c)}) makes spend negative`);
    // From zero spend there is no factor k: traffic keeps what it has.
    if (out.spend > 0) out.traffic *= (spend / out.spend) ** (f.elasticity ?? DEFAULT_ELASTICITY);
    out.spend = spend;
  }
  changes.forEach((c, i) => {
    if (c.target === 'spend') return;
    if (c.target === 'traffic' || c.target === 'value' || c.target === 'margin') {
      const next = moved(out[c.target] ?? DEFAULT_MARGIN, c);
      if (next < 0)
        throw new FunnelChangeError(
          i,
          field(c),
          `change ${i + 1} (${c.target} ${label(c)}) makes ${c.target} negative`,
        );
      if (c.target === 'margin' && next > 1)
        throw new FunnelChangeError(
          i,
          field(c),
          `change ${i + 1} (margin ${label(c)}) pushes margin to ${next}, above 1`,
        );
      out[c.target] = next;
      return;
    }
    const stage = stages[byName.get(c.target)!]!;
    const rate = moved(stage.rate, c);
    if (!(rate >= 0 && rate <= 1))
      throw new FunnelChangeError(
        i,
        field(c),
        `change ${i + 1} (${c.target} ${label(c)}) pushes the ${c.target} rate to ${rate}, outside 0..1`,
      );
    stage.rate = rate;
  });
  return out;
}

/** scenario / baseline − 1; null where the baseline is 0 or null (or the scenario is null). */
export const relativeChange = (base: number | null, next: number | null) =>
  base === null || next === null || base === 0 ? null : next / base - 1;

export function funnelDelta(b: FunnelMetrics, s: FunnelMetrics): FunnelDelta {
  return {
    conversions: relativeChange(b.conversions, s.conversions),
    revenue: relativeChange(b.revenue, s.revenue),
    cpa: relativeChange(b.cpa, s.cpa),
    roas: relativeChange(b.roas, s.roas),
    profit: relativeChange(b.profit, s.profit),
  };
}

/** The contract of `POST /api/stats/funnel`: the funnel as it is, after the changes, and the relative deltas. */
export function runFunnel(input: FunnelScenarioInput): FunnelScenario {
  const baseline = funnelMetrics(input);
  const scenario = funnelMetrics(applyChanges(input, input.changes));
  return { baseline, scenario, delta: funnelDelta(baseline, scenario) };
}
