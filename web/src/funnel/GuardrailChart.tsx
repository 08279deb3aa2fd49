import { For } from 'solid-js';
import { formatRatio } from '../money/format';
import { money } from '../ui/labels';

type Row = { label: string; value: number | null };

/** Horizontal bars with the objective's limit drawn as a line: which results cross it. */
export function GuardrailChart(props: {
  title: string;
  rows: Row[];
  limit: number;
  kind: 'ceiling' | 'floor';
  money: boolean;
}) {
  const W = 320;
  const left = 88;
  const rowH = 22;
  const max = () => Math.max(props.limit * 1.25, ...props.rows.map((r) => r.value ?? 0)) || 1;
  const x = (v: number) => left + ((W - left - 8) * v) / max();
  const show = (v: number | null) => (props.money ? money(v) : formatRatio(v));
  const crossed = (v: number | null) => v == null || (props.kind === 'ceiling' ? v > props.limit : v < props.limit);
  const h = () => props.rows.length * rowH + 22;
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${h()}`} role="img" aria-label={`${props.title}: limit ${show(props.limit)}`}>
        <For each={props.rows}>
          {(r, i) => (
            <g>
              <text class="label" x="0" y={i() * rowH + 15}>
                {r.label}
              </text>
              <rect
                class={crossed(r.value) ? 'bar bad' : 'bar good'}
                x={left}
                y={i() * rowH + 4}
                width={Math.max(1, x(r.value ?? 0) - left)}
                height={rowH - 8}
              />
            </g>
          )}
        </For>
        <line class="limit" x1={x(props.limit)} x2={x(props.limit)} y1="0" y2={h() - 16} />
        <text class="label small" x={Math.min(x(props.limit), W - 70)} y={h() - 4}>
          {props.kind === 'ceiling' ? 'ceiling' : 'floor'} {show(props.limit)}
        </text>
      </svg>
    </figure>
  );
}
