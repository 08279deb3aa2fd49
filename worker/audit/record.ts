import { auditEntries } from '../../db/schema';
import { newId, type Db } from '../db';
import type { Actor } from '../env';

export type AuditChange = { action: string; entity: string; entityId: string; before?: unknown; after?: unknown };

/** The audit row for a write; always placed in the same batch as the write it describes. */
export const auditInsert = (db: Db, actor: Pick<Actor, 'id' | 'type' | 'workspaceId'>, change: AuditChange) =>
  db.insert(auditEntries).values({
    id: newId(),
    workspaceId: actor.workspaceId,
    actorId: actor.id,
    actorType: actor.type,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId,
    before: change.before ?? null,
    after: change.after ?? null,
  });
