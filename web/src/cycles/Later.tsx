import { createSignal, type JSX, onCleanup, Show } from 'solid-js';

/**
 * Renders its children one task after the screen above them: the test screen built in one go blocked a throttled
 * phone for ~400 ms. Only for content below what the first screenful shows, so nothing above it moves.
 */
export function Later(props: { children: JSX.Element }) {
  const [ready, setReady] = createSignal(false);
  const timer = setTimeout(() => setReady(true), 0);
  onCleanup(() => clearTimeout(timer));
  return <Show when={ready()}>{props.children}</Show>;
}
