import { For, Show } from 'solid-js';

/** Tests launched and closed per week: paired bars. Hand-written SVG; colours come from classes (strict CSP). */
export function WeekBars(props: { weeks: { weekStart: string; launched: number; closed: number }[] }) {
  const W = 320;
  const H = 130;
  const top = () => Math.max(1, ...props.weeks.flatMap((w) => [w.launched, w.closed]));
  const slot = () => (W - 10) / Math.max(1, props.weeks.length);
  const bar = (n: number) => ((H - 36) * n) / top();
  const total = (key: 'launched' | 'closed') => props.weeks.reduce((s, w) => s + w[key], 0);
  return (
    <figure class="chart">
      <figcaption>Tests launched and closed per week</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Over ${props.weeks.length} weeks: ${total('launched')} launched, ${total('closed')} closed. ${props.weeks
          .map((w) => `Week of ${w.weekStart}: ${w.launched} launched, ${w.closed} closed`)
          .join('; ')}`}
      >
        <line x1="5" x2={W - 5} y1={H - 20} y2={H - 20} class="axis" />
        <For each={props.weeks}>
          {(w, i) => {
            const x = () => 5 + i() * slot();
            const width = () => Math.max(2, slot() / 2 - 2);
            return (
              <g>
                <rect
                  class="bar launched"
                  x={x() + 1}
                  y={H - 20 - bar(w.launched)}
                  width={width()}
                  height={bar(w.launched)}
                />
                <rect
                  class="bar closed"
                  x={x() + 1 + width()}
                  y={H - 20 - bar(w.closed)}
                  width={width()}
                  height={bar(w.closed)}
                />
              </g>
            );
          }}
        </For>
        <text x="5" y={H - 6} class="label small">
          {props.weeks[0]?.weekStart}
        </text>
        <text x={W - 5} y={H - 6} class="label small" text-anchor="end">
          {props.weeks[props.weeks.length - 1]?.weekStart}
        </text>
        <text x="5" y="12" class="label small">
          up to {top()} a week
        </text>
      </svg>
      <p class="legend">
        <span class="key launched" aria-hidden="true" /> launched <span class="key closed" aria-hidden="true" /> closed
      </p>
    </figure>
  );
}

/** A 100% bar split into named parts (ship / kill / iterate, won / lost / inconclusive). */
export function SplitBar(props: { label: string; parts: { key: string; label: string; value: number }[] }) {
  const W = 320;
  const total = () => props.parts.reduce((s, p) => s + p.value, 0);
  const placed = () => {
    let x = 0;
    return props.parts.map((p) => {
      const width = total() ? (W * p.value) / total() : 0;
      const at = { ...p, x, width };
      x += width;
      return at;
    });
  };
  return (
    <figure class="chart split">
      <figcaption>{props.label}</figcaption>
      <Show when={total() > 0} fallback={<p class="muted">No closed test in this window.</p>}>
        <svg
          viewBox={`0 0 ${W} 22`}
          role="img"
          aria-label={`${props.label}: ${props.parts.map((p) => `${p.value} ${p.label}`).join(', ')}`}
        >
          <For each={placed()}>{(p) => <rect class={`part ${p.key}`} x={p.x} y="0" width={p.width} height="22" />}</For>
        </svg>
        <p class="legend">
          <For each={props.parts}>
            {(p) => (
              <span>
                <span class={`key ${p.key}`} aria-hidden="true" /> {p.label} {p.value}{' '}
              </span>
            )}
          </For>
        </p>
      </Show>
    </figure>
  );
}

/** ICE scores of the backlog in whole-point bins, plus the unscored ideas. */
export function IceHistogram(props: { bins: { from: number; to: number; count: number }[]; unscored: number }) {
  const W = 320;
  const H = 100;
  const top = () => Math.max(1, ...props.bins.map((b) => b.count), props.unscored);
  const slot = () => (W - 10) / (props.bins.length + 1);
  const bar = (n: number) => ((H - 34) * n) / top();
  const columns = () => [
    ...props.bins.map((b) => ({ label: String(b.from), count: b.count, cls: 'launched' })),
    { label: '?', count: props.unscored, cls: 'closed' },
  ];
  return (
    <figure class="chart">
      <figcaption>ICE scores in the backlog (? = not scored)</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`ICE distribution: ${
          props.bins
            .filter((b) => b.count > 0)
            .map((b) => `${b.count} between ${b.from} and ${b.to}`)
            .join(', ') || 'no scored idea'
        }${props.unscored ? `; ${props.unscored} not scored` : ''}`}
      >
        <line x1="5" x2={W - 5} y1={H - 18} y2={H - 18} class="axis" />
        <For each={columns()}>
          {(c, i) => {
            const mid = () => 5 + i() * slot() + slot() / 2;
            return (
              <g>
                <rect
                  class={`bar ${c.cls}`}
                  x={5 + i() * slot() + 2}
                  y={H - 18 - bar(c.count)}
                  width={slot() - 4}
                  height={bar(c.count)}
                />
                <text x={mid()} y={H - 5} class="label small" text-anchor="middle">
                  {c.label}
                </text>
                <Show when={c.count > 0}>
                  <text x={mid()} y={H - 22 - bar(c.count)} class="label small" text-anchor="middle">
                    {c.count}
                  </text>
                </Show>
              </g>
            );
          }}
        </For>
      </svg>
    </figure>
  );
}
