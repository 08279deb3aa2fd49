import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from '../../../worker/webhooks/signature';
import fixtures from './signatures.json';

// The oracle is Python's hmac module (scripts/oracle/webhook_signatures.py).
describe('webhook signatures', () => {
  it.each(fixtures)('matches the Python HMAC-SHA256 oracle (t=$timestamp)', async (f) => {
    expect(await signatureHeader(f.secret, f.timestamp, f.body)).toBe(f.header);
  });

  it('verifies inside the timestamp window and refuses stale, tampered, wrong-secret and malformed ones', async () => {
    const f = fixtures[0]!;
    expect(await verifySignature(f.header, f.body, f.secret, f.timestamp + 299)).toEqual({
      ok: true,
      timestamp: f.timestamp,
    });
    expect(await verifySignature(f.header, f.body, f.secret, f.timestamp + 301)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(await verifySignature(f.header, f.body, f.secret, f.timestamp - 301)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(await verifySignature(f.header, `${f.body} `, f.secret, f.timestamp)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(await verifySignature(f.header, f.body, 'other', f.timestamp)).toEqual({ ok: false, reason: 'mismatch' });
    // The timestamp is signed: moving it to pass the window breaks the MAC.
    const moved = f.header.replace(`t=${f.timestamp}`, `t=${f.timestamp + 1000}`);
    expect(await verifySignature(moved, f.body, f.secret, f.timestamp + 1000)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    for (const bad of [null, '', 'v1=abc', `t=x,v1=${'0'.repeat(64)}`, `t=1,v1=${'0'.repeat(63)}`])
      expect(await verifySignature(bad, f.body, f.secret, 1)).toEqual({ ok: false, reason: 'malformed' });
  });
});
