import { useSearchParams } from '@solidjs/router';
import type { InferResponseType } from 'hono/client';
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { api, call } from '../api';
import { channelName, cycles, hypotheses, metricName } from '../data';
import { Empty, Loading } from '../ui';
import { FilterBar, InputFilter, SelectFilter } from '../ui/filters';
import { changes, ENTITIES, entityTitle, recordLabel, sentence } from './audit-text';
import { dateTime, FormError, timeAgo, useSubmit } from './ui';

/** A hypothesis or test title from the local copy, for ids in an entry (parent, hypothesis, cycle). */
const titleOf = (id: string) => hypotheses().find((h) => h.id === id)?.title ?? cycles().find((c) => c.id === id)?.name;

type Entry = InferResponseType<typeof api.audit.$get, 200>['items'][number];
type Filters = { entity?: string; entityId?: string; actorId?: string; from?: string; to?: string };
const PAGE = '30';
const LABELS = { from: 'From', to: 'To', entity: 'Record type', entityId: 'Record', actorId: 'Who' };

/** A local calendar day as the instant it starts, so "from 1 Dec to 1 Dec" means that whole day here. */
const dayStart = (date: string, plusDays = 0) => {
  const d = new Date(`${date}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return Number.isNaN(d.getTime()) ? date : d.toISOString();
};

function query(f: Filters, cursor?: string) {
  return {
    limit: PAGE,
    ...(f.entity ? { entity: f.entity } : {}),
    ...(f.entityId ? { entityId: f.entityId } : {}),
    ...(f.actorId ? { actorId: f.actorId } : {}),
    ...(f.from ? { from: dayStart(f.from) } : {}),
    ...(f.to ? { to: dayStart(f.to, 1) } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

function EntryCard(props: { entry: Entry; names: Map<string, string>; onRecord: () => void }) {
  const e = props.entry;
  const list = changes(e, (id) => props.names.get(id) ?? channelName(id) ?? metricName(id) ?? titleOf(id));
  return (
    <li class="card" data-testid="audit-entry">
      <p class="card-title">
        <strong>{sentence(e, props.names)}</strong>
      </p>
      <p class="meta small">
        <time datetime={e.at} title={dateTime(e.at)}>
          {timeAgo(e.at)}
        </time>{' '}
        · {dateTime(e.at)}
        {e.actorType === 'token' ? ' · by API token' : ''}
      </p>
      <Show when={list.length}>
        <ul class="changes">
          <For each={list}>
            {(c) => (
              <li>
                {c.field}:{' '}
                <Show when={c.from !== undefined} fallback={<ins>{c.to}</ins>}>
                  <del>{c.from}</del> → <ins>{c.to}</ins>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <button type="button" class="link small" onClick={() => props.onRecord()}>
        History of this {ENTITIES[e.entity] ?? e.entity}
      </button>
    </li>
  );
}

export default function Audit() {
  const [params, setParams] = useSearchParams<Filters>();
  const [people] = createResource(async () => {
    const [m, t] = await Promise.all([call(api.members.$get()), call(api.tokens.$get())]);
    return [
      ...m.items.map((x) => ({ value: x.id, label: x.name, name: x.name })),
      ...t.items.map((x) => ({ value: x.id, label: `${x.name} (API token)`, name: x.name })),
    ];
  });
  const names = () => new Map((people() ?? []).map((p) => [p.value, p.name]));
  const [items, setItems] = createSignal<Entry[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loaded, setLoaded] = createSignal(false);
  const [recordName, setRecordName] = createSignal<string>();
  const load = useSubmit(LABELS);
  const filters = (): Filters => ({
    entity: params.entity,
    entityId: params.entityId,
    actorId: params.actorId,
    from: params.from,
    to: params.to,
  });
  // Filters change faster than reads answer: only the newest read may fill the list, or an older, slower one
  // (say, before "Who" was picked) would overwrite it.
  let newest = 0;
  const fetchPage = (more: boolean) => {
    const ticket = ++newest;
    return load.run(async () => {
      const res = await call(api.audit.$get({ query: query(filters(), more ? (cursor() ?? undefined) : undefined) }));
      if (ticket !== newest) return;
      setItems(more ? [...items(), ...res.items] : res.items);
      setCursor(res.nextCursor);
      setLoaded(true);
    });
  };
  createEffect(
    on(
      () => JSON.stringify(filters()),
      () => {
        setLoaded(false);
        setItems([]);
        void fetchPage(false);
      },
    ),
  );
  const showRecord = (e: Entry) => {
    setRecordName(names().get(e.entityId) ?? recordLabel(e) ?? ENTITIES[e.entity]);
    setParams({ entity: e.entity, entityId: e.entityId });
    window.scrollTo(0, 0);
  };
  const filtered = () => Object.values(filters()).some(Boolean);
  return (
    <>
      <h1>Audit trail</h1>
      <p class="muted small">Every change, newest first: who made it, when, and each field’s old → new value.</p>
      <FilterBar names={['entity', 'actorId', 'from', 'to']} search={false}>
        <SelectFilter
          label="Record type"
          name="entity"
          options={Object.keys(ENTITIES).map((value) => ({ value, label: entityTitle(value) }))}
        />
        <SelectFilter
          label="Who"
          name="actorId"
          options={(people() ?? []).map(({ value, label }) => ({ value, label }))}
        />
        <InputFilter label="From" name="from" type="date" />
        <InputFilter label="To" name="to" type="date" />
      </FilterBar>
      <Show when={params.entityId}>
        <p class="row between" data-testid="record-filter">
          <span>
            Only the history of {ENTITIES[params.entity ?? ''] ?? 'one record'}
            {recordName() ? ` “${recordName()}”` : ''}
          </span>
          <button type="button" class="link" onClick={() => setParams({ entityId: undefined })}>
            Show all records
          </button>
        </p>
      </Show>
      <FormError message={load.error()} />
      <Show when={loaded() || load.error()} fallback={<Loading label="Loading the audit trail…" />}>
        <Show
          when={items().length}
          fallback={
            <Show when={!load.error()}>
              <Empty>
                <p>
                  {filtered()
                    ? 'No changes match these filters. Widen the dates or choose “All”.'
                    : 'No changes recorded yet: every write in Hadi appears here.'}
                </p>
              </Empty>
            </Show>
          }
        >
          <ul class="cards">
            <For each={items()}>{(e) => <EntryCard entry={e} names={names()} onRecord={() => showRecord(e)} />}</For>
          </ul>
          <Show when={cursor()}>
            <button type="button" disabled={load.busy()} onClick={() => void fetchPage(true)}>
              {load.busy() ? 'Loading…' : 'Show older changes'}
            </button>
          </Show>
        </Show>
      </Show>
    </>
  );
}
