import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { zodError } from './errors';

/** zValidator with Hadi's 400 body: `{ error: { code, message, fields: { "<path>": "<why>" } } }`. */
export const valid = <T extends ZodType, K extends keyof ValidationTargets>(target: K, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw zodError(result.error.issues);
  });
