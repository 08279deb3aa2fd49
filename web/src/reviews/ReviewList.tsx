import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { api, call, can } from '../api';
import { me } from '../data';
import { Empty, ErrorBox, Loading, StatusCard, toast } from '../ui';

/** The weekly "numbers and narrative" reviews, newest week first. */
export default function ReviewList() {
  const navigate = useNavigate();
  const [reviews, { refetch }] = createResource(() => call(api.reviews.$get({ query: {} })).then((r) => r.items));
  const [week, setWeek] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const build = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const review = await call(api.reviews.$post({ json: week() ? { weekStart: week() } : {} }));
      toast(`Review of the week of ${review.weekStart} is ready`);
      navigate(`/reviews/${review.id}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <p class="muted">
        <A href="/program">← Program</A>
      </p>
      <h1>Weekly reviews</h1>
      <p class="muted small">
        Every Monday at 06:00 ({me()?.timeZone ?? 'UTC'}) Hadi builds last week's numbers; the lead adds the narrative
        and publishes it for everyone.
      </p>
      <Show when={can(me(), 'lead')}>
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            void build();
          }}
        >
          <label>
            Week starting (a Monday; empty = last week)
            <input type="date" name="weekStart" value={week()} onChange={(e) => setWeek(e.currentTarget.value)} />
          </label>
          <button type="submit" class="primary" disabled={busy()}>
            {busy() ? 'Building…' : 'Build review'}
          </button>
        </form>
        <Show when={error()}>
          <p class="field-error" role="alert">
            {error()}
          </p>
        </Show>
      </Show>
      <Show when={reviews.error}>
        <ErrorBox error={reviews.error} retry={() => void refetch()} />
      </Show>
      <Show when={reviews()} fallback={<Show when={!reviews.error}>{<Loading label="Loading reviews…" />}</Show>}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={
              <Empty>
                <p>
                  {can(me(), 'lead')
                    ? 'No review yet: build last week’s now, or wait for Monday morning.'
                    : 'No review published yet. Your lead publishes the weekly review after the Monday meeting.'}
                </p>
              </Empty>
            }
          >
            <ul class="cards">
              <For each={list()}>
                {(r) => (
                  <StatusCard
                    href={`/reviews/${r.id}`}
                    chipClass={r.status === 'published' ? 'd-ship' : 's-draft'}
                    chip={r.status === 'published' ? 'Published' : 'Draft'}
                    title={`Week of ${r.weekStart}`}
                    testId="review-card"
                    meta={`${r.builtBy === 'schedule' ? 'Built on schedule' : 'Built on demand'}${r.publishedAt ? ` · published ${r.publishedAt.slice(0, 10)}` : ''}`}
                  />
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}
