import { For } from 'solid-js';
import { type Funnel, tornado } from '../../../worker/funnel';
import { money } from '../ui/labels';

/** Which input moves profit most per point of improvement (lazy-loaded: only drawn when asked for). */
export default function Tornado(props: { funnel: Funnel }) {
  const bars = () => tornado(props.funnel);
  const W = 320;
  const mid = 200;
  const rowH = 30;
  const span = () => Math.max(1, ...bars().flatMap((b) => [Math.abs(b.up), Math.abs(b.down)]));
  const w = (v: number) => (Math.abs(v) / span()) * (W - mid - 4);
  return (
    <figure class="chart tornado" data-testid="tornado">
      <figcaption>Profit per point of improvement</figcaption>
      <svg
        viewBox={`0 0 ${W + 120} ${bars().length * rowH + 6}`}
        role="img"
        aria-label="Tornado chart of profit sensitivity"
      >
        <For each={bars()}>
          {(b, i) => (
            <g>
              <text class="label" x="0" y={i() * rowH + 18}>
                {b.label}
              </text>
              <rect class="bar bad" x={mid + 60 - w(b.down)} y={i() * rowH + 6} width={w(b.down)} height={rowH - 12} />
              <rect class="bar good" x={mid + 60} y={i() * rowH + 6} width={w(b.up)} height={rowH - 12} />
              <text class="label small" x={mid + 64 + w(b.up)} y={i() * rowH + 18}>
                {money(b.up)}
              </text>
            </g>
          )}
        </For>
        <line class="axis" x1={mid + 60} x2={mid + 60} y1="0" y2={bars().length * rowH} />
      </svg>
      <ul class="small">
        <For each={bars().slice(0, 3)}>
          {(b) => (
            <li>
              {b.label}: {money(b.up)} / {money(b.down)} profit per period
            </li>
          )}
        </For>
      </ul>
    </figure>
  );
}
