import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { resolver, uniqueSymbol } from 'hono-openapi';
import type { ZodType } from 'zod';
import { zodError } from './errors';

/**
 * zValidator with Hadi's 400 body: `{ error: { code, message, fields: { "<path>": "<why>" } } }`.
 * It also carries hono-openapi's marker, so the schema that validates a request is the one the OpenAPI
 * document (worker/openapi/) describes: the document cannot drift from what the API accepts.
 */
export const valid = <T extends ZodType, K extends keyof ValidationTargets>(target: K, schema: T) =>
  Object.assign(
    zValidator(target, schema, (result) => {
      if (!result.success) throw zodError(result.error.issues);
    }),
    { [uniqueSymbol]: { target, ...resolver(schema) } },
  );
