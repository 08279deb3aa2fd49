import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { idParam } from '../http/common';
import { valid } from '../http/validate';
import { loadChain } from './queries';

/** GET /api/hypotheses/:id/chain — the whole HADI chain around one idea in one call; every role reads it. */
export const chainRoutes = new Hono<AppEnv>().get('/:id/chain', valid('param', idParam), async (c) =>
  c.json(await loadChain(c.get('db'), c.get('actor').workspaceId, c.req.valid('param').id)),
);
