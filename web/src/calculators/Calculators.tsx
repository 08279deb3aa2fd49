import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { compare, sampleSizeMean, sampleSizeProportion, srm } from '../../../worker/stats';
import { pct, signedPct } from '../ui/labels';

/** Calculators on the same pure engine the Worker uses, so they work offline. */
const attempt = <T,>(fn: () => T): T | string => {
  try {
    return fn();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
};

function Num(props: {
  label: string;
  value: number;
  set: (v: number) => void;
  step?: string;
  min?: string;
  max?: string;
}) {
  return (
    <label>
      {props.label}
      <input
        type="number"
        inputMode="decimal"
        step={props.step ?? 'any'}
        min={props.min}
        max={props.max}
        value={props.value}
        onInput={(e) => props.set(Number(e.currentTarget.value))}
      />
    </label>
  );
}

function Result<T>(props: { value: T | string; children: (v: T) => JSX.Element }) {
  return (
    <output class="result" aria-live="polite">
      <Show when={typeof props.value !== 'string'} fallback={<span class="error">{props.value as string}</span>}>
        {props.children(props.value as T)}
      </Show>
    </output>
  );
}

function SampleSize() {
  const [kind, setKind] = createSignal<'proportion' | 'mean'>('proportion');
  const [baseline, setBaseline] = createSignal(3);
  const [mean, setMean] = createSignal(50);
  const [sd, setSd] = createSignal(40);
  const [mde, setMde] = createSignal(10);
  const [alpha, setAlpha] = createSignal(0.05);
  const [power, setPower] = createSignal(80);
  const [variants, setVariants] = createSignal(2);
  const [daily, setDaily] = createSignal(1000);
  const plan = createMemo(() =>
    attempt(() => {
      const common = {
        relativeMde: mde() / 100,
        alpha: alpha(),
        power: power() / 100,
        variants: variants(),
        dailyUnits: daily(),
      };
      return kind() === 'proportion'
        ? sampleSizeProportion({ baselineRate: baseline() / 100, ...common })
        : sampleSizeMean({ baselineMean: mean(), sd: sd(), ...common });
    }),
  );
  return (
    <section class="card-form stack" aria-labelledby="ss-h">
      <h2 id="ss-h">Sample size and duration</h2>
      <label>
        Metric type
        <select value={kind()} onChange={(e) => setKind(e.currentTarget.value as 'proportion' | 'mean')}>
          <option value="proportion">A rate (conversion, click-through)</option>
          <option value="mean">An average (order value, revenue per visitor)</option>
        </select>
      </label>
      <div class="row">
        <Show
          when={kind() === 'proportion'}
          fallback={
            <>
              <Num label="Baseline mean" value={mean()} set={setMean} />
              <Num label="Standard deviation" value={sd()} set={setSd} min="0" />
            </>
          }
        >
          <Num label="Baseline rate (%)" value={baseline()} set={setBaseline} min="0" max="100" />
        </Show>
        <Num label="Smallest lift to detect (%)" value={mde()} set={setMde} min="0" />
        <Num label="α (false-positive rate)" value={alpha()} set={setAlpha} step="0.01" />
        <Num label="Power (%)" value={power()} set={setPower} />
        <Num label="Variants (incl. control)" value={variants()} set={setVariants} step="1" min="2" max="8" />
        <Num label="Units per day (all variants)" value={daily()} set={setDaily} min="0" />
      </div>
      <Result value={plan()}>
        {(p) => (
          <p data-testid="sample-size-result">
            <strong>{p.perVariant.toLocaleString()} units</strong> per variant, {p.total.toLocaleString()} units in all
            {p.days != null ? `, about ${p.days} days` : ''}.
          </p>
        )}
      </Result>
    </section>
  );
}

function Significance() {
  const [a, setA] = createSignal({ units: 10000, conversions: 300 });
  const [b, setB] = createSignal({ units: 10000, conversions: 345 });
  const [alpha, setAlpha] = createSignal(0.05);
  const result = createMemo(() =>
    attempt(() =>
      compare({
        metric: 'proportion',
        alpha: alpha(),
        variants: [
          { name: 'Control', ...a() },
          { name: 'Variant', ...b() },
        ],
      }),
    ),
  );
  return (
    <section class="card-form stack" aria-labelledby="sig-h">
      <h2 id="sig-h">Significance (two rates)</h2>
      <div class="row">
        <Num label="Control units" value={a().units} set={(v) => setA({ ...a(), units: v })} min="0" step="1" />
        <Num
          label="Control conversions"
          value={a().conversions}
          set={(v) => setA({ ...a(), conversions: v })}
          min="0"
          step="1"
        />
        <Num label="Variant units" value={b().units} set={(v) => setB({ ...b(), units: v })} min="0" step="1" />
        <Num
          label="Variant conversions"
          value={b().conversions}
          set={(v) => setB({ ...b(), conversions: v })}
          min="0"
          step="1"
        />
        <Num label="α" value={alpha()} set={setAlpha} step="0.01" />
      </div>
      <Result value={result()}>
        {(r) => (
          <For each={r.variants}>
            {(v) => (
              <div>
                <p>
                  Lift {signedPct(v.relativeLift)}
                  {v.relative
                    ? `, ${Math.round((1 - alpha()) * 100)}% interval ${signedPct(v.relative.ci[0])} to ${signedPct(v.relative.ci[1])}`
                    : ''}
                  .
                </p>
                <p>
                  p = {v.test.pValue == null ? '—' : v.test.pValue.toPrecision(3)} —{' '}
                  {v.test.pValue != null && v.test.pValue < alpha() ? 'significant' : 'not significant'} at α ={' '}
                  {alpha()}.{v.bayesian ? ` Chance to beat control: ${pct(v.bayesian.chanceToBeatControl)}.` : ''}
                </p>
                <Show when={v.notes.length}>
                  <p class="muted">{v.notes.join(' ')}</p>
                </Show>
              </div>
            )}
          </For>
        )}
      </Result>
    </section>
  );
}

function Srm() {
  const [observed, setObserved] = createSignal('5000, 5200');
  const [weights, setWeights] = createSignal('50, 50');
  const parse = (s: string) =>
    s
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number);
  const result = createMemo(() => attempt(() => srm(parse(observed()), parse(weights()))));
  return (
    <section class="card-form stack" aria-labelledby="srm-h">
      <h2 id="srm-h">Sample ratio mismatch</h2>
      <label>
        Units per variant (comma separated)
        <input value={observed()} onInput={(e) => setObserved(e.currentTarget.value)} />
      </label>
      <label>
        Planned weights
        <input value={weights()} onInput={(e) => setWeights(e.currentTarget.value)} />
      </label>
      <Result value={result()}>
        {(r) => (
          <p>
            {r.mismatch
              ? '⚠ The split is off: check the setup before trusting results.'
              : 'The split matches the plan.'}{' '}
            (χ² = {r.chiSquare?.toFixed(2) ?? '—'}, p = {r.pValue?.toPrecision(3) ?? '—'})
          </p>
        )}
      </Result>
    </section>
  );
}

export default function Calculators() {
  return (
    <section class="stack">
      <h1>Calculators</h1>
      <p class="muted">These run on your device and work offline.</p>
      <SampleSize />
      <Significance />
      <Srm />
    </section>
  );
}
