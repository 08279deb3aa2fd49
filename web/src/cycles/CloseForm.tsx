import { createSignal, For, Show } from 'solid-js';
import { api, call, type Cycle, HttpError } from '../api';
import { toast } from '../ui';
import { decisionLabel, DECISIONS } from '../ui/labels';

/** Insight: the lead's decision against the pre-registered verdict (a reason when they differ), and the learning. */
export function CloseForm(props: { cycle: Cycle; verdict: string | null; onClosed: (c: Cycle) => void }) {
  const [decision, setDecision] = createSignal<'ship' | 'kill' | 'iterate' | ''>('');
  const [reason, setReason] = createSignal('');
  const [summary, setSummary] = createSignal('');
  const [nextSteps, setNextSteps] = createSignal('');
  const [followUps, setFollowUps] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const override = () => decision() !== '' && decision() !== props.verdict;
  let form!: HTMLFormElement;
  /** Our own check, not the browser's: its bubble names no rule and can hide under the sticky header. */
  const refuse = (field: string, message: string) => {
    setError(message);
    form.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const d = decision();
    if (!d) return refuse('decision', 'Decision: choose ship, kill or iterate.');
    if (override() && !reason().trim())
      return refuse(
        'overrideReason',
        `The rule says "${decisionLabel[props.verdict ?? ''] ?? 'not decided'}"; say why you decide "${decisionLabel[d]}".`,
      );
    if (!summary().trim()) return refuse('summary', 'What we learned: required — the learning others will read.');
    setBusy(true);
    setError(undefined);
    try {
      const result = await call(
        api.cycles[':id'].close.$post({
          param: { id: props.cycle.id },
          json: {
            version: props.cycle.version,
            decision: d,
            ...(override() ? { overrideReason: reason().trim() } : {}),
            learning: {
              summary: summary().trim(),
              ...(nextSteps().trim() ? { nextSteps: nextSteps().trim() } : {}),
            },
            followUps: followUps()
              .split('\n')
              .map((t) => t.trim())
              .filter(Boolean)
              .slice(0, 10)
              .map((title) => ({ id: crypto.randomUUID(), title })),
          },
        }),
      );
      toast('Closed — the learning is published');
      props.onClosed(result.cycle);
    } catch (err) {
      setError(err instanceof HttpError ? err.message : 'You need to be online to close a test.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form ref={form} class="stack card-form" noValidate onSubmit={(e) => void submit(e)} aria-label="Close the test">
      <h2>Close the test</h2>
      <p>
        The pre-registered rule's verdict:{' '}
        <strong data-testid="close-verdict">{decisionLabel[props.verdict ?? ''] ?? 'not available'}</strong>
      </p>
      <fieldset class="row">
        <legend>Decision</legend>
        <For each={DECISIONS}>
          {(d) => (
            <label class="check">
              <input
                type="radio"
                name="decision"
                value={d}
                checked={decision() === d}
                onChange={() => setDecision(d)}
              />{' '}
              {decisionLabel[d]}
            </label>
          )}
        </For>
      </fieldset>
      <Show when={override()}>
        <label>
          Why override the rule? (required)
          <textarea
            name="overrideReason"
            rows="2"
            required
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </label>
      </Show>
      <label>
        What we learned
        <textarea
          name="summary"
          rows="3"
          required
          maxLength={5000}
          value={summary()}
          onInput={(e) => setSummary(e.currentTarget.value)}
        />
      </label>
      <label>
        What next
        <textarea name="nextSteps" rows="2" value={nextSteps()} onInput={(e) => setNextSteps(e.currentTarget.value)} />
      </label>
      <label>
        Follow-up hypotheses (one title per line)
        <textarea name="followUps" rows="2" value={followUps()} onInput={(e) => setFollowUps(e.currentTarget.value)} />
      </label>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <button type="submit" class="primary" disabled={busy()}>
        {busy() ? 'Closing…' : 'Close and publish the learning'}
      </button>
    </form>
  );
}
