/**
 * When to try a failed delivery again, and when to give up on an endpoint. Pure, so the schedule is tested
 * without waiting: attempt n (1 = first delivery) waits 30 s × 2^(n−1), capped at the 12 hours a Queue allows.
 */
export const BASE_DELAY_SECONDS = 30;
export const MAX_DELAY_SECONDS = 12 * 60 * 60;
/** wrangler.toml `max_retries = 12`: the first delivery and twelve retries (about 29 hours of trying). */
export const MAX_ATTEMPTS = 13;
/** An endpoint whose deliveries have failed without a single success for this long is disabled. */
export const DISABLE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

export const retryDelaySeconds = (attempt: number, base = BASE_DELAY_SECONDS) =>
  Math.min(base * 2 ** Math.max(0, attempt - 1), MAX_DELAY_SECONDS);

/** 5xx, 408 Request Timeout, 429 Too Many Requests and network errors are worth retrying; other answers are final. */
export const isRetryable = (status: number | null) =>
  status === null || status >= 500 || status === 408 || status === 429;

export const failingTooLong = (failingSince: string, now: number) => now - Date.parse(failingSince) >= DISABLE_AFTER_MS;
