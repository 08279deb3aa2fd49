import { A } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';

export function Loading(props: { label?: string }) {
  return (
    <p class="muted" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {props.label ?? 'Loading…'}
    </p>
  );
}

export function Empty(props: { children: JSX.Element }) {
  return <div class="empty">{props.children}</div>;
}

export function ErrorBox(props: { error: unknown; retry?: () => void }) {
  const text = () => (props.error instanceof Error ? props.error.message : String(props.error));
  return (
    <div class="error" role="alert">
      <p>{text()}</p>
      <Show when={props.retry}>
        <button type="button" onClick={() => props.retry?.()}>
          Try again
        </button>
      </Show>
    </div>
  );
}

export function FieldError(props: { id: string; message: string | undefined }) {
  return (
    <Show when={props.message}>
      <span class="field-error" id={props.id}>
        {props.message}
      </span>
    </Show>
  );
}

type Toast = { id: number; text: string; action?: { label: string; run: () => void } };
const [toasts, setToasts] = createSignal<Toast[]>([]);
let toastId = 0;
export function toast(text: string, action?: Toast['action'], ms = 5000) {
  const t: Toast = { id: ++toastId, text, ...(action ? { action } : {}) };
  setToasts([...toasts(), t]);
  if (!action) setTimeout(() => setToasts(toasts().filter((x) => x.id !== t.id)), ms);
}
export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      <For each={toasts()}>
        {(t) => (
          <div class="toast">
            <span>{t.text}</span>
            <Show when={t.action}>
              {(a) => (
                <button type="button" onClick={() => a().run()}>
                  {a().label}
                </button>
              )}
            </Show>
            <button type="button" aria-label="Dismiss" onClick={() => setToasts(toasts().filter((x) => x.id !== t.id))}>
              ×
            </button>
          </div>
        )}
      </For>
    </div>
  );
}

/** One row of a record list: a coloured status chip, the title, and a line of facts. */
export function StatusCard(props: {
  href: string;
  chipClass: string;
  chip: string;
  title: string;
  meta: JSX.Element;
  testId?: string;
}) {
  return (
    <li class="card" data-testid={props.testId}>
      <A class="card-link" href={props.href}>
        <span class={`status ${props.chipClass}`}>{props.chip}</span>
        <span class="card-body">
          <strong class="card-title">{props.title}</strong>
          <span class="meta">{props.meta}</span>
        </span>
      </A>
    </li>
  );
}
