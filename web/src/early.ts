/**
 * Reads a screen opened by link needs, started at boot while the session check is on its way (main.tsx): the
 * screen takes them instead of asking again, a network round trip sooner on a phone. Each is taken once; one that
 * failed (signed out, another workspace on screen) is asked again by the screen.
 */
const started = new Map<string, Promise<unknown>>();
const inFlight: Promise<unknown>[] = [];

export function startEarly(key: string, read: () => Promise<unknown>) {
  const pending = read();
  pending.catch(() => {}); // the screen asks again
  started.set(key, pending);
  inFlight.push(pending);
}

/**
 * Resolves once the early reads have come back and the screen has drawn them (the browser is idle), at once when
 * none were started. The background refresh of every list waits for it: parsing and storing five lists while the
 * test drew made a throttled phone's main thread busier when it mattered most.
 */
export async function afterEarlyReads(): Promise<void> {
  const waiting = inFlight.splice(0);
  if (waiting.length === 0) return;
  await Promise.allSettled(waiting);
  await whenIdle(2000, 300);
  // They were for the first screen: one it did not take (a draft's analysis) would be stale on a later visit.
  started.clear();
}

/** Resolves when the browser is idle (at most `timeout` ms), or after `fallback` ms where it cannot tell. */
export const whenIdle = (timeout: number, fallback: number) =>
  new Promise<void>((idle) =>
    'requestIdleCallback' in window ? requestIdleCallback(() => idle(), { timeout }) : setTimeout(idle, fallback),
  );

export function takeEarly<T>(key: string, read: () => Promise<T>): Promise<T> {
  const pending = started.get(key) as Promise<T> | undefined;
  started.delete(key);
  return pending ? pending.catch(read) : read();
}
