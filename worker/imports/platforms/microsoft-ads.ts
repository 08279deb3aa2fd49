import type { PlatformSpec } from './spec';

/** Microsoft Advertising: quoted "Report Name: …" lines above the header, "Spend", a © Microsoft footer. */
export const microsoftAds: PlatformSpec = {
  id: 'microsoft_ads',
  label: 'Microsoft Advertising',
  columns: {
    date: ['gregorian date', 'timeperiod', 'time period', 'date', 'day'],
    campaign: ['campaign name', 'campaign'],
    adGroup: ['ad group', 'ad group name'],
    ad: ['ad title', 'ad name', 'ad'],
    impressions: ['impressions', 'impr.'],
    clicks: ['clicks'],
    conversions: ['conversions', 'conv.'],
    revenue: ['revenue', 'conversion value'],
    spend: ['spend'],
    currency: ['currency code', 'currency'],
  },
  markers: ['gregorian date', 'timeperiod', 'spend', 'revenue', 'conv.', 'account name'],
  lines: [/^report (name|time|aggregation|filter):/i, /microsoft corporation/i],
};
