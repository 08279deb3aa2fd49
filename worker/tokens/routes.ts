import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { apiTokens, ROLES } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { randomToken, sha256Hex } from '../auth/crypto';
import { newId, nowIso } from '../db';
import type { AppEnv } from '../env';
import { idParam, shortText } from '../http/common';
import { notFound } from '../http/errors';
import { valid } from '../http/validate';
import { runAtomic } from '../records/batch';

const tokenView = {
  id: apiTokens.id,
  name: apiTokens.name,
  role: apiTokens.role,
  createdAt: apiTokens.createdAt,
  createdBy: apiTokens.createdBy,
  revokedAt: apiTokens.revokedAt,
};
const TOKEN_PREFIX = 'hadi_';

/** API tokens for integrations (admins only; mounted behind requireRole('admin')). The secret is shown once. */
export const tokensRoutes = new Hono<AppEnv>()
  .get('/', describeRoute({ summary: 'API tokens of the workspace (admins)' }), async (c) => {
    const items = await c
      .get('db')
      .select(tokenView)
      .from(apiTokens)
      .where(eq(apiTokens.workspaceId, c.get('actor').workspaceId))
      .orderBy(desc(apiTokens.createdAt));
    return c.json({ items, nextCursor: null });
  })
  .post('/', valid('json', z.object({ name: shortText(80), role: z.enum(ROLES) })), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const { name, role } = c.req.valid('json');
    const id = newId();
    const token = TOKEN_PREFIX + randomToken();
    await runAtomic(db, [
      db.insert(apiTokens).values({
        id,
        workspaceId: actor.workspaceId,
        name,
        role,
        tokenHash: await sha256Hex(token),
        createdBy: actor.id,
      }),
      auditInsert(db, actor, { action: 'create', entity: 'token', entityId: id, after: { name, role } }),
    ]);
    return c.json({ id, token, name, role }, 201);
  })
  .delete('/:id', valid('param', idParam), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const { id } = c.req.valid('param');
    const where = and(eq(apiTokens.id, id), eq(apiTokens.workspaceId, actor.workspaceId));
    const [token] = await db.select(tokenView).from(apiTokens).where(where).limit(1);
    if (!token) throw notFound('Token');
    if (!token.revokedAt) {
      const revokedAt = nowIso();
      await runAtomic(db, [
        db
          .update(apiTokens)
          .set({ revokedAt })
          .where(and(where, isNull(apiTokens.revokedAt))),
        auditInsert(db, actor, {
          action: 'revoke',
          entity: 'token',
          entityId: id,
          before: { revokedAt: null },
          after: { revokedAt },
        }),
      ]);
    }
    return c.body(null, 204);
  });
