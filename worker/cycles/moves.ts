import type { cycles } from '../../db/schema';
import { conflict } from '../http/errors';
import { type CycleAction, illegalMove } from './lifecycle';

/** A 409 naming why, when the cycle's state does not allow this action. */
export function assertMove(cycle: typeof cycles.$inferSelect, action: CycleAction) {
  const why = illegalMove(cycle.status, action);
  if (why) throw conflict(why, cycle, 'illegal_transition');
}
