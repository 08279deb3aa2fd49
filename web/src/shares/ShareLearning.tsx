import { createSignal, Show } from 'solid-js';
import { api, call } from '../api';
import { ErrorBox, toast } from '../ui';

type Share = { id: string; url: string; expiresAt: string };

/** The two things a lead can share, each with its create call. */
const CREATE = {
  learning: (id: string) => api.learnings[':id'].shares.$post({ param: { id }, json: {} }),
  insight: (id: string) => api.insights[':id'].shares.$post({ param: { id }, json: {} }),
};

/**
 * A lead shares one learning (or insight) with someone outside the workspace: a read-only link, valid 30 days,
 * copied at once and revocable here.
 */
export default function ShareLearning(props: { learningId?: string; insightId?: string }) {
  const kind = () => (props.insightId ? 'insight' : 'learning');
  const [share, setShare] = createSignal<Share | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await call(CREATE[kind()]((props.insightId ?? props.learningId)!));
      setShare(created);
      await navigator.clipboard.writeText(created.url).then(
        () => toast(`Link copied: anyone with it can read this ${kind()}`),
        () => toast('Link ready: copy it below'),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (id: string) => {
    setBusy(true);
    try {
      await call(api.shares[':id'].$delete({ param: { id } }));
      setShare(null);
      toast('Link revoked: it no longer opens');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="share">
      <Show
        when={share()}
        fallback={
          <button type="button" disabled={busy()} onClick={() => void create()} data-testid={`share-${kind()}`}>
            {busy() ? 'Creating link…' : 'Share a read-only link'}
          </button>
        }
      >
        {(s) => (
          <>
            <label>
              Read-only link, valid until {s().expiresAt.slice(0, 10)}
              <input readonly value={s().url} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" />
            </label>
            <button
              type="button"
              class="link"
              disabled={busy()}
              onClick={() => void revoke(s().id)}
              data-testid="revoke-share"
            >
              Revoke this link
            </button>
          </>
        )}
      </Show>
      <Show when={error()}>{(e) => <ErrorBox error={e()} />}</Show>
    </div>
  );
}
