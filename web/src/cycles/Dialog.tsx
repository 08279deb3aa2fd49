import { createEffect, createUniqueId, type JSX, onCleanup, Show } from 'solid-js';

/**
 * A modal confirmation built on the native <dialog> (focus trap, Escape and the inert page come from the
 * browser): labelled by its title, described by its body, and never wider than the phone it is on.
 */
export function Dialog(props: {
  open: boolean;
  title: string;
  children: JSX.Element;
  confirm: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | undefined;
  onConfirm: () => void;
  onClose: () => void;
}) {
  let ref: HTMLDialogElement | undefined;
  const id = createUniqueId();
  createEffect(() => {
    if (!ref) return;
    if (props.open && !ref.open) ref.showModal();
    if (!props.open && ref.open) ref.close();
  });
  onCleanup(() => ref?.open && ref.close());
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onClose={() => props.onClose()}
    >
      <form
        method="dialog"
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm();
        }}
      >
        <h2 id={`${id}-title`}>{props.title}</h2>
        <div id={`${id}-body`} class="stack">
          {props.children}
        </div>
        <Show when={props.error}>
          <p class="error" role="alert">
            {props.error}
          </p>
        </Show>
        <div class="row dialog-actions">
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" class={props.danger ? 'danger' : 'primary'} disabled={props.busy}>
            {props.busy ? 'Working…' : props.confirm}
          </button>
        </div>
      </form>
    </dialog>
  );
}
