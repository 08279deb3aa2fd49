import { A, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, lazy, Show } from 'solid-js';
import { api, call, can, HttpError } from '../api';
import { channelName, cycles, learnings, me } from '../data';
import { ErrorBox, Loading, toast } from '../ui';
import { decisionLabel, leverLabel, signedPct } from '../ui/labels';
import { effectOnDevice, type Insight, methodLabel, previewPool } from './evidence';
import { ForestPlot } from './ForestPlot';

const ShareLink = lazy(() => import('../shares/ShareLearning'));

const pooledLine = (p: Insight['pooled']) =>
  p.result
    ? `${signedPct(p.result.estimate)} [${signedPct(p.result.ci[0])}, ${signedPct(p.result.ci[1])}] over ${p.studies} test${p.studies === 1 ? '' : 's'}`
    : 'no measured test yet';

/** An insight: the pooled lift of the tests it cites, how much they agree, and (for leads) citing more. */
export default function InsightDetail() {
  const params = useParams<{ id: string }>();
  const [insight, { mutate, refetch }] = createResource(
    () => params.id,
    (id) => call(api.insights[':id'].$get({ param: { id } })),
  );
  const [candidate, setCandidate] = createSignal('');
  const [stance, setStance] = createSignal<'supports' | 'contradicts'>('supports');
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const lead = () => can(me(), 'lead');

  const citable = createMemo(() => {
    const cited = new Set(insight()?.citations.map((c) => c.cycleId));
    return cycles()
      .filter((c) => c.status === 'closed' && !cited.has(c.id))
      .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  });
  const candidateEffect = createMemo(() => {
    const cycle = cycles().find((c) => c.id === candidate());
    return effectOnDevice(
      learnings().find((l) => l.cycleId === candidate()),
      cycle,
    );
  });
  const preview = createMemo(() => (insight() && candidate() ? previewPool(insight()!, candidateEffect()) : null));

  const act = async (work: () => Promise<Insight>, done: string) => {
    setBusy(true);
    try {
      mutate(await work());
      toast(done);
    } catch (err) {
      toast(err instanceof HttpError ? err.message : 'Could not save: check your connection');
      if (err instanceof HttpError && err.status === 409) void refetch();
    } finally {
      setBusy(false);
    }
  };
  const cite = () =>
    act(async () => {
      const res = await call(
        api.insights[':id'].citations.$post({
          param: { id: params.id },
          json: { cycleId: candidate(), stance: stance(), note: note().trim() || null },
        }),
      );
      setCandidate('');
      setNote('');
      return res;
    }, 'Test cited: the pooled lift is updated');
  const uncite = (cycleId: string) =>
    act(
      () => call(api.insights[':id'].citations[':cycleId'].$delete({ param: { id: params.id, cycleId } })),
      'Citation removed',
    );
  const setMethod = (method: 'fixed' | 'random') =>
    act(
      () =>
        call(api.insights[':id'].$patch({ param: { id: params.id }, json: { method, version: insight()!.version } })),
      `Pooled with ${methodLabel[method]}`,
    );

  return (
    <Show
      when={insight()}
      fallback={
        <Show when={insight.error} fallback={<Loading label="Loading the insight…" />}>
          <ErrorBox error={insight.error} retry={() => void refetch()} />
        </Show>
      }
    >
      {(i) => (
        <article class="insight">
          <p class="muted">
            <A href="/insights">← Insights</A>
          </p>
          <h1>{i().title}</h1>
          <Show when={i().claim}>
            <p>{i().claim}</p>
          </Show>
          <p class="muted small">
            {[
              i().channelId ? `Channel: ${channelName(i().channelId) ?? 'unknown'}` : '',
              i().lever ? `Lever: ${leverLabel(i().lever)}` : '',
              i().tags.length
                ? `Tags: ${i()
                    .tags.map((t) => `#${t}`)
                    .join(' ')}`
                : '',
            ]
              .filter(Boolean)
              .join(' · ') || 'Applies anywhere'}
          </p>

          <section class="verdict" aria-labelledby="pooled">
            <h2 id="pooled">Pooled lift: {pooledLine(i().pooled)}</h2>
            <p data-testid="heterogeneity">{i().pooled.heterogeneity}</p>
            <Show when={i().pooled.result}>
              {(r) => (
                <p class="muted small">
                  {r().pValue < 0.05
                    ? `Unlikely to be chance alone (p = ${r().pValue.toPrecision(2)}).`
                    : `Could still be chance (p = ${r().pValue.toPrecision(2)}).`}{' '}
                  Pooled with {methodLabel[i().method]}.
                  {i().pooled.unmeasured
                    ? ` ${i().pooled.unmeasured} cited test${i().pooled.unmeasured === 1 ? ' has' : 's have'} no measured lift and ${i().pooled.unmeasured === 1 ? 'is' : 'are'} not pooled.`
                    : ''}
                </p>
              )}
            </Show>
          </section>

          <ForestPlot
            title="Each cited test's lift on its primary metric (positive = better)"
            rows={i()
              .citations.filter((c) => c.effect)
              .map((c) => ({ label: c.name, effect: c.effect!.effect, ci: c.effect!.ci, tone: c.stance }))}
            pooled={i().pooled.result}
          />

          <Show when={lead()}>
            <ShareLink insightId={i().id} />
          </Show>

          <Show when={lead()}>
            <div class="row" role="group" aria-label="Pooling model">
              <button
                type="button"
                aria-pressed={i().method === 'random'}
                disabled={busy()}
                onClick={() => void setMethod('random')}
              >
                Tests may differ
              </button>
              <button
                type="button"
                aria-pressed={i().method === 'fixed'}
                disabled={busy()}
                onClick={() => void setMethod('fixed')}
              >
                One true lift
              </button>
            </div>
          </Show>

          <h2>Cited tests ({i().citations.length})</h2>
          <Show
            when={i().citations.length > 0}
            fallback={<p class="empty">No test cited yet{lead() ? ': cite a closed test below.' : '.'}</p>}
          >
            <ul class="plain-list">
              <For each={i().citations}>
                {(c) => (
                  <li data-testid="citation">
                    <A href={`/learnings/${c.learningId}`}>{c.name}</A> —{' '}
                    <strong>{c.stance === 'supports' ? 'supports' : 'contradicts'}</strong>;{' '}
                    {decisionLabel[c.decision ?? ''] ?? c.decision} on {c.closedAt?.slice(0, 10)};{' '}
                    {c.effect
                      ? `${c.metricName ?? 'primary'} ${signedPct(c.effect.effect)} [${signedPct(c.effect.ci[0])}, ${signedPct(c.effect.ci[1])}]`
                      : 'no measured lift'}
                    {c.note ? ` — “${c.note}”` : ''}
                    <Show when={lead()}>
                      {' '}
                      <button type="button" class="link" disabled={busy()} onClick={() => void uncite(c.cycleId)}>
                        Remove
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>

          <Show when={lead()}>
            <form
              class="stack card-section"
              onSubmit={(e) => {
                e.preventDefault();
                if (candidate()) void cite();
              }}
            >
              <h2>Cite a closed test</h2>
              <Show
                when={citable().length > 0}
                fallback={
                  <p class="muted">Every closed test on this device is already cited. Close more tests first.</p>
                }
              >
                <label>
                  Test
                  <select name="cycleId" value={candidate()} onChange={(e) => setCandidate(e.currentTarget.value)}>
                    <option value="">Choose a closed test…</option>
                    <For each={citable()}>
                      {(c) => (
                        <option value={c.id}>
                          {c.name} ({decisionLabel[c.decision ?? ''] ?? c.decision}, {c.closedAt?.slice(0, 10)})
                        </option>
                      )}
                    </For>
                  </select>
                </label>
                <fieldset class="row">
                  <legend>It…</legend>
                  <label class="check">
                    <input
                      type="radio"
                      name="stance"
                      checked={stance() === 'supports'}
                      onChange={() => setStance('supports')}
                    />
                    supports the claim
                  </label>
                  <label class="check">
                    <input
                      type="radio"
                      name="stance"
                      checked={stance() === 'contradicts'}
                      onChange={() => setStance('contradicts')}
                    />
                    contradicts it
                  </label>
                </fieldset>
                <label>
                  Note (optional)
                  <input name="note" maxLength={1000} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
                </label>
                <Show when={preview()}>
                  {(p) => (
                    <p class="muted" data-testid="cite-preview">
                      {candidateEffect()
                        ? `With this test: ${pooledLine(p())}. ${p().heterogeneity}`
                        : 'This test has no measured lift on its primary metric; it will be listed but not pooled.'}
                    </p>
                  )}
                </Show>
                <button type="submit" class="primary" disabled={busy() || !candidate()}>
                  Cite test
                </button>
              </Show>
            </form>
          </Show>
        </article>
      )}
    </Show>
  );
}
