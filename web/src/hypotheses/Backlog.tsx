import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { can } from '../api';
import { channelName, channels, hypotheses, lastSynced, me } from '../data';
import { iceParts, leverLabel, LEVERS, statusLabel, STATUSES, syncedAt } from '../ui/labels';
import { FilterBar, InputFilter, SelectFilter } from '../ui/filters';
import { Empty, Loading } from '../ui';
import { byExpectedValue } from '../money/expected-value';
import { ExpectedValueFigure } from '../money/ExpectedValueFigure';

type Item = ReturnType<typeof hypotheses>[number];
/** ISO timestamps sort as plain strings; localeCompare would load ICU collation data at boot for nothing. */
const newestFirst = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

/**
 * One idea. Kept cheap (30 of them render at boot on a slow phone): a plain link (the router still handles it), one
 * text line for the facts, and the ICE parts in a native disclosure (tap) and a title (hover), no script per card.
 */
function Card(props: { h: Item }) {
  const [opened, setOpened] = createSignal(false); // ICE's parts are built on the first tap
  const meta = () => {
    const h = props.h;
    const tags = h.tags.length > 0 ? ` · ${h.tags.map((t) => `#${t}`).join(' ')}` : '';
    return `${channelName(h.channelId) ?? 'No channel'} · ${leverLabel(h.lever)} · ${statusLabel[h.status] ?? h.status}${tags}`;
  };
  return (
    <li class="card idea" data-testid="hypothesis-card">
      <details class="ice" title={iceParts(props.h)} onToggle={(t) => t.currentTarget.open && setOpened(true)}>
        <summary>
          <span class="ice-name">ICE</span> <span class="ice-value">{props.h.iceScore ?? '–'}</span>{' '}
          <span class="ice-of">of 10</span>
        </summary>
        <Show when={opened()}>
          <p class="ice-parts">{iceParts(props.h)}</p>
        </Show>
      </details>
      <a href={`/h/${props.h.id}`} class="card-link">
        <span class="card-body">
          <strong class="card-title">{props.h.title}</strong>
          <span class="meta">{meta()}</span>
          <Show when={props.h.incomplete?.length > 0 || props.h.pending || props.h.conflict}>
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
          </Show>
        </span>
      </a>
      <ExpectedValueFigure h={props.h} />
    </li>
  );
}

/**
 * The first cards at once (a phone screen holds about four), the rest a few at a time after it has painted: one
 * long render of 30+ cards blocked a throttled phone for most of a second.
 */
const FIRST_CARDS = 5;
const MORE_CARDS = 4;
function useGrowingLimit(total: () => number) {
  const [limit, setLimit] = createSignal(FIRST_CARDS);
  createEffect(() => {
    if (limit() >= total()) return;
    const next = setTimeout(() => setLimit((n) => n + MORE_CARDS), 0);
    onCleanup(() => clearTimeout(next));
  });
  return limit;
}

export function Backlog() {
  const [params, setParams] = useSearchParams<{
    q?: string;
    channel?: string;
    lever?: string;
    status?: string;
    tag?: string;
    view?: string;
    sort?: string;
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
      .sort((a, b) =>
        params.sort === 'value'
          ? byExpectedValue(a, b)
          : (b.iceScore ?? -1) - (a.iceScore ?? -1) || newestFirst(a.createdAt, b.createdAt),
      );
  });
  const board = () => params.view === 'board';
  const limit = useGrowingLimit(() => filtered().length);
  const ranked = createMemo(() => filtered().slice(0, limit()));

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
      <FilterBar names={['channel', 'lever', 'status', 'tag']}>
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
        <label>
          Rank by
          <select
            name="sort"
            value={params.sort ?? ''}
            onChange={(e) => setParams({ sort: e.currentTarget.value || undefined })}
          >
            <option value="">ICE score</option>
            <option value="value">Expected value</option>
          </select>
        </label>
      </FilterBar>
      <div class="row" role="group" aria-label="View">
        <button type="button" aria-pressed={!board()} onClick={() => setParams({ view: undefined })}>
          Ranked list
        </button>
        <button type="button" aria-pressed={board()} onClick={() => setParams({ view: 'board' })}>
          Board by status
        </button>
        <span class="muted small">{lastSynced() ? `Synced ${syncedAt(lastSynced()!)}` : 'Not synced yet'}</span>
      </div>
      <Show
        when={filtered().length > 0}
        fallback={
          <Empty>
            {hypotheses().length === 0 && !lastSynced() ? (
              <Loading label="Loading the backlog…" />
            ) : hypotheses().length === 0 ? (
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
            <ol class="cards" aria-label={`Hypotheses ranked by ${params.sort === 'value' ? 'expected value' : 'ICE'}`}>
              <For each={ranked()}>{(h) => <Card h={h} />}</For>
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
