import { A, useParams } from '@solidjs/router';
import { createResource, For, Show, type JSX } from 'solid-js';
import { api, call, NetworkError } from '../api';
import { channelName } from '../data';
import { Empty, ErrorBox, Loading } from '../ui';
import { decisionLabel, leverLabel, statusLabel } from '../ui/labels';
import { type Chain, localChain } from './local';

type Link = Chain['hypothesis'];

/** One step of the chain: what it is (idea, test, insight), the link, and a line of facts. */
function Step(props: { kind: 'idea' | 'test' | 'insight' | 'follow-up'; current?: boolean; children: JSX.Element }) {
  const label = { idea: 'Idea', test: 'Test', insight: 'Insight', 'follow-up': 'Follow-up' }[props.kind];
  return (
    <li
      class={`step step-${props.kind}`}
      classList={{ current: !!props.current }}
      aria-current={props.current ? 'step' : undefined}
    >
      <span class="step-kind">{label}</span>
      <div class="step-body">{props.children}</div>
    </li>
  );
}

const ideaFacts = (h: Link) =>
  [statusLabel[h.status] ?? h.status, channelName(h.channelId) ?? 'no channel', `lever: ${leverLabel(h.lever)}`].join(
    ' · ',
  );

function Test(props: { t: Chain['tests'][number] }) {
  const c = () => props.t.cycle;
  return (
    <>
      <Step kind="test">
        <A href={c().status === 'draft' ? `/cycles/${c().id}/design` : `/cycles/${c().id}`}>{c().name}</A>
        <span class="meta">
          {statusLabel[c().status] ?? c().status}
          {c().launchedAt ? ` · launched ${c().launchedAt!.slice(0, 10)}` : ''}
          {c().closedAt ? ` · closed ${c().closedAt!.slice(0, 10)}` : ''}
        </span>
      </Step>
      <Show when={props.t.learning}>
        {(l) => (
          <Step kind="insight">
            <A href={`/learnings/${l().id}`}>{l().title}</A>
            <span class="meta">
              Decided: {decisionLabel[l().decision] ?? l().decision}
              {l().isOverride ? ` (the rule said ${decisionLabel[l().verdict ?? ''] ?? l().verdict})` : ''}
            </span>
            <span>{l().summary}</span>
          </Step>
        )}
      </Show>
      <Show when={props.t.followUps.length}>
        <For each={props.t.followUps}>
          {(h) => (
            <Step kind="follow-up">
              <A href={`/chain/${h.id}`} data-testid="chain-follow-up">
                {h.title}
              </A>
              <span class="meta">{ideaFacts(h)}</span>
            </Step>
          )}
        </For>
      </Show>
    </>
  );
}

/** The HADI chain around one idea: parent insight → idea → test → learning → follow-ups, oldest first. */
export default function ChainView() {
  const params = useParams<{ id: string }>();
  const [chain, { refetch }] = createResource(
    () => params.id,
    async (id) => {
      try {
        return { chain: await call(api.hypotheses[':id'].chain.$get({ param: { id } })), offline: false };
      } catch (err) {
        if (err instanceof NetworkError) return { chain: localChain(id), offline: true };
        throw err;
      }
    },
  );
  return (
    <section>
      <h1>HADI chain</h1>
      <p class="muted small">How this idea came to be, what tested it, what we learned, and what that led to.</p>
      <Show when={!chain.error} fallback={<ErrorBox error={chain.error} retry={() => void refetch()} />}>
        <Show when={chain()} fallback={<Loading label="Walking the chain…" />}>
          {(r) => (
            <Show
              when={r().chain}
              fallback={
                <Empty>
                  <p>
                    This idea is not on this device yet. <A href="/learnings">Back to the learning log</A>
                  </p>
                </Empty>
              }
            >
              {(c) => (
                <>
                  <Show when={r().offline}>
                    <p class="badge pending">Offline: shown from this device’s copy</p>
                  </Show>
                  <ol class="chain" aria-label="The chain, oldest first">
                    <For each={c().ancestors}>
                      {(a) => (
                        <>
                          <Show when={a.hypothesis}>
                            {(h) => (
                              <Step kind="idea">
                                <A href={`/chain/${h().id}`}>{h().title}</A>
                                <span class="meta">{ideaFacts(h())}</span>
                              </Step>
                            )}
                          </Show>
                          <Test t={{ cycle: a.cycle, learning: a.learning, followUps: [] }} />
                        </>
                      )}
                    </For>
                    <Step kind="idea" current>
                      <A href={`/h/${c().hypothesis.id}`}>{c().hypothesis.title}</A>
                      <span class="meta">{ideaFacts(c().hypothesis)}</span>
                    </Step>
                    <For each={c().tests}>{(t) => <Test t={t} />}</For>
                  </ol>
                  <Show when={c().tests.length === 0}>
                    <Empty>
                      <p>This idea has not been tested yet. A member designs a test from the idea’s screen.</p>
                    </Empty>
                  </Show>
                </>
              )}
            </Show>
          )}
        </Show>
      </Show>
    </section>
  );
}
