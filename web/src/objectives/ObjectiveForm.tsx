import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import { api, call, can, HttpError, NetworkError } from '../api';
import { me, metrics } from '../data';
import { Empty, FieldError, Loading, toast } from '../ui';
import { fromInput, toInput, unitOf } from './format';
import { objectiveStatusLabel } from './ObjectiveList';
import {
  loadObjectives,
  OBJECTIVE_STATUSES,
  objectives,
  objectivesState,
  upsertObjective,
  type Objective,
} from './store';

type Form = {
  title: string;
  primaryMetricId: string;
  secondary1: string;
  secondary2: string;
  baseline: string;
  target: string;
  deadline: string;
  cacMin: string;
  cacMax: string;
  roasFloor: string;
  paybackDays: string;
  budgetEnvelope: string;
  approvalThreshold: string;
  status: Objective['status'];
};
type Errors = Partial<Record<keyof Form | 'form', string>>;

const fromObjective = (o: Objective | undefined): Form => {
  const unit = unitOf(metrics().find((m) => m.id === o?.primaryMetricId));
  const n = (x: number | null | undefined) => (x == null ? '' : String(x));
  return {
    title: o?.title ?? '',
    primaryMetricId: o?.primaryMetricId ?? '',
    secondary1: o?.secondaryMetricIds[0] ?? '',
    secondary2: o?.secondaryMetricIds[1] ?? '',
    baseline: toInput(o?.baseline, unit),
    target: toInput(o?.target, unit),
    deadline: o?.deadline ?? '',
    cacMin: n(o?.guardrails.cacMin),
    cacMax: n(o?.guardrails.cacMax),
    roasFloor: n(o?.guardrails.roasFloor),
    paybackDays: n(o?.guardrails.paybackDays),
    budgetEnvelope: n(o?.budgetEnvelope),
    approvalThreshold: n(o?.approvalThreshold),
    status: o?.status ?? 'active',
  };
};

/** API field paths → the form field that shows the message. */
const FIELD_OF: Record<string, keyof Form> = {
  'guardrails.cacMin': 'cacMin',
  'guardrails.cacMax': 'cacMax',
  'guardrails.roasFloor': 'roasFloor',
  'guardrails.paybackDays': 'paybackDays',
  secondaryMetricIds: 'secondary1',
  'secondaryMetricIds.0': 'secondary1',
  'secondaryMetricIds.1': 'secondary2',
};

/** The form as the API body, or the errors that stop it, each in words next to its field. */
export function toObjectiveBody(f: Form) {
  const errors: Errors = {};
  const unit = unitOf(metrics().find((m) => m.id === f.primaryMetricId));
  const amount = (key: keyof Form, label: string) => {
    const x = fromInput(f[key], 'money');
    if (x != null && (!Number.isFinite(x) || x < 0)) errors[key] = `${label} must be a number of 0 or more`;
    return x;
  };
  const value = (key: 'baseline' | 'target') => {
    const x = fromInput(f[key], unit);
    if (x != null && !Number.isFinite(x)) errors[key] = 'must be a number';
    return x;
  };
  if (!f.title.trim()) errors.title = 'Give the objective a name, e.g. “Grow first orders 20% by Q1”';
  const secondary = [f.secondary1, f.secondary2].filter(Boolean);
  if (secondary.includes(f.primaryMetricId) && f.primaryMetricId)
    errors[f.secondary1 === f.primaryMetricId ? 'secondary1' : 'secondary2'] = 'already the primary metric';
  if (f.secondary1 && f.secondary1 === f.secondary2) errors.secondary2 = 'same as the first secondary metric';
  if (secondary.length && !f.primaryMetricId) errors.primaryMetricId = 'choose the primary metric first';
  const body = {
    title: f.title.trim(),
    primaryMetricId: f.primaryMetricId || null,
    secondaryMetricIds: secondary,
    baseline: value('baseline'),
    target: value('target'),
    deadline: f.deadline || null,
    guardrails: Object.fromEntries(
      Object.entries({
        cacMin: amount('cacMin', 'CAC minimum'),
        cacMax: amount('cacMax', 'CAC maximum'),
        roasFloor: amount('roasFloor', 'ROAS floor'),
        paybackDays: amount('paybackDays', 'Payback'),
      }).filter(([, v]) => v != null),
    ),
    budgetEnvelope: amount('budgetEnvelope', 'Budget envelope'),
    approvalThreshold: amount('approvalThreshold', 'Approval threshold'),
    status: f.status,
  };
  const g = body.guardrails as { cacMin?: number; cacMax?: number; paybackDays?: number };
  if (g.cacMin != null && g.cacMax != null && g.cacMin > g.cacMax) errors.cacMax = 'must be at least the CAC minimum';
  if (g.paybackDays != null && !Number.isInteger(g.paybackDays)) errors.paybackDays = 'whole days';
  return { body, errors };
}

function Field(props: { name: keyof Form; label: string; errors: Errors; hint?: string; children: JSX.Element }) {
  return (
    <label for={`f-${props.name}`} classList={{ invalid: !!props.errors[props.name] }}>
      {props.label}
      <Show when={props.hint}>
        <span class="muted small">{props.hint}</span>
      </Show>
      {props.children}
      <FieldError id={`err-${props.name}`} message={props.errors[props.name]} />
    </label>
  );
}

export default function ObjectiveForm() {
  const params = useParams<{ id?: string }>();
  const navigate = useNavigate();
  const existing = createMemo(() => objectives().find((o) => o.id === params.id));
  const [form, setForm] = createStore<Form>(fromObjective(undefined));
  const [errors, setErrors] = createSignal<Errors>({});
  const [saving, setSaving] = createSignal(false);
  const [ready, setReady] = createSignal(!params.id);
  onMount(() => params.id && !existing() && void loadObjectives());
  // Fill the form once the objective and its metric are both here: a baseline of 0.05 is typed as 5 only if we
  // know the metric is a rate, and saving a form filled without that knowledge would scale it wrongly.
  createEffect(() => {
    const o = existing();
    if (ready() || !o || (o.primaryMetricId && !metrics().some((m) => m.id === o.primaryMetricId))) return;
    setForm(fromObjective(o));
    setReady(true);
  });
  const unit = () => unitOf(metrics().find((m) => m.id === form.primaryMetricId));
  const unitHint = () =>
    ({ percent: 'in %', money: `in ${me()?.currency ?? 'EUR'}`, multiple: 'as a multiple, e.g. 3', number: '' })[
      unit()
    ];
  const currency = () => me()?.currency ?? 'EUR';
  const activeMetrics = () => metrics().filter((m) => !m.archived || Object.values(form).includes(m.id));
  const input = (name: keyof Form, extra: JSX.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input
      id={`f-${name}`}
      name={name}
      value={form[name]}
      aria-invalid={errors()[name] ? 'true' : undefined}
      aria-describedby={errors()[name] ? `err-${name}` : undefined}
      onInput={(e) => setForm(name, e.currentTarget.value as never)}
      {...extra}
    />
  );
  const metricSelect = (name: 'primaryMetricId' | 'secondary1' | 'secondary2', none: string) => (
    <select
      id={`f-${name}`}
      name={name}
      value={form[name]}
      aria-invalid={errors()[name] ? 'true' : undefined}
      aria-describedby={errors()[name] ? `err-${name}` : undefined}
      onChange={(e) => setForm(name, e.currentTarget.value)}
    >
      <option value="">{none}</option>
      {/* `selected` per option: a select's value set before its options exist would be lost on reopen. */}
      <For each={activeMetrics()}>
        {(m) => (
          <option value={m.id} selected={form[name] === m.id}>
            {m.name}
          </option>
        )}
      </For>
    </select>
  );

  const save = async (e: Event) => {
    e.preventDefault();
    const { body, errors: found } = toObjectiveBody(form);
    setErrors(found);
    if (Object.keys(found).length) {
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setSaving(true);
    try {
      const o = existing();
      const saved = o
        ? await call(api.objectives[':id'].$patch({ param: { id: o.id }, json: { ...body, version: o.version } }))
        : await call(api.objectives.$post({ json: { ...body, id: crypto.randomUUID() } }));
      upsertObjective(saved);
      toast(o ? 'Objective saved' : 'Objective created');
      navigate(`/objectives/${saved.id}`);
    } catch (err) {
      if (err instanceof HttpError) {
        const mapped: Errors = {
          form: err.status === 409 ? 'Someone else changed this objective: reload it.' : err.message,
        };
        for (const [path, why] of Object.entries(err.fields)) mapped[FIELD_OF[path] ?? (path as keyof Form)] = why;
        setErrors(mapped);
      } else if (err instanceof NetworkError)
        setErrors({ form: 'You are offline: objectives are saved online only. Try again when connected.' });
      else throw err;
    } finally {
      setSaving(false);
    }
  };

  return (
    <Show
      when={can(me(), 'lead')}
      fallback={
        <Empty>
          <p>
            Leads and admins set objectives. <A href="/objectives">Back to the objectives</A>
          </p>
        </Empty>
      }
    >
      <Show
        when={ready() || (objectivesState() !== 'loading' && objectivesState() !== 'idle' && !existing())}
        fallback={<Loading label="Loading the objective…" />}
      >
        <Show
          when={!params.id || existing()}
          fallback={
            <Empty>
              <p>
                {objectivesState() === 'error' ? 'Could not load this objective.' : 'No such objective.'}{' '}
                <A href="/objectives">Back to the objectives</A>
              </p>
            </Empty>
          }
        >
          <section>
            <p class="muted">
              <A href={params.id ? `/objectives/${params.id}` : '/objectives'}>
                ← {params.id ? 'Objective' : 'Objectives'}
              </A>
            </p>
            <h1>{params.id ? 'Edit objective' : 'New objective'}</h1>
            <form class="stack" noValidate onSubmit={(e) => void save(e)} aria-label="Objective">
              <Field name="title" label="Name" errors={errors()}>
                {input('title', { maxLength: 200 })}
              </Field>
              <fieldset>
                <legend>What moves, from where to where, by when</legend>
                <Field name="primaryMetricId" label="Primary metric (one)" errors={errors()}>
                  {metricSelect('primaryMetricId', 'Choose the metric')}
                </Field>
                <div class="pair">
                  <Field name="baseline" label="Baseline (today)" hint={unitHint()} errors={errors()}>
                    {input('baseline', { inputMode: 'decimal' })}
                  </Field>
                  <Field name="target" label="Target" hint={unitHint()} errors={errors()}>
                    {input('target', { inputMode: 'decimal' })}
                  </Field>
                </div>
                <Field name="deadline" label="Deadline" errors={errors()}>
                  {input('deadline', { type: 'date' })}
                </Field>
                <Field name="secondary1" label="Secondary metric 1 (optional)" errors={errors()}>
                  {metricSelect('secondary1', 'None')}
                </Field>
                <Field name="secondary2" label="Secondary metric 2 (optional)" errors={errors()}>
                  {metricSelect('secondary2', 'None')}
                </Field>
              </fieldset>
              <fieldset>
                <legend>Guardrails: the money limits a win must respect</legend>
                <div class="pair">
                  <Field name="cacMin" label="CAC from" hint={`in ${currency()}`} errors={errors()}>
                    {input('cacMin', { inputMode: 'decimal' })}
                  </Field>
                  <Field name="cacMax" label="CAC up to" hint={`in ${currency()}`} errors={errors()}>
                    {input('cacMax', { inputMode: 'decimal' })}
                  </Field>
                </div>
                <div class="pair">
                  <Field name="roasFloor" label="ROAS at least" hint="a multiple, e.g. 3" errors={errors()}>
                    {input('roasFloor', { inputMode: 'decimal' })}
                  </Field>
                  <Field name="paybackDays" label="Payback within" hint="days" errors={errors()}>
                    {input('paybackDays', { inputMode: 'numeric' })}
                  </Field>
                </div>
              </fieldset>
              <fieldset>
                <legend>Budget</legend>
                <Field
                  name="budgetEnvelope"
                  label="Budget envelope"
                  hint={`in ${currency()}: all tests together`}
                  errors={errors()}
                >
                  {input('budgetEnvelope', { inputMode: 'decimal' })}
                </Field>
                <Field
                  name="approvalThreshold"
                  label="Approval threshold"
                  hint={`in ${currency()}: a test with a bigger budget needs an admin to launch`}
                  errors={errors()}
                >
                  {input('approvalThreshold', { inputMode: 'decimal' })}
                </Field>
              </fieldset>
              <Show when={params.id}>
                <Field name="status" label="Status" errors={errors()}>
                  <select
                    id="f-status"
                    name="status"
                    value={form.status}
                    onChange={(e) => setForm('status', e.currentTarget.value as Form['status'])}
                  >
                    <For each={OBJECTIVE_STATUSES}>
                      {(s) => (
                        <option value={s} selected={form.status === s}>
                          {objectiveStatusLabel[s]}
                        </option>
                      )}
                    </For>
                  </select>
                </Field>
              </Show>
              <Show when={Object.keys(errors()).length}>
                <p class="error" role="alert" data-testid="form-errors">
                  {errors().form ??
                    `Fix ${Object.keys(errors()).length === 1 ? 'the field' : 'the fields'} marked above.`}
                </p>
              </Show>
              <div class="row">
                <button type="submit" class="primary" disabled={saving()}>
                  {saving() ? 'Saving…' : params.id ? 'Save objective' : 'Create objective'}
                </button>
                <A href={params.id ? `/objectives/${params.id}` : '/objectives'} class="button">
                  Cancel
                </A>
              </div>
            </form>
          </section>
        </Show>
      </Show>
    </Show>
  );
}
