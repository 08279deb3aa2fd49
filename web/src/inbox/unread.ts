import { createSignal } from 'solid-js';
import { api, call } from '../api';

/** The header's unread count; refreshed on navigation and after the inbox is read. */
export const [unread, setUnread] = createSignal(0);

export async function refreshUnread() {
  if (!navigator.onLine) return;
  try {
    setUnread((await call(api.inbox.$get({ query: { limit: '1' } }))).unread);
  } catch {
    /* signed out or offline: keep the last count */
  }
}
