import type { PlatformSpec } from './spec';

/**
 * LinkedIn Campaign Manager: title and "Report Start:" lines, "Total Spent", a "Currency" column. Its campaigns sit
 * inside campaign groups, so a campaign is the ad-set level here and a creative the ad level.
 */
export const linkedinAds: PlatformSpec = {
  id: 'linkedin_ads',
  label: 'LinkedIn Ads',
  columns: {
    date: ['start date (in utc)', 'start date', 'date'],
    campaign: ['campaign group name', 'campaign group'],
    adGroup: ['campaign name', 'campaign'],
    ad: ['creative name', 'ad name'],
    impressions: ['impressions'],
    clicks: ['clicks'],
    conversions: ['conversions', 'total conversions'],
    revenue: ['total conversion value', 'conversion value'],
    spend: ['total spent', 'amount spent'],
    currency: ['currency'],
  },
  markers: ['start date (in utc)', 'campaign group name', 'total spent', 'total conversion value', 'campaign id'],
  lines: [/^report (start|end):/i, /^date generated:/i],
};
