import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { auth, call, can, type Role } from '../api';
import { me, signedOut } from '../data';

/**
 * Screens beyond the four tabs, each shown only to the roles that may use it (the API checks again).
 * Add an entry here to put a screen into the navigation.
 */
export const MORE_SCREENS: { href: string; label: string; hint: string; minRole: Role }[] = [
  { href: '/objectives', label: 'Objectives', hint: 'what the tests are for, and how far they got', minRole: 'viewer' },
  {
    href: '/funnels',
    label: 'Funnels',
    hint: 'each objective’s funnel: scenarios and stress tests',
    minRole: 'viewer',
  },
  { href: '/channels', label: 'Channel map', hint: 'each channel’s job, tests, win rate and spend', minRole: 'viewer' },
  { href: '/reviews', label: 'Weekly reviews', hint: 'numbers and narrative, week by week', minRole: 'viewer' },
  {
    href: '/insights',
    label: 'Insights',
    hint: 'claims several tests support or contradict, pooled',
    minRole: 'viewer',
  },
  { href: '/calc', label: 'Calculators', hint: 'significance, sample size and SRM, offline too', minRole: 'viewer' },
  { href: '/workspaces', label: 'Workspaces', hint: 'switch, create, or leave a workspace', minRole: 'viewer' },
  { href: '/admin', label: 'Admin', hint: 'members, metrics, API tokens, audit trail', minRole: 'admin' },
];

const roleLabel: Record<Role, string> = { viewer: 'Viewer', member: 'Member', lead: 'Lead', admin: 'Admin' };

export default function More() {
  const mine = () => MORE_SCREENS.filter((s) => can(me(), s.minRole));
  const signOut = async () => {
    await call(auth.logout.$post()).catch(() => undefined);
    await signedOut();
  };
  return (
    <section>
      <h1>More</h1>
      <Show when={mine().length} fallback={<p class="muted">Nothing more for your role.</p>}>
        <ul class="cards">
          <For each={mine()}>
            {(s) => (
              <li class="card">
                <A class="card-link" href={s.href}>
                  <span class="card-body">
                    <strong class="card-title">{s.label}</strong>
                    <span class="meta">{s.hint}</span>
                  </span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={me()}>
        {(m) => (
          <section class="card account" aria-labelledby="account-heading">
            <h2 id="account-heading">Your account</h2>
            <p data-testid="account">
              Signed in as <strong>{m().name || m().email}</strong>
              <Show when={m().name && m().email}> ({m().email})</Show>, {roleLabel[m().role]} in{' '}
              {m().workspace ?? 'this workspace'}.
            </p>
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </section>
        )}
      </Show>
    </section>
  );
}
