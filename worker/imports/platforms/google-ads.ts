import type { PlatformSpec } from './spec';

/** Google Ads reports: "Campaign report" title and date-range lines, "Impr.", "--" for zero, "Total: …" rows. */
export const googleAds: PlatformSpec = {
  id: 'google_ads',
  label: 'Google Ads',
  columns: {
    date: ['day', 'date'],
    campaign: ['campaign'],
    adGroup: ['ad group'],
    ad: ['ad', 'ad name', 'headline 1'],
    impressions: ['impr.', 'impressions'],
    clicks: ['clicks'],
    conversions: ['conversions'],
    revenue: ['conv. value', 'conversion value', 'total conv. value'],
    spend: ['cost'],
    currency: ['currency code', 'currency'],
  },
  markers: ['impr.', 'conv. value', 'campaign', 'day', 'ad group', 'currency code', 'cost'],
  lines: [/^total: (account|search|display|campaigns|video|shopping|performance max)/i],
};
