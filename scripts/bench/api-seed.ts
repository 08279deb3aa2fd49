// The API benchmark's workload, made through the public API only: a workspace, hypotheses, cycles with daily
// results, and closed cycles with their learnings.

/** A signed-in caller (the session cookie carried by hand). */
export class Api {
  cookie = '';
  constructor(readonly base: string) {}

  async raw(method: string, path: string, body?: unknown) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        origin: this.base,
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.cookie && { cookie: this.cookie }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return res;
  }

  async json<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.raw(method, path, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }
}

/** Runs `task(i)` for i < count with `width` in flight, reporting progress. */
async function pool(count: number, width: number, task: (i: number) => Promise<unknown>, report: (n: number) => void) {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await task(i);
      if (++done % 250 === 0 || done === count) report(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

const WORDS = ['checkout', 'banner', 'shipping', 'video', 'headline', 'bundle', 'urgency', 'retarget', 'lookalike'];
const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

export async function seedWorkload(
  base: string,
  scale: { hypotheses: number; cycles: number; learnings: number },
  progress: (line: string) => void,
) {
  const api = new Api(base);
  await api.json('POST', '/api/auth/setup', {
    workspace: 'Bench Co',
    name: 'Bench Admin',
    email: 'bench@example.com',
    password: 'bench-password-2026',
  });
  const metrics = (await api.json('GET', '/api/metrics')).items as { id: string; name: string }[];
  const channels = (await api.json('GET', '/api/channels')).items as { id: string }[];
  const metric = (name: string) => metrics.find((m) => m.name === name)!.id;
  const conversion = metric('Conversion rate');

  const hypothesisIds: string[] = [];
  await pool(
    scale.hypotheses,
    16,
    async (i) => {
      const h = await api.json('POST', '/api/hypotheses', {
        title: `${WORDS[i % WORDS.length]} test ${i}: ${WORDS[(i * 7) % WORDS.length]} for segment ${i % 40}`,
        change: `change ${i}`,
        audience: `segment ${i % 40}`,
        channelId: channels[i % channels.length]!.id,
        metricId: conversion,
        move: 'increase',
        expectedImpact: 0.05,
        rationale: 'benchmark workload',
        lever: 'creative',
        funnelStage: 'conversion',
        impact: 1 + (i % 10),
        confidence: 1 + ((i * 3) % 10),
        ease: 1 + ((i * 7) % 10),
        tags: [WORDS[i % WORDS.length]!],
      });
      hypothesisIds[i] = h.id;
    },
    (n) => progress(`hypotheses ${n}/${scale.hypotheses}`),
  );

  const cycleIds: string[] = [];
  await pool(
    scale.cycles,
    8,
    async (i) => {
      const cycle = await api.json('POST', '/api/cycles', {
        hypothesisId: hypothesisIds[i],
        name: `Bench cycle ${i}`,
        variants: [
          { key: 'control', name: 'Control', weight: 1 },
          { key: 'treatment', name: 'Treatment', weight: 1 },
        ],
        budget: 1000,
        decisionRule: {
          primaryMetricId: conversion,
          method: 'frequentist',
          alpha: 0.05,
          minRelativeLift: 0,
          guardrails: [],
          minDays: 0,
          plannedSampleSizePerVariant: 1000,
        },
      });
      await api.json('POST', `/api/cycles/${cycle.id}/launch`, { version: cycle.version });
      const snapshots = [];
      for (let d = 0; d < 7; d++) {
        for (const [variantKey, rate] of [
          ['control', 0.05],
          ['treatment', 0.05 + (i % 3) * 0.01],
        ] as const) {
          const units = 1000 * (d + 1);
          snapshots.push({
            metricId: conversion,
            variantKey,
            date: day(d),
            units,
            conversions: Math.round(units * rate),
          });
        }
      }
      await api.json('POST', `/api/cycles/${cycle.id}/snapshots`, { snapshots });
      cycleIds[i] = cycle.id;
    },
    (n) => progress(`cycles ${n}/${scale.cycles}`),
  );

  await pool(
    scale.learnings,
    8,
    async (i) => {
      const id = cycleIds[scale.cycles - 1 - i]!;
      const cycle = await api.json('GET', `/api/cycles/${id}`);
      const analysis = await api.json('GET', `/api/cycles/${id}/analysis`);
      const decision = analysis.verdict?.decision ?? 'iterate';
      await api.json('POST', `/api/cycles/${id}/close`, {
        version: cycle.version,
        decision,
        learning: { summary: `What cycle ${i} taught us about ${WORDS[i % WORDS.length]}` },
      });
    },
    (n) => progress(`learnings ${n}/${scale.learnings}`),
  );

  // Writes spread over the running cycles (closed ones take no results): each request adds a new past day.
  const running = cycleIds.slice(0, scale.cycles - scale.learnings);
  const writeCycle = {
    id: (i: number) => running[(i + 1) % running.length]!,
    day: (i: number) => {
      const n = 7 + Math.floor((i + 1) / running.length); // days 0..6 exist; request -1 is the sample
      const units = 1000 * (n + 1);
      return {
        snapshots: [
          { metricId: conversion, variantKey: 'control', date: day(n), units, conversions: Math.round(units / 20) },
          { metricId: conversion, variantKey: 'treatment', date: day(n), units, conversions: Math.round(units / 18) },
        ],
      };
    },
  };
  return { api, cycleId: cycleIds[1]!, hypothesisId: hypothesisIds[0]!, writeCycle };
}
