import { A, useParams } from '@solidjs/router';
import { For, lazy, Match, Show, Switch } from 'solid-js';
import { can } from '../api';
import { me } from '../data';
import { Empty } from '../ui';
import { ROLE_LABEL } from './ui';
import './admin.css';

const Members = lazy(() => import('./Members'));
const Metrics = lazy(() => import('./Metrics'));
const Tokens = lazy(() => import('./Tokens'));
const Audit = lazy(() => import('./Audit'));

const SECTIONS = [
  { path: 'members', label: 'Members', about: 'Invite people, change roles, disable accounts' },
  { path: 'metrics', label: 'Metrics', about: 'What tests measure: kind, unit, good direction, cost formula' },
  { path: 'tokens', label: 'Tokens', about: 'Keys for integrations, each with one role' },
  { path: 'audit', label: 'Audit', about: 'Who changed what, and when' },
] as const;

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
          <Match when={section() === 'audit'}>
            <Audit />
          </Match>
        </Switch>
      </section>
    </Show>
  );
}
