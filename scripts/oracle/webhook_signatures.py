"""Oracle for Hadi webhook signatures (worker/webhooks/signature.ts), from Python's own hmac module.

Writes test/unit/webhooks/signatures.json: HMAC-SHA256 over f"{timestamp}.{body}" with the secret, as the
`Hadi-Signature: t=<unix>,v1=<hex>` header value. Run: python3 scripts/oracle/webhook_signatures.py
"""
import hashlib
import hmac
import json
import pathlib

CASES = [
    ("whsec_test_1", 1764627000, '{"type":"cycle.launched","id":"c1"}'),
    ("whsec_ümlaut", 1700000000, '{"type":"comment.mentioned","body":"Léa → @lead ✓"}'),
    ("s", 0, ""),
    ("a much longer secret " * 8, 4102444800, json.dumps({"nested": {"list": [1, 2, 3]}, "n": None})),
]

fixtures = [
    {
        "secret": secret,
        "timestamp": ts,
        "body": body,
        "header": f"t={ts},v1="
        + hmac.new(secret.encode(), f"{ts}.{body}".encode(), hashlib.sha256).hexdigest(),
    }
    for secret, ts, body in CASES
]
out = pathlib.Path(__file__).resolve().parents[2] / "test/unit/webhooks/signatures.json"
out.write_text(json.dumps(fixtures, ensure_ascii=False, indent=2) + "\n")
print(f"wrote {len(fixtures)} signatures to {out}")
