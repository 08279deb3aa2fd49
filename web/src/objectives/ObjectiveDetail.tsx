import { A, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, onMount, Show } from 'solid-js';
import { api, call, can } from '../api';
import { cycles, hypotheses, me, metricName, metrics, write } from '../data';
import { Empty, ErrorBox, Loading, StatusCard, toast } from '../ui';
import { decisionLabel, money, statusLabel } from '../ui/labels';
import { formatValue, unitOf, whole } from './format';
import { objectiveLine, objectiveStatusLabel } from './ObjectiveList';
import { loadObjectives, objectives, objectivesState, type Objective, type ObjectiveProgress } from './store';

const DAY = 86_400_000;
const plural = (n: number, one: string, many = `${one}s`) => `${whole(n)} ${n === 1 ? one : many}`;
const counts = (tally: Record<string, number | undefined>) =>
  Object.entries(tally)
    .filter(([, n]) => n)
    .map(([k, n]) => `${n} ${(statusLabel[k] ?? k).toLowerCase()}`)
    .join(', ');

function Guardrails(props: { o: Objective }) {
  const g = () => props.o.guardrails;
  const lines = () =>
    [
      g().cacMin != null && g().cacMax != null
        ? `Customer acquisition cost (CAC) between ${money(g().cacMin, 0)} and ${money(g().cacMax, 0)}`
        : g().cacMax != null
          ? `CAC at most ${money(g().cacMax, 0)}`
          : g().cacMin != null
            ? `CAC at least ${money(g().cacMin, 0)}`
            : null,
      g().roasFloor != null ? `Return on ad spend (ROAS) at least ${formatValue(g().roasFloor, 'multiple')}` : null,
      g().paybackDays != null ? `Pays back its acquisition cost within ${plural(g().paybackDays!, 'day')}` : null,
    ].filter((x): x is string => !!x);
  return (
    <Show when={lines().length} fallback={<p class="muted">No money guardrails set.</p>}>
      <ul>
        <For each={lines()}>{(l) => <li>{l}</li>}</For>
      </ul>
    </Show>
  );
}

/** Where the primary metric stands after the shipped tests, in words and as a bar. */
function TowardTarget(props: { o: Objective; progress: ObjectiveProgress }) {
  const t = () => props.progress.towardTarget;
  const metric = () => metrics().find((m) => m.id === props.o.primaryMetricId);
  const unit = () => unitOf(metric());
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
  return (
    <Show
      when={t() && metric()}
      fallback={<p class="muted">Set a primary metric and its baseline to see progress toward the target.</p>}
    >
      <Show
        when={t()!.shipped.length}
        fallback={
          <p data-testid="toward-target">
            No shipped test has moved {metric()!.name} yet: it stands at the baseline of{' '}
            {formatValue(t()!.baseline, unit())}
            {t()!.target != null ? `, target ${formatValue(t()!.target, unit())}` : ''}.
          </p>
        }
      >
        <p data-testid="toward-target">
          {plural(t()!.shipped.length, 'shipped test')} {t()!.shipped.length === 1 ? 'adds' : 'add'} up to{' '}
          {pct(t()!.compoundedLift)} on {metric()!.name}: from {formatValue(t()!.baseline, unit())} to an estimated{' '}
          {formatValue(t()!.estimate, unit())}
          <Show when={t()!.fraction != null}>
            {' '}
            — {Math.round(t()!.fraction! * 100)}% of the way to the target of {formatValue(t()!.target, unit())}
          </Show>
          .
        </p>
        <Show when={t()!.fraction != null}>
          <progress
            max="1"
            value={Math.max(0, Math.min(1, t()!.fraction!))}
            aria-label={`${Math.round(t()!.fraction! * 100)}% of the way to the target`}
          />
        </Show>
        <p class="muted small">
          Estimated by compounding the lift each shipped test measured; effects in the wild are often smaller.
        </p>
        <ul class="small">
          <For each={t()!.shipped}>
            {(s) => (
              <li>
                <A href={`/cycles/${s.cycleId}`}>{s.name}</A>: {s.variant} {pct(s.lift)}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Show>
  );
}

function Money(props: { o: Objective; progress: ObjectiveProgress }) {
  const p = () => props.progress;
  return (
    <>
      <p>
        {money(p().budgetCommitted, 0)} committed to tests
        {props.o.budgetEnvelope != null
          ? ` out of a ${money(props.o.budgetEnvelope, 0)} envelope`
          : ' (no envelope set)'}
        ; {money(p().spendOnClosedTests, 0)} spent on closed tests.
      </p>
      <Show when={props.o.budgetEnvelope != null && p().budgetCommitted > props.o.budgetEnvelope}>
        <p class="badge warn" data-testid="over-envelope">
          {money(p().budgetCommitted - (props.o.budgetEnvelope ?? 0), 0)} over the envelope
        </p>
      </Show>
      <Show when={props.o.budgetEnvelope}>
        {(envelope) => (
          <progress
            max="1"
            value={Math.min(1, p().budgetCommitted / envelope())}
            aria-label={`${Math.round((p().budgetCommitted / envelope()) * 100)}% of the budget envelope committed`}
          />
        )}
      </Show>
      <p class="muted small">
        {props.o.approvalThreshold != null
          ? `A test with a budget over ${money(props.o.approvalThreshold, 0)} needs an admin to launch.`
          : 'No approval threshold: any lead may launch a test of any budget.'}
      </p>
    </>
  );
}

/** Backlog ideas not yet serving any objective. */
const candidates = () =>
  hypotheses()
    .filter((h) => !h.objectiveId && ['backlog', 'parked'].includes(h.status))
    .sort((a, b) => a.title.localeCompare(b.title));

/** Members link backlog ideas to the objective from here (the link travels through the outbox like any edit). */
function LinkIdea(props: { objectiveId: string }) {
  const [choice, setChoice] = createSignal('');
  const link = async (e: Event) => {
    e.preventDefault();
    const h = hypotheses().find((x) => x.id === choice());
    if (!h) return;
    await write({
      kind: 'hypothesis.update',
      entityId: h.id,
      body: { objectiveId: props.objectiveId },
      baseVersion: h.version,
    });
    setChoice('');
    toast(`“${h.title}” now serves this objective`);
  };
  return (
    <Show when={candidates().length}>
      <form class="pair" onSubmit={(e) => void link(e)} aria-label="Link an idea">
        <label>
          Link an idea from the backlog
          <select name="link" value={choice()} onChange={(e) => setChoice(e.currentTarget.value)}>
            <option value="">Choose an idea</option>
            <For each={candidates()}>{(h) => <option value={h.id}>{h.title}</option>}</For>
          </select>
        </label>
        <button type="submit" disabled={!choice()}>
          Link
        </button>
      </form>
    </Show>
  );
}

export default function ObjectiveDetail() {
  const params = useParams<{ id: string }>();
  onMount(() => void loadObjectives());
  const objective = createMemo(() => objectives().find((o) => o.id === params.id));
  const [progress, { refetch }] = createResource(
    () => params.id,
    (id) => call(api.objectives[':id'].progress.$get({ param: { id } })),
  );
  const ideas = () =>
    hypotheses()
      .filter((h) => h.objectiveId === params.id)
      .sort((a, b) => (b.iceScore ?? -1) - (a.iceScore ?? -1));
  const [allIdeas, setAllIdeas] = createSignal(false);
  const IDEAS_SHOWN = 8;
  const tests = () => cycles().filter((c) => c.objectiveId === params.id);
  return (
    <Show
      when={objective()}
      fallback={
        <Show when={objectivesState() === 'ready'} fallback={<Loading label="Loading the objective…" />}>
          <Empty>
            <p>
              No such objective. <A href="/objectives">Back to the objectives</A>
            </p>
          </Empty>
        </Show>
      }
    >
      {(o) => (
        <article class="objective">
          <p class="muted">
            <A href="/objectives">← Objectives</A>
          </p>
          <div class="row between">
            <h1>{o().title}</h1>
            <Show when={can(me(), 'lead')}>
              <A class="button" href={`/objectives/${o().id}/edit`}>
                Edit
              </A>
            </Show>
          </div>
          <p>
            <span class={`status o-${o().status}`}>{objectiveStatusLabel[o().status]}</span> {objectiveLine(o())}
            <Show when={o().deadline}>
              {(d) => {
                const days = () => Math.ceil((Date.parse(d()) - Date.now()) / DAY);
                return (
                  <span class="muted"> ({days() >= 0 ? `${plural(days(), 'day')} left` : 'deadline passed'})</span>
                );
              }}
            </Show>
          </p>
          <Show when={o().secondaryMetricIds.length}>
            <p class="muted">
              Also watched:{' '}
              {o()
                .secondaryMetricIds.map((id) => metricName(id) ?? 'a removed metric')
                .join(', ')}
            </p>
          </Show>
          <p>
            <A href={`/objectives/${o().id}/funnel`} data-testid="objective-funnel-link">
              Its funnel: model it, try scenarios, stress-test the guardrails →
            </A>
          </p>
          <h2>Progress toward the target</h2>
          <Show when={!progress.error} fallback={<ErrorBox error={progress.error} retry={() => void refetch()} />}>
            <Show when={progress()} fallback={<Loading label="Adding up the closed tests…" />}>
              {(p) => (
                <>
                  <TowardTarget o={o()} progress={p()} />
                  <p class="muted small" data-testid="objective-counts">
                    {plural(
                      Object.values(p().hypotheses).reduce((a, b) => a + (b ?? 0), 0),
                      'idea',
                    )}
                    {counts(p().hypotheses) ? ` (${counts(p().hypotheses)})` : ''} ·{' '}
                    {plural(
                      Object.values(p().cycles).reduce((a, b) => a + (b ?? 0), 0),
                      'test',
                    )}
                    {counts(p().cycles) ? ` (${counts(p().cycles)})` : ''}
                  </p>
                  <h2>Money</h2>
                  <Money o={o()} progress={p()} />
                </>
              )}
            </Show>
          </Show>
          <h2>Guardrails</h2>
          <Guardrails o={o()} />
          <h2>Tests serving it</h2>
          <Show
            when={tests().length}
            fallback={
              <Empty>
                <p>No test serves this objective yet. Tests of the ideas below count once they are designed for it.</p>
              </Empty>
            }
          >
            <ul class="cards">
              <For each={tests()}>
                {(c) => (
                  <StatusCard
                    href={c.status === 'draft' ? `/cycles/${c.id}/design` : `/cycles/${c.id}`}
                    chipClass={`s-${c.status}`}
                    chip={statusLabel[c.status] ?? c.status}
                    title={c.name}
                    meta={`${c.decision ? `decided: ${decisionLabel[c.decision] ?? c.decision} · ` : ''}budget ${money(c.budget, 0)}`}
                  />
                )}
              </For>
            </ul>
          </Show>
          <h2>Ideas serving it</h2>
          <Show
            when={ideas().length}
            fallback={
              <Empty>
                <p>
                  No idea serves this objective yet.{' '}
                  <Show when={can(me(), 'member')} fallback="Members link ideas from the backlog.">
                    {candidates().length ? (
                      'Link one from the backlog below.'
                    ) : (
                      <>
                        <A href="/h/new">Log an idea</A>, then link it here.
                      </>
                    )}
                  </Show>
                </p>
              </Empty>
            }
          >
            <ul class="cards">
              <For each={allIdeas() ? ideas() : ideas().slice(0, IDEAS_SHOWN)}>
                {(h) => (
                  <StatusCard
                    href={`/h/${h.id}`}
                    chipClass={`s-${h.status}`}
                    chip={statusLabel[h.status] ?? h.status}
                    title={h.title}
                    meta={h.iceScore != null ? `ICE score ${h.iceScore} of 10` : 'Not scored yet'}
                  />
                )}
              </For>
            </ul>
          </Show>
          <Show when={!allIdeas() && ideas().length > IDEAS_SHOWN}>
            <button type="button" class="link" onClick={() => setAllIdeas(true)}>
              Show all {ideas().length} ideas (highest ICE score first)
            </button>
          </Show>
          <Show when={can(me(), 'member')}>
            <LinkIdea objectiveId={o().id} />
          </Show>
        </article>
      )}
    </Show>
  );
}
