/**
 * Read-your-writes for API clients over D1 read replicas: remember the `X-D1-Bookmark` of the latest answer and
 * send it with the next request, so no read comes from a replica older than what this client has seen.
 * Works with any fetch (the PWA's typed client uses it; integrators can pass it to `hc(url, { fetch })`).
 */
export const BOOKMARK_HEADER = 'X-D1-Bookmark';

export function withBookmarks(base: typeof fetch = fetch): typeof fetch {
  let bookmark: string | null = null;
  return async (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (bookmark) headers.set(BOOKMARK_HEADER, bookmark);
    const res = await base(input, { ...init, headers });
    bookmark = res.headers.get(BOOKMARK_HEADER) ?? bookmark;
    return res;
  };
}
