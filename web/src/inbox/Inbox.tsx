import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { api, call } from '../api';
import { when } from '../comments/time';
import { me } from '../data';
import { emailHandle, nameHandle } from '../../../worker/comments/mentions';
import { Empty, ErrorBox, Loading, toast } from '../ui';
import { refreshUnread } from './unread';

type Item = Awaited<ReturnType<typeof load>>['items'][number];
const load = () => call(api.inbox.$get({ query: { limit: '100' } }));

const targetHref = (c: Item['comment']) => (c.targetType === 'cycle' ? `/cycles/${c.targetId}` : `/h/${c.targetId}`);
const targetWord: Record<string, string> = { cycle: 'a test', hypothesis: 'a hypothesis' };

/** Mentions of me and replies to my comments, newest first; opening one marks it read. */
export default function Inbox() {
  const [inbox, { refetch }] = createResource(load);
  const markRead = async (body: { ids: string[] } | { all: true }) => {
    try {
      await call(api.inbox.read.$post({ json: body }));
      await refetch();
      await refreshUnread();
    } catch (err) {
      toast(err instanceof Error ? err.message : 'Could not mark as read');
    }
  };
  return (
    <section>
      <h1>Inbox</h1>
      <Show
        when={inbox()}
        fallback={
          <Show when={inbox.error} fallback={<Loading label="Loading your inbox…" />}>
            <ErrorBox error={inbox.error} retry={refetch} />
          </Show>
        }
      >
        {(box) => (
          <>
            <p class="muted small" data-testid="my-handles">
              People mention you as <strong>@{nameHandle(me()?.name ?? '')}</strong> or{' '}
              <strong>@{emailHandle(me()?.email ?? '')}</strong>.
            </p>
            <p class="row" hidden={box().items.length === 0}>
              <span>{box().unread === 0 ? 'All read.' : `${box().unread} unread`}</span>
              <Show when={box().unread > 0}>
                <button type="button" class="link" onClick={() => void markRead({ all: true })}>
                  Mark all read
                </button>
              </Show>
            </p>
            <Show
              when={box().items.length > 0}
              fallback={
                <Empty>
                  <p>
                    Nothing here yet. When someone mentions you with @name or answers your comment, it shows up here.
                  </p>
                </Empty>
              }
            >
              <ul class="inbox" data-testid="inbox">
                <For each={box().items}>
                  {(item) => (
                    <li classList={{ unread: !item.readAt }} data-testid="inbox-item">
                      <A
                        href={targetHref(item.comment)}
                        onClick={() => !item.readAt && void markRead({ ids: [item.id] })}
                      >
                        <strong>{item.comment.authorName}</strong>{' '}
                        {item.kind === 'mention' ? 'mentioned you' : 'answered'} on{' '}
                        {targetWord[item.comment.targetType]}
                      </A>
                      <p class="text">{item.comment.body}</p>
                      <p class="muted small">
                        {when(item.at)}
                        {item.readAt ? '' : ' · unread'}
                      </p>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
