import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { api, call, type Me } from '../api';
import { type CommentBody, me, ops, queueComment } from '../data';
import { ErrorBox, toast } from '../ui';
import { when } from './time';
import './comments.css';

type Target = Pick<CommentBody, 'targetType' | 'targetId'>;
type Comment = Awaited<ReturnType<typeof fetchThread>>[number];

const fetchThread = (t: Target) => call(api.comments.$get({ query: { ...t, limit: '200' } })).then((r) => r.items);

const mayDelete = (c: Comment, who: Me | null | undefined) =>
  !!who && (c.authorId === (who.memberId ?? who.tokenId) || who.role === 'admin');

/** The discussion under a hypothesis or a test: plain text, @handle mentions, posted through the outbox (works offline). */
export default function CommentThread(props: Target) {
  const target = () => ({ targetType: props.targetType, targetId: props.targetId });
  const [thread, { refetch, mutate }] = createResource(target, fetchThread);
  const [text, setText] = createSignal('');
  const pending = () =>
    ops().filter(
      (o) =>
        o.kind === 'comment.create' && o.body.targetId === props.targetId && o.body.targetType === props.targetType,
    );
  // When a queued comment of this thread has been sent, read the thread again.
  createEffect(
    on(
      () => pending().length,
      (n, prev) => prev !== undefined && n < prev && void refetch(),
    ),
  );

  const post = async (e: Event) => {
    e.preventDefault();
    const body = text().trim();
    if (!body) return;
    await queueComment({ ...target(), body });
    setText('');
    if (!navigator.onLine) toast('Saved on this device — it will be posted when you are online');
  };
  const remove = async (c: Comment) => {
    try {
      await call(api.comments[':id'].$delete({ param: { id: c.id } }));
      mutate((list) => list?.filter((x) => x.id !== c.id));
    } catch (err) {
      toast(err instanceof Error ? err.message : 'Could not delete the comment');
    }
  };

  return (
    <section class="comments" aria-label="Comments" data-testid="comments">
      <h2>Discussion</h2>
      <Show when={thread.error && !thread()}>
        <ErrorBox error={thread.error} retry={refetch} />
      </Show>
      <Show when={(thread()?.length ?? 0) + pending().length === 0 && !thread.loading && !thread.error}>
        <p class="muted">No comments yet. Ask a question or mention someone with @name to bring them in.</p>
      </Show>
      <ol class="thread">
        <For each={thread()}>
          {(c) => (
            <li class="comment" data-testid="comment">
              <p class="meta">
                <strong>{c.authorName}</strong> <span class="muted small">{when(c.createdAt)}</span>
                <Show when={mayDelete(c, me())}>
                  <button type="button" class="link small" onClick={() => void remove(c)}>
                    Delete
                  </button>
                </Show>
              </p>
              <p class="text">{c.body}</p>
            </li>
          )}
        </For>
        <For each={pending()}>
          {(o) => (
            <li class="comment pending" data-testid="comment-pending">
              <p class="meta">
                <strong>{me()?.name ?? 'You'}</strong>{' '}
                <span class="muted small">{o.state === 'pending' ? 'waiting to be sent' : `not sent: ${o.error}`}</span>
              </p>
              <p class="text">{String(o.body.body)}</p>
            </li>
          )}
        </For>
      </ol>
      <form class="comment-form" onSubmit={post}>
        <label for={`comment-${props.targetId}`} class="small muted">
          Comment (mention with @name or @email-name)
        </label>
        <textarea
          id={`comment-${props.targetId}`}
          maxLength={2000}
          rows={3}
          value={text()}
          onInput={(e) => setText(e.currentTarget.value)}
          data-testid="comment-input"
        />
        <button type="submit" class="primary" disabled={!text().trim()}>
          Post
        </button>
      </form>
    </section>
  );
}
