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
      class="pill"
      data-testid="inbox-link"
      aria-label={unread() > 0 ? `Inbox ${unread()} unread` : 'Inbox, nothing unread'}
    >
      Inbox
      <Show when={unread() > 0}>
        {' '}
        <span class="unread-count" data-testid="inbox-unread">
          {unread()}
        </span>
      </Show>
    </A>
  );
}
