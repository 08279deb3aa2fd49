import { z } from 'zod';

/** Client-chosen ids must be UUIDs: offline clients generate them with crypto.randomUUID(). */
export const clientId = z.uuid('must be a UUID');
export const idParam = z.object({ id: z.string().min(1).max(64) });
export const versionField = { version: z.number().int().min(1).optional() };
export const shortText = (max = 200) => z.string().trim().min(1, 'required').max(max);
export const longText = (max = 5000) => z.string().trim().max(max);
export const tags = z.array(z.string().trim().min(1).max(40)).max(20);
/** ISO date (YYYY-MM-DD). */
export const isoDate = z.iso.date('must be a date like 2026-01-31');
export const money = z.number().finite().min(0).max(1e12);
