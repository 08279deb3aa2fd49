import type { PlatformSpec } from './spec';

/** TikTok Ads Manager: "Ad group name", "Cost", "Clicks (destination)", "Total of N …" rows. */
export const tiktokAds: PlatformSpec = {
  id: 'tiktok_ads',
  label: 'TikTok Ads',
  columns: {
    date: ['date', 'by day', 'stat time day'],
    campaign: ['campaign name'],
    adGroup: ['ad group name'],
    ad: ['ad name'],
    impressions: ['impressions', 'impression'],
    clicks: ['clicks (destination)', 'clicks'],
    conversions: ['conversions', 'results'],
    revenue: ['total complete payment value', 'total purchase value', 'purchase value'],
    spend: ['cost', 'total cost'],
    currency: ['currency'],
  },
  markers: ['ad group name', 'clicks (destination)', 'total complete payment value', 'total purchase value', 'cost'],
  lines: [/^total of \d+/i],
};
