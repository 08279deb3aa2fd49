import { dateTime } from './time';

/** Turning audit entries (before → after JSON) into sentences and per-field changes people can read. */

/** Bookkeeping fields every record carries: shown nowhere, since they say nothing about the change. */
const NOISE = new Set(['id', 'workspaceId', 'version', 'createdAt', 'updatedAt', 'inviteTokenHash', 'tokenHash']);

const VERBS: Record<string, string> = {
  create: 'created',
  update: 'changed',
  delete: 'deleted',
  launch: 'launched',
  review: 'moved to review',
  close: 'closed',
  abort: 'aborted',
  publish: 'published',
  invite: 'invited',
  accept_invite: 'joined as',
  renew_invite: 'sent a new invite link to',
  revoke: 'revoked',
  seed: 'loaded demo data into',
  enable: 're-enabled',
  disable: 'disabled',
  build: 'built',
  cite: 'cited',
  correct: 'corrected',
  import: 'imported',
  leave: 'left',
};

/** Record types as people say them (lower case, for sentences); `entityTitle` for lists. */
export const ENTITIES: Record<string, string> = {
  hypothesis: 'hypothesis',
  cycle: 'test',
  snapshot: 'result',
  learning: 'learning',
  objective: 'objective',
  channel: 'channel',
  metric: 'metric',
  member: 'member',
  token: 'API token',
  workspace: 'workspace',
  webhook: 'webhook endpoint',
};

export const entityTitle = (entity: string) => {
  const word = ENTITIES[entity] ?? entity;
  return word.charAt(0).toUpperCase() + word.slice(1);
};

type Json = Record<string, unknown> | null | undefined;
const obj = (x: unknown): Json =>
  x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : null;

/** "costFormula" → "cost formula". */
export const fieldLabel = (key: string) =>
  key
    .replace(/Id$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();

/** A value in words, short enough for a phone line. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return 'empty';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v) && !Number.isNaN(Date.parse(v))) return dateTime(v);
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The record's own name, as the people who use it know it. */
export function recordLabel(entry: { before: unknown; after: unknown }) {
  for (const side of [obj(entry.after), obj(entry.before)]) {
    const name = side?.title ?? side?.name ?? side?.email ?? side?.variantKey ?? side?.url;
    if (typeof name === 'string' && name) return name;
  }
  return undefined;
}

/** "Ada Admin changed the member “Mia Member”"; `names` knows people and tokens by id (member rows hold no name). */
export function sentence(
  entry: {
    action: string;
    entity: string;
    entityId: string;
    actorName: string | null;
    actorType?: string;
    before: unknown;
    after: unknown;
  },
  names: Map<string, string> = new Map(),
) {
  // Hadi itself acts on a schedule (the weekly review); anyone else without a name is a removed person.
  const who = entry.actorName ?? (entry.actorType === 'system' ? 'Hadi (on schedule)' : 'Someone');
  const verb = VERBS[entry.action] ?? entry.action.replace(/_/g, ' ');
  const what = ENTITIES[entry.entity] ?? entry.entity;
  const label = names.get(entry.entityId) ?? recordLabel(entry);
  if (entry.action === 'accept_invite') return `${who} accepted the invite and joined`;
  return `${who} ${verb} the ${what}${label ? ` “${label}”` : ''}`;
}

export type Change = { field: string; from?: string; to: string };

/** Per field: old → new for changes; the values set for a create. `nameOf` turns a referenced id into its name. */
export function changes(
  entry: { before: unknown; after: unknown },
  nameOf: (id: string) => string | undefined = () => undefined,
): Change[] {
  const before = obj(entry.before);
  const after = obj(entry.after);
  if (!after) return [];
  const text = (key: string, v: unknown) =>
    valueText(key.endsWith('Id') && typeof v === 'string' ? (nameOf(v) ?? v) : v);
  const out: Change[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (NOISE.has(key)) continue;
    if (!before) {
      if (value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
        out.push({ field: fieldLabel(key), to: text(key, value) });
    } else if (JSON.stringify(before[key]) !== JSON.stringify(value)) {
      out.push({ field: fieldLabel(key), from: text(key, before[key]), to: text(key, value) });
    }
  }
  return out;
}
