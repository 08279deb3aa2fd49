import { badRequest } from '../http/errors';

/** The version the client edited: `If-Match: 3` (or `"3"`, `W/"3"`) wins over a `version` in the body. */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: unknown): number {
  const raw = ifMatch?.replace(/^W\//, '').replace(/"/g, '').trim() || bodyVersion;
  const version = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw badRequest('Send the version you edited (If-Match header or "version" in the body)', {
      version: 'required: a positive integer, the record version you edited',
    });
  }
  return version;
}
