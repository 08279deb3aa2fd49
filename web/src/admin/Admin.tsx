import { A, useParams } from '@solidjs/router';
import { createResource, For, lazy, Match, Show, Switch } from 'solid-js';
import { api, call, can } from '../api';
import { me } from '../data';
import { Empty } from '../ui';
import { ROLE_LABEL } from './ui';
import './admin.css';

const Members = lazy(() => import('./Members'));
const Metrics = lazy(() => import('./Metrics'));
const Tokens = lazy(() => import('./Tokens'));
const Audit = lazy(() => import('./Audit'));
const Webhooks = lazy(() => import('./Webhooks'));

const SECTIONS = [
  { path: 'members', label: 'Members', about: 'Invite people, change roles, disable accounts' },
  { path: 'metrics', label: 'Metrics', about: 'What tests measure: kind, unit, good direction, cost formula' },
  { path: 'tokens', label: 'Tokens', about: 'Keys for integrations, each with one role' },
  { path: 'webhooks', label: 'Webhooks', about: 'Tell other tools when tests launch, close or break a guardrail' },
  { path: 'audit', label: 'Audit', about: 'Who changed what, and when' },
] as const;

/** The note an admin must not miss: endpoints Hadi stopped delivering to after 3 days of failures. */
function DisabledWebhooks() {
  const [list] = createResource(() => call(api.webhooks.$get()).catch(() => ({ items: [] })));
  const disabled = () => (list()?.items ?? []).filter((e) => e.status === 'disabled').length;
  return (
    <Show when={disabled()}>
      <p class="warning" role="alert" data-testid="admin-webhooks-disabled">
        {disabled() === 1 ? 'A webhook endpoint was' : `${disabled()} webhook endpoints were`} disabled after failing
        for 3 days. <A href="/admin/webhooks">Open Webhooks</A> to see why and re-enable.
      </p>
    </Show>
  );
}

/** Admin: people, catalog, tokens and audit. Shown to admins only; the API refuses everyone else too. */
export default function Admin() {
  const params = useParams<{ section?: string }>();
  const section = () => (params.section ?? '').split('/')[0] ?? '';
  return (
    <Show
      when={can(me(), 'admin')}
      fallback={
        <Empty>
          <h1>Admin is for workspace admins</h1>
          <p data-testid="admin-refused">
            You are signed in as a {ROLE_LABEL[me()?.role ?? ''] ?? 'guest'}. Ask an admin if you need a change to
            people, metrics or tokens. <A href="/">Back to the backlog</A>
          </p>
        </Empty>
      }
    >
      <section class="admin">
        <nav class="admin-nav" aria-label="Admin">
          <For each={SECTIONS}>{(s) => <A href={`/admin/${s.path}`}>{s.label}</A>}</For>
        </nav>
        <Switch
          fallback={
            <>
              <h1>Admin</h1>
              <DisabledWebhooks />
              <ul class="cards">
                <For each={SECTIONS}>
                  {(s) => (
                    <li class="card">
                      <A class="card-link" href={`/admin/${s.path}`}>
                        <span class="card-body">
                          <strong class="card-title">{s.label}</strong>
                          <span class="meta">{s.about}</span>
                        </span>
                      </A>
                    </li>
                  )}
                </For>
              </ul>
            </>
          }
        >
          <Match when={section() === 'members'}>
            <Members />
          </Match>
          <Match when={section() === 'metrics'}>
            <Metrics />
          </Match>
          <Match when={section() === 'tokens'}>
            <Tokens />
          </Match>
          <Match when={section() === 'webhooks'}>
            <Webhooks />
          </Match>
          <Match when={section() === 'audit'}>
            <Audit />
          </Match>
        </Switch>
      </section>
    </Show>
  );
}
