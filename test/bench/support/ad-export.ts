/** A Google Ads-style daily export of `days` × `campaigns` rows ending yesterday (seeded, so every run reads the same). */
export function googleExport(days = 90, campaigns = 10, bump = 0): string {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const lines = [
    'Campaign report',
    'Last 90 days',
    'Day,Campaign,Ad group,Currency code,Impr.,Clicks,Cost,Conversions,Conv. value',
  ];
  const start = Date.now() - (days + 1) * 86_400_000;
  for (let d = 0; d < days; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (let c = 0; c < campaigns; c++) {
      const impressions = 20_000 + Math.floor(rnd() * 80_000);
      const clicks = Math.floor(impressions * (0.02 + rnd() * 0.03)) + bump;
      const conversions = Math.floor(clicks * rnd() * 0.08);
      const cost = (clicks * (0.3 + rnd())).toFixed(2);
      const value = (conversions * (20 + rnd() * 60)).toFixed(2);
      lines.push(
        `${date},Campaign ${c},Group ${c},EUR,"${impressions.toLocaleString('en-US')}",${clicks},"${Number(cost).toLocaleString('en-US', { minimumFractionDigits: 2 })}",${conversions}.00,${value}`,
      );
    }
  }
  lines.push('Total: Account,--,--,--,--,--,--,--,--');
  return lines.join('\r\n');
}

/** Campaigns 0–4 are the control, 5–9 the challenger. */
export const benchMapping = (campaigns = 10) =>
  Object.fromEntries(
    Array.from({ length: campaigns }, (_, c) => [`Campaign ${c}`, c < campaigns / 2 ? 'control' : 'b']),
  );
