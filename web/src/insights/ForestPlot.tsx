import { For, Show } from 'solid-js';
import { signedPct } from '../ui/labels';

/** SVG text does not wrap: long test names are shortened (the full name is in the list beside the chart). */
const short = (text: string, max = 20) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export type ForestRow = { label: string; effect: number; ci: [number, number]; tone?: 'supports' | 'contradicts' };

/**
 * A forest plot: each test's lift with its interval, and the pooled estimate as a diamond underneath. Positive
 * means better (a CPA drop counts as a gain). Hand-written SVG; colours come from classes (the CSP allows no
 * inline styles).
 */
export function ForestPlot(props: {
  title: string;
  rows: ForestRow[];
  pooled?: { estimate: number; ci: [number, number] } | null;
  pooledLabel?: string;
}) {
  const W = 320;
  const ROW = 34;
  const extent = () =>
    Math.max(
      0.02,
      ...props.rows.flatMap((r) => [Math.abs(r.ci[0]), Math.abs(r.ci[1])]),
      ...(props.pooled ? [Math.abs(props.pooled.ci[0]), Math.abs(props.pooled.ci[1])] : []),
    );
  const x = (v: number) => W / 2 + (Math.max(-extent(), Math.min(extent(), v)) / extent()) * (W / 2 - 10);
  const height = () => (props.rows.length + (props.pooled ? 1 : 0)) * ROW + 24;
  const tone = (ci: [number, number]) => (ci[0] > 0 ? 'good' : ci[1] < 0 ? 'bad' : 'unclear');
  const summary = () =>
    [
      ...props.rows.map(
        (r) =>
          `${r.label}${r.tone === 'contradicts' ? ' (contradicts)' : ''}: ${signedPct(r.effect)} [${signedPct(r.ci[0])}, ${signedPct(r.ci[1])}]`,
      ),
      ...(props.pooled
        ? [
            `${props.pooledLabel ?? 'Pooled'}: ${signedPct(props.pooled.estimate)} [${signedPct(props.pooled.ci[0])}, ${signedPct(props.pooled.ci[1])}]`,
          ]
        : []),
    ].join('; ');
  return (
    <figure class="chart forest">
      <figcaption>{props.title}</figcaption>
      <Show when={props.rows.length > 0} fallback={<p class="muted">No measured test yet.</p>}>
        <svg viewBox={`0 0 ${W} ${height()}`} role="img" aria-label={`${props.title}. ${summary()}`}>
          <line x1={W / 2} x2={W / 2} y1="0" y2={height() - 20} class="axis" />
          <For each={props.rows}>
            {(r, i) => {
              const y = () => i() * ROW + 22;
              return (
                <g>
                  <text x="4" y={y() - 8} class="label">
                    {short(r.label)}: {signedPct(r.effect)} [{signedPct(r.ci[0])}, {signedPct(r.ci[1])}]
                    {r.tone === 'contradicts' ? ' ✗' : ''}
                  </text>
                  <line
                    x1={x(r.ci[0])}
                    x2={x(r.ci[1])}
                    y1={y()}
                    y2={y()}
                    class={`ci ${tone(r.ci)}`}
                    stroke-width="6"
                    stroke-linecap="round"
                  />
                  <rect x={x(r.effect) - 4} y={y() - 4} width="8" height="8" class="point" />
                </g>
              );
            }}
          </For>
          <Show when={props.pooled}>
            {(p) => {
              const y = () => props.rows.length * ROW + 22;
              return (
                <g class="pooled">
                  <text x="4" y={y() - 8} class="label strong">
                    {props.pooledLabel ?? 'Pooled'}: {signedPct(p().estimate)} [{signedPct(p().ci[0])},{' '}
                    {signedPct(p().ci[1])}]
                  </text>
                  <polygon
                    class={`diamond ${tone(p().ci)}`}
                    points={`${x(p().ci[0])},${y()} ${x(p().estimate)},${y() - 7} ${x(p().ci[1])},${y()} ${x(p().estimate)},${y() + 7}`}
                  />
                </g>
              );
            }}
          </Show>
          <text x="4" y={height() - 4} class="label small">
            −{Math.round(extent() * 100)}%
          </text>
          <text x={W / 2} y={height() - 4} class="label small" text-anchor="middle">
            0
          </text>
          <text x={W - 4} y={height() - 4} class="label small" text-anchor="end">
            +{Math.round(extent() * 100)}%
          </text>
        </svg>
      </Show>
    </figure>
  );
}
