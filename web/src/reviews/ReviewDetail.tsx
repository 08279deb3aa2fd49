import { A, useParams } from '@solidjs/router';
import type { InferResponseType } from 'hono/client';
import { createEffect, createResource, createSignal, For, type JSX, Show } from 'solid-js';
import { api, call, can, HttpError } from '../api';
import { me } from '../data';
import { shareOf } from '../program/format';
import { ErrorBox, Loading, toast } from '../ui';
import { decisionLabel, money } from '../ui/labels';

type Review = InferResponseType<(typeof api.reviews)[':id']['$get'], 200>;

function Block<T>(props: { title: string; items: T[]; empty: string; children: (item: T) => JSX.Element }) {
  return (
    <section>
      <h2>
        {props.title} ({props.items.length})
      </h2>
      <Show when={props.items.length > 0} fallback={<p class="muted">{props.empty}</p>}>
        <ul class="plain-list">
          <For each={props.items}>{(item) => <li>{props.children(item)}</li>}</For>
        </ul>
      </Show>
    </section>
  );
}

/** One week's review: the numbers Hadi built, the lead's narrative, publish, and the Markdown download. */
export default function ReviewDetail() {
  const params = useParams<{ id: string }>();
  const [review, { mutate, refetch }] = createResource(
    () => params.id,
    (id) => call(api.reviews[':id'].$get({ param: { id } })),
  );
  const [narrative, setNarrative] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  createEffect(() => {
    const r = review();
    if (r) setNarrative(r.narrative);
  });
  const editable = () => can(me(), 'lead') && review()?.status === 'draft';
  const dirty = () => narrative() !== (review()?.narrative ?? '');

  const run = async (work: () => Promise<Review>, done: string) => {
    setSaving(true);
    setProblem(undefined);
    try {
      mutate(await work());
      toast(done);
    } catch (err) {
      if (err instanceof HttpError && err.status === 409 && err.current) {
        mutate(err.current as Review);
        setProblem(`${err.message}. The latest version is shown; your text is kept in the box.`);
      } else setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  const save = () =>
    run(
      () =>
        call(
          api.reviews[':id'].$patch({
            param: { id: params.id },
            json: { narrative: narrative(), version: review()!.version },
          }),
        ),
      'Narrative saved',
    );
  const publish = async () => {
    if (dirty()) await save();
    if (problem()) return;
    await run(
      () => call(api.reviews[':id'].publish.$post({ param: { id: params.id }, json: { version: review()!.version } })),
      'Review published: stakeholders can read it now',
    );
  };

  return (
    <Show
      when={review()}
      fallback={
        <Show when={review.error} fallback={<Loading label="Loading the review…" />}>
          <ErrorBox error={review.error} retry={() => void refetch()} />
        </Show>
      }
    >
      {(r) => {
        const f = () => r().figures;
        return (
          <article class="review">
            <p class="muted">
              <A href="/reviews">← Weekly reviews</A>
            </p>
            <h1>
              Week of {f().week.weekStart} to {f().week.lastDay}
            </h1>
            <p>
              <span class={`status ${r().status === 'published' ? 'd-ship' : 's-draft'}`}>
                {r().status === 'published' ? 'Published' : 'Draft'}
              </span>{' '}
              <span class="muted small">
                {r().builtBy === 'schedule' ? 'built on schedule' : 'built on demand'} from stored data as of the week's
                end ({f().week.timeZone})
              </span>
            </p>
            <p>
              <a class="button" href={`/api/reviews/${r().id}/markdown`} download={`hadi-review-${r().weekStart}.md`}>
                Download Markdown
              </a>
            </p>

            <section>
              <h2>Narrative</h2>
              <Show
                when={editable()}
                fallback={
                  <p class="narrative">{r().narrative.trim() || 'The lead has not written the narrative yet.'}</p>
                }
              >
                <label>
                  What changed, what we do next
                  <textarea
                    name="narrative"
                    rows="6"
                    maxLength={20000}
                    value={narrative()}
                    onInput={(e) => setNarrative(e.currentTarget.value)}
                  />
                </label>
                <Show when={problem()}>
                  <p class="field-error" role="alert">
                    {problem()}
                  </p>
                </Show>
                <div class="row">
                  <button type="button" disabled={saving() || !dirty()} onClick={() => void save()}>
                    Save narrative
                  </button>
                  <button type="button" class="primary" disabled={saving()} onClick={() => void publish()}>
                    Publish
                  </button>
                </div>
              </Show>
            </section>

            <Block title="Tests launched" items={f().launched} empty="No test launched this week.">
              {(c) => (
                <>
                  <A href={`/cycles/${c.cycleId}`}>{c.name}</A>
                  {c.budget ? ` — budget ${money(c.budget, 0)}` : ''}
                </>
              )}
            </Block>
            <Block title="Tests closed" items={f().closed} empty="No test closed this week.">
              {(c) => (
                <>
                  <A href={`/cycles/${c.cycleId}`}>{c.name}</A>:{' '}
                  <strong>{decisionLabel[c.decision ?? ''] ?? c.decision}</strong>
                  {c.followedRule
                    ? ', as the rule said'
                    : `, the rule said ${decisionLabel[c.verdict ?? ''] ?? 'nothing yet'} — override: “${c.overrideReason ?? 'no reason recorded'}”`}
                </>
              )}
            </Block>
            <Show when={f().closed.length > 0}>
              <p>
                <strong>
                  Followed their pre-registered rule: {shareOf(f().followedRule.followed, f().followedRule.closed)}
                </strong>
              </p>
            </Show>
            <Block
              title="Learnings and insights published"
              items={[
                ...f().learnings.map((l) => ({ href: `/learnings/${l.learningId}`, text: `Learning: ${l.title}` })),
                ...f().insights.map((i) => ({
                  href: `/insights/${i.insightId}`,
                  text: `Insight: ${i.title} (${i.citations} cited test${i.citations === 1 ? '' : 's'})`,
                })),
              ]}
              empty="Nothing published this week."
            >
              {(x) => <A href={x.href}>{x.text}</A>}
            </Block>
            <Block
              title="Needs a decision"
              items={f().needsDecision}
              empty="No running test is waiting for a decision."
            >
              {(c) => (
                <>
                  <A href={`/cycles/${c.cycleId}`}>{c.name}</A> — day {c.daysRunning}, the rule says{' '}
                  {decisionLabel[c.verdict] ?? c.verdict}
                  {c.overdue.length ? `; ${c.overdue.join('; ')}` : ''}
                </>
              )}
            </Block>
            <Block title="Warnings" items={f().warnings} empty="No sample-ratio or guardrail warning.">
              {(c) => (
                <>
                  <A href={`/cycles/${c.cycleId}`}>{c.name}</A>:{' '}
                  {[c.srm.mismatch ? 'sample ratio mismatch: fix the split first' : '', ...c.guardrailBreaches]
                    .filter(Boolean)
                    .join('; ')}
                </>
              )}
            </Block>
            <Block title="Mentions" items={f().mentions ?? []} empty="Nobody was mentioned in a comment this week.">
              {(p) => (
                <>
                  <strong>{p.name}</strong>, mentioned {p.mentions.length} time{p.mentions.length === 1 ? '' : 's'}
                  <ul class="plain-list review-mentions">
                    <For each={p.mentions}>
                      {(m) => (
                        <li>
                          by {m.author} on{' '}
                          <A href={m.targetType === 'cycle' ? `/cycles/${m.targetId}` : `/h/${m.targetId}`}>
                            {m.targetName ?? `a ${m.targetType}`}
                          </A>
                          : <q>{m.excerpt}</q>
                        </li>
                      )}
                    </For>
                  </ul>
                </>
              )}
            </Block>
            <Block title="Spend against budget envelopes" items={f().spend} empty="No objective yet.">
              {(o) => (
                <>
                  <strong>{o.title}</strong>:{' '}
                  {o.envelope
                    ? `${money(o.spentToDate, 0)} of ${money(o.envelope, 0)}, ${money(o.spentThisWeek, 0)} this week`
                    : `${money(o.spentToDate, 0)} spent, ${money(o.spentThisWeek, 0)} this week (no envelope set)`}
                  <Show when={o.envelope}>
                    <progress
                      max="1"
                      value={Math.min(1, o.share ?? 0)}
                      aria-label={`${o.title}: ${Math.round((o.share ?? 0) * 100)}% of the envelope spent`}
                    />
                  </Show>
                </>
              )}
            </Block>
            <Block
              title="Proposed next actions"
              items={f().nextActions}
              empty="The backlog is empty: log new hypotheses."
            >
              {(h) => (
                <>
                  <A href={`/h/${h.hypothesisId}`}>{h.title}</A> — ICE {h.iceScore ?? 'not scored'}
                  {h.missing.length
                    ? ` (still missing ${h.missing.length} part${h.missing.length === 1 ? '' : 's'})`
                    : ''}
                </>
              )}
            </Block>
          </article>
        );
      }}
    </Show>
  );
}
