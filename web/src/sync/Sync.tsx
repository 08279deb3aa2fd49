import { For, Show } from 'solid-js';
import { discardOp, keepMine, lastSynced, online, ops, sync, syncing, takeTheirs } from '../data';
import { Empty } from '../ui';

const describe = (body: Record<string, unknown>) =>
  typeof body.title === 'string'
    ? body.title
    : typeof body.metricId === 'string'
      ? `Result for ${String(body.variantKey)} on ${String(body.date)}`
      : 'Change';
const kindLabel = {
  'hypothesis.create': 'New hypothesis',
  'hypothesis.update': 'Edit',
  'snapshot.create': 'Result',
  'snapshot.replace': 'Corrected result',
  'snapshot.delete': 'Deleted result',
  'comment.create': 'Comment',
} as const;

export function SyncScreen() {
  return (
    <section>
      <h1>Sync</h1>
      <p>
        {online() ? 'Online.' : 'Offline — your changes are kept on this device.'}{' '}
        {lastSynced() ? `Last synced ${new Date(lastSynced()!).toLocaleString()}.` : ''}
      </p>
      <button type="button" onClick={() => void sync()} disabled={!online() || syncing()}>
        {syncing() ? 'Syncing…' : 'Sync now'}
      </button>
      <Show
        when={ops().length > 0}
        fallback={
          <Empty>
            <p>Everything is synced.</p>
          </Empty>
        }
      >
        <ul class="cards">
          <For each={ops()}>
            {(op) => (
              <li class="card" data-testid="outbox-item">
                <div class="card-body">
                  <strong>
                    {kindLabel[op.kind]}: {describe(op.body)}
                  </strong>
                  <span class="meta">
                    {op.state === 'pending'
                      ? 'Waiting to sync'
                      : op.state === 'conflict'
                        ? op.kind === 'snapshot.create'
                          ? 'A result for this day is already recorded'
                          : 'Someone else changed this first'
                        : `Rejected: ${op.error ?? ''}`}
                  </span>
                  <Show when={op.state === 'conflict'}>
                    <table class="diff">
                      <caption class="sr-only">Your version and theirs</caption>
                      <thead>
                        <tr>
                          <th scope="col">Field</th>
                          <th scope="col">Mine</th>
                          <th scope="col">Theirs</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For
                          each={Object.keys(op.body).filter(
                            (k) => JSON.stringify(op.body[k]) !== JSON.stringify(op.current?.[k]),
                          )}
                        >
                          {(k) => (
                            <tr>
                              <th scope="row">{k}</th>
                              <td>{String(op.body[k] ?? '—')}</td>
                              <td>{String(op.current?.[k] ?? '—')}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                    <div class="row">
                      <button type="button" class="primary" onClick={() => void keepMine(op.seq)}>
                        {op.kind === 'snapshot.create' ? 'Replace with mine' : 'Keep mine'}
                      </button>
                      <button type="button" onClick={() => void takeTheirs(op.seq)}>
                        {op.kind === 'snapshot.create' ? 'Keep the recorded one' : 'Take theirs'}
                      </button>
                    </div>
                  </Show>
                  <Show when={op.state === 'failed'}>
                    <button type="button" onClick={() => void discardOp(op.seq)}>
                      Discard
                    </button>
                  </Show>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
