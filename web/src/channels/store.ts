import type { InferResponseType } from 'hono/client';
import { createResource } from 'solid-js';
import { api, call } from '../api';

export type ChannelFigures = InferResponseType<typeof api.channels.summary.$get, 200>['items'][number];
export const CHANNEL_JOBS = ['capture_demand', 'create_demand', 'convert_warm_intent'] as const;
export const CHANNEL_KINDS = [
  'paid_search',
  'paid_social',
  'affiliate',
  'retargeting',
  'display',
  'video',
  'influencer',
  'marketplace',
  'email',
  'other',
] as const;

/** Each job in words: what the channel is for in the funnel. */
export const jobLabel: Record<string, { name: string; hint: string }> = {
  capture_demand: { name: 'Capture demand', hint: 'reach people already looking for what you sell' },
  create_demand: { name: 'Create demand', hint: 'reach people who are not looking yet' },
  convert_warm_intent: { name: 'Convert warm intent', hint: 'bring back people who already know you' },
};
export const kindLabel = (k: string) => k.replace('_', ' ').replace(/^./, (c) => c.toUpperCase());

/** The channel map's figures (tests, win rate, spend), fetched fresh when a channel screen opens. */
export const channelFigures = () =>
  createResource(async () => (await call(api.channels.summary.$get())).items as ChannelFigures[]);

export const totalTests = (f: ChannelFigures | undefined) =>
  f ? Object.values(f.tests).reduce((a, b) => a + (b ?? 0), 0) : 0;

/** "2 of 5 closed tests shipped (40%)" — the win rate in words. */
export function winRateText(f: ChannelFigures | undefined) {
  if (!f || f.closed === 0) return 'no closed test yet';
  return `${f.shipped} of ${f.closed} closed ${f.closed === 1 ? 'test' : 'tests'} shipped (${Math.round((f.winRate ?? 0) * 100)}% win rate)`;
}
