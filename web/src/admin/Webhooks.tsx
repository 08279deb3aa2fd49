import type { InferResponseType } from 'hono/client';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { WebhookEvent } from '../../../db/schema';
import { api, call } from '../api';
import { Empty, ErrorBox, Loading, toast } from '../ui';
import { ConfirmDialog, CopyField, Dialog, dateTime, FieldNote, FormError, timeAgo, useSubmit } from './ui';

type Endpoint = InferResponseType<typeof api.webhooks.$get, 200>['items'][number];

/** The events an endpoint can ask for, in the words of the people who pick them. */
const EVENTS = {
  'cycle.launched': 'A test is launched',
  'cycle.closed': 'A test is closed with a decision',
  'cycle.guardrail_breached': 'New results push a guardrail past its limit',
  'review.published': 'The weekly review is published',
  'comment.mentioned': 'Someone is @mentioned in a comment',
} satisfies Record<WebhookEvent, string>;
const EVENT_KEYS = Object.keys(EVENTS) as WebhookEvent[];
const LABELS = { url: 'URL', events: 'Events', 'events.0': 'Events' };

/** URL and event checkboxes: to register an endpoint, or to change one. */
function EndpointForm(props: {
  initial?: Endpoint;
  submitLabel: string;
  onSubmit: (body: { url: string; events: WebhookEvent[] }) => Promise<void>;
}) {
  const [url, setUrl] = createSignal(props.initial?.url ?? 'https://');
  const [events, setEvents] = createSignal<WebhookEvent[]>(props.initial?.events ?? []);
  const form = useSubmit(LABELS);
  const toggle = (e: WebhookEvent, on: boolean) => setEvents(on ? [...events(), e] : events().filter((x) => x !== e));
  const submit = (e: Event) => {
    e.preventDefault();
    void form.run(() => props.onSubmit({ url: url().trim(), events: events() }));
  };
  const eventsError = () => form.fields().events ?? form.fields()['events.0'];
  return (
    <form class="stack" onSubmit={submit} novalidate>
      <label>
        URL (https)
        <input
          name="url"
          type="url"
          inputmode="url"
          autocomplete="off"
          placeholder="https://hooks.example.com/hadi"
          value={url()}
          aria-invalid={!!form.fields().url}
          aria-describedby={form.fields().url ? 'webhook-url-error' : undefined}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      <FieldNote id="webhook-url-error" label="URL" message={form.fields().url} />
      <fieldset class="webhook-events" aria-describedby={eventsError() ? 'webhook-events-error' : undefined}>
        <legend>Events to send</legend>
        <For each={EVENT_KEYS}>
          {(key) => (
            <label class="check">
              <input
                type="checkbox"
                name="events"
                value={key}
                checked={events().includes(key)}
                onChange={(e) => toggle(key, e.currentTarget.checked)}
              />
              <span>
                {EVENTS[key]} <code class="small">{key}</code>
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <FieldNote id="webhook-events-error" label="Events" message={eventsError()} />
      <FormError message={form.error()} />
      <button type="submit" class="primary" disabled={form.busy()}>
        {form.busy() ? 'Saving…' : props.submitLabel}
      </button>
    </form>
  );
}

/** Register an endpoint; its signing secret is shown once, here. */
function CreateDialog(props: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const [secret, setSecret] = createSignal<{ secret: string; url: string }>();
  const close = () => {
    setSecret(undefined);
    props.onClose();
  };
  return (
    <Dialog open={props.open} title={secret() ? 'Copy the signing secret now' : 'New webhook endpoint'} onClose={close}>
      <Show
        when={secret()}
        fallback={
          <EndpointForm
            submitLabel="Register endpoint"
            onSubmit={async (json) => {
              const res = await call(api.webhooks.$post({ json }));
              setSecret({ secret: res.secret, url: res.url });
              props.onCreated();
            }}
          />
        }
      >
        {(s) => (
          <div class="stack">
            <p class="warning" role="alert">
              This is the only time the secret for {s().url} is shown. Put it in your receiver now: it checks the{' '}
              <code>Hadi-Signature</code> header with it. Lost it? Delete the endpoint and register it again.
            </p>
            <CopyField label="Signing secret" value={s().secret} testId="webhook-secret" />
            <button type="button" onClick={close}>
              I have copied it
            </button>
          </div>
        )}
      </Show>
    </Dialog>
  );
}

/** The last attempts to deliver to one endpoint, newest first. */
function DeliveryLog(props: { endpoint: Endpoint }) {
  const [log, { refetch }] = createResource(
    () => props.endpoint.id,
    (id) => call(api.webhooks[':id'].deliveries.$get({ param: { id }, query: { limit: '20' } })),
  );
  return (
    <div class="webhook-log">
      <Show when={!log.error} fallback={<ErrorBox error={log.error} retry={refetch} />}>
        <Show when={log()} fallback={<Loading label="Loading deliveries…" />}>
          {(l) => (
            <Show
              when={l().items.length}
              fallback={<p class="muted small">No delivery yet: one is sent when a chosen event happens.</p>}
            >
              <ul class="plain-list" data-testid="delivery-log">
                <For each={l().items}>
                  {(d) => (
                    <li class={d.ok ? 'delivery ok' : 'delivery failed'}>
                      <strong>{d.ok ? '✓ Delivered' : '✗ Failed'}</strong> <code class="small">{d.eventType}</code>
                      <span class="meta">
                        {' '}
                        · attempt {d.attempt} · {d.statusCode ? `HTTP ${d.statusCode}` : 'no answer'} · {timeAgo(d.at)}
                      </span>
                      <Show when={d.error && !d.statusCode}>
                        <span class="meta"> · {d.error}</span>
                      </Show>
                      <Show when={d.nextRetryAt}>{(at) => <span class="meta"> · next try {dateTime(at())}</span>}</Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}

function lastDelivery(e: Endpoint) {
  if (!e.lastAttemptAt) return 'no delivery yet';
  const answer = e.lastStatusCode ? `HTTP ${e.lastStatusCode}` : (e.lastError ?? 'no answer');
  return `last delivery ${timeAgo(e.lastAttemptAt)}: ${answer}`;
}

function EndpointCard(props: {
  endpoint: Endpoint;
  onEdit: () => void;
  onDelete: () => void;
  onEnable: () => void;
  busy: boolean;
}) {
  const [open, setOpen] = createSignal(false);
  const e = () => props.endpoint;
  return (
    <li class="card webhook" data-testid="webhook-row">
      <div class="card-body">
        <div class="row between">
          <strong class="card-title webhook-url">{e().url}</strong>
          <span class={e().status === 'active' ? 'status' : 'status bad'}>
            {e().status === 'active' ? 'Active' : 'Disabled'}
          </span>
        </div>
        <span class="meta">
          {e().events.length} event{e().events.length === 1 ? '' : 's'}: {e().events.join(', ')}
        </span>
        <span class="meta">{lastDelivery(e())}</span>
        <Show when={e().status === 'active' && e().failingSince}>
          {(since) => (
            <p class="warning small">
              Failing since {dateTime(since())}: after 3 days of failures it is disabled. Check the receiver.
            </p>
          )}
        </Show>
        <Show when={e().disabledAt}>
          {(at) => (
            <p class="warning small" data-testid="webhook-disabled-why">
              Disabled {timeAgo(at())}: every delivery since {dateTime(e().failingSince ?? at())} failed (last answer:{' '}
              {e().lastError ?? 'none'}), and after 3 days Hadi stopped sending. Fix the receiver, then re-enable.
            </p>
          )}
        </Show>
      </div>
      <div class="admin-actions">
        <button type="button" aria-expanded={open()} onClick={() => setOpen(!open())}>
          {open() ? 'Hide deliveries' : 'Deliveries'}
        </button>
        <Show when={e().status === 'disabled'}>
          <button type="button" class="primary" disabled={props.busy} onClick={() => props.onEnable()}>
            Re-enable
          </button>
        </Show>
        <button type="button" onClick={() => props.onEdit()}>
          Edit
        </button>
        <button type="button" class="danger" onClick={() => props.onDelete()} aria-label={`Delete ${e().url}`}>
          Delete
        </button>
      </div>
      <Show when={open()}>
        <DeliveryLog endpoint={e()} />
      </Show>
    </li>
  );
}

/** Admin → Webhooks: endpoints Hadi posts signed events to, their health and their delivery log. */
export default function Webhooks() {
  const [list, { refetch }] = createResource(() => call(api.webhooks.$get()));
  const [creating, setCreating] = createSignal(false);
  const [editing, setEditing] = createSignal<Endpoint>();
  const [deleting, setDeleting] = createSignal<Endpoint>();
  const action = useSubmit({});
  const endpoints = () => list()?.items ?? [];
  const disabled = () => endpoints().filter((e) => e.status === 'disabled');
  const enable = (e: Endpoint) =>
    action.run(async () => {
      await call(api.webhooks[':id'].$patch({ param: { id: e.id }, json: { enabled: true, version: e.version } }));
      toast('Re-enabled: the next event is delivered again');
      void refetch();
    });
  const remove = () =>
    action.run(async () => {
      const e = deleting()!;
      await call(api.webhooks[':id'].$delete({ param: { id: e.id } }));
      toast('Endpoint deleted: nothing more is sent to it');
      setDeleting(undefined);
      void refetch();
    });
  return (
    <>
      <div class="row between">
        <h1>Webhooks</h1>
        <button type="button" class="primary" onClick={() => setCreating(true)}>
          + New endpoint
        </button>
      </div>
      <p class="muted small">
        Hadi posts a signed JSON message to your tools (Slack relays, dashboards, scripts) when a test launches or
        closes, a guardrail breaks, the weekly review is published or someone is mentioned.
      </p>
      <Show when={disabled().length}>
        <p class="warning" role="alert" data-testid="webhooks-disabled">
          {disabled().length === 1 ? 'One endpoint was' : `${disabled().length} endpoints were`} disabled after failing
          for 3 days. Fix the receiver, then re-enable it below.
        </p>
      </Show>
      <FormError message={action.error()} />
      <Show when={!list.error} fallback={<ErrorBox error={list.error} retry={refetch} />}>
        <Show when={list()} fallback={<Loading label="Loading endpoints…" />}>
          <Show
            when={endpoints().length}
            fallback={
              <Empty>
                <p>
                  No endpoints yet. Register one to tell another tool when something happens in Hadi: choose{' '}
                  <strong>+ New endpoint</strong>, paste its https URL and pick the events.
                </p>
              </Empty>
            }
          >
            <ul class="cards">
              <For each={endpoints()}>
                {(e) => (
                  <EndpointCard
                    endpoint={e}
                    busy={action.busy()}
                    onEdit={() => setEditing(e)}
                    onDelete={() => setDeleting(e)}
                    onEnable={() => void enable(e)}
                  />
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </Show>
      <CreateDialog open={creating()} onClose={() => setCreating(false)} onCreated={() => void refetch()} />
      <Dialog open={!!editing()} title="Edit endpoint" onClose={() => setEditing(undefined)}>
        <Show when={editing()} keyed>
          {(e) => (
            <EndpointForm
              initial={e}
              submitLabel="Save changes"
              onSubmit={async (json) => {
                await call(api.webhooks[':id'].$patch({ param: { id: e.id }, json: { ...json, version: e.version } }));
                toast('Endpoint saved');
                setEditing(undefined);
                void refetch();
              }}
            />
          )}
        </Show>
      </Dialog>
      <ConfirmDialog
        open={!!deleting()}
        title="Delete this endpoint?"
        error={action.error()}
        busy={action.busy()}
        action="Delete endpoint"
        busyAction="Deleting…"
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(undefined)}
      >
        <p>
          Nothing more is sent to <span class="webhook-url">{deleting()?.url}</span>, and its delivery log goes with it.
        </p>
      </ConfirmDialog>
    </>
  );
}
