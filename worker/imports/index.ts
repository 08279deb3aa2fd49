/** Results in from ad-platform exports: the pure part, shared by the Worker's route and the PWA's preview. */
export { decodeBytes, decodeExport, MAX_FILE_BYTES } from './decode';
export { assign, cumulativePoints, dailyTotals, diff, feedOf, namesIn, plan, pointKey, totalsOf } from './feed';
export type { Base, Daily, FeedMetric, Point, Skipped } from './feed';
export { parseExport } from './parse';
export { PLATFORM_LABELS } from './platforms';
export * from './types';
