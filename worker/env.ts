import type { Role } from '../db/schema';
import type { Db } from './db';
import type { WebhookMessage } from './webhooks/events';

export type Bindings = {
  DB: D1Database;
  ASSETS: Fetcher;
  /** Comma-separated origins allowed to call the API cross-origin (none by default). */
  CORS_ORIGINS?: string;
  /** Public base URL used in invite links; defaults to the request origin. */
  APP_URL?: string;
  /** Cloudflare Access team domain, e.g. `https://myteam.cloudflareaccess.com`; with ACCESS_AUD enables Access sign-in. */
  ACCESS_TEAM_DOMAIN?: string;
  /** The Access application's Audience (AUD) tag; with ACCESS_TEAM_DOMAIN enables Access sign-in. */
  ACCESS_AUD?: string;
  /** "1" adds X-D1-* usage headers to API answers (benchmarks and tests read them). */
  HADI_METER?: string;
  /** Producer of outgoing webhook deliveries (wrangler.toml [[queues.producers]]); consumed by `queue()`. */
  WEBHOOKS_QUEUE?: Queue<WebhookMessage>;
  /** "1" lets webhooks go to http:// and loopback addresses: local receivers in tests and dev only, never in production. */
  WEBHOOKS_ALLOW_LOOPBACK?: string;
  /** Seconds before the first retry of a failed delivery (default 30, doubling each time); tests shorten it. */
  WEBHOOKS_RETRY_BASE_SECONDS?: string;
};

/** Who is making the request: a signed-in member or an API token, always inside one workspace. */
export type Actor = {
  type: 'member' | 'token';
  id: string;
  workspaceId: string;
  role: Role;
  userId: string | null;
  name: string;
  /** The workspace's IANA time zone (UTC when the stored one is unknown), checked on every request like the role. */
  timeZone: string;
};

export type AppEnv = {
  Bindings: Bindings;
  Variables: { db: Db; actor: Actor; sessionHash: string | null; retry: Request };
};
