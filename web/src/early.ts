/**
 * Reads a screen opened by link needs, started at boot while the session check is on its way (main.tsx): the
 * screen takes them instead of asking again, a network round trip sooner on a phone. Each is taken once; one that
 * failed (signed out, another workspace on screen) is asked again by the screen.
 */
const started = new Map<string, Promise<unknown>>();

export function startEarly(key: string, read: () => Promise<unknown>) {
  const pending = read();
  pending.catch(() => {}); // the screen asks again
  started.set(key, pending);
}

export function takeEarly<T>(key: string, read: () => Promise<T>): Promise<T> {
  const pending = started.get(key) as Promise<T> | undefined;
  started.delete(key);
  return pending ? pending.catch(read) : read();
}
