import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../../worker/app';
import type { authRoutes } from '../../worker/auth/routes';
import { withBookmarks } from '../../worker/d1/bookmarks';

/** Every request names the workspace on screen, so a tab never acts in another tab's (or a stale) workspace. */
export const WORKSPACE_HEADER = 'x-hadi-workspace';
let workspaceOnScreen: string | null = null;
export const actIn = (workspaceId: string | null) => {
  workspaceOnScreen = workspaceId;
};
const headers = (): Record<string, string> => (workspaceOnScreen ? { [WORKSPACE_HEADER]: workspaceOnScreen } : {});

/** The one API client: typed from the Worker's own routes (Hono RPC), same origin, cookie session. */
const origin = typeof location === 'undefined' ? 'http://localhost' : location.origin;
/** Every call carries the latest D1 bookmark, so reads from replicas include this device's own writes. */
const options = { init: { credentials: 'same-origin' as const }, headers, fetch: withBookmarks((...a) => fetch(...a)) };
export const api = hc<AppType>(origin, options).api;

/** `/api/auth` is mounted before the typed chain in worker/app.ts, so it gets its own client from its own router type. */
export const auth = hc<typeof authRoutes>(`${origin}/api/auth`, options);

export type Me = InferResponseType<typeof auth.me.$get, 200>;
export type Hypothesis = InferResponseType<(typeof api.hypotheses)[':id']['$get'], 200>;
export type Cycle = InferResponseType<(typeof api.cycles)[':id']['$get'], 200>;
export type Learning = InferResponseType<(typeof api.learnings)[':id']['$get'], 200>;
export type Channel = InferResponseType<typeof api.channels.$get, 200>['items'][number];
export type Metric = InferResponseType<typeof api.metrics.$get, 200>['items'][number];
export type Snapshot = InferResponseType<(typeof api.cycles)[':id']['snapshots']['$get'], 200>['items'][number];
export type Role = Me['role'];
export type Workspace = InferResponseType<typeof api.workspaces.$get, 200>['items'][number];
export type WorkspaceSettings = InferResponseType<typeof api.workspace.$get, 200>;
export type Invitation = InferResponseType<typeof auth.invites.$get, 200>['items'][number];

/** An answer from the API that was not a 2xx, with its code, message, field errors and (409) the current record. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly current?: unknown,
  ) {
    super(message);
  }
}

/** Network failure (offline, DNS, server down): the write should wait in the outbox. */
export class NetworkError extends Error {}

/** Awaits a typed hc call and returns its JSON, or throws HttpError / NetworkError. */
type Res = { ok: boolean; status: number; json(): Promise<unknown> };
type OkJson<R> = R extends { ok: true; json(): Promise<infer T> }
  ? T
  : R extends { ok: boolean; json(): Promise<infer T> }
    ? R extends { ok: false }
      ? never
      : T
    : never;
export async function call<R extends Res>(request: Promise<R>): Promise<OkJson<R>> {
  type T = OkJson<R>;
  let res: R;
  try {
    res = await request;
  } catch (err) {
    throw new NetworkError(err instanceof Error ? err.message : 'network error');
  }
  if (res.ok) return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
  const body = (await res.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; fields?: Record<string, string>; current?: unknown };
  };
  throw new HttpError(
    res.status,
    body.error?.code ?? 'error',
    body.error?.message ?? `Request failed (${res.status})`,
    body.error?.fields,
    body.error?.current,
  );
}

const ROLE_RANK = { viewer: 0, member: 1, lead: 2, admin: 3 } as const;
export const can = (me: Me | null | undefined, role: keyof typeof ROLE_RANK) =>
  !!me && ROLE_RANK[me.role] >= ROLE_RANK[role];
