import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { api, call, type Me } from '../api';
import { type CommentBody, me, ops, queueComment } from '../data';
import { ErrorBox, toast } from '../ui';
import { when } from './time';
import './comments.css';

type Target = Pick<CommentBody, 'targetType' | 'targetId'>;
type Comment = Awaited<ReturnType<typeof fetchThread>>[number];

const fetchThread = (t: Target) => call(api.comments.$get({ query: { ...t, limit: '200' } })).then((r) => r.items);

const mine = (c: Comment, who: Me | null | undefined) => !!who && c.authorId === (who.memberId ?? who.tokenId);
const mayDelete = (c: Comment, who: Me | null | undefined) => mine(c, who) || who?.role === 'admin';
/** The API allows edits for 15 minutes (worker/comments/schemas.ts); the button goes a little earlier. */
const mayEdit = (c: Comment, who: Me | null | undefined) =>
  mine(c, who) && Date.now() - Date.parse(c.createdAt) < 14 * 60_000;

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
  const [editing, setEditing] = createSignal<{ id: string; text: string }>();
  const saveEdit = async (c: Comment) => {
    const text = editing()?.text.trim();
    if (!text) return;
    try {
      const saved = await call(
        api.comments[':id'].$patch({ param: { id: c.id }, json: { body: text, version: c.version } }),
      );
      mutate((list) => list?.map((x) => (x.id === c.id ? saved : x)));
      setEditing(undefined);
    } catch (err) {
      toast(err instanceof Error ? err.message : 'Could not save the edit');
    }
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
                <Show when={mayEdit(c, me()) && editing()?.id !== c.id}>
                  <button type="button" class="link small" onClick={() => setEditing({ id: c.id, text: c.body })}>
                    Edit
                  </button>
                </Show>
                <Show when={mayDelete(c, me())}>
                  <button type="button" class="link small" onClick={() => void remove(c)}>
                    Delete
                  </button>
                </Show>
              </p>
              <Show when={editing()?.id === c.id} fallback={<p class="text">{c.body}</p>}>
                <div class="comment-form">
                  <textarea
                    aria-label="Edit your comment"
                    maxLength={2000}
                    rows={3}
                    value={editing()?.text ?? ''}
                    onInput={(e) => setEditing({ id: c.id, text: e.currentTarget.value })}
                  />
                  <div class="row">
                    <button type="button" class="primary" onClick={() => void saveEdit(c)}>
                      Save
                    </button>
                    <button type="button" onClick={() => setEditing(undefined)}>
                      Cancel
                    </button>
                  </div>
                </div>
              </Show>
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
