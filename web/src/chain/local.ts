import { assembleChain, type Chain } from '../../../worker/chain/assemble';
import { cycles, hypotheses, learnings } from '../data';

export type { Chain };

/** The chain from this device's copies (offline, and for the small links inside other screens). */
export const localChain = (hypothesisId: string): Chain | null =>
  assembleChain(hypothesisId, { hypotheses: hypotheses(), cycles: cycles(), learnings: learnings() });
