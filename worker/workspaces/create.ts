import { channels, members, metrics, users, workspaces } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { hashPassword } from '../auth/crypto';
import { newId, type Db } from '../db';
import { abortUnless, runAtomic } from '../records/batch';
import { DEFAULT_CHANNELS, DEFAULT_METRICS } from './defaults';

export type NewWorkspace = { workspace: string; name: string; email: string; password: string };

/**
 * A workspace, its first admin and its default channels and metrics, in one batch.
 * With `onlyIfNoUsers` the batch aborts unless its user is the only one, so two racing first-run
 * setups cannot both succeed.
 */
export async function createWorkspace(db: Db, input: NewWorkspace, options: { onlyIfNoUsers?: boolean } = {}) {
  const workspaceId = newId();
  const userId = newId();
  const memberId = newId();
  const password = await hashPassword(input.password);
  const email = input.email.trim().toLowerCase();
  const actor = { id: memberId, type: 'member' as const, workspaceId };
  await runAtomic(db, [
    db.insert(workspaces).values({ id: workspaceId, name: input.workspace }),
    db.insert(users).values({
      id: userId,
      email,
      name: input.name,
      passwordHash: password.hash,
      passwordSalt: password.salt,
      passwordIterations: password.iterations,
    }),
    ...(options.onlyIfNoUsers ? [abortUnless(db, '(SELECT count(*) FROM users) = 1')] : []),
    db.insert(members).values({ id: memberId, workspaceId, userId, role: 'admin', status: 'active' }),
    db.insert(channels).values(DEFAULT_CHANNELS.map((channel) => ({ id: newId(), workspaceId, ...channel }))),
    db.insert(metrics).values(DEFAULT_METRICS.map((metric) => ({ id: newId(), workspaceId, ...metric }))),
    auditInsert(db, actor, {
      action: 'create',
      entity: 'workspace',
      entityId: workspaceId,
      after: { name: input.workspace, admin: email },
    }),
  ]);
  return { workspaceId, userId, memberId };
}
