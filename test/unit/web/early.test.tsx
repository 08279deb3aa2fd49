/** Reads started with the app for the screen a link opens (web/src/early.ts): taken once, and only by that screen. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Early = typeof import('../../../web/src/early');
let early: Early;
beforeEach(async () => {
  vi.resetModules();
  early = await import('../../../web/src/early');
});

describe('early reads', () => {
  it('the screen takes the read started at boot instead of asking again, once', async () => {
    early.startEarly('cycle:1', async () => 'from boot');
    const again = vi.fn(async () => 'asked again');
    expect(await early.takeEarly('cycle:1', again)).toBe('from boot');
    expect(await early.takeEarly('cycle:1', again)).toBe('asked again');
    expect(again).toHaveBeenCalledTimes(1);
  });

  it('a read that failed at boot (signed out, another workspace) is asked again', async () => {
    early.startEarly('cycle:1', async () => {
      throw new Error('401');
    });
    expect(await early.takeEarly('cycle:1', async () => 'asked again')).toBe('asked again');
  });

  it('what the first screen did not take is dropped once it has drawn: a later visit reads afresh', async () => {
    early.startEarly('analysis:draft', async () => 'analysis of the draft');
    await early.afterEarlyReads();
    expect(await early.takeEarly('analysis:draft', async () => 'analysis now')).toBe('analysis now');
  });
});
