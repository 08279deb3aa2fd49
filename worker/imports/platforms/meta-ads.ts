import type { PlatformSpec } from './spec';

/** Meta Ads Manager: "Amount spent (EUR)", "Results", "Link clicks", "Reporting starts/ends", "Day" breakdown. */
export const metaAds: PlatformSpec = {
  id: 'meta_ads',
  label: 'Meta Ads',
  columns: {
    date: ['day', 'reporting starts', 'date'],
    dateEnd: ['reporting ends'],
    campaign: ['campaign name'],
    adGroup: ['ad set name'],
    ad: ['ad name'],
    impressions: ['impressions'],
    clicks: ['link clicks', 'clicks (all)', 'clicks'],
    conversions: ['results', 'purchases', 'conversions'],
    revenue: ['purchases conversion value', 'website purchases conversion value', 'conversion value'],
    spend: ['amount spent'],
    currency: ['currency'],
  },
  markers: ['reporting starts', 'reporting ends', 'ad set name', 'amount spent', 'link clicks', 'results', 'reach'],
  lines: [],
};
