import type { PlatformId } from '../types';
import { googleAds } from './google-ads';
import { linkedinAds } from './linkedin-ads';
import { metaAds } from './meta-ads';
import { microsoftAds } from './microsoft-ads';
import type { PlatformSpec } from './spec';
import { tiktokAds } from './tiktok-ads';

export const AD_PLATFORMS: PlatformSpec[] = [googleAds, microsoftAds, metaAds, linkedinAds, tiktokAds];

/** Hadi's own results CSV: one row per date, variant and metric, cumulative (see web/src/cycles/results-csv.ts). */
export const HADI_COLUMNS = {
  date: 'date',
  variant: 'variant',
  metric: 'metric',
  units: 'units',
  conversions: 'conversions',
  spend: 'spend',
  revenue: 'revenue',
} as const;

export const PLATFORM_LABELS: Record<PlatformId, string> = {
  ...(Object.fromEntries(AD_PLATFORMS.map((p) => [p.id, p.label])) as Record<PlatformSpec['id'], string>),
  hadi: 'Hadi results CSV',
};

export type { PlatformSpec };
