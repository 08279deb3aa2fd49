import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { api, call, type Metric } from '../api';
import { setMetrics } from '../data';
import { Empty, ErrorBox, Loading, toast } from '../ui';
import { Dialog, FieldNote, FormError, useSubmit } from './ui';

const KINDS = {
  proportion: 'Rate (share of units that convert)',
  mean: 'Average per unit (e.g. revenue per visitor)',
  cost: 'Cost (spend per result, or return on spend)',
} as const;
const SHORT_KIND = { proportion: 'Rate', mean: 'Average', cost: 'Cost' } as const;
const UNITS = ['visitor', 'click', 'session', 'lead', 'impression', 'order', 'user'] as const;
const FORMULAS = {
  cpa: 'CPA — spend per conversion',
  cpc: 'CPC — spend per click',
  roas: 'ROAS — revenue per unit of spend',
} as const;
const DIRECTIONS = { increase: 'Higher is better', decrease: 'Lower is better' } as const;
const LABELS = {
  name: 'Name',
  kind: 'Kind',
  unit: 'Unit',
  direction: 'Good direction',
  costFormula: 'Cost formula',
  description: 'Description',
};
type Kind = keyof typeof KINDS;
type Formula = keyof typeof FORMULAS;
type Direction = keyof typeof DIRECTIONS;
type Unit = (typeof UNITS)[number];

/** Create or edit one metric. Kind is fixed once results exist in its shape, so it is chosen at creation only. */
function MetricDialog(props: { metric: Metric | 'new' | undefined; onClose: () => void; onSaved: () => void }) {
  const editing = () => (props.metric && props.metric !== 'new' ? props.metric : undefined);
  const [name, setName] = createSignal('');
  const [kind, setKind] = createSignal<Kind>('proportion');
  const [unit, setUnit] = createSignal<Unit>('visitor');
  const [direction, setDirection] = createSignal<Direction>('increase');
  const [formula, setFormula] = createSignal<Formula | ''>('');
  const [description, setDescription] = createSignal('');
  const [archived, setArchived] = createSignal(false);
  const form = useSubmit(LABELS);
  const load = () => {
    const m = editing();
    setName(m?.name ?? '');
    setKind(m?.kind ?? 'proportion');
    setUnit(m?.unit ?? 'visitor');
    setDirection(m?.direction ?? 'increase');
    setFormula(m?.costFormula ?? '');
    setDescription(m?.description ?? '');
    setArchived(m?.archived ?? false);
    form.reset();
  };
  createEffect(on(() => props.metric, load));
  const submit = (e: Event) => {
    e.preventDefault();
    void form.run(async () => {
      const common = {
        name: name(),
        unit: unit(),
        direction: direction(),
        costFormula: kind() === 'cost' ? formula() || null : null,
        description: description().trim() || null,
      };
      const m = editing();
      if (m)
        await call(
          api.metrics[':id'].$patch({
            param: { id: m.id },
            json: { ...common, archived: archived(), version: m.version },
          }),
        );
      else await call(api.metrics.$post({ json: { ...common, kind: kind(), id: crypto.randomUUID() } }));
      toast(m ? `${name()} saved` : `${name()} added`);
      props.onSaved();
      props.onClose();
    });
  };
  const field = (key: keyof typeof LABELS) => form.fields()[key];
  return (
    <Dialog open={!!props.metric} title={editing() ? `Edit ${editing()!.name}` : 'New metric'} onClose={props.onClose}>
      <form class="stack" onSubmit={submit} novalidate>
        <label>
          Name
          <input
            name="name"
            value={name()}
            aria-describedby={field('name') ? 'metric-name-error' : undefined}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <FieldNote id="metric-name-error" label="Name" message={field('name')} />
        <Show
          when={!editing()}
          fallback={
            <p class="muted small">
              Kind: {KINDS[kind()]}. It cannot change once created, because results are recorded in that shape.
            </p>
          }
        >
          <label>
            Kind
            <select name="kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
              <For each={Object.entries(SHORT_KIND)}>{([k, label]) => <option value={k}>{label}</option>}</For>
            </select>
            <span class="muted small">{KINDS[kind()]}</span>
          </label>
        </Show>
        <Show when={kind() === 'cost'}>
          <label>
            Cost formula
            <select
              name="costFormula"
              value={formula()}
              aria-describedby={field('costFormula') ? 'metric-formula-error' : undefined}
              onChange={(e) => setFormula(e.currentTarget.value as Formula | '')}
            >
              <option value="">Choose…</option>
              <For each={Object.entries(FORMULAS)}>
                {([k, label]) => <option value={k}>{label.split(' — ')[0]}</option>}
              </For>
            </select>
          </label>
        </Show>
        <Show when={kind() === 'cost' && formula()}>
          <span class="muted small">{FORMULAS[formula() as Formula]}</span>
        </Show>
        <FieldNote id="metric-formula-error" label="Cost formula" message={field('costFormula')} />
        <label>
          Counted per (unit)
          <select name="unit" value={unit()} onChange={(e) => setUnit(e.currentTarget.value as Unit)}>
            <For each={UNITS}>{(u) => <option value={u}>{u}</option>}</For>
          </select>
        </label>
        <label>
          Good direction
          <select
            name="direction"
            value={direction()}
            onChange={(e) => setDirection(e.currentTarget.value as Direction)}
          >
            <For each={Object.entries(DIRECTIONS)}>{([k, label]) => <option value={k}>{label}</option>}</For>
          </select>
        </label>
        <label>
          Description (optional)
          <textarea
            name="description"
            rows="2"
            value={description()}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </label>
        <FieldNote id="metric-description-error" label="Description" message={field('description')} />
        <Show when={editing()}>
          <label class="check">
            <input type="checkbox" checked={archived()} onChange={(e) => setArchived(e.currentTarget.checked)} />
            Archived (hidden when designing new tests; past tests keep it)
          </label>
        </Show>
        <FormError message={form.error()} />
        <button type="submit" class="primary" disabled={form.busy()}>
          {form.busy() ? 'Saving…' : editing() ? 'Save metric' : 'Add metric'}
        </button>
      </form>
    </Dialog>
  );
}

const describe = (m: Metric) =>
  [
    m.kind === 'cost' && m.costFormula ? FORMULAS[m.costFormula].split(' — ')[0] : SHORT_KIND[m.kind],
    `per ${m.unit}`,
    DIRECTIONS[m.direction].toLowerCase(),
    m.archived ? 'archived' : '',
  ]
    .filter(Boolean)
    .join(' · ');

export default function Metrics() {
  const [list, { refetch }] = createResource(async () => {
    const res = await call(api.metrics.$get({ query: {} }));
    setMetrics(res.items);
    return res;
  });
  const [editing, setEditing] = createSignal<Metric | 'new'>();
  const metrics = () => list()?.items ?? [];
  return (
    <>
      <div class="row between">
        <h1>Metrics</h1>
        <button type="button" class="primary" onClick={() => setEditing('new')}>
          + New metric
        </button>
      </div>
      <p class="muted small">What tests measure. Hypotheses and test designs pick from this list.</p>
      <Show when={!list.error} fallback={<ErrorBox error={list.error} retry={refetch} />}>
        <Show when={list()} fallback={<Loading label="Loading metrics…" />}>
          <Show
            when={metrics().length}
            fallback={
              <Empty>
                <p>No metrics yet. Add the first one, e.g. “Conversion rate” (a rate per visitor, higher is better).</p>
              </Empty>
            }
          >
            <ul class="cards">
              <For each={metrics()}>
                {(m) => (
                  <li class="card admin-row" data-testid="metric-row">
                    <span class="card-body">
                      <strong class="card-title">{m.name}</strong>
                      <span class="meta">{describe(m)}</span>
                    </span>
                    <button type="button" onClick={() => setEditing(m)} aria-label={`Edit ${m.name}`}>
                      Edit
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </Show>
      <MetricDialog metric={editing()} onClose={() => setEditing(undefined)} onSaved={() => void refetch()} />
    </>
  );
}
