import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { can } from '../api';
import { channels, me } from '../data';
import { money } from '../ui/labels';
import { Empty, ErrorBox } from '../ui';
import { CHANNEL_JOBS, channelFigures, jobLabel, kindLabel, totalTests, winRateText } from './store';

/** Every channel grouped by its job in the funnel, with its tests, win rate and spend. */
export default function ChannelMap() {
  const [figures, { refetch }] = channelFigures();
  const figuresOf = (id: string) => figures()?.find((f) => f.channelId === id);
  const live = () => channels().filter((c) => !c.archived);
  const archived = () => channels().filter((c) => c.archived);
  const meta = (id: string, kind: string) => {
    const f = figuresOf(id);
    if (figures.loading && !f) return `${kindLabel(kind)} · adding up tests…`;
    const n = totalTests(f);
    return `${kindLabel(kind)} · ${n === 0 ? 'no tests yet' : `${n} ${n === 1 ? 'test' : 'tests'}`} · ${winRateText(f)} · ${money(f?.spend ?? 0, 0)} spent on closed tests`;
  };
  const card = (c: { id: string; name: string; kind: string }) => (
    <li class="card" data-testid="channel-card">
      <A class="card-link" href={`/channels/${c.id}`}>
        <span class="card-body">
          <strong class="card-title">{c.name}</strong>
          <span class="meta">{meta(c.id, c.kind)}</span>
        </span>
      </A>
    </li>
  );
  return (
    <section>
      <div class="row between">
        <h1>Channel map</h1>
        <Show when={can(me(), 'admin')}>
          <A class="button primary" href="/channels/new">
            + Add channel
          </A>
        </Show>
      </div>
      <p class="muted small">Each channel has one job in the funnel; its tests and win rate say how well we know it.</p>
      <Show when={figures.error}>
        <ErrorBox error={figures.error} retry={() => void refetch()} />
      </Show>
      <For each={CHANNEL_JOBS}>
        {(job) => {
          const mine = () => live().filter((c) => c.job === job);
          return (
            <section aria-labelledby={`job-${job}`} class="job">
              <h2 id={`job-${job}`}>
                {jobLabel[job]!.name} <span class="muted small">— {jobLabel[job]!.hint}</span>
              </h2>
              <Show
                when={mine().length}
                fallback={
                  <Empty>
                    <p>
                      No channel does this job yet.{' '}
                      {can(me(), 'admin')
                        ? 'Add one, or move a channel here by editing its job.'
                        : 'An admin adds channels.'}
                    </p>
                  </Empty>
                }
              >
                <ul class="cards">
                  <For each={mine()}>{card}</For>
                </ul>
              </Show>
            </section>
          );
        }}
      </For>
      <Show when={archived().length}>
        <details class="archived">
          <summary>Archived channels ({archived().length})</summary>
          <ul class="cards">
            <For each={archived()}>{card}</For>
          </ul>
        </details>
      </Show>
    </section>
  );
}
