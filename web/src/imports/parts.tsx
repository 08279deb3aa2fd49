import { For, Show } from 'solid-js';
import { type Daily, type Level, LEVELS, type Totals } from '../../../worker/imports';

type Variant = { key: string; name: string };
const LEVEL_TITLES: Record<Level, string> = { campaign: 'Campaigns', adGroup: 'Ad sets / ad groups', ad: 'Ads' };
const count = new Intl.NumberFormat();

/** Problems named by line and column, as the file or the server reported them. */
export function Problems(props: { fields: Record<string, string> }) {
  const entries = () => Object.entries(props.fields);
  return (
    <Show when={entries().length}>
      <ul class="error" role="alert" data-testid="import-problems">
        <For each={entries().slice(0, 20)}>
          {([where, why]) => (
            <li>
              {where === 'file' || where === 'content' ? 'File' : where.replace(/^line/, 'Line')}: {why}
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

/** Each campaign, ad set or ad name in the file → a variant (or none). The most specific mapped name wins. */
export function MappingPicker(props: {
  names: { level: Level; name: string; rows: number }[];
  variants: Variant[];
  mapping: Record<string, string>;
  onChange: (m: Record<string, string>) => void;
}) {
  const chosenFor = (name: string) =>
    Object.entries(props.mapping).find(([n]) => n.trim().toLowerCase() === name.trim().toLowerCase())?.[1] ?? '';
  const set = (name: string, key: string) => {
    const next = Object.fromEntries(
      Object.entries(props.mapping).filter(([n]) => n.trim().toLowerCase() !== name.trim().toLowerCase()),
    );
    if (key) next[name] = key;
    props.onChange(next);
  };
  return (
    <fieldset class="stack" data-testid="import-mapping">
      <legend>Which variant is each name?</legend>
      <p class="muted small">
        Pick the variant for the campaigns, ad sets or ads of this test; an ad's choice beats its ad set's, which beats
        its campaign's. Rows with no mapped name are skipped, never guessed.
      </p>
      <For
        each={LEVELS.slice()
          .reverse()
          .filter((l) => props.names.some((n) => n.level === l))}
      >
        {(level) => (
          <div class="stack">
            <h3 class="small">{LEVEL_TITLES[level]}</h3>
            <For each={props.names.filter((n) => n.level === level)}>
              {(n) => (
                <label class="map-row">
                  <span class="map-name">
                    {n.name} <span class="muted small">({n.rows} rows)</span>
                  </span>
                  <select value={chosenFor(n.name)} onChange={(e) => set(n.name, e.currentTarget.value)}>
                    <option value="">— not in this test —</option>
                    <For each={props.variants}>{(v) => <option value={v.key}>{v.name}</option>}</For>
                  </select>
                </label>
              )}
            </For>
          </div>
        )}
      </For>
    </fieldset>
  );
}

const rate = (x: number, of: number) => (of > 0 ? `${((x / of) * 100).toFixed(2)}%` : '—');

/** What the file adds up to per variant, in words. */
export function TotalsCards(props: { totals: Record<string, Totals>; variants: Variant[]; money: Intl.NumberFormat }) {
  const shown = () => props.variants.filter((v) => props.totals[v.key]);
  return (
    <Show when={shown().length} fallback={<p class="empty">No rows are mapped to a variant yet.</p>}>
      <div class="cards" data-testid="import-totals">
        <For each={shown()}>
          {(v) => {
            const t = () => props.totals[v.key]!;
            return (
              <article class="card">
                <h3>{v.name}</h3>
                <ul class="small totals">
                  <li>
                    {count.format(t().impressions)} impressions, {count.format(t().clicks)} clicks (
                    {rate(t().clicks, t().impressions)} click-through)
                  </li>
                  <li>
                    {count.format(t().conversions)} conversions ({rate(t().conversions, t().clicks)} of clicks)
                  </li>
                  <li>
                    {props.money.format(t().spend)} spent
                    {t().conversions > 0 ? `, ${props.money.format(t().spend / t().conversions)} per conversion` : ''}
                  </li>
                  <li>
                    {props.money.format(t().revenue)} revenue
                    {t().spend > 0 ? ` (return on ad spend ${(t().revenue / t().spend).toFixed(2)})` : ''}
                  </li>
                </ul>
              </article>
            );
          }}
        </For>
      </div>
    </Show>
  );
}

/** Day by day, per variant: the rows the cumulative snapshots are built from. */
export function DailyTable(props: { daily: Daily; variants: Variant[]; money: Intl.NumberFormat }) {
  return (
    <For each={props.variants.filter((v) => props.daily.get(v.key))}>
      {(v) => {
        const days = () => [...props.daily.get(v.key)!.entries()].sort(([a], [b]) => a.localeCompare(b));
        return (
          <details class="daily">
            <summary>
              {v.name}: {days().length} days
            </summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Clicks</th>
                  <th scope="col">Conv.</th>
                  <th scope="col">Spend</th>
                </tr>
              </thead>
              <tbody>
                <For each={days()}>
                  {([date, t]) => (
                    <tr>
                      <td>{date}</td>
                      <td>{count.format(t.clicks)}</td>
                      <td>{count.format(t.conversions)}</td>
                      <td>{props.money.format(t.spend)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </details>
        );
      }}
    </For>
  );
}
