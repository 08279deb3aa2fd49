import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { cycles } from '../../db/schema';
import { requireRole } from '../auth/middleware';
import { illegalMove } from '../cycles/lifecycle';
import type { AppEnv } from '../env';
import { idParam } from '../http/common';
import { ApiError, conflict } from '../http/errors';
import { valid } from '../http/validate';
import { getInWorkspace } from '../records/versioned';
import { MAX_FILE_BYTES } from './decode';
import { importResults } from './store';
import { watchGuardrails } from '../webhooks/guardrails';

/** A 5 MB file as base64 inside JSON, with room for the name → variant mapping. */
export const IMPORT_MAX_BODY_BYTES = Math.ceil((MAX_FILE_BYTES * 4) / 3) + 256 * 1024;
/** The one route with a larger body than the app-wide 1 MB (worker/app.ts skips its limit here). */
export const IMPORT_PATH = /^\/api\/cycles\/[^/]+\/imports\/?$/;

export const importBody = z.object({
  content: z.string().min(1, 'required: the exported file as text, or base64 of its bytes'),
  encoding: z.literal('base64').optional(),
  variants: z
    .record(z.string().trim().min(1).max(300), z.string().min(1).max(32))
    .refine((v) => Object.keys(v).length <= 500, 'at most 500 names')
    .default({}),
  dryRun: z.boolean().default(false),
});

export const importsRoutes = new Hono<AppEnv>().post(
  '/:id/imports',
  requireRole('member'),
  bodyLimit({
    maxSize: IMPORT_MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', 'The file is larger than 5 MB: export a shorter date range');
    },
  }),
  valid('param', idParam),
  valid('json', importBody),
  async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const cycle = await getInWorkspace(db, cycles, actor.workspaceId, c.req.valid('param').id, 'Cycle');
    const why = illegalMove(cycle.status, 'add_results');
    if (why) throw conflict(why, cycle, 'illegal_transition');
    const body = c.req.valid('json');
    const run = () => importResults(db, actor, cycle, body);
    const answer = body.dryRun ? await run() : await watchGuardrails(c, cycle, run);
    return c.json(answer, !body.dryRun && answer.created > 0 ? 201 : 200);
  },
);
