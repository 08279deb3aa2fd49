import { createEffect, createSignal, type JSX, onCleanup, Show } from 'solid-js';
import { HttpError, NetworkError } from '../api';
import { toast } from '../ui';

export { dateTime, timeAgo } from './time';

/** A modal dialog (native <dialog>: focus trap, Escape and the backdrop come from the browser). */
export function Dialog(props: { open: boolean; title: string; onClose: () => void; children: JSX.Element }) {
  let ref: HTMLDialogElement | undefined;
  createEffect(() => {
    if (!ref) return;
    if (props.open && !ref.open) ref.showModal();
    if (!props.open && ref.open) ref.close();
  });
  onCleanup(() => ref?.open && ref.close());
  const titleId = `dlg-${Math.random().toString(36).slice(2, 8)}`;
  return (
    <dialog ref={ref} class="admin-dialog" aria-labelledby={titleId} onClose={() => props.onClose()}>
      <Show when={props.open}>
        <div class="row between">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" class="link" onClick={() => props.onClose()}>
            Close
          </button>
        </div>
        {props.children}
      </Show>
    </dialog>
  );
}

/** A secret or link shown in a read-only field with a Copy button. */
export function CopyField(props: { label: string; value: string; testId?: string }) {
  let input: HTMLInputElement | undefined;
  const [copied, setCopied] = createSignal(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
    } catch {
      input?.select();
      document.execCommand('copy');
    }
    setCopied(true);
    toast('Copied');
  };
  return (
    <div class="copy-field">
      <label>
        {props.label}
        <input
          ref={input}
          readOnly
          value={props.value}
          data-testid={props.testId}
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      <button type="button" class="primary" onClick={() => void copy()}>
        {copied() ? 'Copied ✓' : 'Copy'}
      </button>
    </div>
  );
}

/** Runs a form's request: busy while it runs, and the API's error with each field named in words. */
export function useSubmit(labels: Record<string, string>) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setFields({});
    try {
      await fn();
    } catch (err) {
      if (err instanceof HttpError) {
        const named = Object.entries(err.fields).map(([k, why]) => `${labels[k] ?? k}: ${why}`);
        setFields(err.fields);
        setError(named.length ? `Please check: ${named.join('; ')}.` : err.message);
      } else setError(err instanceof NetworkError ? 'You are offline: this needs a connection.' : String(err));
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setError(undefined);
    setFields({});
  };
  return { busy, error, fields, run, reset };
}

export function FormError(props: { message: string | undefined }) {
  return (
    <Show when={props.message}>
      <p class="error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}

/** Field error under an input, in words: "Email: must be an email address". */
export function FieldNote(props: { id: string; label: string; message: string | undefined }) {
  return (
    <Show when={props.message}>
      <span class="field-error" id={props.id}>
        {props.label}: {props.message}
      </span>
    </Show>
  );
}

export const ROLE_LABEL: Record<string, string> = {
  viewer: 'Viewer',
  member: 'Member',
  lead: 'Lead',
  admin: 'Admin',
};
export const ROLE_HELP: Record<string, string> = {
  viewer: 'reads everything',
  member: 'logs hypotheses, drafts tests, adds results',
  lead: 'launches and closes tests, objectives',
  admin: 'everything, plus people, metrics, tokens, audit',
};

/** "Are you sure?" for something that cannot be undone: what happens, in words, then act or keep it. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: JSX.Element;
  error: string | undefined;
  busy: boolean;
  action: string;
  busyAction: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog open={props.open} title={props.title} onClose={() => props.onCancel()}>
      <div class="stack">
        {props.children}
        <FormError message={props.error} />
        <div class="admin-actions">
          <button type="button" class="danger" disabled={props.busy} onClick={() => props.onConfirm()}>
            {props.busy ? props.busyAction : props.action}
          </button>
          <button type="button" onClick={() => props.onCancel()}>
            Keep it
          </button>
        </div>
      </div>
    </Dialog>
  );
}
