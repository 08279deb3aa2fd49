import { A, useSearchParams } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { can } from '../api';
import { channelName, channels, hypotheses, lastSynced, me } from '../data';
import { leverLabel, LEVERS, statusLabel, STATUSES } from '../labels';
import { Empty } from '../ui';

type Item = ReturnType<typeof hypotheses>[number];

function Card(props: { h: Item }) {
  return (
    <li class="card" data-testid="hypothesis-card">
      <A href={`/h/${props.h.id}`} class="card-link">
        <span class="ice" title="ICE score" aria-label={`ICE score ${props.h.iceScore ?? 'not scored'}`}>{props.h.iceScore ?? '–'}</span>
        <span class="card-body">
          <strong class="card-title">{props.h.title}</strong>
          <span class="meta">
            {channelName(props.h.channelId) ?? 'No channel'} · {leverLabel(props.h.lever)} · {statusLabel[props.h.status] ?? props.h.status}
            <Show when={props.h.tags.length > 0}> · {props.h.tags.map((t) => `#${t}`).join(' ')}</Show>
          </span>
          <span class="badges">
            <Show when={props.h.incomplete?.length > 0}><span class="badge">Incomplete</span></Show>
            <Show when={props.h.pending}><span class="badge pending">Not synced yet</span></Show>
            <Show when={props.h.conflict}><span class="badge warn">Conflict</span></Show>
          </span>
        </span>
      </A>
    </li>
  );
}

export function Backlog() {
  const [params, setParams] = useSearchParams<{ q?: string; channel?: string; lever?: string; status?: string; tag?: string; view?: string }>();
  const filtered = createMemo(() => {
    const q = (params.q ?? '').toLowerCase().trim();
    return hypotheses()
      .filter((h) => (!params.channel || h.channelId === params.channel) && (!params.lever || h.lever === params.lever) && (!params.status || h.status === params.status))
      .filter((h) => !params.tag || h.tags.includes(params.tag.replace(/^#/, '')))
      .filter((h) => !q || [h.title, h.change, h.audience, h.rationale, ...h.tags].some((t) => t?.toLowerCase().includes(q)))
      .sort((a, b) => (b.iceScore ?? -1) - (a.iceScore ?? -1) || b.createdAt.localeCompare(a.createdAt));
  });
  const board = () => params.view === 'board';

  return (
    <section>
      <div class="row between">
        <h1>Backlog</h1>
        <Show when={can(me(), 'member')}>
          <A href="/h/new" class="button primary">+ New hypothesis</A>
        </Show>
      </div>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label class="grow">Search<input type="search" name="q" value={params.q ?? ''} onInput={(e) => setParams({ q: e.currentTarget.value || undefined })} /></label>
        <label>Channel
          <select name="channel" value={params.channel ?? ''} onChange={(e) => setParams({ channel: e.currentTarget.value || undefined })}>
            <option value="">All</option>
            <For each={channels()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
        </label>
        <label>Lever
          <select name="lever" value={params.lever ?? ''} onChange={(e) => setParams({ lever: e.currentTarget.value || undefined })}>
            <option value="">All</option>
            <For each={LEVERS}>{(l) => <option value={l}>{leverLabel(l)}</option>}</For>
          </select>
        </label>
        <label>Status
          <select name="status" value={params.status ?? ''} onChange={(e) => setParams({ status: e.currentTarget.value || undefined })}>
            <option value="">All</option>
            <For each={STATUSES}>{(s) => <option value={s}>{statusLabel[s]}</option>}</For>
          </select>
        </label>
        <label>Tag<input name="tag" value={params.tag ?? ''} onChange={(e) => setParams({ tag: e.currentTarget.value || undefined })} /></label>
      </form>
      <div class="row" role="group" aria-label="View">
        <button type="button" aria-pressed={!board()} onClick={() => setParams({ view: undefined })}>Ranked list</button>
        <button type="button" aria-pressed={board()} onClick={() => setParams({ view: 'board' })}>Board by status</button>
        <span class="muted small">{lastSynced() ? `Synced ${new Date(lastSynced()!).toLocaleString()}` : 'Not synced yet'}</span>
      </div>
      <Show when={filtered().length > 0} fallback={<Empty>{hypotheses().length === 0 ? <p>No hypotheses yet. Log the first idea — a title is enough to start.</p> : <p>Nothing matches these filters.</p>}</Empty>}>
        <Show when={board()} fallback={<ol class="cards" aria-label="Hypotheses ranked by ICE">{<For each={filtered()}>{(h) => <Card h={h} />}</For>}</ol>}>
          <div class="board">
            <For each={STATUSES}>
              {(s) => (
                <section class="column" aria-label={statusLabel[s]}>
                  <h2>{statusLabel[s]} <span class="muted">({filtered().filter((h) => h.status === s).length})</span></h2>
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
