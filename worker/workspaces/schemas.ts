import { z } from 'zod';
import { versionField } from '../http/common';

/** ISO 4217 codes the runtime knows (it formats amounts with them), upper case. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
export const currency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => CURRENCIES.has(code), 'must be an ISO 4217 currency code like EUR or USD');

/** An IANA time zone name the runtime can compute local dates in ("Europe/Berlin", "UTC"). */
export const timeZone = z
  .string()
  .trim()
  .min(1, 'required')
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return zone.includes('/') || zone === 'UTC';
    } catch {
      return false;
    }
  }, 'must be an IANA time zone like Europe/Berlin or UTC')
  // Stored in the runtime's canonical spelling ("europe/berlin" → "Europe/Berlin").
  .transform((zone) => new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone);

export const workspaceName = z.string().trim().min(1, 'required').max(120);

export const createWorkspaceBody = z.object({
  name: workspaceName,
  currency: currency.optional(),
  timeZone: timeZone.optional(),
});

export const workspaceSettingsBody = z
  .object({
    name: workspaceName.optional(),
    currency: currency.optional(),
    timeZone: timeZone.optional(),
    ...versionField,
  })
  .strict();

export const switchBody = z.object({ workspaceId: z.string().trim().min(1, 'required').max(64) });
