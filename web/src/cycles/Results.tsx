import { createMemo, createSignal, For, Show } from 'solid-js';
import type { Cycle, Metric, Snapshot } from '../api';
import { correctSnapshot, deleteSnapshot, discardOp, keepMine, metrics, ops } from '../data';
import type { Op } from '../sync/outbox';
import { toast } from '../ui';
import { currencySymbol, money } from '../ui/labels';
import { Dialog } from './Dialog';

/** The number fields a metric's result carries (as the API's snapshot rules require them). */
export function fieldsFor(m: Metric | undefined): [string, string][] {
  if (!m) return [];
  const f: [string, string][] = [['units', `Units (${m.unit}s)`]];
  if (m.kind === 'proportion' || m.costFormula === 'cpa') f.push(['conversions', 'Conversions']);
  if (m.kind === 'mean') f.push(['mean', 'Mean'], ['sd', 'Std. deviation']);
  if (m.kind === 'cost' || m.kind === 'proportion') f.push(['spend', `Spend (${currencySymbol()})`]);
  if (m.costFormula === 'roas') f.push(['revenue', `Revenue (${currencySymbol()})`]);
  return f;
}

const numbersOf = (s: Record<string, unknown>) =>
  [
    `${Number(s.units).toLocaleString()} units`,
    s.conversions != null ? `${Number(s.conversions).toLocaleString()} conversions` : '',
    s.mean != null ? `mean ${s.mean}` : '',
    s.spend != null ? `spend ${money(Number(s.spend), 0)}` : '',
    s.revenue != null ? `revenue ${money(Number(s.revenue), 0)}` : '',
  ]
    .filter(Boolean)
    .join(', ');

/** Where a result's day is: a correction carries only numbers, the stored record it conflicts with the rest. */
const field = (op: Op, key: string) => op.body[key] ?? op.current?.[key];

/**
 * Results typed for a day that already has one, or corrections of a day someone corrected meanwhile: settled
 * here, next to the form ("replace with mine" or "keep the recorded one").
 */
export function ResultConflicts(props: { cycle: Cycle; onResolved: () => void }) {
  const mine = () =>
    ops().filter((o) => o.parentId === props.cycle.id && o.kind.startsWith('snapshot.') && o.state !== 'pending');
  const variantName = (key: unknown) => props.cycle.variants.find((v) => v.key === key)?.name ?? String(key);
  return (
    <Show when={mine().length > 0}>
      <section class="card-form stack conflicts" aria-label="Results to resolve">
        <h2>Results to resolve</h2>
        <For each={mine()}>
          {(op) => (
            <div class="conflict" data-testid="result-conflict">
              <Show
                when={op.state === 'conflict' && (op.kind === 'snapshot.create' || op.kind === 'snapshot.replace')}
                fallback={
                  <>
                    <p>Not saved: {op.error}</p>
                    <button type="button" onClick={() => void discardOp(op.seq).then(props.onResolved)}>
                      Discard
                    </button>
                  </>
                }
              >
                <p>
                  <strong>
                    {variantName(field(op, 'variantKey'))} on {String(field(op, 'date'))}
                  </strong>{' '}
                  ({metrics().find((m) => m.id === field(op, 'metricId'))?.name}){' '}
                  {op.kind === 'snapshot.create' ? 'already has a result.' : 'was corrected by someone else meanwhile.'}
                </p>
                <p class="small">Recorded: {numbersOf(op.current ?? {})}</p>
                <p class="small">Yours: {numbersOf(op.body)}</p>
                <div class="row">
                  <button
                    type="button"
                    class="primary"
                    onClick={() =>
                      void keepMine(op.seq).then(() => {
                        toast('Replacing the recorded result with yours');
                        setTimeout(props.onResolved, 800);
                      })
                    }
                  >
                    Replace with mine
                  </button>
                  <button type="button" onClick={() => void discardOp(op.seq).then(props.onResolved)}>
                    Keep the recorded one
                  </button>
                </div>
              </Show>
            </div>
          )}
        </For>
      </section>
    </Show>
  );
}

/** Stored results by day; while the test is open, members correct a day's numbers or delete a wrong one. */
export function Results(props: { cycle: Cycle; snapshots: Snapshot[]; editable: boolean; onChanged: () => void }) {
  const days = createMemo(() => {
    const byDate = new Map<string, Snapshot[]>();
    for (const s of props.snapshots) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
    return [...byDate.entries()].sort((a, b) => b[0].localeCompare(a[0]));
  });
  const [editing, setEditing] = createSignal<string | null>(null);
  const [deleting, setDeleting] = createSignal<Snapshot | null>(null);
  const [busy, setBusy] = createSignal(false);
  const variantName = (key: string) => props.cycle.variants.find((v) => v.key === key)?.name ?? key;
  const metricOf = (id: string) => metrics().find((m) => m.id === id);
  const remove = async () => {
    const s = deleting();
    if (!s) return;
    setBusy(true);
    await deleteSnapshot(props.cycle.id, s);
    setBusy(false);
    setDeleting(null);
    toast('Result deleted');
    props.onChanged();
  };
  return (
    <section class="results" aria-label="Recorded results">
      <h2>Recorded results</h2>
      <Show when={days().length > 0} fallback={<p class="muted">No results recorded yet.</p>}>
        <For each={days()}>
          {([date, rows], i) => {
            // Earlier days are built when opened: a month of rows with their buttons slowed the screen's first paint.
            const [opened, setOpened] = createSignal(i() === 0);
            return (
              <details open={i() === 0} onToggle={(t) => t.currentTarget.open && setOpened(true)}>
                <summary>
                  {date} <span class="muted small">({rows.length} results)</span>
                </summary>
                <Show when={opened()}>
                  <ul class="result-rows">
                    <For each={rows}>
                      {(s) => (
                        <li data-testid="result-row">
                          <Show
                            when={editing() === s.id}
                            fallback={
                              <div class="result-line">
                                <span>
                                  <strong>{variantName(s.variantKey)}</strong> · {metricOf(s.metricId)?.name}:{' '}
                                  {numbersOf(s)}
                                </span>
                                <Show when={props.editable}>
                                  <span class="row">
                                    <button
                                      type="button"
                                      class="small-button"
                                      aria-label={`Correct ${variantName(s.variantKey)} ${metricOf(s.metricId)?.name} on ${date}`}
                                      onClick={() => setEditing(s.id)}
                                    >
                                      Correct
                                    </button>
                                    <button
                                      type="button"
                                      class="small-button danger-outline"
                                      aria-label={`Delete ${variantName(s.variantKey)} ${metricOf(s.metricId)?.name} on ${date}`}
                                      onClick={() => setDeleting(s)}
                                    >
                                      Delete
                                    </button>
                                  </span>
                                </Show>
                              </div>
                            }
                          >
                            <CorrectionForm
                              cycle={props.cycle}
                              snapshot={s}
                              metric={metricOf(s.metricId)}
                              label={`${variantName(s.variantKey)} · ${metricOf(s.metricId)?.name} on ${date}`}
                              onDone={(saved) => {
                                setEditing(null);
                                if (saved) props.onChanged();
                              }}
                            />
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </details>
            );
          }}
        </For>
      </Show>
      <Dialog
        open={deleting() != null}
        title="Delete this result?"
        confirm="Delete the result"
        danger
        busy={busy()}
        onConfirm={() => void remove()}
        onClose={() => setDeleting(null)}
      >
        <p>
          {deleting()
            ? `${variantName(deleting()!.variantKey)} on ${deleting()!.date}: ${numbersOf(deleting()!)}.`
            : ''}{' '}
          The deletion is recorded in the audit trail.
        </p>
      </Dialog>
    </section>
  );
}

function CorrectionForm(props: {
  cycle: Cycle;
  snapshot: Snapshot;
  metric: Metric | undefined;
  label: string;
  onDone: (saved: boolean) => void;
}) {
  // A correction replaces the day's numbers as a whole: offer every field the stored result has, too.
  const stored = props.snapshot as Record<string, unknown>;
  const extra: [string, string][] = (
    [
      ['spend', `Spend (${currencySymbol()})`],
      ['revenue', `Revenue (${currencySymbol()})`],
      ['conversions', 'Conversions'],
    ] as [string, string][]
  ).filter(([k]) => stored[k] != null && !fieldsFor(props.metric).some(([f]) => f === k));
  const fields = [...fieldsFor(props.metric), ...extra];
  const initial = Object.fromEntries(fields.map(([k]) => [k, String(stored[k] ?? '')]));
  const [values, setValues] = createSignal<Record<string, string>>(initial);
  const save = async (e: Event) => {
    e.preventDefault();
    const numbers: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(values())) numbers[k] = v === '' ? null : Number(v);
    await correctSnapshot(props.cycle.id, props.snapshot, { ...numbers, units: Number(values().units) });
    toast('Result corrected');
    props.onDone(true);
  };
  return (
    <form class="stack correction" aria-label={`Correct ${props.label}`} onSubmit={(e) => void save(e)}>
      <strong>{props.label}</strong>
      <div class="row">
        <For each={fields}>
          {([k, label]) => (
            <label>
              {label}
              <input
                name={`correct.${k}`}
                type="number"
                min="0"
                step="any"
                inputMode="decimal"
                required={k === 'units'}
                value={values()[k] ?? ''}
                onInput={(e) => setValues({ ...values(), [k]: e.currentTarget.value })}
              />
            </label>
          )}
        </For>
      </div>
      <div class="row">
        <button type="submit" class="primary">
          Save correction
        </button>
        <button type="button" onClick={() => props.onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
