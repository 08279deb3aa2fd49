/** The PWA's one money formatter and the words around scores and sync times. */
import { describe, expect, it } from 'vitest';
import { iceLabel, iceParts, moneyIn, syncedAt } from '../../../web/src/ui/labels';

describe('moneyIn', () => {
  it('formats amounts in the workspace currency, whole units from 100 up and cents below', () => {
    expect(moneyIn(20000, 'EUR', 'en-US')).toBe('€20,000');
    expect(moneyIn(20000, 'EUR', 'de-DE')).toBe('20.000\u00a0€');
    expect(moneyIn(1234.56, 'USD', 'en-US')).toBe('$1,235');
    expect(moneyIn(4.35, 'GBP', 'en-GB')).toBe('£4.35');
    expect(moneyIn(45, 'JPY', 'en-US')).toBe('¥45');
  });
  it('shows cents whole when asked for them, within what the currency has', () => {
    expect(moneyIn(0.9, 'EUR', 'en-US', 2)).toBe('€0.90');
    expect(moneyIn(15.2, 'EUR', 'en-US', 2)).toBe('€15.20');
    expect(moneyIn(1234.5, 'EUR', 'en-US', 0)).toBe('€1,235');
    expect(moneyIn(45, 'JPY', 'en-US', 2)).toBe('¥45');
  });
  it('says — for no amount and never throws on a bad currency code', () => {
    expect(moneyIn(null, 'EUR')).toBe('—');
    expect(moneyIn(Number.NaN, 'EUR')).toBe('—');
    expect(moneyIn(5, 'not-a-code', 'en-US')).toBe('€5.00');
  });
});

describe('words', () => {
  it('names ICE with its scale and parts', () => {
    expect(iceLabel(7.3)).toBe('ICE 7.3 of 10');
    expect(iceLabel(null)).toBe('ICE not scored');
    expect(iceParts({ impact: 8, confidence: 6, ease: null })).toMatch(/^Impact 8, confidence 6, ease –/);
  });
  it('says when the last sync was without a locale lookup', () => {
    const now = new Date(2026, 11, 1, 21, 40);
    expect(syncedAt(new Date(2026, 11, 1, 9, 5).toISOString(), now)).toBe('today at 09:05');
    expect(syncedAt(new Date(2026, 10, 28, 18, 30).toISOString(), now)).toBe('28 Nov at 18:30');
  });
});
