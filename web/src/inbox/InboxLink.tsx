import { A, useLocation } from '@solidjs/router';
import { createEffect, on, Show } from 'solid-js';
import { refreshUnread, unread } from './unread';
import './inbox.css';

/** "Inbox" in the header, with the number of unread mentions and replies. */
export function InboxLink() {
  const location = useLocation();
  createEffect(
    on(
      () => location.pathname,
      () => void refreshUnread(),
    ),
  );
  return (
    <A
      href="/inbox"
      class="pill icon"
      data-testid="inbox-link"
      aria-label={unread() > 0 ? `Inbox ${unread()} unread` : 'Inbox, nothing unread'}
    >
      {/* An inbox tray on phones; the word too where there is room. */}
      <svg
        width="16"
        height="16"
        viewBox="0 0 24 24"
        aria-hidden="true"
        fill="none"
        stroke="currentColor"
        stroke-width="2.2"
      >
        <path d="M3 13h5l1.5 3h5l1.5-3h5" />
        <path d="M5 5h14l2 8v6H3v-6z" />
      </svg>
      <span class="wide-words"> Inbox</span>
      <Show when={unread() > 0}>
        {' '}
        <span class="unread-count" data-testid="inbox-unread">
          {unread()}
        </span>
      </Show>
    </A>
  );
}
