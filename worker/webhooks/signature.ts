/**
 * Signing of outgoing webhook deliveries: HMAC-SHA256 over `timestamp + "." + body` with the endpoint's secret,
 * sent as `Hadi-Signature: t=<unix seconds>,v1=<hex>`. Pure (WebCrypto only), so receivers' checks in tests and
 * the Worker share it. The timestamp inside the signed text stops replays outside the receiver's window.
 */
export const SIGNATURE_HEADER = 'Hadi-Signature';
/** How far a receiver should accept a delivery's timestamp from its own clock. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

async function hmacHex(secret: string, text: string) {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(text));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The header value for a body sent at `timestamp` (unix seconds). */
export async function signatureHeader(secret: string, timestamp: number, body: string) {
  return `t=${timestamp},v1=${await hmacHex(secret, `${timestamp}.${body}`)}`;
}

/** Constant-time comparison of two hex strings. */
function sameHex(a: string, b: string) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export type Verdict = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

/** What a receiver does: parse the header, check the timestamp window, recompute and compare the MAC. */
export async function verifySignature(
  header: string | null,
  body: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): Promise<Verdict> {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!/^\d+$/.test(parts.t ?? '') || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'stale' };
  const expected = await hmacHex(secret, `${timestamp}.${body}`);
  return sameHex(expected, parts.v1 ?? '') ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}
