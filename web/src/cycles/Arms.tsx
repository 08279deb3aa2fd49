import { For, Show } from 'solid-js';
import { pct, signedPct } from '../ui/labels';
import type { Lift, MetricView } from './evidence';
import { money } from '../ui/labels';

const p = (x: number | null) => (x == null ? '—' : x < 0.0001 ? '< 0.0001' : x.toPrecision(2));
const intervalName = {
  confidence: '95% interval',
  'always-valid': 'always-valid interval',
  credible: 'credible interval',
};

/** An arm's own value, in the metric's unit. */
function value(view: MetricView, x: number | null) {
  if (x == null) return '—';
  if (view.kind === 'proportion') return pct(x, 2);
  if (view.kind === 'cost') return view.name.toUpperCase().includes('ROAS') ? x.toFixed(2) : money(x, 2);
  return x.toLocaleString(undefined, { maximumFractionDigits: 2 });
}

/** The figures of one treatment: all from the method that made its interval (see evidence.ts). */
function Evidence(props: { view: MetricView; lift: Lift }) {
  return (
    <>
      <div>
        <dt>Lift vs control</dt>
        <dd>
          {signedPct(props.lift.lift)}
          <Show when={props.lift.ci}>
            {(ci) => (
              <span class="muted">
                {' '}
                ({intervalName[props.lift.interval]} {signedPct(ci()[0])} to {signedPct(ci()[1])})
              </span>
            )}
          </Show>
        </dd>
      </div>
      <Show
        when={props.lift.interval !== 'credible'}
        fallback={
          <div>
            <dt>Chance to beat control</dt>
            <dd>{pct(props.lift.chance, 1)}</dd>
          </div>
        }
      >
        <div>
          <dt>{props.lift.interval === 'always-valid' ? 'Always-valid p' : 'p-value'}</dt>
          <dd>{p(props.lift.pValue)}</dd>
        </div>
        <Show when={props.lift.adjustedPValue != null}>
          <div>
            <dt>Corrected p (several treatments)</dt>
            <dd>{p(props.lift.adjustedPValue)}</dd>
          </div>
        </Show>
      </Show>
    </>
  );
}

/** Per metric, per arm: the value, then for each treatment the lift with its interval and its test. */
export function Arms(props: { views: MetricView[] }) {
  return (
    <section class="arms" aria-label="Results per arm">
      <h2>Results per arm</h2>
      <For each={props.views} fallback={<p class="muted">No metric results yet.</p>}>
        {(view) => (
          <div class={`arm-metric role-${view.role}`}>
            <h3>
              {view.name} <span class="muted small">({view.role})</span>
            </h3>
            <Show when={view.lifts.length > 0} fallback={<p class="muted">{view.notes[0] ?? 'No results yet.'}</p>}>
              <div class="arm">
                <p class="arm-name">{view.control.name} (control)</p>
                <dl>
                  <div>
                    <dt>Value</dt>
                    <dd>{value(view, view.control.estimate)}</dd>
                  </div>
                </dl>
              </div>
              <For each={view.lifts}>
                {(lift) => (
                  <div class="arm" data-testid="arm">
                    <p class="arm-name">{lift.variant}</p>
                    <dl>
                      <div>
                        <dt>Value</dt>
                        <dd>{value(view, lift.estimate)}</dd>
                      </div>
                      <Evidence view={view} lift={lift} />
                    </dl>
                  </div>
                )}
              </For>
            </Show>
          </div>
        )}
      </For>
    </section>
  );
}
