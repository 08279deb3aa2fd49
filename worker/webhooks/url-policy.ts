/**
 * Where webhooks may be sent. HTTPS only, and never to loopback, private, link-local or other internal
 * addresses (a webhook must not become a way to probe the network Hadi runs in) — unless the explicit dev
 * setting WEBHOOKS_ALLOW_LOOPBACK=1 allows http and loopback for local receivers in tests. Host names are
 * checked as written: a public name resolving to a private address is left to the platform's egress rules.
 */
export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

const ipv4 = (host: string) => {
  const m = host.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  return m ? m.slice(1).map(Number) : null;
};

function privateIpv4([a, b]: number[]) {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a! >= 224
  );
}

function privateIpv6(host: string) {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === '::' || h === '::1') return true;
  const mapped = h.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return privateIpv4(ipv4(mapped[1]!)!);
  if (h.startsWith('::ffff:')) return true; // hex-written mapped IPv4: refuse rather than decode
  return /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h.startsWith('ff');
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

function isInternalHost(hostname: string) {
  if (hostname.includes(':') || hostname.startsWith('[')) return privateIpv6(hostname);
  const v4 = ipv4(hostname);
  if (v4) return v4.some((n) => n > 255) || privateIpv4(v4);
  return LOCAL_NAMES.test(hostname) || !hostname.includes('.');
}

const isLoopback = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || ipv4(hostname)?.[0] === 127;

export function checkWebhookUrl(raw: string, allowLoopback = false): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL are not allowed' };
  if (allowLoopback && isLoopback(url.hostname) && (url.protocol === 'http:' || url.protocol === 'https:'))
    return { ok: true, url };
  if (url.protocol !== 'https:') return { ok: false, reason: 'must be an https:// URL' };
  if (isInternalHost(url.hostname))
    return { ok: false, reason: 'private, loopback and internal addresses are refused' };
  return { ok: true, url };
}
