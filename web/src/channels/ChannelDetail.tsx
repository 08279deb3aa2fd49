import { A, useParams } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { api, call, can, HttpError } from '../api';
import { channels, cycles, hypotheses, me } from '../data';
import { Empty, ErrorBox, Loading, StatusCard, toast } from '../ui';
import { decisionLabel, money, statusLabel } from '../ui/labels';
import { ChannelForm, upsertChannel } from './ChannelForm';
import { channelFigures, jobLabel, kindLabel, totalTests, winRateText } from './store';

export function NewChannel() {
  return (
    <Show
      when={can(me(), 'admin')}
      fallback={
        <Empty>
          <p>
            Admins add channels. <A href="/channels">Back to the channel map</A>
          </p>
        </Empty>
      }
    >
      <section>
        <p class="muted">
          <A href="/channels">← Channel map</A>
        </p>
        <h1>Add a channel</h1>
        <ChannelForm />
      </section>
    </Show>
  );
}

export default function ChannelDetail() {
  const params = useParams<{ id: string }>();
  const channel = createMemo(() => channels().find((c) => c.id === params.id));
  const [figures, { refetch }] = channelFigures();
  const mine = () => figures()?.find((f) => f.channelId === params.id);
  const ideaIds = createMemo(
    () =>
      new Set(
        hypotheses()
          .filter((h) => h.channelId === params.id)
          .map((h) => h.id),
      ),
  );
  const tests = () =>
    cycles()
      .filter((c) => ideaIds().has(c.hypothesisId))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const [editing, setEditing] = createSignal(false);
  const [problem, setProblem] = createSignal<unknown>();

  const toggleArchive = async () => {
    const c = channel();
    if (!c) return;
    try {
      const saved = await call(
        api.channels[':id'].$patch({ param: { id: c.id }, json: { archived: !c.archived, version: c.version } }),
      );
      upsertChannel(saved);
      toast(saved.archived ? `${saved.name} archived: it no longer appears in choices` : `${saved.name} is back`);
    } catch (err) {
      setProblem(err instanceof HttpError ? err : new Error('You are offline: try again when connected.'));
    }
  };

  return (
    <Show
      when={channel()}
      fallback={
        <Empty>
          <p>
            No such channel on this device. <A href="/channels">Back to the channel map</A>
          </p>
        </Empty>
      }
    >
      {(c) => (
        <article>
          <p class="muted">
            <A href="/channels">← Channel map</A>
          </p>
          <h1>{c().name}</h1>
          <p>
            {kindLabel(c().kind)} · job: <strong>{jobLabel[c().job]?.name}</strong>{' '}
            <span class="muted">({jobLabel[c().job]?.hint})</span>
            <Show when={c().archived}>
              {' '}
              · <span class="badge warn">Archived</span>
            </Show>
          </p>
          <Show when={!figures.error} fallback={<ErrorBox error={figures.error} retry={() => void refetch()} />}>
            <Show when={!figures.loading} fallback={<Loading label="Adding up the tests…" />}>
              <p data-testid="channel-figures">
                {totalTests(mine())} {totalTests(mine()) === 1 ? 'test' : 'tests'}; {winRateText(mine())};{' '}
                {money(mine()?.spend ?? 0, 0)} spent on closed tests.
              </p>
            </Show>
          </Show>
          <h2>Tests on this channel</h2>
          <Show
            when={tests().length}
            fallback={
              <Empty>
                <p>No test on this channel yet. Log an idea for it in the backlog, then design a test.</p>
              </Empty>
            }
          >
            <ul class="cards">
              <For each={tests()}>
                {(t) => (
                  <StatusCard
                    href={t.status === 'draft' ? `/cycles/${t.id}/design` : `/cycles/${t.id}`}
                    chipClass={`s-${t.status}`}
                    chip={statusLabel[t.status] ?? t.status}
                    title={t.name}
                    meta={
                      t.decision
                        ? `decided: ${decisionLabel[t.decision] ?? t.decision}`
                        : t.launchedAt
                          ? `launched ${t.launchedAt.slice(0, 10)}`
                          : 'not launched'
                    }
                  />
                )}
              </For>
            </ul>
          </Show>
          <Show when={can(me(), 'admin')}>
            <h2>Manage</h2>
            <Show when={problem()}>
              <ErrorBox error={problem()} />
            </Show>
            <Show
              when={editing()}
              fallback={
                <div class="row">
                  <button type="button" onClick={() => setEditing(true)}>
                    Rename or change job
                  </button>
                  <button type="button" onClick={() => void toggleArchive()}>
                    {c().archived ? 'Restore channel' : 'Archive channel'}
                  </button>
                </div>
              }
            >
              <ChannelForm channel={c()} onSaved={() => setEditing(false)} />
            </Show>
          </Show>
        </article>
      )}
    </Show>
  );
}
