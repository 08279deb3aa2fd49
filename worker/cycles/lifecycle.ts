import type { CycleStatus, Role } from '../../db/schema';
import { hasRole } from '../auth/roles';

/**
 * The HADI cycle state machine: draft → running → review → closed, and any open state → aborted.
 * Pure, so the rules are unit-tested without HTTP.
 */
export type CycleAction = 'edit_design' | 'edit_notes' | 'launch' | 'review' | 'close' | 'abort' | 'add_results';

const ALLOWED: Record<CycleAction, readonly CycleStatus[]> = {
  edit_design: ['draft'],
  edit_notes: ['draft', 'running', 'review'],
  launch: ['draft'],
  review: ['running'],
  close: ['running', 'review'],
  abort: ['draft', 'running', 'review'],
  add_results: ['running', 'review'],
};

const WHY_NOT: Record<CycleAction, (status: CycleStatus) => string> = {
  edit_design: (s) => `The design and decision rule were locked when the cycle launched (it is ${s})`,
  edit_notes: (s) => `A ${s} cycle cannot be changed`,
  launch: (s) => `Only a draft can be launched; this cycle is ${s}`,
  review: (s) => `Only a running cycle can move to review; this cycle is ${s}`,
  close: (s) =>
    s === 'draft'
      ? 'A draft has no results to decide on; launch it or abort it'
      : `A ${s} cycle cannot be closed again`,
  abort: (s) => `A ${s} cycle cannot be aborted`,
  add_results: (s) => (s === 'draft' ? 'Launch the cycle before adding results' : `Results of a ${s} cycle are final`),
};

/** Returns why the action is illegal in this state, or null when it is allowed. */
export function illegalMove(status: CycleStatus, action: CycleAction): string | null {
  return ALLOWED[action].includes(status) ? null : WHY_NOT[action](status);
}

/** Fields that may still change after launch: naming and the planned end, never the design or rule. */
export const NOTE_FIELDS = ['name', 'plannedEnd'] as const;

export function classifyEdit(patch: Record<string, unknown>): 'edit_design' | 'edit_notes' {
  return Object.keys(patch).every((k) => (NOTE_FIELDS as readonly string[]).includes(k)) ? 'edit_notes' : 'edit_design';
}

/** A budget above the objective's approval threshold needs an admin to launch. */
export function launchNeedsAdmin(budget: number | null, threshold: number | null | undefined, role: Role): boolean {
  return budget != null && threshold != null && budget > threshold && !hasRole(role, 'admin');
}

export const hypothesisStatusAfter = { ship: 'validated', kill: 'invalidated', iterate: 'parked' } as const;

/** The decision is an override when it departs from the rule's verdict (including closing before the rule decided). */
export const isOverride = (decision: 'ship' | 'kill' | 'iterate', verdict: string) => decision !== verdict;
