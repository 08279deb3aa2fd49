import { A, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { InferResponseType } from 'hono/client';
import { api, call, type HttpError } from '../api';
import { Empty, ErrorBox, Loading } from '../ui';
import { highlightParts } from './highlight';

type Page = InferResponseType<typeof api.search.$get, 200>;
type Hit = Page['items'][number];
type HitType = Hit['type'];

const SCREENS: Record<string, (id: string) => string> = {
  learning: (id) => `/learnings/${id}`,
  hypothesis: (id) => `/h/${id}`,
  cycle: (id) => `/cycles/${id}`,
  insight: (id) => `/insights/${id}`,
};
/** Where a hit opens: its own screen, or for a comment the screen of the record it discusses. */
const screenOf = (hit: Hit) =>
  hit.parent ? (SCREENS[hit.parent.type]?.(hit.parent.id) ?? '/search') : SCREENS[hit.type]!(hit.id);

const TYPES: { type: HitType; label: string }[] = [
  { type: 'learning', label: 'Learnings' },
  { type: 'insight', label: 'Insights' },
  { type: 'hypothesis', label: 'Hypotheses' },
  { type: 'cycle', label: 'Cycles' },
  { type: 'comment', label: 'Comments' },
];

const fetchPage = (q: string, type: string, cursor?: string): Promise<Page> =>
  call(api.search.$get({ query: { q, ...(type ? { type: type as HitType } : {}), ...(cursor ? { cursor } : {}) } }));

/** One search over the workspace's hypotheses, cycles, learnings, insights and comments, grouped by kind. */
export default function Search() {
  const [params, setParams] = useSearchParams<{ q?: string; type?: string }>();
  const [more, setMore] = createSignal<Hit[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loadingMore, setLoadingMore] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const [page] = createResource(
    () => ({ q: (params.q ?? '').trim(), type: params.type ?? '' }),
    async ({ q, type }) => {
      setMore([]);
      if (!q) return null;
      const first = await fetchPage(q, type);
      setCursor(first.nextCursor);
      return first;
    },
  );
  const hits = () => [...(page()?.items ?? []), ...more()];
  const loadMore = async () => {
    const next = cursor();
    if (!next) return;
    setLoadingMore(true);
    try {
      const res = await fetchPage((params.q ?? '').trim(), params.type ?? '', next);
      setMore([...more(), ...res.items]);
      setCursor(res.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  };
  const onInput = (value: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => setParams({ q: value || undefined }, { replace: true }), 250);
  };

  return (
    <section>
      <h1>Search</h1>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label class="grow">
          Words to find
          <input
            type="search"
            name="q"
            value={params.q ?? ''}
            autofocus
            placeholder="e.g. free shipping banner"
            onInput={(e) => onInput(e.currentTarget.value)}
            data-testid="search-input"
          />
        </label>
        <label>
          Kind
          <select
            name="type"
            value={params.type ?? ''}
            onChange={(e) => setParams({ type: e.currentTarget.value || undefined })}
          >
            <option value="">Everything</option>
            <For each={TYPES}>{(t) => <option value={t.type}>{t.label}</option>}</For>
          </select>
        </label>
      </form>
      <Show when={!page.error} fallback={<ErrorBox error={page.error as HttpError} />}>
        <Show when={!page.loading} fallback={<Loading label="Searching…" />}>
          <Show
            when={page()}
            fallback={
              <Empty>
                <p>
                  Type a word from a hypothesis, a cycle, a learning, an insight or a comment: titles, changes, claims,
                  tags.
                </p>
              </Empty>
            }
          >
            <Show
              when={hits().length > 0}
              fallback={
                <Empty>
                  <p>Nothing matches “{params.q}”. Try fewer or shorter words, or another kind.</p>
                </Empty>
              }
            >
              <Show when={page()?.rankedAmongNewest}>
                {(window) => (
                  <p class="muted small" data-testid="search-window">
                    Many records match: these are the best of the {window().toLocaleString()} most recent. Add a word to
                    reach older ones.
                  </p>
                )}
              </Show>
              <For each={TYPES.filter((t) => hits().some((h) => h.type === t.type))}>
                {(group) => (
                  <section class="search-group" data-testid={`search-group-${group.type}`}>
                    <h2>{group.label}</h2>
                    <ul class="cards">
                      <For each={hits().filter((h) => h.type === group.type)}>
                        {(hit) => (
                          <li class="card" data-testid="search-hit">
                            <A class="card-link" href={screenOf(hit)}>
                              <span class="card-body">
                                <strong class="card-title">{hit.title}</strong>
                                <span class="meta snippet">
                                  <For each={highlightParts(hit.snippet)}>
                                    {(part) => (part.match ? <mark>{part.text}</mark> : part.text)}
                                  </For>
                                </span>
                              </span>
                            </A>
                          </li>
                        )}
                      </For>
                    </ul>
                  </section>
                )}
              </For>
              <Show when={cursor()}>
                <button type="button" disabled={loadingMore()} onClick={() => void loadMore()}>
                  {loadingMore() ? 'Loading…' : 'More results'}
                </button>
              </Show>
            </Show>
          </Show>
        </Show>
      </Show>
    </section>
  );
}
