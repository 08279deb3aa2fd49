/** The browser side of an import: file bytes, base64 for the API, the shared file, the remembered mapping. */

export async function bytesOf(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Base64 in chunks (String.fromCharCode(...bytes) overflows the stack on large files). */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) parts.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  return btoa(parts.join(''));
}

// "Share → Hadi" on Android: the service worker (web/public/share-target.js) keeps the shared file here.
const SHARE_CACHE = 'hadi-shared';
const SHARE_KEY = '/shared-file';

export async function sharedFile(): Promise<File | null> {
  if (typeof caches === 'undefined') return null;
  const res = await (await caches.open(SHARE_CACHE)).match(SHARE_KEY);
  if (!res) return null;
  const name = decodeURIComponent(res.headers.get('x-file-name') ?? 'shared.csv');
  return new File([await res.blob()], name, { type: res.headers.get('content-type') ?? 'text/csv' });
}

export async function forgetSharedFile() {
  if (typeof caches !== 'undefined') await (await caches.open(SHARE_CACHE)).delete(SHARE_KEY);
}

/** Names → variant keys, remembered per cycle so next week's export maps itself. */
const mappingKey = (cycleId: string) => `hadi:import-mapping:${cycleId}`;

export function rememberedMapping(cycleId: string): Record<string, string> {
  try {
    const saved = JSON.parse(localStorage.getItem(mappingKey(cycleId)) ?? '{}');
    return saved && typeof saved === 'object' ? (saved as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function rememberMapping(cycleId: string, mapping: Record<string, string>) {
  try {
    localStorage.setItem(mappingKey(cycleId), JSON.stringify({ ...rememberedMapping(cycleId), ...mapping }));
  } catch {
    /* private mode: the mapping is simply not remembered */
  }
}
