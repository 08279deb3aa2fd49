import { For, Show } from 'solid-js';
import type { MetricView } from '../cycles/evidence';
import { signedPct } from './labels';

/** Relative lift per variant with its confidence interval, zero line in the middle. Small hand-written SVG. */
export function LiftChart(props: { metrics: MetricView[]; title: string }) {
  const rows = () =>
    props.metrics.flatMap((m) => m.lifts.map((l) => ({ metric: m.name, ...l, good: m.direction !== 'decrease' })));
  const extent = () =>
    Math.max(
      0.05,
      ...rows().flatMap((r) => [Math.abs(r.ci?.[0] ?? 0), Math.abs(r.ci?.[1] ?? 0), Math.abs(r.lift ?? 0)]),
    );
  const W = 320;
  const ROW = 34;
  const x = (v: number) => W / 2 + (Math.max(-extent(), Math.min(extent(), v)) / extent()) * (W / 2 - 8);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <Show when={rows().length > 0} fallback={<p class="muted">Not enough data to compare yet.</p>}>
        <svg
          viewBox={`0 0 ${W} ${rows().length * ROW + 20}`}
          role="img"
          aria-label={`${props.title}: ${rows()
            .map((r) => `${r.metric} ${r.variant} ${signedPct(r.lift)}`)
            .join('; ')}`}
        >
          <line x1={W / 2} x2={W / 2} y1="0" y2={rows().length * ROW + 4} class="axis" />
          <For each={rows()}>
            {(r, i) => {
              const y = () => i() * ROW + 22;
              // Coloured only when the whole interval is on one side of zero; otherwise it is honestly unclear.
              const tone = (ci: [number, number]) => {
                const [lo, hi] = r.good ? ci : [-ci[1], -ci[0]];
                return lo > 0 ? 'good' : hi < 0 ? 'bad' : 'unclear';
              };
              return (
                <g>
                  <text x="4" y={y() - 8} class="label">
                    {r.metric} · {r.variant}: {signedPct(r.lift)}
                    {r.ci ? ` [${signedPct(r.ci[0])}, ${signedPct(r.ci[1])}]` : ''}
                  </text>
                  <Show when={r.ci}>
                    {(ci) => (
                      <line
                        x1={x(ci()[0])}
                        x2={x(ci()[1])}
                        y1={y()}
                        y2={y()}
                        class={`ci ${tone(ci())}`}
                        stroke-width="6"
                        stroke-linecap="round"
                      />
                    )}
                  </Show>
                  <Show when={r.lift != null}>
                    <circle cx={x(r.lift!)} cy={y()} r="5" class="point" />
                  </Show>
                </g>
              );
            }}
          </For>
          <text x="4" y={rows().length * ROW + 18} class="label small">
            −{Math.round(extent() * 100)}%
          </text>
          <text x={W - 4} y={rows().length * ROW + 18} class="label small" text-anchor="end">
            +{Math.round(extent() * 100)}%
          </text>
        </svg>
        <ul class="legend" aria-label="Key">
          <li>
            <span class="swatch dot" aria-hidden="true" /> measured lift
          </li>
          <li>
            <span class="swatch good" aria-hidden="true" /> whole interval better
          </li>
          <li>
            <span class="swatch bad" aria-hidden="true" /> whole interval worse
          </li>
          <li>
            <span class="swatch unclear" aria-hidden="true" /> interval includes no change: not clear yet
          </li>
        </ul>
      </Show>
    </figure>
  );
}

/** A metric over time: one line per variant. */
export function TimeChart(props: {
  title: string;
  series: { name: string; points: { date: string; value: number }[] }[];
  format: (v: number) => string;
}) {
  const W = 320;
  const H = 140;
  const dates = () => [...new Set(props.series.flatMap((s) => s.points.map((p) => p.date)))].sort();
  const values = () => props.series.flatMap((s) => s.points.map((p) => p.value));
  const lo = () => Math.min(...values());
  const hi = () => Math.max(...values());
  const x = (d: string) => (dates().length < 2 ? W / 2 : 30 + (dates().indexOf(d) / (dates().length - 1)) * (W - 40));
  const y = (v: number) => (hi() === lo() ? H / 2 : H - 20 - ((v - lo()) / (hi() - lo())) * (H - 40));
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <Show when={values().length > 0} fallback={<p class="muted">No results entered yet.</p>}>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={`${props.title} from ${dates()[0]} to ${dates()[dates().length - 1]}`}
        >
          <For each={props.series}>
            {(s, i) => (
              <g class={`series s${i() % 4}`}>
                <polyline
                  fill="none"
                  stroke-width="2"
                  points={s.points.map((p) => `${x(p.date)},${y(p.value)}`).join(' ')}
                />
                <For each={s.points}>{(p) => <circle cx={x(p.date)} cy={y(p.value)} r="3" />}</For>
              </g>
            )}
          </For>
          <text x="2" y={y(hi()) + 4} class="label small">
            {props.format(hi())}
          </text>
          <text x="2" y={y(lo()) + 4} class="label small">
            {props.format(lo())}
          </text>
          <text x="30" y={H - 4} class="label small">
            {dates()[0]}
          </text>
          <text x={W - 4} y={H - 4} class="label small" text-anchor="end">
            {dates()[dates().length - 1]}
          </text>
        </svg>
        <ul class="legend" aria-label="Key">
          <For each={props.series}>
            {(s, i) => (
              <li class={`series s${i() % 4}`}>
                <span class="swatch line" aria-hidden="true" /> {s.name}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </figure>
  );
}
