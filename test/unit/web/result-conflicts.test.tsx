/**
 * Results to resolve on the test screen (happy-dom, fake IndexedDB, the real outbox and sender): a correction of a
 * day someone else corrected first comes back as a conflict that says so and can be settled in place.
 */
import 'fake-indexeddb/auto';
import { render } from 'solid-js/web';
import { abTest as cycle, conversion } from './ab-test-fixture';
import { afterEach, expect, it, vi } from 'vitest';
import { ResultConflicts } from '../../../web/src/cycles/Results';
import { correctSnapshot, type me, outbox, setMe, setMetrics } from '../../../web/src/data';

const stored = {
  id: 's-1',
  cycleId: 'c-1',
  metricId: conversion.id,
  variantKey: 'treatment',
  date: '2026-11-01',
  units: 1000,
  conversions: 64,
  version: 3,
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let dispose = () => {};
afterEach(() => {
  dispose();
  vi.unstubAllGlobals();
});

it('a correction someone else made first shows both numbers, and "replace with mine" goes on top of theirs', async () => {
  const puts: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'PUT') {
        puts.push(JSON.parse(String(init.body)));
        return json(409, { error: { code: 'version_conflict', message: 'Changed meanwhile', current: stored } });
      }
      return json(200, { items: [], nextCursor: null, url: String(input) });
    }),
  );
  setMe({ memberId: 'u1', workspaceId: 'w1', role: 'member' } as unknown as NonNullable<ReturnType<typeof me>>);
  await correctSnapshot('c-1', { id: 's-1', version: 1 }, { units: 1000, conversions: 71 });
  expect(puts).toEqual([{ units: 1000, conversions: 71, version: 1 }]);
  setMetrics([conversion]); // after the sync, whose refresh brought the (here empty) lists

  const host = document.createElement('div');
  document.body.appendChild(host);
  dispose = render(() => <ResultConflicts cycle={cycle} onResolved={() => {}} />, host);
  const card = host.querySelector('[data-testid="result-conflict"]')!;
  expect(card.textContent).toContain('Treatment on 2026-11-01 (Conversion rate) was corrected by someone else');
  expect(card.textContent).toContain('Recorded: 1,000 units, 64 conversions');
  expect(card.textContent).toContain('Yours: 1,000 units, 71 conversions');
  expect([...card.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
    'Replace with mine',
    'Keep the recorded one',
  ]);

  card.querySelector<HTMLButtonElement>('button.primary')!.click();
  await expect.poll(() => puts.length).toBe(2);
  expect(puts[1]).toEqual({ units: 1000, conversions: 71, version: 3 });
  expect((await outbox.list())[0]).toMatchObject({ kind: 'snapshot.replace', baseVersion: 3 });
});
