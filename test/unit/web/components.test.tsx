/**
 * Solid components rendered into happy-dom (the `web` vitest project): the lift chart's scale and CI bars,
 * the time chart, and user text that looks like HTML staying text (Solid sets text nodes, never innerHTML).
 */
import 'fake-indexeddb/auto';
import type { JSX } from 'solid-js';
import { render } from 'solid-js/web';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiftChart, TimeChart } from '../../../web/src/ui/charts';
import type { Lift, MetricView } from '../../../web/src/cycles/evidence';
import { ErrorBox, toast, Toasts } from '../../../web/src/ui';
import { RuleStatus } from '../../../web/src/cycles/RuleStatus';

const XSS = '<img src=x onerror=alert(1)>';

let cleanup: (() => void)[] = [];
function mount(ui: () => JSX.Element): HTMLElement {
  const host = document.createElement('div');
  document.body.appendChild(host);
  const dispose = render(ui, host);
  cleanup.push(() => {
    dispose();
    host.remove();
  });
  return host;
}
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
  vi.unstubAllGlobals();
});

const view = (name: string, direction: string, ...lifts: Partial<Lift>[]): MetricView => ({
  metricId: name,
  name,
  role: 'primary',
  kind: 'proportion',
  direction,
  method: 'frequentist',
  control: { name: 'Control', estimate: null },
  notes: [],
  lifts: lifts.map((l) => ({
    variant: 'B',
    estimate: null,
    lift: null,
    ci: null,
    interval: 'confidence' as const,
    pValue: null,
    adjustedPValue: null,
    chance: null,
    ...l,
  })),
});
const attr = (el: Element | null | undefined, name: string) => Number(el?.getAttribute(name));

describe('LiftChart', () => {
  // The scale: zero in the middle (x = 160 of 320), ±extent at 8 px from the edges; extent = the largest |lift| or
  // |CI end|, at least 5 %.
  it('puts zero in the middle and scales to the widest interval', () => {
    const host = mount(() => (
      <LiftChart title="Lift" metrics={[view('Conversion rate', 'increase', { lift: 0.1, ci: [-0.05, 0.25] })]} />
    ));
    const axis = host.querySelector('line.axis');
    expect(attr(axis, 'x1')).toBe(160);
    const point = host.querySelector('circle.point');
    expect(attr(point, 'cx')).toBeCloseTo(160 + (0.1 / 0.25) * 152, 6);
    const ci = host.querySelector('line.ci');
    expect(attr(ci, 'x1')).toBeCloseTo(160 - (0.05 / 0.25) * 152, 6);
    expect(attr(ci, 'x2')).toBeCloseTo(312, 6);
    expect(attr(ci, 'y1')).toBe(attr(point, 'cy'));
    const ends = [...host.querySelectorAll('text.small')].map((t) => t.textContent);
    expect(ends).toEqual(['−25%', '+25%']);
    expect(host.querySelector('svg')!.getAttribute('viewBox')).toBe('0 0 320 54');
    expect(host.querySelector('text.label')!.textContent).toBe('Conversion rate · B: +10.0% [-5.0%, +25.0%]');
    // The colour key says what green, red and grey bars mean.
    expect([...host.querySelectorAll('.legend li')].map((li) => li.querySelector('.swatch')!.className)).toEqual([
      'swatch dot',
      'swatch good',
      'swatch bad',
      'swatch unclear',
    ]);
    expect(host.querySelector('.legend')!.textContent).toContain('interval includes no change: not clear yet');
  });

  it('never zooms in past ±5 %, so tiny lifts look tiny', () => {
    const host = mount(() => (
      <LiftChart title="Lift" metrics={[view('CR', 'increase', { lift: 0.01, ci: [0.005, 0.02] })]} />
    ));
    expect(attr(host.querySelector('circle.point'), 'cx')).toBeCloseTo(160 + (0.01 / 0.05) * 152, 6);
    expect([...host.querySelectorAll('text.small')].map((t) => t.textContent)).toEqual(['−5%', '+5%']);
  });

  it('colours the bar good or bad only when the whole interval clears zero, for the metric direction', () => {
    const host = mount(() => (
      <LiftChart
        title="Lift"
        metrics={[
          view(
            'Conversion rate',
            'increase',
            { variant: 'B', lift: 0.1, ci: [0.02, 0.18] },
            { variant: 'C', lift: -0.1, ci: [-0.18, -0.02] },
          ),
          view(
            'CPA',
            'decrease',
            { variant: 'B', lift: -0.1, ci: [-0.2, -0.01] },
            { variant: 'C', lift: 0.1, ci: [0.01, 0.2] },
          ),
          view('AOV', 'increase', { variant: 'B', lift: 0.05, ci: [-0.01, 0.11] }),
        ]}
      />
    ));
    expect([...host.querySelectorAll('line.ci')].map((l) => l.getAttribute('class'))).toEqual([
      'ci good',
      'ci bad',
      'ci good',
      'ci bad',
      'ci unclear',
    ]);
    // Rows are stacked 34 px apart; every row shares the same scale.
    const ys = [...host.querySelectorAll('circle.point')].map((c) => attr(c, 'cy'));
    expect(ys).toEqual([22, 56, 90, 124, 158]);
    const xs = [...host.querySelectorAll('circle.point')].map((c) => attr(c, 'cx'));
    expect(xs[0]! - 160).toBeCloseTo(160 - xs[1]!, 6);
  });

  it('clamps nothing inside the extent and draws no bar or point for missing numbers', () => {
    const host = mount(() => (
      <LiftChart
        title="Lift"
        metrics={[view('CR', 'increase', { lift: null, ci: null }), view('AOV', 'increase', { lift: 0.2, ci: null })]}
      />
    ));
    expect(host.querySelectorAll('line.ci')).toHaveLength(0);
    expect(host.querySelectorAll('circle.point')).toHaveLength(1);
    expect(attr(host.querySelector('circle.point'), 'cx')).toBeCloseTo(312, 6);
    expect(host.querySelector('text.label')!.textContent).toBe('CR · B: —');
  });

  it('says "not enough data" when there is nothing to compare', () => {
    const host = mount(() => <LiftChart title="Lift" metrics={[view('CR', 'increase')]} />);
    expect(host.querySelector('svg')).toBeNull();
    expect(host.textContent).toContain('Not enough data to compare yet.');
  });

  it('describes itself for screen readers', () => {
    const host = mount(() => (
      <LiftChart
        title="Primary metric"
        metrics={[view('CR', 'increase', { lift: 0.1 }, { variant: 'C', lift: -0.02 })]}
      />
    ));
    const svg = host.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Primary metric: CR B +10.0%; CR C -2.0%');
  });

  it('renders metric and variant names that look like HTML as text', () => {
    const host = mount(() => (
      <LiftChart title={XSS} metrics={[view(XSS, 'increase', { variant: XSS, lift: 0.1, ci: [0, 0.2] })]} />
    ));
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('figcaption')!.textContent).toBe(XSS);
    expect(host.querySelector('text.label')!.textContent).toContain(`${XSS} · ${XSS}`);
    expect(host.querySelector('svg')!.getAttribute('aria-label')).toContain(XSS);
  });
});

describe('TimeChart', () => {
  const series = [
    {
      name: 'Control',
      points: [
        { date: '2026-11-01', value: 0.05 },
        { date: '2026-11-03', value: 0.06 },
      ],
    },
    {
      name: 'B',
      points: [
        { date: '2026-11-02', value: 0.04 },
        { date: '2026-11-03', value: 0.08 },
      ],
    },
  ];

  it('spreads the dates across the width and the values across the height', () => {
    const host = mount(() => <TimeChart title="CR" series={series} format={(v) => `${(v * 100).toFixed(0)}%`} />);
    const [control, b] = [...host.querySelectorAll('polyline')].map((p) =>
      p
        .getAttribute('points')!
        .split(' ')
        .map((xy) => xy.split(',').map(Number)),
    );
    // Dates 01..03 → x = 30, 170, 310; values 0.04..0.08 → y = 120 (low) .. 20 (high).
    const near = (got: number[][] | undefined, want: number[][]) => {
      expect(got).toHaveLength(want.length);
      want.forEach((pt, i) => pt.forEach((v, j) => expect(got![i]![j]).toBeCloseTo(v, 9)));
    };
    near(control, [
      [30, 95],
      [310, 70],
    ]);
    near(b, [
      [170, 120],
      [310, 20],
    ]);
    expect([...host.querySelectorAll('text.small')].map((t) => t.textContent)).toEqual([
      '8%',
      '4%',
      '2026-11-01',
      '2026-11-03',
    ]);
    expect(host.querySelector('svg')!.getAttribute('aria-label')).toBe('CR from 2026-11-01 to 2026-11-03');
    // A colour key names each line: the series' colour class on the key item, its swatch and its name.
    const key = [...host.querySelectorAll('.legend li')];
    expect(key.map((li) => [li.className, li.querySelector('.swatch') != null, li.textContent?.trim()])).toEqual([
      ['series s0', true, 'Control'],
      ['series s1', true, 'B'],
    ]);
    expect([...host.querySelectorAll('polyline')].map((p) => p.closest('g')!.getAttribute('class'))).toEqual([
      'series s0',
      'series s1',
    ]);
  });

  it('centres a single day and a flat line instead of dividing by zero', () => {
    const host = mount(() => (
      <TimeChart
        title="CR"
        series={[{ name: 'Control', points: [{ date: '2026-11-01', value: 0.05 }] }]}
        format={String}
      />
    ));
    const c = host.querySelector('circle')!;
    expect([attr(c, 'cx'), attr(c, 'cy')]).toEqual([160, 70]);
  });

  it('says so when there are no results', () => {
    const host = mount(() => <TimeChart title="CR" series={[]} format={String} />);
    expect(host.textContent).toContain('No results entered yet.');
  });
});

describe('user text is rendered as text', () => {
  it('in an error box', () => {
    const retry = vi.fn();
    const host = mount(() => <ErrorBox error={new Error(XSS)} retry={retry} />);
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('[role=alert] p')!.textContent).toBe(XSS);
    host.querySelector('button')!.click();
    expect(retry).toHaveBeenCalledOnce();
  });

  it('in a toast', () => {
    const host = mount(() => <Toasts />);
    toast(`Saved “${XSS}”`, { label: 'Undo', run: () => {} });
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('.toast span')!.textContent).toBe(`Saved “${XSS}”`);
    host.querySelector<HTMLButtonElement>('button[aria-label=Dismiss]')!.click();
    expect(host.querySelector('.toast')).toBeNull();
  });

  describe('on the sync screen (outbox items and the conflict diff)', () => {
    beforeEach(() => {
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      vi.stubGlobal(
        'fetch',
        vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
          const method = init?.method ?? 'GET';
          if (method === 'PATCH') {
            return json(409, {
              error: {
                code: 'version_conflict',
                message: 'Changed by someone else',
                current: { id: 'h1', title: '<b>theirs</b>', version: 2 },
              },
            });
          }
          if (method === 'GET') return json(200, { items: [] });
          return json(201, {});
        }),
      );
    });

    it('shows my title and theirs as text, then resolves', async () => {
      const data = await import('../../../web/src/data');
      const { SyncScreen } = await import('../../../web/src/sync/Sync');
      // Signed in: the sync screen shows the queue of the workspace on screen.
      data.setMe({ memberId: 'u1', workspaceId: 'w1', role: 'member' } as unknown as NonNullable<
        ReturnType<typeof data.me>
      >);
      await data.write({ kind: 'hypothesis.update', entityId: 'h1', body: { title: XSS }, baseVersion: 1 });
      const host = mount(() => <SyncScreen />);
      expect(host.querySelector('[data-testid=outbox-item] strong')!.textContent).toBe(`Edit: ${XSS}`);

      await data.sync();
      await vi.waitFor(() => expect(host.textContent).toContain('Someone else changed this first'));
      const cells = [...host.querySelectorAll('table.diff tbody tr')].map((tr) =>
        [...tr.children].map((c) => c.textContent),
      );
      expect(cells).toEqual([['title', XSS, '<b>theirs</b>']]);
      expect(host.querySelector('img, b')).toBeNull();

      [...host.querySelectorAll('button')].find((b) => b.textContent === 'Take theirs')!.click();
      await vi.waitFor(() => expect(host.textContent).toContain('Everything is synced.'));
    });
  });
});

describe('RuleStatus', () => {
  const analysis = {
    progress: { daysRunning: 0, minDays: 14, daysLeft: 14, unitsPerVariant: 800, unitsLeft: 11200, fraction: 0 },
    ruleStatus: [
      { check: 'Minimum days', status: 'not_enough_data', detail: '0 of 14 days (14 left)' },
      { check: 'Planned sample', status: 'not_enough_data', detail: '800 of 12,000 per variant (11,200 left)' },
    ],
  };
  const checks = (host: HTMLElement) =>
    [...host.querySelectorAll('[aria-label="Decision rule status"] li')].map((li) => li.textContent);

  it('a running test says what is left of its plan', () => {
    const host = mount(() => <RuleStatus analysis={analysis} />);
    expect(host.textContent).toContain('14 days left');
    expect(checks(host)).toEqual([
      'not enough data: … Minimum days: 0 of 14 days (14 left)',
      'not enough data: … Planned sample: 800 of 12,000 per variant (11,200 left)',
    ]);
  });

  it('a stopped test says how long it ran and how far short of its plan it stopped, not what is left', () => {
    const host = mount(() => <RuleStatus analysis={analysis} ended />);
    expect(host.textContent).toContain('Ran 0 days (the plan was at least 14)');
    expect(host.textContent).not.toContain('left');
    expect(checks(host)).toEqual([
      'not enough data: … Minimum days: 0 of 14 days (14 short of the plan)',
      'not enough data: … Planned sample: 800 of 12,000 per variant (11,200 short of the plan)',
    ]);
  });
});
