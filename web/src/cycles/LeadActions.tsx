import { createSignal, Show } from 'solid-js';
import { api, call, type Cycle, HttpError } from '../api';
import { toast } from '../ui';
import { Dialog } from './Dialog';

const why = (err: unknown) => (err instanceof HttpError ? err.message : 'You need to be online to do this.');

/** Leads move a running test to review, or abort an open one with a reason (worker/cycles/lifecycle.ts). */
export function LeadActions(props: { cycle: Cycle; onChanged: (c: Cycle) => void }) {
  const [open, setOpen] = createSignal<'review' | 'abort' | null>(null);
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const close = () => {
    setOpen(null);
    setError(undefined);
  };
  const run = async (action: () => Promise<Cycle>, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await action();
      close();
      toast(done);
      props.onChanged(next);
    } catch (err) {
      setError(why(err));
    } finally {
      setBusy(false);
    }
  };
  const review = () =>
    run(
      () =>
        call(api.cycles[':id'].review.$post({ param: { id: props.cycle.id }, json: { version: props.cycle.version } })),
      'Moved to review: results can still be corrected until it is closed',
    );
  const abort = () => {
    if (!reason().trim()) return setError('Say why the test is aborted: it stays in the log.');
    return run(
      () =>
        call(
          api.cycles[':id'].abort.$post({
            param: { id: props.cycle.id },
            json: { reason: reason().trim(), version: props.cycle.version },
          }),
        ),
      'Test aborted',
    );
  };
  return (
    <div class="row lead-actions">
      <Show when={props.cycle.status === 'running'}>
        <button type="button" onClick={() => setOpen('review')}>
          Move to review
        </button>
      </Show>
      <button type="button" class="danger-outline" onClick={() => setOpen('abort')}>
        Abort…
      </button>
      <Dialog
        open={open() === 'review'}
        title="Move this test to review?"
        confirm="Move to review"
        busy={busy()}
        error={error()}
        onConfirm={() => void review()}
        onClose={close}
      >
        <p>
          The test stops collecting as running and waits for the decision. Results can still be added or corrected until
          you close it.
        </p>
      </Dialog>
      <Dialog
        open={open() === 'abort'}
        title="Abort this test?"
        confirm="Abort the test"
        danger
        busy={busy()}
        error={error()}
        onConfirm={() => void abort()}
        onClose={close}
      >
        <p>An aborted test publishes no learning and its hypothesis goes back to the backlog. This cannot be undone.</p>
        <label>
          Why abort? (required)
          <textarea
            name="abortReason"
            rows="3"
            maxLength={1000}
            aria-required="true"
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </label>
      </Dialog>
    </div>
  );
}
