import { A, useSearchParams } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { can } from '../api';
import { channelName, channels, hypotheses, lastSynced, me } from '../data';
import { leverLabel, LEVERS, statusLabel, STATUSES } from '../ui/labels';
import { FilterBar, InputFilter, SearchFilter, SelectFilter } from '../ui/filters';
import { Empty } from '../ui';

type Item = ReturnType<typeof hypotheses>[number];

function Card(props: { h: Item }) {
  return (
    <li class="card" data-testid="hypothesis-card">
      <A href={`/h/${props.h.id}`} class="card-link">
        <span class="ice" title="ICE score">
          <span class="sr-only">ICE score </span>
          {props.h.iceScore ?? '–'}
        </span>
        <span class="card-body">
          <strong class="card-title">{props.h.title}</strong>
          <span class="meta">
            {channelName(props.h.channelId) ?? 'No channel'} · {leverLabel(props.h.lever)} ·{' '}
            {statusLabel[props.h.status] ?? props.h.status}
            <Show when={props.h.tags.length > 0}> · {props.h.tags.map((t) => `#${t}`).join(' ')}</Show>
          </span>
          <span class="badges">
            <Show when={props.h.incomplete?.length > 0}>
              <span class="badge">Incomplete</span>
            </Show>
            <Show when={props.h.pending}>
              <span class="badge pending">Not synced yet</span>
            </Show>
            <Show when={props.h.conflict}>
              <span class="badge warn">Conflict</span>
            </Show>
          </span>
        </span>
      </A>
    </li>
  );
}

export function Backlog() {
  const [params, setParams] = useSearchParams<{
    q?: string;
    channel?: string;
    lever?: string;
    status?: string;
    tag?: string;
    view?: string;
  }>();
  const filtered = createMemo(() => {
    const q = (params.q ?? '').toLowerCase().trim();
    return hypotheses()
      .filter(
        (h) =>
          (!params.channel || h.channelId === params.channel) &&
          (!params.lever || h.lever === params.lever) &&
          (!params.status || h.status === params.status),
      )
      .filter((h) => !params.tag || h.tags.includes(params.tag.replace(/^#/, '')))
      .filter(
        (h) => !q || [h.title, h.change, h.audience, h.rationale, ...h.tags].some((t) => t?.toLowerCase().includes(q)),
      )
      .sort((a, b) => (b.iceScore ?? -1) - (a.iceScore ?? -1) || b.createdAt.localeCompare(a.createdAt));
  });
  const board = () => params.view === 'board';

  return (
    <section>
      <div class="row between">
        <h1>Backlog</h1>
        <Show when={can(me(), 'member')}>
          <A href="/h/new" class="button primary">
            + New hypothesis
          </A>
        </Show>
      </div>
      <p class="muted">
        <a href="/api/exports/hypotheses.csv" download="hadi-backlog.csv" data-testid="export-backlog">
          Download the backlog (CSV)
        </a>
      </p>
      <FilterBar>
        <SearchFilter />
        <SelectFilter
          label="Channel"
          name="channel"
          options={channels().map((c) => ({ value: c.id, label: c.name }))}
        />
        <SelectFilter label="Lever" name="lever" options={LEVERS.map((l) => ({ value: l, label: leverLabel(l) }))} />
        <SelectFilter
          label="Status"
          name="status"
          options={STATUSES.map((st) => ({ value: st, label: statusLabel[st] ?? st }))}
        />
        <InputFilter label="Tag" name="tag" />
      </FilterBar>
      <div class="row" role="group" aria-label="View">
        <button type="button" aria-pressed={!board()} onClick={() => setParams({ view: undefined })}>
          Ranked list
        </button>
        <button type="button" aria-pressed={board()} onClick={() => setParams({ view: 'board' })}>
          Board by status
        </button>
        <span class="muted small">
          {lastSynced() ? `Synced ${new Date(lastSynced()!).toLocaleString()}` : 'Not synced yet'}
        </span>
      </div>
      <Show
        when={filtered().length > 0}
        fallback={
          <Empty>
            {hypotheses().length === 0 ? (
              <p>No hypotheses yet. Log the first idea — a title is enough to start.</p>
            ) : (
              <p>Nothing matches these filters.</p>
            )}
          </Empty>
        }
      >
        <Show
          when={board()}
          fallback={
            <ol class="cards" aria-label="Hypotheses ranked by ICE">
              {<For each={filtered()}>{(h) => <Card h={h} />}</For>}
            </ol>
          }
        >
          <div class="board">
            <For each={STATUSES}>
              {(s) => (
                <section class="column" aria-label={statusLabel[s]}>
                  <h2>
                    {statusLabel[s]} <span class="muted">({filtered().filter((h) => h.status === s).length})</span>
                  </h2>
                  <ul class="cards">
                    <For each={filtered().filter((h) => h.status === s)}>{(h) => <Card h={h} />}</For>
                  </ul>
                </section>
              )}
            </For>
          </div>
        </Show>
      </Show>
    </section>
  );
}
