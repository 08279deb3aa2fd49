import { A, useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { can, type Cycle } from '../api';
import { cycles, me } from '../data';
import { Empty } from '../ui';
import { sharedFile } from './file';

const open = (c: Cycle) => c.status === 'running' || c.status === 'review';

/** Where "Share → Hadi" lands: the shared export waits on this device until it is imported into a test. */
export default function SharedImport() {
  const [search] = useSearchParams();
  const [file] = createResource(() => sharedFile());
  return (
    <section class="stack">
      <h1>Import a shared export</h1>
      <Show
        when={file()}
        fallback={
          <Empty>
            {search.shared === 'none'
              ? 'Nothing was shared: share the CSV file itself (not a link) from your downloads to Hadi.'
              : 'No shared file waiting. Share a Google Ads, Microsoft Advertising, Meta, LinkedIn or TikTok export to Hadi from your downloads, or open a running test and pick the file there.'}
          </Empty>
        }
      >
        {(f) => (
          <>
            <p data-testid="shared-file">
              <strong>{f().name}</strong> ({Math.ceil(f().size / 1024)} kB) is waiting. Which test are these results
              for?
            </p>
            <Show
              when={can(me(), 'member') && cycles().some(open)}
              fallback={
                <Empty>
                  {can(me(), 'member')
                    ? 'No test is running: launch one first, then share the export again.'
                    : 'Only members and leads import results.'}
                </Empty>
              }
            >
              <ul class="cards">
                <For each={cycles().filter(open)}>
                  {(c) => (
                    <li class="card">
                      <A href={`/cycles/${c.id}/import?shared=1`}>{c.name}</A>
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
