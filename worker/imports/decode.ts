import { ImportError } from './types';

/** Largest file Hadi imports (the route answers 413 above it). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const lineAt = (text: string) => text.split(/\r\n|\n|\r/).length;

function fromBase64(content: string): Uint8Array {
  const clean = content.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1)
    throw new ImportError({ content: 'not valid base64' });
  const binary = atob(clean);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** UTF-16LE without a byte-order mark: ASCII text has a zero in every odd byte. */
function looksUtf16le(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 400);
  if (n < 4) return false;
  let zeros = 0;
  for (let i = 1; i < n; i += 2) if (bytes[i] === 0) zeros++;
  return zeros > (n / 2) * 0.6;
}

/** UTF-16 code units to a string, by hand: not every runtime's TextDecoder knows UTF-16BE. */
function utf16(body: Uint8Array, le: boolean): string {
  const parts: string[] = [];
  const units = new Uint16Array(Math.min(8192, body.length >> 1));
  for (let at = 0; at + 1 < body.length; at += units.length * 2) {
    const n = Math.min(units.length, (body.length - at) >> 1);
    for (let i = 0; i < n; i++) {
      const a = body[at + 2 * i]!;
      const b = body[at + 2 * i + 1]!;
      units[i] = le ? a | (b << 8) : (a << 8) | b;
    }
    parts.push(String.fromCharCode(...units.subarray(0, n)));
  }
  return parts.join('');
}

function decodeUtf16(bytes: Uint8Array, start: number, le: boolean): string {
  const body = bytes.subarray(start);
  if (body.length % 2 === 1) {
    const partial = utf16(body.subarray(0, body.length - 1), le);
    throw new ImportError({
      [`line ${lineAt(partial)}`]:
        'the file is cut off: UTF-16 text ends in the middle of a character; export it again',
    });
  }
  const text = utf16(body, le).replace(/^\uFEFF/, '');
  // A lone surrogate at the very end means the file was cut inside a character pair.
  if (/[\uD800-\uDBFF]$/.test(text))
    throw new ImportError({ [`line ${lineAt(text)}`]: 'the file is cut off inside a character; export it again' });
  return text;
}

/**
 * The file's bytes as text: UTF-8 (with or without BOM) or UTF-16 (Google Ads' "CSV for Excel" is UTF-16LE with
 * tabs). `content` is the text itself, or base64 of the bytes when `encoding` is "base64".
 */
export function decodeExport(content: string, encoding?: 'base64'): string {
  if (encoding !== 'base64') {
    if (new TextEncoder().encode(content).length > MAX_FILE_BYTES) throw tooLarge();
    return content.replace(/^\uFEFF/, '');
  }
  if (content.length > (MAX_FILE_BYTES * 4) / 3 + 8) throw tooLarge();
  const bytes = fromBase64(content);
  if (bytes.length > MAX_FILE_BYTES) throw tooLarge();
  return decodeBytes(bytes);
}

export function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 2, true);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 2, false);
  if (looksUtf16le(bytes)) return decodeUtf16(bytes, 0, true);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ImportError({ file: 'not text in UTF-8 or UTF-16: export the report as CSV' });
  }
}

const tooLarge = () =>
  new ImportError({ file: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: export a shorter date range` }, true);
