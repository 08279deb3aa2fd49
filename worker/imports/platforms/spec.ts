import type { Field, PlatformId } from '../types';

/**
 * How one platform names its columns (lower-case, currency suffix removed, preferred name first) and what
 * gives its files away: headers no other platform uses, and title or footer lines.
 */
export type PlatformSpec = {
  id: Exclude<PlatformId, 'hadi'>;
  label: string;
  columns: Partial<Record<Field, string[]>>;
  markers: string[];
  lines: RegExp[];
};
