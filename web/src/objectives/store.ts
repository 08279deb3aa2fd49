import type { InferResponseType } from 'hono/client';
import { createSignal } from 'solid-js';
import { api, call } from '../api';

export type Objective = InferResponseType<(typeof api.objectives)[':id']['$get'], 200>;
export type ObjectiveProgress = InferResponseType<(typeof api.objectives)[':id']['progress']['$get'], 200>;
export const OBJECTIVE_STATUSES = ['active', 'achieved', 'archived'] as const;

/** The workspace's objectives, fetched when an objectives screen opens (they change rarely and only online). */
const [objectives, setObjectives] = createSignal<Objective[]>([]);
const [state, setState] = createSignal<'idle' | 'loading' | 'ready' | 'error'>('idle');
const [loadError, setLoadError] = createSignal<unknown>();
export { objectives, state as objectivesState, loadError as objectivesError };

export async function loadObjectives() {
  if (state() === 'loading') return;
  setState(objectives().length ? 'ready' : 'loading');
  try {
    setObjectives((await call(api.objectives.$get({ query: {} }))).items);
    setState('ready');
  } catch (err) {
    setLoadError(err);
    setState(objectives().length ? 'ready' : 'error');
  }
}

export function upsertObjective(o: Objective) {
  setObjectives([...objectives().filter((x) => x.id !== o.id), o]);
}

export const objectiveTitle = (id: string | null | undefined) => objectives().find((o) => o.id === id)?.title;
