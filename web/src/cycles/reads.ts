import { api, call } from '../api';
import { startEarly, takeEarly } from '../early';

/** What the test screen reads first; started early when a link opens it (main.tsx, early.ts). */
const readCycle = (id: string) => call(api.cycles[':id'].$get({ param: { id } }));
const readAnalysis = (id: string) => call(api.cycles[':id'].analysis.$get({ param: { id } }));
const readSnapshots = (id: string) => call(api.cycles[':id'].snapshots.$get({ param: { id } })).then((r) => r.items);

export function startTestScreenReads(id: string) {
  startEarly(`cycle:${id}`, () => readCycle(id));
  startEarly(`analysis:${id}`, () => readAnalysis(id));
  startEarly(`snapshots:${id}`, () => readSnapshots(id));
}

export const takeCycle = (id: string) => takeEarly(`cycle:${id}`, () => readCycle(id));
export const takeAnalysis = (id: string) => takeEarly(`analysis:${id}`, () => readAnalysis(id));
export const takeSnapshots = (id: string) => takeEarly(`snapshots:${id}`, () => readSnapshots(id));
