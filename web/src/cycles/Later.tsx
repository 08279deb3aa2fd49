import { createSignal, type JSX, onCleanup, Show } from 'solid-js';

/** Where the last `Later` waits in line: each renders one task after the one created before it. */
let queue: Promise<void> = Promise.resolve();

/**
 * Renders its children after the screen above them, one `Later` per task in the order they were made: the test
 * screen built in one go blocked a throttled phone for ~400 ms, and in one deferred block still for ~150 ms. Only
 * for content below the first screenful, so nothing above it moves. (Skipping their layout off screen with
 * `content-visibility: auto` helped Lighthouse further, but left them blank in full-page screenshots.)
 */
export function Later(props: { children: JSX.Element }) {
  const [ready, setReady] = createSignal(false);
  let mounted = true;
  queue = queue.then(
    () =>
      new Promise<void>((done) =>
        setTimeout(() => {
          if (mounted) setReady(true);
          done();
        }, 0),
      ),
  );
  onCleanup(() => {
    mounted = false;
  });
  return <Show when={ready()}>{props.children}</Show>;
}
