import { createMemo, createSignal, For, Show } from 'solid-js';
import type { Cycle } from '../api';
import { metrics, ops, queueSnapshot, sync, watchedMetrics } from '../data';
import { toast } from '../ui';
import { today } from '../ui/labels';
import { fieldsFor } from './Results';

/** Typed results for one day (cumulative totals per arm); a day that already has results is settled in place. */
export function SnapshotForm(props: { cycle: Cycle; onSaved: () => void }) {
  const watched = () => watchedMetrics(props.cycle);
  const [metricId, setMetricId] = createSignal(watched()[0]?.id ?? '');
  const metric = () => metrics().find((m) => m.id === metricId());
  const [date, setDate] = createSignal(today());
  const [rows, setRows] = createSignal<Record<string, Record<string, string>>>({});
  const setField = (variant: string, field: string, value: string) =>
    setRows({ ...rows(), [variant]: { ...rows()[variant], [field]: value } });
  const pendingHere = () =>
    ops().filter((o) => o.kind.startsWith('snapshot.') && o.state === 'pending' && o.parentId === props.cycle.id)
      .length;
  // The same fields keep the same inputs: every sync brings a new metrics list, and inputs rebuilt from it while
  // someone typed lost their focus and what was being typed.
  const fields = createMemo(() => fieldsFor(metric()), [], {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    // What was typed is taken and the form cleared at once: clearing it after the results were queued wiped numbers
    // typed meanwhile (the next day's, typed while the first ones were still being stored and sent).
    const [typed, day, metricIdNow, fieldsNow] = [rows(), date(), metricId(), fields()];
    setRows({});
    for (const v of props.cycle.variants) {
      const r = typed[v.key] ?? {};
      if (r.units === undefined || r.units === '') continue;
      const totals: Record<string, number> = {};
      for (const [k] of fieldsNow) if (r[k] !== undefined && r[k] !== '') totals[k] = Number(r[k]);
      await queueSnapshot(props.cycle.id, {
        ...totals,
        metricId: metricIdNow,
        variantKey: v.key,
        date: day,
        units: Number(r.units),
      });
    }
    toast(navigator.onLine ? 'Results sent' : 'Results saved on this device — they sync when you are online');
    await sync();
    props.onSaved();
  };
  return (
    <form class="stack card-form" onSubmit={(e) => void submit(e)} aria-label="Add results">
      <h2>
        Add results <span class="muted small">(cumulative totals so far)</span>
      </h2>
      <div class="row">
        <label>
          Metric
          <select name="metricId" value={metricId()} onChange={(e) => setMetricId(e.currentTarget.value)}>
            <For each={watched()}>{(m) => <option value={m.id}>{m.name}</option>}</For>
          </select>
        </label>
        <label>
          As of
          <input name="date" type="date" value={date()} max={today()} onInput={(e) => setDate(e.currentTarget.value)} />
        </label>
      </div>
      <For each={props.cycle.variants}>
        {(v) => (
          <fieldset class="row">
            <legend>{v.name}</legend>
            <For each={fields()}>
              {([k, label]) => (
                <label>
                  {label}
                  <input
                    name={`${v.key}.${k}`}
                    type="number"
                    min="0"
                    step="any"
                    inputMode="decimal"
                    value={rows()[v.key]?.[k] ?? ''}
                    onInput={(e) => setField(v.key, k, e.currentTarget.value)}
                  />
                </label>
              )}
            </For>
          </fieldset>
        )}
      </For>
      <div class="row">
        <button type="submit" class="primary">
          Save results
        </button>
        <Show when={pendingHere() > 0}>
          <span class="badge pending">{pendingHere()} waiting to sync</span>
        </Show>
      </div>
    </form>
  );
}
