import type { BatchItem } from 'drizzle-orm/batch';
import { channels, members, metrics, users, workspaces } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { hashPassword } from '../auth/crypto';
import { newId, type Db } from '../db';
import { abortUnless, runAtomic } from '../records/batch';
import { DEFAULT_CHANNELS, DEFAULT_METRICS } from './defaults';

export type NewWorkspace = { workspace: string; name: string; email: string; password: string };
export type WorkspaceSettings = { name: string; currency?: string | undefined; timeZone?: string | undefined };

/** The rows of a new workspace for an existing user: the workspace, its first admin, default channels and metrics. */
function workspaceRows(db: Db, settings: WorkspaceSettings, userId: string, admin: string) {
  const workspaceId = newId();
  const memberId = newId();
  const actor = { id: memberId, type: 'member' as const, workspaceId };
  const statements: BatchItem<'sqlite'>[] = [
    db.insert(workspaces).values({
      id: workspaceId,
      name: settings.name,
      ...(settings.currency && { currency: settings.currency }),
      ...(settings.timeZone && { timeZone: settings.timeZone }),
    }),
    db.insert(members).values({ id: memberId, workspaceId, userId, role: 'admin', status: 'active' }),
    db.insert(channels).values(DEFAULT_CHANNELS.map((channel) => ({ id: newId(), workspaceId, ...channel }))),
    db.insert(metrics).values(DEFAULT_METRICS.map((metric) => ({ id: newId(), workspaceId, ...metric }))),
    auditInsert(db, actor, {
      action: 'create',
      entity: 'workspace',
      entityId: workspaceId,
      after: { name: settings.name, currency: settings.currency ?? 'EUR', timeZone: settings.timeZone ?? 'UTC', admin },
    }),
  ];
  return { workspaceId, memberId, statements };
}

/**
 * First run: a workspace, its first admin (a new user) and its default channels and metrics, in one batch.
 * With `onlyIfNoUsers` the batch aborts unless its user is the only one, so two racing first-run
 * setups cannot both succeed.
 */
export async function createWorkspace(db: Db, input: NewWorkspace, options: { onlyIfNoUsers?: boolean } = {}) {
  const userId = newId();
  const password = await hashPassword(input.password);
  const email = input.email.trim().toLowerCase();
  const { workspaceId, memberId, statements } = workspaceRows(db, { name: input.workspace }, userId, email);
  const [workspace, ...rest] = statements;
  await runAtomic(db, [
    workspace!,
    db.insert(users).values({
      id: userId,
      email,
      name: input.name,
      passwordHash: password.hash,
      passwordSalt: password.salt,
      passwordIterations: password.iterations,
    }),
    ...(options.onlyIfNoUsers ? [abortUnless(db, '(SELECT count(*) FROM users) = 1')] : []),
    ...rest,
  ]);
  return { workspaceId, userId, memberId };
}

/** A signed-in person starts another workspace and becomes its admin (an agency adding a client). */
export async function createWorkspaceFor(db: Db, userId: string, settings: WorkspaceSettings) {
  const { workspaceId, memberId, statements } = workspaceRows(db, settings, userId, userId);
  await runAtomic(db, statements);
  return { workspaceId, memberId };
}
