import { createSignal } from 'solid-js';
import { api, auth, call, type Invitation, type Workspace } from '../api';
import { allOps, kvGet, kvSet } from '../data';

/** The person's workspaces (kept for offline switching) and the invitations waiting for them. */
export const [workspaces, setWorkspaces] = createSignal<Workspace[]>([]);
export const [invitations, setInvitations] = createSignal<Invitation[]>([]);

export async function loadWorkspaces() {
  setWorkspaces((await kvGet<Workspace[]>('workspaces')) ?? []);
  const [list, invites] = await Promise.all([call(api.workspaces.$get()), call(auth.invites.$get())]);
  setWorkspaces(list.items);
  setInvitations(invites.items);
  await kvSet('workspaces', list.items);
}

/** Writes still waiting to sync in a workspace (shown beside it, so nobody thinks switching lost them). */
export const waitingIn = (workspaceId: string) =>
  allOps().filter((op) => op.workspaceId === workspaceId && op.state === 'pending').length;

export const CURRENCIES = Intl.supportedValuesOf('currency');
/** IANA zones the browser knows; UTC first (it is the default and not always in the list). */
export const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
