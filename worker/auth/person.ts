import type { Actor } from '../env';
import { ApiError } from '../http/errors';

/**
 * The signed-in person behind a request. Switching, invitations and new workspaces belong to a person;
 * an API token is bound to the one workspace it was made in and gets a 403 for them.
 */
export function personOf(actor: Actor) {
  if (actor.type !== 'member' || !actor.userId)
    throw new ApiError(403, 'token_workspace', 'An API token acts only in the workspace it was made in');
  return { ...actor, userId: actor.userId };
}
